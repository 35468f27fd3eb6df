import { useState } from 'react';
import { api } from '../api';
import type { Detail, User } from '../api-types';
import { ErrorBox, FormError, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useSubmit } from '../common/useSubmit';
import { can } from '../domain';
import { useI18n } from '../i18n';
import { deadlineOf, eventLine, fmt } from './format';

/** One appeal: its facts, the actions its state allows, the full timeline and the messages sent. */
export function AppealPage({ id, user }: { id: number; user: User }) {
  const { t, label, lang } = useI18n();
  const d = useApi<Detail>(`/api/v1/appeals/${id}`);
  const [text, setText] = useState('');
  const step = useSubmit(async ({ verb, body }: { verb: string; body?: unknown }) => {
    await api(`/api/v1/appeals/${id}/${verb}`, { method: 'POST', body });
    setText('');
    d.reload();
  });
  const act = (verb: string, body?: unknown) => void step.run({ verb, body });
  if (d.error !== undefined) return <ErrorBox error={d.error} onRetry={d.reload} />;
  if (!d.data) return <Loading />;
  const a = d.data.appeal;
  const handle = can(user, 'appeals:handle');
  return (
    <article data-testid="appeal-page">
      <h2>
        {a.trackingNo} · {a.title}
      </h2>
      <p data-testid="appeal-facts">
        <strong data-testid="appeal-status">{label('appeals.status', a.status)}</strong>
        {[
          label('appeals.channel', a.channel),
          a.districtName,
          label('appeals.cat', a.category),
          a.unitName,
          a.phone,
          a.enterprise && `${a.enterprise.name} ${a.enterprise.creditCode}`,
        ]
          .filter(Boolean)
          .map((x) => ` · ${x}`)
          .join('')}
      </p>
      <p data-testid="appeal-deadlines">
        {t('appeals.received')} {fmt(a.receivedAt, lang)} · {t('appeals.signDue')} {fmt(a.signDueAt, lang)}
        {a.signedAt && ` (${label('appeals.action', 'sign')} ${fmt(a.signedAt, lang)})`} · {t('appeals.due')}{' '}
        {fmt(a.dueAt, lang)}
        {a.overdue && (
          <strong className="appeal-overdue" data-testid="appeal-overdue">
            {' '}
            · {t(`appeals.reason.${a.overdue}`)} ({fmt(deadlineOf(a).at, lang)})
          </strong>
        )}
      </p>
      <p>{a.content}</p>
      {a.reply && (
        <p>
          {t('appeals.reply')}：{a.reply}
        </p>
      )}
      {handle && (
        <div className="appeal-toolbar">
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            rows={3}
            cols={60}
            data-testid="appeal-text"
          />
          {a.status === 'dispatched' && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => act('sign')}
              disabled={step.busy}
              data-testid="sign"
            >
              {t('appeals.sign')}
            </button>
          )}
          {['dispatched', 'signed'].includes(a.status) && (
            <button type="button" className="btn" onClick={() => act('return', { reason: text })} disabled={step.busy}>
              {t('appeals.returnIt')}
            </button>
          )}
          {a.status === 'signed' && (
            <>
              <button type="button" className="btn" onClick={() => act('notes', { note: text })} disabled={step.busy}>
                {t('appeals.note')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => act('reply', { reply: text })}
                disabled={step.busy}
                data-testid="reply"
              >
                {t('appeals.sendReply')}
              </button>
            </>
          )}
        </div>
      )}
      {can(user, 'appeals:dispatch') && a.status === 'replied' && (
        <button type="button" className="btn" onClick={() => act('close')} disabled={step.busy}>
          {t('appeals.close')}
        </button>
      )}
      <FormError error={step.error} />
      <h3>{t('appeals.timeline')}</h3>
      <ol data-testid="timeline">
        {d.data.timeline.map((e) => (
          <li key={`${e.at}-${e.action}-${e.note ?? ''}`}>
            <span className="appeal-when">{fmt(e.at, lang)}</span> {eventLine(e, t, label)}
          </li>
        ))}
      </ol>
      <h3>{t('appeals.messages')}</h3>
      <ul data-testid="messages">
        {d.data.messages.map((m) => (
          <li key={`${m.createdAt}-${m.kind}`}>
            <span className="appeal-when">{fmt(m.createdAt, lang)}</span> {m.body[lang]}{' '}
            <span className={`appeal-msg appeal-msg-${m.status}`}>{label('appeals.msg', m.status)}</span>
          </li>
        ))}
      </ul>
    </article>
  );
}
