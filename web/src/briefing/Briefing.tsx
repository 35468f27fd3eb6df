import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../api';
import type { Briefing as BriefingData, BriefingLang, User } from '../api-types';
import { ConfirmDialog } from '../common/ConfirmDialog';
import { useBusinessToday } from '../common/clock';
import { DayNote } from '../common/DayNote';
import { formatDateTime, formatDay, isIsoDate, shiftDay } from '../common/dates';
import { href, navigateQuery, useQuery } from '../common/router';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { BRIEFING_LANGS, can } from '../domain';
import { dayOr } from '../figures/defaults';
import { useI18n } from '../i18n';
import { BriefingFigures } from './BriefingFigures';
import { BriefingMeta } from './BriefingMeta';
import { BriefingText } from './BriefingText';
import './briefing.css';

/** Each text's tab is labelled in its own language. */
const TAB_LABEL: Record<BriefingLang, string> = { 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' };

type Action = 'draft' | 'save' | 'approve' | 'publish';

/** The daily press briefing: generated from the figures, edited, approved by a second person, published. */
export function Briefing({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const q = useQuery();
  // A briefing reports a day's figures the next morning: today's briefing is yesterday's day.
  const today = useBusinessToday();
  const reported = shiftDay(today, -1);
  const date = dayOr(q.date, reported);
  const [tab, setTab] = useState<BriefingLang>(lang);
  const [editing, setEditing] = useState<Record<BriefingLang, string> | null>(null);
  const [done, setDone] = useState<Action | null>(null);
  const [confirming, setConfirming] = useState<'draft' | 'publish' | null>(null);
  const { data, error, loading, reload } = useApi<{ briefing: BriefingData }>(
    `/api/v1/briefings/${encodeURIComponent(date)}`,
  );
  const b = data?.briefing.date === date ? data.briefing : undefined;
  const cancelConfirm = useCallback(() => setConfirming(null), []);

  // the text shown follows the interface language when it is switched
  useEffect(() => setTab(lang), [lang]);

  const step = useSubmit(async (action: Action) => {
    setConfirming(null);
    setDone(null);
    const path = `/api/v1/briefings/${encodeURIComponent(date)}`;
    if (action === 'save') await api(path, { method: 'PUT', body: { texts: editing } });
    else await api(`${path}/${action}`, { method: 'POST' });
    setEditing(null);
    setDone(action);
    reload();
  });
  const run = (action: Action) => void step.run(action);
  const busy = step.pending ?? null;
  const actionError = step.error;
  const { clear } = step;

  const pickDate = useCallback(
    (d: string) => {
      setEditing(null);
      setDone(null);
      clear();
      navigateQuery(['briefing'], { date: d });
    },
    [clear],
  );

  const published = b?.status === 'published';
  const mayEdit = can(user, 'briefing:edit') && !published;
  const samePerson = actionError instanceof ApiError && actionError.code === 'BRIEFING_SAME_PERSON';

  return (
    <section className="page briefing-page">
      <header className="page-header">
        <h1>{t('briefing.title')}</h1>
        <label className="field field-inline">
          <span>{t('briefing.date')}</span>
          <input
            type="date"
            name="date"
            value={date}
            required
            onChange={(e) => e.target.value && pickDate(e.target.value)}
          />
        </label>
      </header>
      <DayNote
        shown={date}
        today={today}
        picked={isIsoDate(q.date) && date !== reported}
        why={t('briefing.reportsYesterday', { shown: formatDay(date, lang), today: formatDay(today, lang) })}
        todayHref={href('briefing')}
      />

      {error !== undefined && <ErrorBox error={error} onRetry={reload} />}
      {loading && !b && <Loading />}
      {b && (
        <>
          <BriefingMeta briefing={b} />
          {published ? (
            <p className="notice notice-frozen" data-testid="published-notice">
              {t('briefing.publishedNotice', { at: formatDateTime(b.publishedAt, lang) })}
            </p>
          ) : (
            <p className="notice">{t(`briefing.hint.${b.status as 'new' | 'draft' | 'approved'}`)}</p>
          )}

          <div className="briefing-actions">
            {mayEdit && !editing && (
              <>
                <button
                  type="button"
                  className="btn"
                  disabled={busy !== null}
                  data-testid="briefing-draft"
                  onClick={() => (b.status === 'new' ? run('draft') : setConfirming('draft'))}
                >
                  {busy === 'draft' ? t('briefing.working') : t('briefing.draft')}
                </button>
                <button
                  type="button"
                  className="btn"
                  disabled={busy !== null}
                  data-testid="briefing-edit"
                  onClick={() => {
                    setDone(null);
                    clear();
                    setEditing({ ...b.texts });
                  }}
                >
                  {t('briefing.edit')}
                </button>
              </>
            )}
            {editing && (
              <>
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={busy !== null}
                  data-testid="briefing-save"
                  onClick={() => run('save')}
                >
                  {busy === 'save' ? t('briefing.working') : t('briefing.save')}
                </button>
                <button type="button" className="btn" disabled={busy !== null} onClick={() => setEditing(null)}>
                  {t('briefing.cancel')}
                </button>
              </>
            )}
            {can(user, 'briefing:approve') && b.status === 'draft' && !editing && !b.mayApprove && (
              <span className="muted small" data-testid="briefing-second-person">
                {t('briefing.secondPerson')}
              </span>
            )}
            {b.mayApprove && !editing && (
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy !== null}
                data-testid="briefing-approve"
                onClick={() => run('approve')}
              >
                {busy === 'approve' ? t('briefing.working') : t('briefing.approve')}
              </button>
            )}
            {can(user, 'briefing:publish') && b.status === 'approved' && !editing && (
              <button
                type="button"
                className="btn btn-primary"
                disabled={busy !== null}
                data-testid="briefing-publish"
                onClick={() => setConfirming('publish')}
              >
                {busy === 'publish' ? t('briefing.working') : t('briefing.publish')}
              </button>
            )}
          </div>

          <div aria-live="polite">
            {done && (
              <p className="notice notice-ok" data-testid="briefing-done">
                ✓ {t(`briefing.done.${done}`)}
              </p>
            )}
            {actionError !== undefined && (
              <div className="briefing-error" data-testid={samePerson ? 'same-person' : 'briefing-error'}>
                <ErrorBox error={actionError} />
                {samePerson && <p className="notice notice-warn">{t('briefing.samePerson')}</p>}
              </div>
            )}
          </div>

          <div className={`briefing-grid${loading ? ' stale' : ''}`}>
            <section className="card briefing-card">
              <div className="tabs" role="tablist" aria-label={t('briefing.langs')}>
                {BRIEFING_LANGS.map((l) => (
                  <button
                    key={l}
                    type="button"
                    role="tab"
                    id={`briefing-tab-${l}`}
                    aria-selected={tab === l}
                    aria-controls="briefing-panel"
                    className={tab === l ? 'tab active' : 'tab'}
                    data-testid={`briefing-tab-${l}`}
                    lang={l}
                    onClick={() => setTab(l)}
                  >
                    {TAB_LABEL[l]}
                  </button>
                ))}
              </div>
              <div id="briefing-panel" role="tabpanel" aria-labelledby={`briefing-tab-${tab}`}>
                {editing ? (
                  <>
                    <textarea
                      className="briefing-editor"
                      lang={tab}
                      value={editing[tab]}
                      rows={12}
                      aria-label={`${t('briefing.text')} · ${TAB_LABEL[tab]}`}
                      data-testid="briefing-editor"
                      onChange={(e) => setEditing({ ...editing, [tab]: e.target.value })}
                    />
                    <p className="muted small">{t('briefing.editNote')}</p>
                  </>
                ) : b.texts[tab] ? (
                  <BriefingText briefing={b} lang={tab} />
                ) : (
                  <p className="muted">{t('briefing.empty')}</p>
                )}
              </div>
            </section>
            <section className="card">
              <h2>{t('briefing.figures')}</h2>
              <BriefingFigures briefing={b} />
            </section>
          </div>
        </>
      )}

      {confirming && (
        <ConfirmDialog
          title={t(confirming === 'draft' ? 'briefing.draft' : 'briefing.publish')}
          message={t(confirming === 'draft' ? 'briefing.confirmRedraft' : 'briefing.confirmPublish')}
          confirmLabel={t(confirming === 'draft' ? 'briefing.draft' : 'briefing.publish')}
          cancelLabel={t('briefing.cancel')}
          onConfirm={() => run(confirming)}
          onCancel={cancelConfirm}
        />
      )}
    </section>
  );
}
