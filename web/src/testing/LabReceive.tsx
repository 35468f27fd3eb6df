import { type FormEvent, useRef, useState } from 'react';
import { api } from '../api';
import type { TubeReceipt } from '../api-types';
import { BarcodeScanner } from '../camera/BarcodeScanner';
import { newKey } from '../common/newKey';
import { FormError } from '../common/Status';
import { useSubmit } from '../common/useSubmit';
import { useI18n } from '../i18n';

const LAB_KEY = 'banyan.lab.code';
// a tube code is letters, digits and dashes; anything else separates codes in a pasted list
const SEPARATORS = /[\s,;，；]+/;

/**
 * Receiving tubes at the lab bench: a hand scanner types each code and Enter (or a list is pasted),
 * the codes queue up, and one confirmation records them all; each tube then shows its own outcome.
 */
export function LabReceive() {
  const { t, lang, formatNumber } = useI18n();
  const [lab, setLab] = useState(() => localStorage.getItem(LAB_KEY) ?? '');
  const [typed, setTyped] = useState('');
  const [queue, setQueue] = useState<string[]>([]);
  const [answer, setAnswer] = useState<TubeReceipt>();
  const [camera, setCamera] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const enqueue = (text: string) => {
    const codes = text
      .split(SEPARATORS)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    // a tube scanned twice is queued once
    setQueue((q) => [...q, ...codes.filter((c, i) => !q.includes(c) && codes.indexOf(c) === i)]);
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    enqueue(typed);
    setTyped('');
    input.current?.focus();
  };
  const receive = useSubmit(async () => {
    localStorage.setItem(LAB_KEY, lab.trim());
    const r = await api<TubeReceipt>('/api/v1/tube-receipts', {
      method: 'POST',
      body: { labCode: lab.trim(), tubeCodes: queue },
      headers: { 'Idempotency-Key': newKey() },
    });
    setAnswer(r);
    setQueue([]);
  });

  return (
    <section className="card lab-card" data-testid="lab-receive">
      <h2>{t('lab.receive.title')}</h2>
      <p className="muted small">{t('lab.receive.intro')}</p>
      <label className="field">
        <span>{t('lab.code')}</span>
        <input value={lab} onChange={(e) => setLab(e.target.value)} className="mono" data-testid="lab-code" />
      </label>
      <form className="lab-scan" onSubmit={add}>
        <label className="field field-grow">
          <span>{t('lab.receive.tube')}</span>
          <input
            ref={input}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            placeholder={t('lab.receive.hint')}
            autoComplete="off"
            spellCheck={false}
            className="mono"
            data-testid="lab-tube-input"
          />
        </label>
        <button type="submit" className="btn" disabled={!typed.trim()} data-testid="lab-tube-add">
          {t('lab.receive.add')}
        </button>
        <button
          type="button"
          className="btn"
          aria-pressed={camera}
          onClick={() => setCamera((c) => !c)}
          data-testid="lab-camera-toggle"
        >
          {t(camera ? 'camera.close' : 'lab.receive.camera')}
        </button>
      </form>
      {/* the camera stays open along a rack: each label read joins the queue, as the hand scanner's do */}
      {camera && (
        <div className="lab-camera">
          <BarcodeScanner onCode={enqueue} testId="lab-scanner" />
        </div>
      )}
      {queue.length > 0 && (
        <ul className="lab-queue" data-testid="lab-queue">
          {queue.map((c) => (
            <li key={c} className="mono">
              {c}
              <button
                type="button"
                className="btn btn-small"
                aria-label={t('lab.receive.remove', { tube: c })}
                onClick={() => setQueue((q) => q.filter((x) => x !== c))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="filters-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={receive.busy || queue.length === 0 || !lab.trim()}
          onClick={() => void receive.run()}
          data-testid="lab-receive-submit"
        >
          {t('lab.receive.submit', { n: formatNumber(queue.length) })}
        </button>
      </div>
      <FormError error={receive.error} />
      {answer && (
        <div data-testid="lab-receipt">
          <p className="notice">
            {t('lab.receive.summary', {
              received: formatNumber(answer.received),
              unchanged: formatNumber(answer.unchanged),
              errors: formatNumber(answer.errors),
            })}
          </p>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('lab.receive.tube')}</th>
                  <th scope="col">{t('lab.receive.outcome')}</th>
                  <th scope="col">{t('lab.receive.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {answer.items.map((i) => (
                  <tr key={i.tubeCode} data-testid="lab-receipt-row" data-status={i.status} data-tube={i.tubeCode}>
                    <td className="mono">{i.tubeCode}</td>
                    <td>
                      <span className={`lab-outcome lab-outcome-${i.status}`}>{t(`lab.outcome.${i.status}`)}</span>
                    </td>
                    <td className="wrap">
                      {i.message
                        ? i.message[lang === 'en' ? 'en' : 'zh-CN']
                        : [
                            i.labCode,
                            i.receivedAt && new Date(i.receivedAt).toLocaleString(lang, { timeZone: 'Asia/Shanghai' }),
                          ]
                            .filter(Boolean)
                            .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
