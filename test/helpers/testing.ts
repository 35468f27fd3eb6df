// The mass-testing tests' common start: residents with valid ID numbers, one campaign and one site.
import { insertPersons } from '../../src/people/people.repo.ts';
import { checkCharOf } from '../../src/people/people.rules.ts';
import { sealPerson } from '../../src/people/people.service.ts';
import type { Ctx } from '../../src/platform/context.ts';
import { upsertPersonTests } from '../../src/testing/testing.repo.ts';
import { createCampaign, createSites } from '../../src/testing/testing.service.ts';
import { type PersonStatus, statusIndex } from '../../src/testing/testing.status.ts';

/** Test resident n's ID number: Gulou district, born on `birth` (YYYYMMDD), a valid check character. */
export function residentId(n: number, birth = '19900101'): string {
  const first17 = `350102${birth}${String(n).padStart(3, '0')}`;
  return first17 + checkCharOf(first17);
}

/** Residents 0 … count−1 with ID numbers from `id`, in community 350102001001 unless `communityOf` says otherwise. */
export async function insertResidents(
  ctx: Ctx,
  count: number,
  id: (n: number) => string,
  communityOf: (n: number) => string = () => '350102001001',
): Promise<void> {
  const now = new Date().toISOString();
  await ctx.db.k.transaction().execute((trx) =>
    insertPersons(
      trx,
      Array.from({ length: count }, (_, n) =>
        sealPerson(ctx.crypto, { idNumber: id(n), name: `人${n}`, communityCode: communityOf(n) }, now),
      ),
    ),
  );
}

/** A sample row as the import takes it, sampled at site S1. */
export function sampleRow(row: number, tubeCode: string, idNumber: string, poolSize: number, sampledAt: string) {
  return { row, tubeCode, poolSize, sampledAt, siteCode: 'S1', idNumber };
}

/**
 * Residents (insertResidents), campaign C1 over street 350102001 from 2022-11-08 to `endOn`, and
 * site S1; returns each resident's person id.
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
  await insertResidents(ctx, o.persons, o.id, o.communityOf);
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

/**
 * Records a person's test facts as the testing module does: in `person_tests` and then in the
 * status index, so fixtures never leave the index ahead of the database.
 */
export async function recordTests(ctx: Ctx, personId: number, facts: Partial<PersonStatus>): Promise<void> {
  const iso = (v: number | null | undefined) => (v == null ? null : new Date(v).toISOString());
  await ctx.db.k.transaction().execute((trx) =>
    upsertPersonTests(ctx.db, trx, [
      {
        person_id: personId,
        last_sampled_at: iso(facts.lastSampledAt),
        last_negative_sampled_at: iso(facts.lastNegativeSampledAt),
        positive_pool_at: iso(facts.positivePoolAt),
        positive_at: iso(facts.positiveAt),
      },
    ]),
  );
  (await statusIndex(ctx.db)).set(personId, facts);
}
