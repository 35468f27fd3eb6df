import type { ColourVerdict } from '../health-code/health-code.rules.ts';
import { DEFAULT_POLICIES, type ExamParams, type PolicyParams } from '../policy/policy.schema.ts';

export const CANDIDATE_CLASSES = ['regular', 'special', 'barred'] as const;
export type CandidateClass = (typeof CANDIDATE_CLASSES)[number];

const ZH_COLOUR: Record<string, string> = { green: '绿码', yellow: '黄码', red: '红码' };

/** Why a candidate is in their class; the rule id is `<policy>:exam:<reason>`. */
export const CLASS_REASONS = [
  'positive',
  'isolation',
  'high-zone',
  'red-code',
  'barred-zone',
  'barred-colour',
  'medium-zone',
  'special-colour',
  'no-certificate',
  'clear',
] as const;
export type ClassReason = (typeof CLASS_REASONS)[number];

/** The fallback when a stored version predates the exam parameters and is not one of the defaults. */
const FALLBACK_EXAM: ExamParams = {
  barredColours: ['red'],
  barredZoneLevels: ['high'],
  specialColours: ['yellow'],
  specialZoneLevels: ['medium'],
  certificateHours: null,
  withoutCertificate: 'special',
};

/**
 * The exam parameters of a policy version: its own, or (stored before they existed) those of the
 * default version of the same id, or the 9th edition's.
 */
export function examParamsOf(policy: { id: string; params: PolicyParams }): ExamParams {
  return policy.params.exam ?? DEFAULT_POLICIES.find((p) => p.id === policy.id)?.params.exam ?? FALLBACK_EXAM;
}

/** What a candidate is judged on, at one instant. */
export interface CandidateFacts {
  colour: ColourVerdict;
  /** The restricted zone they live in at the instant, if any. */
  zone: { code: string; level: string } | null;
  /** Their latest negative sampling not after the instant (ms), or null. */
  lastNegativeAt: number | null;
}

/** A candidate's class with the reason in both languages and the rule that decided it. */
export interface Classification {
  class: CandidateClass;
  reason: ClassReason;
  rule: string;
  text: { 'zh-CN': string; en: string };
}

const TEXT: Record<ClassReason, (f: CandidateFacts, hours: number | null) => { 'zh-CN': string; en: string }> = {
  positive: () => ({ 'zh-CN': '阳性感染者，不得参加考试', en: 'infected (positive): may not sit' }),
  isolation: (f) => ({
    'zh-CN': `处于隔离管控期（${f.colour.reason['zh-CN']}），不得参加考试`,
    en: `under isolation (${f.colour.reason.en}): may not sit`,
  }),
  'high-zone': (f) => ({
    'zh-CN': `居住在高风险区${f.zone?.code ?? ''}，不得参加考试`,
    en: `lives in high-risk zone ${f.zone?.code ?? ''}: may not sit`,
  }),
  'red-code': (f) => ({
    'zh-CN': `健康码红码（${f.colour.reason['zh-CN']}），不得参加考试`,
    en: `red code (${f.colour.reason.en}): may not sit`,
  }),
  'barred-zone': (f) => ({
    'zh-CN': `居住在${f.zone?.level ?? ''}风险区${f.zone?.code ?? ''}，本政策版本不得参加考试`,
    en: `lives in ${f.zone?.level ?? ''} zone ${f.zone?.code ?? ''}: barred under this version`,
  }),
  'barred-colour': (f) => ({
    'zh-CN': `健康码${ZH_COLOUR[f.colour.colour] ?? f.colour.colour}，本政策版本不得参加考试`,
    en: `${f.colour.colour} code: barred under this version`,
  }),
  'medium-zone': (f) => ({
    'zh-CN': `来自中风险区${f.zone?.code ?? ''}：特殊通道、隔离考场，可申请点对点专车`,
    en: `from medium-risk zone ${f.zone?.code ?? ''}: special lane, isolation room, shuttle on request`,
  }),
  'special-colour': (f) => ({
    'zh-CN': `健康码黄码（${f.colour.reason['zh-CN']}）：特殊通道、隔离考场，可申请点对点专车`,
    en: `yellow code (${f.colour.reason.en}): special lane, isolation room, shuttle on request`,
  }),
  'no-certificate': (_f, h) => ({
    'zh-CN': `无${h}小时内核酸阴性证明`,
    en: `no negative test within ${h} h`,
  }),
  clear: () => ({ 'zh-CN': '常规考生', en: 'regular candidate' }),
};

