import { useState } from 'react';
import { api, query } from '../api';
import { DownloadButton } from '../common/DownloadButton';
import { Pager } from '../common/Pager';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { can, type User } from '../types';
import { MarkForms } from './MarkForms';
import { beijing, KINDS, useTracingStrings } from './strings';
import type { Mark } from './types';
import './tracing.css';

const PAGE = 50;

/** 流调 / Tracing: the marks list with filters and export, co-presence tracing, and the forms. */
export function Tracing({ user }: { user: User }) {
  const s = useTracingStrings();
  const [kind, setKind] = useState('');
  const [district, setDistrict] = useState('');
  const [active, setActive] = useState('true');
  const [page, setPage] = useState(1);
  const [nonce, setNonce] = useState(0);
  const filter = { kind, district: /^\d{6}$/.test(district) ? district : undefined, active };
  const list = useApi<{ total: number; items: Mark[] }>(
    `/api/v1/tracing/marks${query({ ...filter, page, pageSize: PAGE, n: nonce })}`,
  );
  const changed = () => setNonce((n) => n + 1);
  const writer = can(user, 'tracing:write');
  return (
    <section className="page tracing-page">
      <header className="page-header">
        <h1>{s('title')}</h1>
        <DownloadButton
          path={`/api/v1/tracing/marks.xlsx${query(filter)}`}
          fileName="tracing-marks.xlsx"
          busyLabel={s('exporting')}
          testId="tracing-export"
        >
          {s('export')}
        </DownloadButton>
      </header>
      <p className="muted">{s('intro')}</p>
      {writer && <MarkForms onChanged={changed} />}
      <div className="filters tracing-filters">
        <select
          aria-label={s('kind')}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value);
            setPage(1);
          }}
          data-testid="tracing-kind"
        >
          <option value="">{s('allKinds')}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {s(`kind.${k}`)}
            </option>
          ))}
        </select>
        <input
          value={district}
          onChange={(e) => {
            setDistrict(e.target.value.trim());
            setPage(1);
          }}
          placeholder={s('district')}
          aria-label={s('district')}
          inputMode="numeric"
          maxLength={6}
        />
        <select
          aria-label={s('status')}
          value={active}
          onChange={(e) => {
            setActive(e.target.value);
            setPage(1);
          }}
        >
          <option value="">{s('allStates')}</option>
          <option value="true">{s('active')}</option>
          <option value="false">{s('closed')}</option>
        </select>
      </div>
      {list.error ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <Loading />
      ) : (
        <>
          <p className="muted small">{s('shown', { total: list.data.total })}</p>
          <MarksTable items={list.data.items} writer={writer} onChanged={changed} />
          <Pager page={page} pageSize={PAGE} total={list.data.total} onPage={setPage} />
        </>
      )}
    </section>
  );
}

function MarksTable({ items, writer, onChanged }: { items: Mark[]; writer: boolean; onChanged: () => void }) {
  const s = useTracingStrings();
  const { lang } = useI18n();
  if (!items.length) return <p className="muted">{s('none')}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid="tracing-marks">
        <thead>
          <tr>
            <th>{s('person')}</th>
            <th>{s('kind')}</th>
            <th>{s('since')}</th>
            <th>{s('case')}</th>
            <th>{s('detail')}</th>
            <th>{s('source')}</th>
            <th>{s('effect')}</th>
            {writer && <th />}
          </tr>
        </thead>
        <tbody>
          {items.map((m) => (
            <tr key={m.id} data-kind={m.kind}>
              <td>
                {m.person.name} <span className="muted small mono">{m.person.idNumber}</span>
              </td>
              <td>{s(`kind.${m.kind}` as 'kind.arrival')}</td>
              <td className="mono">{beijing(m.since)}</td>
              <td className="mono">{m.caseNo ?? '—'}</td>
              <td>{m.zone ?? m.origin ?? '—'}</td>
              <td>{s(`source.${m.source}` as 'source.manual')}</td>
              <td className="wrap">
                {m.effect ? (
                  <span className={`mark-effect effect-${m.effect}`} data-testid="mark-effect">
                    {s(`effect.${m.effect}`)}
                  </span>
                ) : (
                  s(`status.${m.status}` as 'status.active')
                )}
                {m.reason && <div className="muted small">{m.reason[lang === 'en' ? 'en' : 'zh-CN']}</div>}
                {m.closeReason && <div className="muted small">{m.closeReason}</div>}
                {m.schedule && m.status === 'active' && (
                  <div className="muted small" data-testid="mark-schedule">
                    {m.schedule.identified
                      ? s('schedule', {
                          pcr: m.schedule.pcr.map((p) => p.date.slice(5)).join(' '),
                          ends: m.schedule.endsOn ?? '',
                          policy: m.schedule.policyId,
                        })
                      : s('notIdentified', { policy: m.schedule.policyId })}
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
  const s = useTracingStrings();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  if (!open)
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)}>
        {s('withdraw')}
      </button>
    );
  const submit = async () => {
    setError(null);
    try {
      await api(`/api/v1/tracing/marks/${id}/close`, { method: 'POST', body: { reason } });
      onDone();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <div className="withdraw-form">
      <input
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={s('withdrawReason')}
        aria-label={s('withdrawReason')}
      />
      <button
        type="button"
        className="btn btn-small btn-primary"
        disabled={!reason.trim()}
        onClick={() => void submit()}
      >
        {s('confirm')}
      </button>
      <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
        {s('cancel')}
      </button>
      {error ? <ErrorBox error={error} /> : null}
    </div>
  );
}
