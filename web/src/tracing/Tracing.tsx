import { useState } from 'react';
import { api, query } from '../api';
import type { Mark, User } from '../api-types';
import { DownloadButton } from '../common/DownloadButton';
import { beijing } from '../common/dates';
import { Pager } from '../common/Pager';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { can } from '../domain';
import { useI18n } from '../i18n';
import { useDistricts } from '../testing/useDistricts';
import { KINDS } from './kinds';
import { MarkForms } from './MarkForms';
import './tracing.css';

const PAGE = 50;

/** 流调 / Tracing: the marks list with filters and export, co-presence tracing, and the forms. */
export function Tracing({ user }: { user: User }) {
  const { t } = useI18n();
  const [kind, setKind] = useState('');
  const [district, setDistrict] = useState('');
  const [active, setActive] = useState('true');
  const [page, setPage] = useState(1);
  const [nonce, setNonce] = useState(0);
  // The district is picked by name from the divisions the user may see (a district officer: their own).
  const { districts, city } = useDistricts(user);
  const filter = { kind, district: district || undefined, active };
  const list = useApi<{ total: number; items: Mark[] }>(
    `/api/v1/tracing/marks${query({ ...filter, page, pageSize: PAGE, n: nonce })}`,
  );
  const changed = () => setNonce((n) => n + 1);
  const writer = can(user, 'tracing:write');
  return (
    <section className="page tracing-page">
      <header className="page-header">
        <h1>{t('tracing.title')}</h1>
        <DownloadButton
          path={`/api/v1/tracing/marks.xlsx${query(filter)}`}
          fileName="tracing-marks.xlsx"
          busyLabel={t('tracing.exporting')}
          testId="tracing-export"
        >
          {t('tracing.export')}
        </DownloadButton>
      </header>
      <p className="muted">{t('tracing.intro')}</p>
      {writer && <MarkForms onChanged={changed} />}
      <div className="filters tracing-filters">
        <select
          aria-label={t('tracing.kind')}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value);
            setPage(1);
          }}
          data-testid="tracing-kind"
        >
          <option value="">{t('tracing.allKinds')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`tracing.kind.${k}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('tracing.district')}
          value={district}
          onChange={(e) => {
            setDistrict(e.target.value);
            setPage(1);
          }}
          data-testid="tracing-district"
        >
          {city && <option value="">{t('tracing.allDistricts')}</option>}
          {districts?.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </select>
        <select
          aria-label={t('tracing.status')}
          value={active}
          onChange={(e) => {
            setActive(e.target.value);
            setPage(1);
          }}
        >
          <option value="">{t('tracing.allStates')}</option>
          <option value="true">{t('tracing.active')}</option>
          <option value="false">{t('tracing.closed')}</option>
        </select>
      </div>
      {list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <>
          <p className="muted small">{t('tracing.shown', { total: list.data.total })}</p>
          <MarksTable items={list.data.items} writer={writer} onChanged={changed} />
          <Pager page={page} pageSize={PAGE} total={list.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}

function MarksTable({ items, writer, onChanged }: { items: Mark[]; writer: boolean; onChanged: () => void }) {
  const { t, label, lang } = useI18n();
  if (!items.length) return <p className="muted">{t('tracing.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="tracing-marks">
        <thead>
          <tr>
            <th>{t('tracing.person')}</th>
            <th>{t('tracing.kind')}</th>
            <th>{t('tracing.since')}</th>
            <th>{t('tracing.case')}</th>
            <th>{t('tracing.detail')}</th>
            <th>{t('tracing.source')}</th>
            <th>{t('tracing.effect')}</th>
            {writer && <th />}
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id} data-kind={m.kind}>
              <td>
                {m.person.name} <span className="muted small mono">{m.person.idNumber}</span>
              </td>
              <td>{label('tracing.kind', m.kind)}</td>
              <td className="mono">{beijing(m.since)}</td>
              <td className="mono">{m.caseNo ?? '—'}</td>
              <td>{m.zone ?? m.origin ?? '—'}</td>
              <td>{label('tracing.source', m.source)}</td>
              <td className="wrap">
                {m.effect ? (
                  <span className={`mark-effect effect-${m.effect}`} data-testid="mark-effect">
                    {label('tracing.effect', m.effect)}
                  </span>
                ) : (
                  label('tracing.status', m.status)
                )}
                {m.reason && <div className="muted small">{m.reason[lang === 'en' ? 'en' : 'zh-CN']}</div>}
                {m.closeReason && <div className="muted small">{m.closeReason}</div>}
                {m.schedule && m.status === 'active' && (
                  <div className="muted small" data-testid="mark-schedule">
                    {m.schedule.identified
                      ? t('tracing.schedule', {
                          pcr: m.schedule.pcr.map((p) => p.date.slice(5)).join(' '),
                          ends: m.schedule.endsOn ?? '',
                          policy: m.schedule.policyId,
                        })
                      : t('tracing.notIdentified', { policy: m.schedule.policyId })}
                  </div>
                )}
              </td>
              {writer && <td>{m.status === 'active' && <Withdraw id={m.id} onDone={onChanged} />}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Withdraw({ id, onDone }: { id: number; onDone: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = useSubmit(async () => {
    await api(`/api/v1/tracing/marks/${id}/close`, { method: 'POST', body: { reason } });
    onDone();
  });
  if (!open)
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        {t('tracing.withdraw')}
      </button>
    );
  return (
    <div className="withdraw-form">
      <input
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={t('tracing.withdrawReason')}
        aria-label={t('tracing.withdrawReason')}
      />
      <button
        type="button"
        className="btn btn-small btn-primary"
        disabled={withdraw.busy || !reason.trim()}
        onClick={() => void withdraw.run()}
      >
        {t('tracing.confirm')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
      {withdraw.error !== undefined && <ErrorBox error={withdraw.error} />}
    </div>
  );
}