// Reasons whose text names nothing of the candidate: one answer per version serves them all (a
// province's 700,000 regular candidates would otherwise build 700,000 equal objects). Kept per
// parameters object and version, looked up without building a key string per candidate.
const SHARED: ReadonlySet<ClassReason> = new Set(['positive', 'no-certificate', 'clear']);
const shared = new WeakMap<ExamParams, Map<string, Map<ClassReason, Classification>>>();

const ISOLATION_RULES = /:(close-contact|secondary-contact)$/;
const POSITIVE_RULES = /:(infection|positive-test)$/;

// A plain function, not a closure made per candidate: under tsx every closure is also named on
// creation, which showed as a quarter of the classification of a province.
function decide(
  f: CandidateFacts,
  params: ExamParams,
  policyId: string,
  cls: CandidateClass,
  reason: ClassReason,
): Classification {
  let byReason: Map<ClassReason, Classification> | undefined;
  if (SHARED.has(reason)) {
    let byPolicy = shared.get(params);
    if (!byPolicy) {
      byPolicy = new Map();
      shared.set(params, byPolicy);
    }
    byReason = byPolicy.get(policyId);
    if (!byReason) {
      byReason = new Map();
      byPolicy.set(policyId, byReason);
    }
    const known = byReason.get(reason);
    if (known) return known;
  }
  const out = Object.freeze({
    class: cls,
    reason,
    rule: `${policyId}:exam:${reason}`,
    text: Object.freeze(TEXT[reason](f, params.certificateHours)),
  });
  byReason?.set(reason, out);
  return out;
}

/**
 * A candidate's class at an instant (RULES.md, exams): positives, people under isolation, high-zone
 * residents and red codes do not sit; then the version's barred zones and colours; then its special
 * zones and colours (special lane, isolation room, shuttle if asked); a candidate without the
 * version's negative certificate is special or barred as the version says; everyone else is regular.
 */
export function classify(
  f: CandidateFacts,
  params: ExamParams,
  policyId: string,
  at: number,
  barredZoneLevel = 'high',
): Classification {
  const { colour } = f.colour;
  if (colour === 'red' && POSITIVE_RULES.test(f.colour.rule)) return decide(f, params, policyId, 'barred', 'positive');
  if (colour === 'red' && ISOLATION_RULES.test(f.colour.rule))
    return decide(f, params, policyId, 'barred', 'isolation');
  const zoneLevel = f.zone?.level;
  if (zoneLevel && params.barredZoneLevels.includes(zoneLevel as never))
    return decide(f, params, policyId, 'barred', zoneLevel === barredZoneLevel ? 'high-zone' : 'barred-zone');
  if (params.barredColours.includes(colour))
    return decide(f, params, policyId, 'barred', colour === 'red' ? 'red-code' : 'barred-colour');
  if (zoneLevel && params.specialZoneLevels.includes(zoneLevel as never))
    return decide(f, params, policyId, 'special', 'medium-zone');
  if (params.specialColours.includes(colour)) return decide(f, params, policyId, 'special', 'special-colour');
  const hours = params.certificateHours;
  if (hours !== null && (f.lastNegativeAt === null || at - f.lastNegativeAt > hours * 3600_000))
    return decide(f, params, policyId, params.withoutCertificate, 'no-certificate');
  return decide(f, params, policyId, 'regular', 'clear');
}

/** Yes/no cells in either language; null when the cell says neither. */
export function parseFlag(v: string | undefined): boolean | null {
  const s = (v ?? '').trim().toLowerCase();
  if (['', '0', 'no', 'n', 'false', '否', '不'].includes(s)) return false;
  if (['1', 'yes', 'y', 'true', '是'].includes(s)) return true;
  return null;
}

