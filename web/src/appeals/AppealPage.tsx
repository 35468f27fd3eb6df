import { useState } from 'react';
import { api, errorText } from '../api';
import { ErrorBox, Loading } from '../common/Status';
import { useApi } from '../common/useApi';
import { useI18n } from '../i18n';
import { can, type User } from '../types';
import { useAT } from './strings';
import { type Detail, fmt } from './types';

/** One appeal: its facts, the actions its state allows, the full timeline and the messages sent. */
export function AppealPage({ id, user }: { id: number; user: User }) {
  const t = useAT();
  const { lang } = useI18n();
  const d = useApi<Detail>(`/api/v1/appeals/${id}`);
  const [text, setText] = useState('');
  const [err, setErr] = useState<string>();
  async function act(step: string, body?: unknown) {
    setErr(undefined);
    try {
      await api(`/api/v1/appeals/${id}/${step}`, { method: 'POST', body });
      setText('');
      d.reload();
    } catch (e) {
      setErr(errorText(e, lang));
    }
  }
  if (d.error !== undefined) return <ErrorBox error={d.error} onRetry={d.reload} />;
  if (!d.data) return <Loading />;
  const a = d.data.appeal;
  const handle = can(user, 'appeals:handle');
  return (
    <article data-testid="appeal-page">
      <h2>
        {a.trackingNo} · {a.title}
      </h2>
      <p>
        <strong data-testid="appeal-status">{t(`status.${a.status}`)}</strong> · {t(`channel.${a.channel}`)} ·{' '}
        {a.districtName} · {t(`cat.${a.category}`)} · {a.unitName ?? ''} · {a.phone}{' '}
        {a.enterprise && `· ${a.enterprise.name} ${a.enterprise.creditCode}`}
      </p>
      <p>{a.content}</p>
      {a.reply && (
        <p>
          {t('reply')}：{a.reply}
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
            <button type="button" className="btn btn-primary" onClick={() => act('sign')} data-testid="sign">
              {t('sign')}
            </button>
          )}
          {['dispatched', 'signed'].includes(a.status) && (
            <button type="button" className="btn" onClick={() => act('return', { reason: text })}>
              {t('returnIt')}
            </button>
          )}
          {a.status === 'signed' && (
            <>
              <button type="button" className="btn" onClick={() => act('notes', { note: text })}>
                {t('note')}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                onClick={() => act('reply', { reply: text })}
                data-testid="reply"
              >
                {t('sendReply')}
              </button>
            </>
          )}
        </div>
      )}
      {can(user, 'appeals:dispatch') && a.status === 'replied' && (
        <button type="button" className="btn" onClick={() => act('close')}>
          {t('close')}
        </button>
      )}
      {err && <p className="notice notice-warn">{err}</p>}
      <h3>{t('timeline')}</h3>
      <ol data-testid="timeline">
        {d.data.timeline.map((e) => (
          <li key={`${e.at}-${e.action}-${e.note ?? ''}`}>
            {fmt(e.at, lang)} · {e.action} {e.to ? `→ ${t(`status.${e.to}`)}` : ''} {e.unitName ?? ''} {e.note ?? ''} (
            {e.actor})
          </li>
        ))}
      </ol>
      <h3>{t('messages')}</h3>
      <ul>
        {d.data.messages.map((m) => (
          <li key={`${m.createdAt}-${m.kind}`}>
            {m.body[lang]} [{m.status}]
          </li>
        ))}
      </ul>
    </article>
  );
}
