import { AppError } from '../platform/errors.ts';
import type { DoorDeclaration } from '../platform/module.ts';
import { EXIT_REASONS, type ExitDeclaration, type ExitReason } from '../venues/venues.schema.ts';
import { ExitErrors } from './exit.errors.ts';

/** zh-CN names of the declared reasons (the screens and exports). */
export const EXIT_REASON_NAMES: Record<ExitReason, { 'zh-CN': string; en: string }> = {
  medical: { 'zh-CN': '就医', en: 'medical' },
  work: { 'zh-CN': '工作', en: 'work' },
  family: { 'zh-CN': '探亲', en: 'family' },
  study: { 'zh-CN': '就学', en: 'study' },
  other: { 'zh-CN': '其他', en: 'other' },
};

/**
 * 非必要不离榕: leaving the city is for a declared necessity. A checkpoint scan without a reason,
 * or `other` without saying what, is refused before anything is recorded.
 */
export function requireDeclaration(exit: DoorDeclaration | undefined): ExitDeclaration {
  if (!exit || !(EXIT_REASONS as readonly string[]).includes(exit.reason))
    throw new AppError(ExitErrors.EXIT_REASON_MISSING);
  if (exit.reason === 'other' && !exit.text?.trim()) throw new AppError(ExitErrors.EXIT_REASON_TEXT_MISSING);
  return exit as ExitDeclaration;
}

/** One checkpoint's day. */
export interface CheckpointDay {
  allowed: number;
  refused: number;
  /** Residents of restricted zones who tried (flagged to their district). */
  flagged: number;
  byReason: Record<ExitReason, { allowed: number; refused: number }>;
  /** Refusal reason code → departures refused with it (one departure may carry several). */
  refusals: Record<string, number>;
}

/** An empty day of a checkpoint. */
export function emptyDay(): CheckpointDay {
  return {
    allowed: 0,
    refused: 0,
    flagged: 0,
    byReason: Object.fromEntries(EXIT_REASONS.map((r) => [r, { allowed: 0, refused: 0 }])) as CheckpointDay['byReason'],
    refusals: {},
  };
}

/** Adds a group of departures (same verdict, reason and refusal set) to a checkpoint's day. */
export function addGroup(
  d: CheckpointDay,
  g: { verdict: string; reason: string; refusals: string; n: number; flagged: number },
): void {
  const allowed = g.verdict === 'allow';
  if (allowed) d.allowed += g.n;
  else d.refused += g.n;
  d.flagged += g.flagged;
  const r = d.byReason[g.reason as ExitReason];
  if (r) r[allowed ? 'allowed' : 'refused'] += g.n;
  if (!allowed) for (const code of JSON.parse(g.refusals) as string[]) d.refusals[code] = (d.refusals[code] ?? 0) + g.n;
}
