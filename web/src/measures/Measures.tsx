import { useState } from 'react';
import { api, query } from '../api';
import type { Division, MeasureList, NoticeList, NoticeReopened, User } from '../api-types';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { useBusinessToday } from '../common/clock';
import { navigateQuery, useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { can } from '../domain';
import { useI18n } from '../i18n';
import { paramWords } from './paramWords';
import { SuspendForm } from './SuspendForm';
import './measures.css';

type Notice = NoticeList['items'][number];

/**
 * 防控措施: the measures in force on a day, each with the notice that published it and what enforces
 * it (linked), and the venue suspension notices with what each suspended and still holds; the
 * command centre suspends by a new notice and reopens by one.
 */
export function Measures({ user }: { user: User }) {
  const { t, label, lang, formatNumber } = useI18n();
  const q = useQuery();
  const today = useBusinessToday();
  const day = q.date || today;
  const measures = useApi<MeasureList>(`/api/v1/measures${query({ date: day })}`);
  const notices = useApi<NoticeList>('/api/v1/venue-notices');
  const districts = useApi<{ items: Division[] }>('/api/v1/divisions?level=district');
  const name = (code: string) => districts.data?.items.find((d) => d.code === code)?.name ?? code;
  const area = (cityWide: boolean, ds: string[]) => (cityWide ? t('measures.city') : ds.map(name).join('、'));
  const [creating, setCreating] = useState(false);
  const [reopening, setReopening] = useState<Notice | null>(null);
  const [done, setDone] = useState('');
  const write = can(user, 'venues:write');
  const reopen = useSubmit(async (n: Notice) => {
    const r = await api<NoticeReopened>('/api/v1/venue-notices/reopen', {
      method: 'POST',
      body: { noticeNo: n.noticeNo },
    });
    setDone(t('measures.reopenDone', { n: r.restored }));
    notices.reload();
    measures.reload();
  });
  const textOf = (m: MeasureList['items'][number]) => (lang === 'en' ? m.text.en : m.text['zh-CN']);
  // A parameter path or rule in words (its path stays on the link's title); a notice number or campaign code is a name already.
  const refWords = (kind: string, ref: string) =>
    kind === 'policy' || kind === 'checkpoint' ? paramWords(label, ref) : ref;

  return (
    <section className="page measures" data-testid="measures">
      <header className="page-header">
        <h1>{t('measures.title')}</h1>
        <label>
          {t('measures.day')}{' '}
          <input
            type="date"
            value={day}
            onChange={(e) => navigateQuery(['measures'], { date: e.target.value, notice: q.notice })}
            data-testid="measures-day"
          />
        </label>
      </header>
      <div className="card">
        <h2>{t('measures.inForce', { date: day })}</h2>
        {measures.error !== undefined && <ErrorBox error={measures.error} onRetry={measures.reload} />}
        {measures.loading && !measures.data && <Loading />}
        {measures.data &&
          (measures.data.items.length === 0 ? (
            <p className="muted">{t('measures.none')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="measures-table">
                <thead>
                  <tr>
                    <th>{t('measures.kind')}</th>
                    <th>{t('measures.text')}</th>
                    <th>{t('measures.area')}</th>
                    <th>{t('measures.period')}</th>
                    <th>{t('measures.notice')}</th>
                    <th>{t('measures.enforcedBy')}</th>
                  </tr>
                </thead>
                <tbody>
                  {measures.data.items.map((m) => (
                    <tr
                      key={m.id}
                      data-testid="measure-row"
                      data-kind={m.kind}
                      className={q.notice === m.noticeNo ? 'selected' : undefined}
                    >
                      <td>{label('measures.kind', m.kind)}</td>
                      <td className="wrap">{textOf(m)}</td>
                      <td className="area">{area(m.cityWide, m.districts)}</td>
                      <td>{m.to ? `${m.from} – ${m.to}` : t('measures.open', { from: m.from })}</td>
                      <td>{m.noticeNo}</td>
                      <td>
                        {m.enforcedBy ? (
                          <>
                            <span className="muted">{label('measures.enforcer', m.enforcedBy.kind)}</span>{' '}
                            {m.enforcedBy.href ? (
                              <a href={m.enforcedBy.href} title={m.enforcedBy.ref} data-testid="measure-enforcer">
                                {refWords(m.enforcedBy.kind, m.enforcedBy.ref)}
                              </a>
                            ) : (
                              refWords(m.enforcedBy.kind, m.enforcedBy.ref)
                            )}
                            {m.enforcedBy.state !== null && (
                              <div className="small">
                                {m.enforcedBy.kind === 'suspension'
                                  ? m.enforcedBy.state === 'reopened'
                                    ? t('measures.reopened')
                                    : t('measures.held', { n: formatNumber(Number(m.enforcedBy.state)) })
                                  : `${m.enforcedBy.state} · ${t('measures.policyOf', { id: measures.data?.policy ?? '' })}`}
                              </div>
                            )}
                          </>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </div>
      <div className="card">
        <div className="measures-notices-head">
          <h2>{t('measures.notices')}</h2>
          {write && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => setCreating(true)}
              data-testid="notice-create"
            >
              {t('measures.create')}
            </button>
          )}
        </div>
        {done && (
          <p className="notice" role="status" data-testid="notice-done">
            {done}
          </p>
        )}
        {reopen.error !== undefined && <ErrorBox error={reopen.error} />}
        {notices.error !== undefined && <ErrorBox error={notices.error} onRetry={notices.reload} />}
        {notices.data &&
          (notices.data.items.length === 0 ? (
            <p className="muted">{t('measures.noNotices')}</p>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="notices-table">
                <thead>
                  <tr>
                    <th>{t('measures.noticeNo')}</th>
                    <th>{t('measures.takes')}</th>
                    <th>{t('measures.area')}</th>
                    <th>{t('measures.effective')}</th>
                    <th className="num">{t('measures.suspended')}</th>
                    <th className="num">{t('measures.stillHeld')}</th>
                    <th>{t('measures.reopenedAt')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {notices.data.items.map((n) => (
                    <tr
                      key={n.noticeNo}
                      data-testid="notice-row"
                      className={q.notice === n.noticeNo ? 'selected' : undefined}
                    >
                      <td className="wrap">
                        <strong>{n.noticeNo}</strong>
                        <div className="muted small">{n.title}</div>
                      </td>
                      <td className="wrap">
                        {n.categories.map((c) => label('venues.category', c)).join('、')}
                        {n.kinds.length > 0 && `：${n.kinds.map((k) => label('measures.noticeKind', k)).join('、')}`}
                      </td>
                      <td>{area(n.cityWide, n.districts)}</td>
                      <td>{n.effectiveOn}</td>
                      <td className="num">{formatNumber(n.suspended)}</td>
                      <td className="num">
                        <a href={`#/venues?notice=${encodeURIComponent(n.noticeNo)}`}>{formatNumber(n.held)}</a>
                      </td>
                      <td>{n.reopenedAt ? n.reopenedAt.slice(0, 10) : '—'}</td>
                      <td>
                        {write && !n.reopenedAt && (
                          <button
                            type="button"
                            className="btn"
                            disabled={reopen.busy}
                            onClick={() => setReopening(n)}
                            data-testid="notice-reopen"
                          >
                            {t('measures.reopen')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </div>
      {creating && (
        <SuspendForm
          day={today}
          districts={districts.data?.items ?? []}
          onClose={() => setCreating(false)}
          onDone={(msg) => {
            setCreating(false);
            setDone(msg);
            notices.reload();
            measures.reload();
          }}
        />
      )}
      {reopening && (
        <ConfirmDialog
          title={t('measures.reopen')}
          message={t('measures.reopenConfirm', { notice: reopening.noticeNo })}
          confirmLabel={t('measures.reopen')}
          cancelLabel={t('common.cancel')}
          onConfirm={() => {
            const n = reopening;
            setReopening(null);
            void reopen.run(n);
          }}
          onCancel={() => setReopening(null)}
        />
      )}
    </section>
  );
}
