/** Shapes of the appeals API as the screens read them. */
export interface Appeal {
  id: number;
  trackingNo: string;
  channel: string;
  status: string;
  districtName: string;
  category: string;
  title: string;
  content: string;
  unit: string | null;
  unitName: string | null;
  receivedAt: string;
  dueAt: string;
  reply: string | null;
  overdue: string | null;
  escalationReason: string | null;
  repeatCount: number;
  phone: string;
  enterprise: { name: string; creditCode: string } | null;
}

export interface Units {
  items: Array<{ code: string; name: Record<string, string> }>;
  mine: string | null;
}

export interface Detail {
  appeal: Appeal;
  timeline: Array<{
    at: string;
    action: string;
    actor: string;
    to: string | null;
    unitName: string | null;
    note: string | null;
  }>;
  messages: Array<{ kind: string; body: Record<string, string>; status: string; createdAt: string }>;
}

/** The dashboard API's answer (src/appeals/appeals.dashboard.ts). */
export interface Dash {
  from: string;
  to: string;
  total: number;
  byChannel: Array<{ key: string; n: number }>;
  byCategory: Array<{ key: string; n: number }>;
  byDistrict: Array<{ key: string; name: string; n: number }>;
  byStatus: Array<{ key: string; n: number }>;
  byDay: Array<{ day: string; n: number }>;
  rates: { signOnTime: number | null; closeOnTime: number | null; satisfaction: number | null; reopen: number | null };
  counts: Record<string, number> & { overdue: number; escalated: number };
  whitelist: { day: string; counts: Record<string, number> } | null;
}

/** A local date-time in the UI language, or nothing. */
export const fmt = (iso: string | null, lang: string) =>
  iso ? new Date(iso).toLocaleString(lang, { hour12: false }) : '';

/** An enterprise as the registry serves it (contact masked). */
export interface Enterprise {
  id: number;
  creditCode: string;
  name: string;
  industry: string;
  districtCode: string;
  districtName: string;
  size: string;
  tiers: string[];
  whitelisted: boolean;
  liaison: { id: number; name: string | null; rank: string | null } | null;
  contactName: string | null;
  phone: string | null;
}

/** A whitelisted enterprise's daily status report. */
export interface Report {
  id: number;
  day: string;
  production: string;
  capacityPct: number;
  materialDays: number;
  logisticsBlocked: boolean;
  staffOnSite: number;
  staffClosedLoop: number;
  note: string | null;
  appealId: number | null;
  taskId: number | null;
}

export const TIERS = ['national', 'provincial', 'city', 'leader'];
