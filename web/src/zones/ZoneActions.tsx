import { useCallback, useState } from 'react';
import type { Division, Zone } from '../api-types';
import { useI18n } from '../i18n';
import { InfectionDialog } from './InfectionDialog';
import { RoundDialog } from './RoundDialog';
import { TransitionDialog } from './TransitionDialog';

export interface Done {
  text: string;
}

type Open = 'downgrade' | 'lift' | 'infection' | 'round' | null;

interface Props {
  zone: Zone;
  /** The day the screen is on: the forms start on it. */
  date: string;
  districts: Division[] | undefined;
  onStart: () => void;
  onDone: (done: Done) => void;
}

/** For users with zones:write: downgrade or lift the zone by notice, record an infection or a testing round. */
export function ZoneActions({ zone, date, districts, onStart, onDone }: Props) {
  const { t } = useI18n();
  const [open, setOpen] = useState<Open>(null);
  const close = useCallback(() => setOpen(null), []);
  const done = useCallback(
    (d: Done) => {
      setOpen(null);
      onDone(d);
    },
    [onDone],
  );
  const show = (o: Open) => {
    onStart();
    setOpen(o);
  };
  if (zone.status !== 'active') return null;
  return (
    <div className="zone-actions">
      {zone.level === 'high' && (
        <button type="button" className="btn" onClick={() => show('downgrade')} data-testid="zone-downgrade">
          {t('zones.action.downgrade')}
        </button>
      )}
      <button type="button" className="btn btn-primary" onClick={() => show('lift')} data-testid="zone-lift">
        {t('zones.action.lift')}
      </button>
      <button type="button" className="btn" onClick={() => show('infection')} data-testid="zone-infection">
        {t('zones.action.infection')}
      </button>
      <button type="button" className="btn" onClick={() => show('round')} data-testid="zone-round">
        {t('zones.action.round')}
      </button>
      {(open === 'downgrade' || open === 'lift') && (
        <TransitionDialog zone={zone} action={open} date={date} districts={districts} onClose={close} onDone={done} />
      )}
      {open === 'infection' && <InfectionDialog zone={zone} date={date} onClose={close} onDone={done} />}
      {open === 'round' && <RoundDialog zone={zone} date={date} onClose={close} onDone={done} />}
    </div>
  );
}
