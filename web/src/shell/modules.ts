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
  /** Reference open to everyone (the divisions): never a role's landing screen while it has a module of its own. */
  reference?: true;
}

/** Only modules that exist are listed; a module is added here when it is built. */
export const MODULES: readonly ModuleDef[] = [
  // The command dashboard opens on the case figures (its map's first layer, its first tile): a role
  // that may not read them would sit before a spinner, so it lands on its own first module instead.
  { id: 'dashboard', label: 'nav.dashboard', icon: '◉', permission: 'cases:read' },
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
  { id: 'divisions', label: 'nav.divisions', icon: '▦', reference: true },
  { id: 'audit', label: 'nav.audit', icon: '✓', permission: 'audit:read' },
];

/** The modules a user may open, in the navigation's order. */
export function modulesFor(user: User): ModuleDef[] {
  return MODULES.filter((m) => !m.permission || user.permissions.includes(m.permission));
}

/** Where a user lands after signing in (and on an unknown route): the first of their modules that is not reference. */
export function landingOf(modules: readonly ModuleDef[]): ModuleId {
  return (modules.find((m) => !m.reference) ?? modules[0])?.id ?? 'divisions';
}
