import type { User } from '../api-types';
import type { MessageKey } from '../i18n';

export type ModuleId =
  | 'dashboard'
  | 'figures'
  | 'cases'
  | 'briefing'
  | 'zones'
  | 'policy'
  | 'testing'
  | 'pass'
  | 'guard'
  | 'venues'
  | 'tracing'
  | 'events'
  | 'measures'
  | 'checkpoint'
  | 'exits'
  | 'institutions'
  | 'appeals'
  | 'liaison'
  | 'economy'
  | 'courier'
  | 'persons'
  | 'overrides'
  | 'divisions'
  | 'audit';

export interface ModuleDef {
  id: ModuleId;
  label: MessageKey;
  icon: string;
  /** Permission the user needs; undefined = any signed-in user. */
  permission?: string;
}

/** Only modules that exist are listed; a module is added here when it is built. */
export const MODULES: readonly ModuleDef[] = [
  { id: 'dashboard', label: 'nav.dashboard', icon: '◉' },
  { id: 'pass', label: 'nav.pass', icon: '▣', permission: 'pass:read' },
  { id: 'guard', label: 'nav.guard', icon: '⛨', permission: 'scans:guard' },
  { id: 'venues', label: 'nav.venues', icon: '⌂', permission: 'venues:read' },
  { id: 'figures', label: 'nav.figures', icon: '▤', permission: 'cases:read' },
  { id: 'cases', label: 'nav.cases', icon: '☷', permission: 'cases:read' },
  { id: 'briefing', label: 'nav.briefing', icon: '✎', permission: 'briefing:read' },
  { id: 'zones', label: 'nav.zones', icon: '⚑', permission: 'zones:read' },
  { id: 'policy', label: 'nav.policy', icon: '§', permission: 'policy:edit' },
  { id: 'testing', label: 'nav.testing', icon: '⊕', permission: 'testing:read' },
  { id: 'tracing', label: 'nav.tracing', icon: '⌖', permission: 'tracing:read' },
  { id: 'events', label: 'nav.events', icon: '✍', permission: 'events:read' },
  { id: 'measures', label: 'nav.measures', icon: '☑', permission: 'briefing:read' },
  { id: 'checkpoint', label: 'nav.checkpoint', icon: '⇥', permission: 'scans:guard' },
  { id: 'exits', label: 'nav.exits', icon: '⇤', permission: 'briefing:read' },
  { id: 'institutions', label: 'nav.institutions', icon: '⊡', permission: 'venues:read' },
  { id: 'appeals', label: 'nav.appeals', icon: '✉', permission: 'appeals:read' },
  { id: 'liaison', label: 'nav.liaison', icon: '⚭', permission: 'enterprises:report' },
  { id: 'economy', label: 'nav.economy', icon: '⚡', permission: 'economy:read' },
  { id: 'courier', label: 'nav.courier', icon: '✈', permission: 'courier:read' },
  { id: 'persons', label: 'nav.persons', icon: '☰', permission: 'persons:read' },
  { id: 'overrides', label: 'nav.overrides', icon: '⚖', permission: 'colour:override' },
  { id: 'divisions', label: 'nav.divisions', icon: '▦' },
  { id: 'audit', label: 'nav.audit', icon: '✓', permission: 'audit:read' },
];

export function modulesFor(user: User): ModuleDef[] {
  return MODULES.filter((m) => !m.permission || user.permissions.includes(m.permission));
}