/** A site as the plan sees it. */
export interface PlanSite {
  id: number;
  code: string;
  district: string;
  lng: number | null;
  lat: number | null;
}

/** A room as the plan sees it. */
export interface PlanRoom {
  id: number;
  siteId: number;
  no: string;
  capacity: number;
  isolation: boolean;
}

/** A candidate as the plan sees it. */
export interface PlanCandidate {
  id: number;
  no: string;
  siteId: number;
  roomId: number;
  class: CandidateClass;
}

/** Where the plan puts one candidate and why (`stays`, `isolation-own-site`, `isolation-nearby`, `barred`). */
export interface PlanMove {
  candidateId: number;
  fromRoom: number;
  toRoom: number | null;
  why: 'isolation-own-site' | 'isolation-nearby' | 'barred';
}

function distance(a: PlanSite, b: PlanSite): number {
  if (a.lng === null || a.lat === null || b.lng === null || b.lat === null) return Number.POSITIVE_INFINITY;
  const dx = (a.lng - b.lng) * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  return Math.hypot(dx, a.lat - b.lat);
}

/**
 * The room plan: special candidates go to isolation rooms of their own site, then of the nearest
 * site in the same district (by coordinates, then by code), within capacity; a special candidate
 * already seated in an isolation room stays; barred candidates leave their room. Regular
 * candidates keep their rooms. Candidates that find no isolation seat are returned as unplaced.
 */
export function planRooms(
  sites: PlanSite[],
  rooms: PlanRoom[],
  candidates: PlanCandidate[],
): { moves: PlanMove[]; unplaced: PlanCandidate[] } {
  const roomById = new Map(rooms.map((r) => [r.id, r]));
  const siteById = new Map(sites.map((s) => [s.id, s]));
  const used = new Map<number, number>();
  const isoBySite = new Map<number, PlanRoom[]>();
  for (const r of rooms)
    if (r.isolation) {
      const list = isoBySite.get(r.siteId) ?? [];
      list.push(r);
      isoBySite.set(r.siteId, list);
    }
  for (const list of isoBySite.values()) list.sort((a, b) => a.no.localeCompare(b.no, 'en', { numeric: true }));
  const moves: PlanMove[] = [];
  const unplaced: PlanCandidate[] = [];
  const waiting: PlanCandidate[] = [];
  // Seats already taken in isolation rooms: regular candidates placed there and specials already in.
  for (const c of candidates) {
    if (c.class === 'barred') {
      moves.push({ candidateId: c.id, fromRoom: c.roomId, toRoom: null, why: 'barred' });
      continue;
    }
    const room = roomById.get(c.roomId);
    if (c.class === 'regular' || room?.isolation) used.set(c.roomId, (used.get(c.roomId) ?? 0) + 1);
    else waiting.push(c);
  }
  const seat = (siteId: number): PlanRoom | undefined =>
    isoBySite.get(siteId)?.find((r) => (used.get(r.id) ?? 0) < r.capacity);
  const nearbyOf = new Map<number, PlanSite[]>();
  const nearby = (site: PlanSite): PlanSite[] => {
    let list = nearbyOf.get(site.id);
    if (!list) {
      list = sites
        .filter((s) => s.id !== site.id && s.district === site.district && isoBySite.has(s.id))
        .sort((a, b) => distance(site, a) - distance(site, b) || a.code.localeCompare(b.code));
      nearbyOf.set(site.id, list);
    }
    return list;
  };
  waiting.sort((a, b) => a.no.localeCompare(b.no));
  for (const c of waiting) {
    const site = siteById.get(c.siteId);
    let room = seat(c.siteId);
    let why: PlanMove['why'] = 'isolation-own-site';
    if (!room && site)
      for (const s of nearby(site)) {
        room = seat(s.id);
        why = 'isolation-nearby';
        if (room) break;
      }
    if (!room) {
      unplaced.push(c);
      continue;
    }
    used.set(room.id, (used.get(room.id) ?? 0) + 1);
    moves.push({ candidateId: c.id, fromRoom: c.roomId, toRoom: room.id, why });
  }
  return { moves, unplaced };
}
