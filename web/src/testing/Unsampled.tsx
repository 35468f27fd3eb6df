import { useState } from 'react';
import { query } from '../api';
import type { UnsampledPerson } from '../api-types';
import { DownloadButton } from '../common/DownloadButton';
import { Pager } from '../common/Pager';
import { Empty, ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';

const PAGE_SIZE = 50;
/** The server answers at most this many people per community. */
const SERVER_LIMIT = 5000;

interface Props {
  campaign: string;
  round: number;
  community: string;
  communityName: string;
}

/** Residents of a community with no sample in the round (masked), for the task force's door-to-door sweep. */
export function Unsampled({ campaign, round, community, communityName }: Props) {
  const { t, formatNumber } = useI18n();
  const [page, setPage] = useState(1);
  const list = useApi<{ items: UnsampledPerson[] }>(
    `/api/v1/campaigns/${encodeURIComponent(campaign)}/unsampled${query({ round, community })}`,
  );
  const items = list.data?.items;
  const pages = Math.max(1, Math.ceil((items?.length ?? 0) / PAGE_SIZE));
  const current = Math.min(page, pages);

  return (
    <section className="card unsampled-card" data-testid="unsampled">
      <div className="card-header">
        <h2>
          {t('testing.unsampled.title')} · {communityName}
        </h2>
        <div className="page-actions">
          {items && (
            <span className="muted small" data-testid="unsampled-total">
              {t('testing.unsampled.count', { n: formatNumber(items.length) })}
            </span>
          )}
          {items && items.length > 0 && (
            <span title={t('testing.export.hint')}>
              <DownloadButton
                path={`/api/v1/campaigns/${encodeURIComponent(campaign)}/unsampled.xlsx${query({ round, community })}`}
                fileName={`unsampled-${campaign}-r${round}-${community}.xlsx`}
                busyLabel={t('testing.export.working')}
                className="btn btn-small"
                testId="unsampled-export"
              >
                {t('testing.export.xlsx')}
              </DownloadButton>
            </span>
          )}
        </div>
      </div>
      <p className="muted small">{t('testing.unsampled.hint')}</p>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !items && <Loading />}
      {items && list.error === undefined && (
        <div className={list.loading ? 'stale' : undefined}>
          {items.length === 0 ? (
            <Empty />
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="unsampled-table">
                <thead>
                  <tr>
                    <th scope="col">{t('testing.unsampled.idNumber')}</th>
                    <th scope="col">{t('testing.unsampled.name')}</th>
                    <th scope="col">{t('testing.unsampled.phone')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.slice((current - 1) * PAGE_SIZE, current * PAGE_SIZE).map((p) => (
                    <tr key={p.id}>
                      <td className="mono">{p.idNumberMasked}</td>
                      <td>{p.nameMasked}</td>
                      <td className="mono">{p.phoneMasked ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {items.length >= SERVER_LIMIT && (
            <p className="notice notice-warn">{t('testing.unsampled.capped', { n: formatNumber(SERVER_LIMIT) })}</p>
          )}
          {items.length > PAGE_SIZE && (
            <Pager page={current} pageSize={PAGE_SIZE} total={items.length} onPage={setPage} />
          )}
        </div>
      )}
    </section>
  );
}
