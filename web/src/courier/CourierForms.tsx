import { useState } from 'react';
import { api } from '../api';
import { businessToday } from '../common/clock';
import { FormDialog } from '../common/FormDialog';
import { useSubmit } from '../common/useSubmit';
import { type LabelGroup, type MessageKey, useI18n } from '../i18n';
import { ZonePicker } from './ZonePicker';

/** One field of a courier record form: its API key, label key and input kind. */
export interface Field {
  key: string;
  label: MessageKey;
  kind?: 'text' | 'number' | 'date' | 'datetime' | 'check' | 'area' | 'zone';
  options?: string[];
  /** The option labels' catalogue prefix (e.g. courier.dkind → courier.dkind.site). */
  optionLabel?: LabelGroup;
  value?: string;
  required?: boolean;
  /** Shown under the field: what it takes. */
  hint?: MessageKey;
}

/** The writes the screen offers: where each goes and what it asks. */
export type FormKind = 'disinfection' | 'batch' | 'inspection' | 'summons' | 'relief' | 'point' | 'deliveries';

const FIRMS = ['EMS', 'SF', 'ZTO', 'YTO', 'STO', 'YUNDA', 'JD'];

/** The fields and the request of each form; `preset` fills a field (the manager's outlet, a point). */
function specOf(kind: FormKind, preset: Record<string, string>, today: string) {
  const fields: Record<FormKind, Field[]> = {
    disinfection: [
      { key: 'kind', label: 'courier.kind', options: preset.kinds?.split(',') ?? ['site', 'vehicle', 'batch'] },
      { key: 'subject', label: 'courier.subject', required: true, hint: 'courier.subjectHint' },
      { key: 'at', label: 'courier.at', kind: 'datetime', hint: 'courier.atHint' },
    ],
    batch: [
      { key: 'batchNo', label: 'courier.batch', required: true },
      { key: 'firm', label: 'courier.firm', options: FIRMS, value: 'EMS' },
      { key: 'origin', label: 'courier.origin', required: true },
      { key: 'parcels', label: 'courier.parcels', kind: 'number', required: true },
      { key: 'arrivedAt', label: 'courier.arrivedAt', kind: 'datetime', hint: 'courier.atHint' },
    ],
    inspection: [
      { key: 'outlet', label: 'courier.code', required: true },
      { key: 'visitedOn', label: 'courier.visitedOn', kind: 'date', value: today, required: true },
      { key: 'inspectors', label: 'courier.inspectors', kind: 'number', value: '2', required: true },
      { key: 'findings', label: 'courier.findings', kind: 'area' },
      { key: 'rectified', label: 'courier.rectifiedOnSpot', kind: 'check' },
    ],
    summons: [
      { key: 'firm', label: 'courier.firm', options: FIRMS, value: 'EMS' },
      { key: 'on', label: 'courier.date', kind: 'date', value: today, required: true },
      { key: 'reason', label: 'courier.reason', kind: 'area', required: true },
    ],
    relief: [
      { key: 'tripOn', label: 'courier.date', kind: 'date', value: today, required: true },
      { key: 'plate', label: 'courier.plate', required: true },
      { key: 'driver', label: 'courier.driver', required: true },
      { key: 'origin', label: 'courier.origin', required: true },
      { key: 'destination', label: 'courier.destination', required: true },
      { key: 'tonnes', label: 'courier.kpi.tonnes', kind: 'number', required: true },
      { key: 'persons', label: 'courier.kpi.persons', kind: 'number', required: true },
    ],
    point: [
      { key: 'zoneCode', label: 'courier.zone', kind: 'zone', required: true },
      { key: 'kind', label: 'courier.kind', options: ['smart-locker', 'temporary-point'], optionLabel: 'courier.kind' },
      { key: 'name', label: 'courier.name', required: true },
    ],
    deliveries: [
      { key: 'day', label: 'courier.date', kind: 'date', value: today, required: true },
      { key: 'parcels', label: 'courier.parcels', kind: 'number', required: true },
    ],
  };
  const paths: Record<FormKind, [string, 'POST' | 'PUT']> = {
    disinfection: ['/api/v1/courier/disinfections', 'POST'],
    batch: ['/api/v1/courier/batches', 'POST'],
    inspection: ['/api/v1/courier/inspections', 'POST'],
    summons: ['/api/v1/courier/summons', 'POST'],
    relief: ['/api/v1/courier/relief', 'POST'],
    point: ['/api/v1/courier/delivery-points', 'POST'],
    deliveries: [`/api/v1/courier/delivery-points/${preset.point ?? ''}/deliveries`, 'PUT'],
  };
  const list = fields[kind].map((f) => (preset[f.key] !== undefined ? { ...f, value: preset[f.key] } : f));
  if (kind === 'disinfection') (list[0] as Field).optionLabel = 'courier.dkind';
  return { fields: list, path: paths[kind][0], method: paths[kind][1] };
}

