import { enterpriseOverview } from '../appeals/registry.service.ts';
import { nameOf } from '../geo/geo.service.ts';
import { AuthErrors } from '../platform/auth/auth.errors.ts';
import { type Actor, scopePrefix } from '../platform/auth/auth.rules.ts';
import { requirePermission } from '../platform/auth/auth.service.ts';
import type { Ctx } from '../platform/context.ts';
import { addDays } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';
import { accountsOfEnterprise, latestReadingDay } from './economy.repo.ts';
import { flagMessage } from './economy.rules.ts';
import { accountFlagsOf } from './firm.repo.ts';
import { DIVISIONS, industryCode } from './industries.rules.ts';
import { settingsView } from './settings.service.ts';
import { accountCurves } from './views.service.ts';

// The curve runs from the baseline window to the day, so the drop reads against the level it fell from;
// a window set long ago is cut to this many days.
const LONGEST = 120;
const FLAGS = 60;

/**
 * A firm's page: its accounts' curves against their weekday baselines, the flags raised on them with
 * rule and numbers, beside its whitelist reports, appeals and open liaison tasks (read through the
 * appeals module's overview, which refuses a firm outside the caller's division as unknown).
 */
export async function firmView(ctx: Ctx, actor: Actor, code: string, until?: string) {
  requirePermission(actor, 'economy:read');
  const prefix = scopePrefix(actor.scope);
  if (prefix === null) throw new AppError(AuthErrors.OUT_OF_SCOPE);
  const overview = await enterpriseOverview(ctx, actor, code);
  const sv = await settingsView(ctx);
  const date = until ?? (await latestReadingDay(ctx.db.k));
  // An account read in another district than the firm's seat stays with that district's officer.
  const accounts = (await accountsOfEnterprise(ctx.db.k, overview.enterprise.id))
    .filter((a) => a.district_code.startsWith(prefix))
    .sort((a, b) => a.account_no.localeCompare(b.account_no));
  const nos = accounts.map((a) => a.account_no);
  const from = date ? [sv.window?.from ?? addDays(date, -59), addDays(date, 1 - LONGEST)].sort()[1] : null;
  const curves = date && from ? await accountCurves(ctx, nos, from as string, date) : [];
  const flags = date ? await accountFlagsOf(ctx.db.k, nos, date, FLAGS) : [];
  return {
    ...overview,
    ...sv,
    date,
    accounts: accounts.map((a) => ({
      account: a.account_no,
      district: a.district_code,
      districtName: nameOf(a.district_code) ?? a.district_code,
      industry: industryCode(a.industry_division),
      industryName: DIVISIONS[a.industry_division]?.[1] ?? '',
      points: curves.find((c) => c.account === a.account_no)?.points ?? [],
    })),
    flags: flags.map((f) => ({
      day: f.day,
      account: f.subject,
      rule: f.rule,
      kwh: f.kwh,
      baseline: f.baseline,
      share: f.share,
      threshold: f.threshold,
      days: f.days,
      taskId: f.task_id,
      message: flagMessage({ ...f, kind: 'account', label: `${overview.enterprise.name} ${f.subject}` }),
    })),
  };
}
