import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { sql } from 'kysely';
import { testCtx } from '../helpers/db.ts';

// docs/scale-out.md rests on these facts of the schema; a migration that changes one fails here,
// so that the plan is revised with it.
const DOC = readFileSync(new URL('../../docs/scale-out.md', import.meta.url), 'utf8');
const EVENT_TABLES = ['scans', 'paper_scans', 'samples', 'tubes', 'tube_results', 'person_tests'];
// The foreign keys onto persons the plan says would have to change (co-locate or drop).
const ONTO_PERSONS = ['cases', 'colour_overrides', 'resident_accounts', 'risk_marks'];

test('the schema is as docs/scale-out.md says: keys, foreign keys, every table placed', async () => {
  const ctx = await testCtx('sqlite');
  after(() => ctx.close());
  const tables = (
    await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'create virtual%' and name not like '%_fts_%'`.execute(
      ctx.db.k,
    )
  ).rows.map((r) => r.name);
  const fks = async (t: string) =>
    (await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${t})`.execute(ctx.db.k)).rows.map(
      (r) => r.table,
    );
  const pk = async (t: string) =>
    (await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${t})`.execute(ctx.db.k)).rows
      .filter((r) => r.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((r) => r.name);
  for (const t of EVENT_TABLES)
    assert.deepEqual(await fks(t), [], `${t} has a foreign key: a distributed table cannot keep it`);
  const onto: string[] = [];
  for (const t of tables) if ((await fks(t)).includes('persons')) onto.push(t);
  assert.deepEqual(onto.sort(), ONTO_PERSONS, 'the foreign keys onto persons are the ones the plan lists');
  // Distribution keys already leading the primary key, and the ones the plan says are missing.
  assert.deepEqual(await pk('tubes'), ['code']);
  assert.deepEqual(await pk('persons'), ['id']);
  assert.deepEqual(await pk('person_tests'), ['person_id']);
  assert.deepEqual(await pk('samples'), ['tube_code', 'person_id']);
  assert.deepEqual(await pk('scans'), ['id'], 'scans gained its venue in the key: update docs/scale-out.md');
  for (const t of tables) assert.ok(DOC.includes(`\`${t}\``), `docs/scale-out.md does not place the table ${t}`);
});
