import { z } from 'zod';

export const ROLES = [
  'commander',
  'district-officer',
  'task-force-leader',
  'lab',
  'venue-operator',
  'resident',
  'enterprise',
  'appeals-handler',
  'regulator',
  'industry-bureau',
  'auditor',
  'exam-office',
  'postal-regulator',
  'outlet-manager',
] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

export const SCOPE_KINDS = ['city', 'district', 'street', 'zone'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];
export interface Scope {
  kind: ScopeKind;
  code: string;
}

export type Permission =
  | 'dashboard'
  | 'persons:read'
  | 'persons:write'
  | 'persons:unmask'
  | 'users:manage'
  | 'audit:read'
  | 'cases:read'
  | 'cases:write'
  | 'briefing:read'
  | 'briefing:edit'
  | 'briefing:approve'
  | 'briefing:publish'
  | 'policy:edit'
  | 'zones:read'
  | 'zones:write'
  | 'taskforces:write'
  | 'testing:read'
  | 'testing:write'
  | 'testing:results'
  | 'testing:alerts'
  | 'appeals:read'
  | 'appeals:intake'
  | 'appeals:dispatch'
  | 'appeals:handle'
  | 'enterprises:read'
  | 'enterprises:write'
  | 'enterprises:report'
  | 'venues:read'
  | 'venues:write'
  | 'scans:guard'
  | 'scans:paper'
  | 'pass:read'
  | 'colour:override'
  | 'tracing:read'
  | 'tracing:write'
  | 'economy:read'
  | 'economy:write'
  | 'economy:configure'
  | 'events:read'
  | 'events:write'
  | 'courier:read'
  | 'courier:write'
  | 'courier:outlet';

// Least privilege: roles whose modules do not exist yet see the dashboard only.
const PERMISSIONS: Record<Role, Permission[]> = {
  commander: [
    'dashboard',
    'persons:read',
    'persons:write',
    'persons:unmask',
    'users:manage',
    'cases:read',
    'cases:write',
    'briefing:read',
    'briefing:edit',
    'briefing:approve',
    'briefing:publish',
    'policy:edit',
    'zones:read',
    'zones:write',
    'taskforces:write',
    'testing:read',
    'testing:write',
    // A positive-tube alert is taken on by the district's response, not by the lab that raised it.
    'testing:alerts',
    'venues:read',
    'venues:write',
    'scans:paper',
    'colour:override',
    'tracing:read',
    'tracing:write',
    'appeals:read',
    'appeals:dispatch',
    'enterprises:read',
    'enterprises:write',
    // The command centre sets the baseline window; the bureau imports and tunes the thresholds.
    'economy:read',
    'economy:configure',
    'events:read',
    'courier:read',
  ],
  'district-officer': [
    'dashboard',
    'persons:read',
    'persons:write',
    'persons:unmask',
    'cases:read',
    'cases:write',
    'briefing:read',
    'zones:read',
    'zones:write',
    'taskforces:write',
    'testing:read',
    'testing:write',
    'testing:alerts',
    'venues:read',
    'venues:write',
    'scans:paper',
    'colour:override',
    'tracing:read',
    'tracing:write',
    'appeals:read',
    'enterprises:read',
    'economy:read',
    // Their district's candidates and sites only (the events routes are district-scoped).
    'events:read',
    'courier:read',
  ],
  // Case figures are kept per district: a street-scoped leader would see numbers whose records they may not open.
  'task-force-leader': ['dashboard', 'persons:read', 'zones:read', 'testing:read'],
  lab: ['dashboard', 'testing:read', 'testing:write', 'testing:results'],
  // A venue operator is tied to their own venues (venue_operators): they see and enter records for those only.
  'venue-operator': ['dashboard', 'venues:read', 'scans:guard', 'scans:paper'],
  resident: ['dashboard', 'pass:read'],
  enterprise: ['dashboard', 'enterprises:report'],
  'appeals-handler': [
    'dashboard',
    'appeals:read',
    'appeals:intake',
    'appeals:dispatch',
    'appeals:handle',
    'enterprises:read',
  ],
  regulator: ['dashboard', 'appeals:read', 'appeals:handle', 'enterprises:read'],
  // The industry bureau (工信局) watches industrial electricity beside its whitelisted enterprises, and
  // opens a falling firm's page with its whitelist reports and appeals.
  'industry-bureau': [
    'dashboard',
    'economy:read',
    'economy:write',
    'economy:configure',
    'enterprises:read',
    'appeals:read',
  ],
  auditor: ['dashboard', 'audit:read'],
  // The education bureau's exam office runs exams city-wide: sites, rooms, candidates, plans.
  'exam-office': ['dashboard', 'events:read', 'events:write'],
  // The postal administration (邮政管理局) supervises the whole courier sector of the city.
  'postal-regulator': ['dashboard', 'courier:read', 'courier:write'],
  // An outlet manager is tied to one outlet (courier_outlet_managers): they see and report for it only.
  'outlet-manager': ['dashboard', 'courier:read', 'courier:outlet'],
};

/** The permissions a role carries. */
export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS[role];
}

/** The signed-in user as services see it. */
export interface Actor {
  userId: number;
  username: string;
  role: Role;
  scope: Scope;
}

/** How the actor appears in the audit log. */
export function actorLabel(a: Actor | 'system' | 'cli'): string {
  return typeof a === 'string' ? a : `user:${a.userId}:${a.username}`;
}

/** Digits a division code must start with to lie inside a scope (GB/T 2260 codes nest by prefix). */
const SIGNIFICANT: Record<Exclude<ScopeKind, 'zone'>, number> = { city: 4, district: 6, street: 9 };

/**
 * Whether a division (district, street or community code) lies inside the scope. A zone scope
 * covers no division by itself: zone membership is resolved by the zones module.
 */
export function scopeCoversDivision(scope: Scope, divisionCode: string): boolean {
  if (scope.kind === 'zone') return false;
  const prefix = scope.code.slice(0, SIGNIFICANT[scope.kind]);
  return divisionCode.startsWith(prefix);
}

/**
 * Whether a division and the scope share any ground: one lies inside the other. A street officer
 * may name their district (the answer is narrowed to the street), nobody may name a disjoint one.
 */
export function scopeOverlapsDivision(scope: Scope, divisionCode: string): boolean {
  if (scope.kind === 'zone') return false;
  return scopeCoversDivision(scope, divisionCode) || scope.code.startsWith(divisionCode);
}

/** The division-code prefix a list query must be limited to, or null when the scope sees none. */
export function scopePrefix(scope: Scope): string | null {
  if (scope.kind === 'zone') return null;
  return scope.code.slice(0, SIGNIFICANT[scope.kind]);
}

/** Whether scope `inner` lies inside scope `outer` (an officer may only create accounts below them). */
export function scopeContains(outer: Scope, inner: Scope): boolean {
  if (inner.kind === 'zone') return outer.kind === 'city' || (outer.kind === 'zone' && outer.code === inner.code);
  return scopeCoversDivision(outer, inner.code);
}
