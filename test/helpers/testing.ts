// The mass-testing tests' common start: residents with valid ID numbers, one campaign and one site.
import { insertPersons } from '../../src/people/people.repo.ts';
import { checkCharOf } from '../../src/people/people.rules.ts';
import { sealPerson } from '../../src/people/people.service.ts';
import type { Ctx } from '../../src/platform/context.ts';
import { createCampaign, createSites } from '../../src/testing/testing.service.ts';

/** Test resident n's ID number: Gulou district, born on `birth` (YYYYMMDD), a valid check character. */
export function residentId(n: number, birth = '19900101'): string {
  const first17 = `350102${birth}${String(n).padStart(3, '0')}`;
  return first17 + checkCharOf(first17);
}

/**
 * Residents 0 … persons−1 (in community 350102001001 unless `communityOf` says otherwise), campaign
 * C1 over street 350102001 from 2022-11-08 to `endOn`, and site S1; returns each resident's person id.
 */
export async function testingRound(
  ctx: Ctx,
  o: {
    persons: number;
    endOn: string;
    poolSize: 1 | 5 | 10 | 20;
    id: (n: number) => string;
    communityOf?: (n: number) => string;
  },
): Promise<(n: number) => number> {
  const now = new Date().toISOString();
  const community = o.communityOf ?? (() => '350102001001');
  await ctx.db.k.transaction().execute((trx) =>
    insertPersons(
      trx,
      Array.from({ length: o.persons }, (_, n) =>
        sealPerson(ctx.crypto, { idNumber: o.id(n), name: `人${n}`, communityCode: community(n) }, now),
      ),
    ),
  );
  const rows = await ctx.db.k.selectFrom('persons').select(['id', 'id_index']).execute();
  const byIndex = new Map(rows.map((r) => [r.id_index, Number(r.id)]));
  await createCampaign(ctx, 'system', {
    code: 'C1',
    name: 'round',
    startOn: '2022-11-08',
    endOn: o.endOn,
    areas: [{ code: '350102001', poolSize: o.poolSize }],
  });
  await createSites(ctx, 'system', [
    { code: 'S1', name: 'site', communityCode: '350102001001', lanes: 2, hours: '7-21' },
  ]);
  return (n) => byIndex.get(ctx.crypto.blindIndex('id', o.id(n))) as number;
}
