/** Shapes of the HTTP API (docs/api-contract.md, v1). */
export type Role =
  | 'commander'
  | 'district-officer'
  | 'task-force-leader'
  | 'lab'
  | 'venue-operator'
  | 'resident'
  | 'enterprise'
  | 'appeals-handler'
  | 'regulator'
  | 'auditor';

export interface Scope {
  kind: 'city' | 'district' | 'street' | 'zone';
  code: string;
  name: string;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  scope: Scope;
  permissions: string[];
}

export type DivisionLevel = 'district' | 'street' | 'community';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string;
}

export interface DivisionDetail {
  division: Division;
  children: Division[];
  path: Division[];
}

export interface DistrictResidents {
  code: string;
  name: string;
  residents: number;
}

export interface Dashboard {
  city: { code: string; name: string };
  residents: number;
  districts: DistrictResidents[];
  scope: Scope;
}

export interface PersonMasked {
  id: number;
  idNumberMasked: string;
  nameMasked: string;
  phoneMasked: string | null;
  sex: 'male' | 'female';
  birthYear: number;
  districtCode: string;
  streetCode: string;
  communityCode: string;
  communityName: string;
}

export interface PersonFull extends PersonMasked {
  idNumber: string;
  name: string;
  phone: string | null;
  address: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  detail: unknown;
  hash: string;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  firstBad?: { id: number; reason: string };
}

export const can = (user: User, permission: string): boolean => user.permissions.includes(permission);
