import { useState } from 'react';
import { query } from '../api';
import type { Enterprise, User } from '../api-types';
import { DownloadButton } from '../common/DownloadButton';
import { Pager } from '../common/Pager';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { can } from '../domain';
import { useI18n } from '../i18n';
import { TIERS } from './format';
import { useAppealOptions } from './useAppealOptions';

const PAGE_SIZE = 50;

/** The enterprise registry: search by name or credit code, district, whitelist tier; import and export. */
export function Enterprises({ user }: { user: User }) {
  const { t, label } = useI18n();
  const options = useAppealOptions();
  const [f, setF] = useState<Record<string, string>>({});
  const [page, setPage] = useState(1);
  const set = (k: string, v: string) => {
    setF((x) => ({ ...x, [k]: v }));
    setPage(1);
  };
  const list = useApi<{ total: number; items: Enterprise[] }>(
    `/api/v1/enterprises${query({ ...f, page, pageSize: PAGE_SIZE })}`,
  );
  return (
    <div data-testid="enterprises">
      <div className="appeal-toolbar">
        <input
          type="search"
          placeholder={t('appeals.searchEnterprise')}
          aria-label={t('appeals.searchEnterprise')}
          value={f.q ?? ''}
          onChange={(e) => set('q', e.target.value)}
          data-testid="enterprise-q"
        />
        <select
          aria-label={t('appeals.district')}
          value={f.district ?? ''}
          onChange={(e) => set('district', e.target.value)}
        >
          <option value="">{t('appeals.district')}</option>
          {options.data?.districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
        <select
          aria-label={t('appeals.tiers')}
          value={f.tier ?? ''}
          onChange={(e) => set('tier', e.target.value)}
          data-testid="enterprise-tier"
        >
          <option value="">{t('appeals.allTiers')}</option>
          {TIERS.map((x) => (
            <option key={x} value={x}>
              {label('appeals.tier', x)}
            </option>
          ))}
        </select>
        <label>
          <input
            type="checkbox"
            checked={f.whitelisted === 'true'}
            onChange={(e) => set('whitelisted', e.target.checked ? 'true' : '')}
          />
          {t('appeals.whitelistedOnly')}
        </label>
        <DownloadButton
          path={`/api/v1/enterprises/export.xlsx${query(f)}`}
          fileName="enterprises.xlsx"
          busyLabel="…"
          testId="enterprise-export"
        >
          {t('appeals.export')}
        </DownloadButton>
        {can(user, 'enterprises:write') && (
          <a className="btn" href="#/appeals/enterprises/import" data-testid="enterprise-import">
            {t('appeals.import')}
          </a>
        )}
      </div>
      {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <div className={`table-wrap${list.loading ? ' stale' : ''}`}>
          <table className="table" data-testid="enterprise-list">
            <thead>
              <tr>
                <th>{t('appeals.name')}</th>
                <th>{t('appeals.creditCode')}</th>
                <th>{t('appeals.industry')}</th>
                <th>{t('appeals.district')}</th>
                <th>{t('appeals.size')}</th>
                <th>{t('appeals.tiers')}</th>
                <th>{t('appeals.liaisonCadre')}</th>
                <th>{t('appeals.contact')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <a href={`#/appeals/enterprises/${e.creditCode}`} data-testid="enterprise-link">
                      {e.name}
                    </a>
                    {can(user, 'economy:read') && (
                      <a
                        className="enterprise-power"
                        href={`#/economy/firms/${encodeURIComponent(e.creditCode)}`}
                        data-testid="enterprise-power"
                      >
                        {t('economy.firm.open')}
                      </a>
                    )}
                  </td>
                  <td className="mono">{e.creditCode}</td>
                  <td>{e.industry}</td>
                  <td>{e.districtName}</td>
                  <td>{label('appeals.size', e.size)}</td>
                  <td>
                    <Tiers tiers={e.tiers} />
                  </td>
                  <td>{e.liaison?.name ?? ''}</td>
                  <td>
                    {e.contactName ?? ''} {e.phone ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager page={page} pageSize={PAGE_SIZE} total={list.data.total} onPage={setPage} />
        </div>
      )}
    </div>
  );
}

/** Whitelist tiers as small labels. */
export function Tiers({ tiers }: { tiers: string[] }) {
  const { label } = useI18n();
  return (
    <>
      {tiers.map((x) => (
        <span key={x} className={`appeal-tier appeal-tier-${x}`}>
          {label('appeals.tier', x)}
        </span>
      ))}
    </>
  );
}
