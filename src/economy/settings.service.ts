import { recordAudit } from '../platform/audit/audit.service.ts';
import { type Actor, actorLabel } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import { nowIso } from '../platform/clock.ts';
import type { Ctx } from '../platform/context.ts';
import { AppError } from '../platform/errors.ts';
import { EconomyErrors } from './economy.errors.ts';
import { firstLocalCaseDay, putSettings, rebuildBaselines, settingsRow } from './economy.repo.ts';
import { DEFAULT_SETTINGS, type PowerSettings, windowOf } from './economy.rules.ts';

type Who = Actor | 'system' | 'cli';

/** The stored settings over the defaults. */
export async function loadSettings(ctx: Ctx): Promise<PowerSettings> {
  const r = await settingsRow(ctx.db.k);
  if (!r) return { ...DEFAULT_SETTINGS };
  return {
    baselineFrom: r.baseline_from,
    baselineTo: r.baseline_to,
    accountShare: Number(r.account_share),
    accountDays: Number(r.account_days),
    areaShare: Number(r.area_share),
    absurdFactor: Number(r.absurd_factor),
    flatBand: Number(r.flat_band),
    markedShare: Number(r.marked_share),
  };
}

/** The settings and the baseline window they give today (the default follows the first local case). */
export async function settingsView(ctx: Ctx, actor?: Actor) {
  if (actor) requirePermission(actor, 'economy:read');
  const settings = await loadSettings(ctx);
  const firstCase = await firstLocalCaseDay(ctx.db.k);
  return { settings, window: windowOf(settings, firstCase), firstLocalCase: firstCase };
}

/** Stores the bureau's thresholds or the window; the baselines follow a new window at once. */
export async function updateSettings(ctx: Ctx, actor: Who, patch: Partial<PowerSettings>) {
  if (typeof actor !== 'string') requirePermission(actor, 'economy:configure');
  const before = await loadSettings(ctx);
  const next = { ...before, ...patch };
  if ((next.baselineFrom === null) !== (next.baselineTo === null))
    throw new AppError(EconomyErrors.POWER_SETTINGS_INVALID);
  if (next.baselineFrom && next.baselineTo && next.baselineFrom > next.baselineTo)
    throw new AppError(EconomyErrors.POWER_SETTINGS_INVALID);
  const who = actorLabel(actor);
  const firstCase = await firstLocalCaseDay(ctx.db.k);
  const win = windowOf(next, firstCase);
  await ctx.db.k.transaction().execute(async (trx) => {
    await putSettings(trx, {
      id: 1,
      baseline_from: next.baselineFrom,
      baseline_to: next.baselineTo,
      account_share: next.accountShare,
      account_days: next.accountDays,
      area_share: next.areaShare,
      absurd_factor: next.absurdFactor,
      flat_band: next.flatBand,
      marked_share: next.markedShare,
      updated_at: nowIso(),
      updated_by: who,
    });
    if (win) await rebuildBaselines(trx, win.from, win.to);
    await recordAudit(ctx.db, ctx.crypto, trx, {
      actor: who,
      action: 'power-settings-changed',
      entity: 'economy-settings',
      entityId: 1,
      detail: { before, after: next },
    });
  });
  return { settings: next, window: win, firstLocalCase: firstCase };
}