/** The request body: numbers as numbers, a box as a boolean, an empty optional left out (the server's now). */
function bodyOf(kind: FormKind, fields: Field[], values: Record<string, string>) {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = (values[f.key] ?? '').trim();
    if (f.kind === 'check') body[f.key] = v === 'true';
    else if (f.kind === 'number') body[f.key] = Number(v);
    else if (v !== '') body[f.key] = v;
  }
  return kind === 'relief' ? { trips: [body] } : body;
}

interface Props {
  kind: FormKind;
  preset?: Record<string, string>;
  onClose: () => void;
  onDone: () => void;
}

/** A courier record form (disinfection, batch, visit, summons, trip, point, a point's parcels) in a dialog. */
export function CourierForm({ kind, preset = {}, onClose, onDone }: Props) {
  const { t, label } = useI18n();
  const spec = specOf(kind, preset, businessToday());
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(spec.fields.map((f) => [f.key, f.value ?? f.options?.[0] ?? ''])),
  );
  const ready = spec.fields.every((f) => !f.required || (values[f.key] ?? '').trim() !== '');
  const submit = useSubmit(async () => {
    await api(spec.path, { method: spec.method, body: bodyOf(kind, spec.fields, values) });
    onDone();
  });
  const set = (key: string, v: string) => setValues((x) => ({ ...x, [key]: v }));
  return (
    <FormDialog
      title={t(`courier.form.${kind}`)}
      onClose={onClose}
      submit={submit}
      submitLabel={t('common.save')}
      ready={ready}
      name={`courier-${kind}`}
    >
      {spec.fields.map((f) =>
        f.kind === 'zone' ? (
          // A search box and a list of choices: the caption labels the search box, not the whole list.
          <div key={f.key} className="field">
            <label htmlFor="courier-zoneCode">{t(f.label)}</label>
            <ZonePicker value={values[f.key] ?? ''} onChange={(v) => set(f.key, v)} />
          </div>
        ) : (
          <label
            key={f.key}
            htmlFor={`courier-${f.key}`}
            className={f.kind === 'check' ? 'field field-check' : 'field'}
          >
            <span>{t(f.label)}</span>
            {f.options ? (
              <select
                id={`courier-${f.key}`}
                name={f.key}
                value={values[f.key]}
                onChange={(e) => set(f.key, e.target.value)}
              >
                {f.options.map((o) => (
                  <option key={o} value={o}>
                    {f.optionLabel ? label(f.optionLabel, o) : o}
                  </option>
                ))}
              </select>
            ) : f.kind === 'check' ? (
              <input
                type="checkbox"
                id={`courier-${f.key}`}
                name={f.key}
                checked={values[f.key] === 'true'}
                onChange={(e) => set(f.key, String(e.target.checked))}
              />
            ) : f.kind === 'area' ? (
              <textarea
                id={`courier-${f.key}`}
                name={f.key}
                rows={2}
                value={values[f.key]}
                onChange={(e) => set(f.key, e.target.value)}
              />
            ) : (
              <input
                id={`courier-${f.key}`}
                name={f.key}
                type={f.kind === 'date' ? 'date' : f.kind === 'datetime' ? 'datetime-local' : 'text'}
                inputMode={f.kind === 'number' ? 'decimal' : undefined}
                required={f.required}
                value={values[f.key]}
                onChange={(e) => set(f.key, e.target.value)}
              />
            )}
            {f.hint && <small className="muted">{t(f.hint)}</small>}
          </label>
        ),
      )}
    </FormDialog>
  );
}

/** Buttons that open the forms a screen offers, and the form open now; `onDone` reloads what it shows. */
export function CourierActions({
  kinds,
  preset,
  onDone,
}: {
  kinds: FormKind[];
  preset?: Record<string, string>;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState<FormKind | null>(null);
  const [saved, setSaved] = useState<FormKind | null>(null);
  return (
    <div className="courier-actions">
      {kinds.map((k) => (
        <button key={k} type="button" className="btn" onClick={() => setOpen(k)} data-testid={`courier-open-${k}`}>
          {t(`courier.form.${k}`)}
        </button>
      ))}
      {saved && (
        <span className="muted" role="status" data-testid="courier-saved">
          {t('courier.saved', { what: t(`courier.form.${saved}`) })}
        </span>
      )}
      {open && (
        <CourierForm
          kind={open}
          preset={preset}
          onClose={() => setOpen(null)}
          onDone={() => {
            setSaved(open);
            setOpen(null);
            onDone();
          }}
        />
      )}
    </div>
  );
}
