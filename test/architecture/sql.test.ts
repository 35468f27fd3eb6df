import assert from 'node:assert/strict';
import { test } from 'node:test';
import ts from 'typescript';
import { sources } from './rooms.ts';

// SQL lives only in *.repo.ts. Besides those, migrations (*.migration.ts, whose DDL is their job)
// and the platform's own database machinery (src/platform/db: connection, migrator, read thread)
// may hold it.
const EXEMPT = [/\.repo\.ts$/, /\.migration\.ts$/, /^src\/platform\/db\//];

const BUILDERS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
// SQL written as text: a string that starts a statement, or a clause only SQL has.
const ITEM = String.raw`(\*|\w+(\.(\w+|\*))?(\([^)]*\))?)(\s+as\s+\w+)?`;
const SQL_TEXT = [
  new RegExp(String.raw`^\s*select\s+(distinct\s+)?${ITEM}(\s*,\s*${ITEM})*\s+from\s+\w`, 'i'),
  /^\s*insert\s+(or\s+\w+\s+)?into\s+\w/i,
  /^\s*update\s+\w+\s+set\s+\w/i,
  /^\s*delete\s+from\s+\w/i,
  /^\s*(create|drop|alter)\s+(unique\s+|virtual\s+)?(table|index|view|trigger)\b/i,
  /^\s*with\s+(recursive\s+)?\w+\s+as\s*\(/i,
  /\bon\s+conflict\s*(\(|do\b)/i,
  /\bjoin\s+\w+\s+(as\s+)?\w+\s+on\s+\w+\.\w+\s*=/i,
];

/** What in a source text builds or writes SQL, as 'line: what'. */
function sqlIn(path: string, text: string): string[] {
  const kind = path.endsWith('x') ? ts.ScriptKind.TSX : path.endsWith('ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, kind);
  const out: string[] = [];
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAccessExpression(n)) {
      const name = n.name.text;
      if (BUILDERS.has(name) && ts.isCallExpression(n.parent) && n.parent.expression === n)
        out.push(`${line(n)}: .${name}(…)`);
      if (ts.isIdentifier(n.expression) && n.expression.text === 'sql') out.push(`${line(n)}: sql.${name}`);
      if (['prepare', 'exec'].includes(name) && ts.isPropertyAccessExpression(n.expression))
        if (n.expression.name.text === 'sqlite') out.push(`${line(n)}: .sqlite.${name}(…)`);
    }
    if (ts.isTaggedTemplateExpression(n) && ts.isIdentifier(n.tag) && n.tag.text === 'sql')
      out.push(`${line(n)}: sql\`…\``);
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateLiteralToken(n))
      if (SQL_TEXT.some((re) => re.test(n.text)))
        out.push(`${line(n)}: '${n.text.replace(/\s+/g, ' ').trim().slice(0, 50)}'`);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

test('the check sees each way of writing SQL, and not prose', () => {
  const seen = (text: string) => sqlIn('x.ts', text).length;
  for (const text of [
    "await ctx.db.k.selectFrom('persons').select('id').execute();",
    "await trx.insertInto('tubes').values(rows).execute();",
    "await trx.updateTable('tubes').set({ status: 'closed' }).execute();",
    "await trx.deleteFrom('sessions').where('id', '=', id).execute();",
    'await sql`analyze samples`.execute(db.k);',
    'const n = sql<number>`count(*)`;',
    'const t = sql.raw(name);',
    "ctx.db.sqlite.prepare('pragma optimize').run();",
    "db.prepare('select t.* from json_each(?) as j join tubes as t on t.code = j.value');",
    `const head = \`insert into tubes (\${cols}) values \`;`,
    "const tail = ' on conflict (code) do update set samples = tubes.samples + excluded.samples';",
    "h.exec('update tubes set status = 1 where code = ?');",
    "run('delete from appeal_outbox where id = ?');",
    "run('create index tubes_code on tubes (code)');",
  ])
    assert.ok(seen(text) > 0, text);
  for (const text of [
    "throw new AppError('SELECT_REQUIRED', { what: 'Select a venue from the list' });",
    "const label = { en: 'Update the zone, then delete from the map what is gone' };",
    "worker.postMessage({ sql: statementFor('scans') }); db.prepare(sql);",
    "const where = 'joined on the day the force was formed';",
  ])
    assert.equal(seen(text), 0, text);
});

test('SQL lives only in *.repo.ts (and in migrations and src/platform/db)', () => {
  const found = sources('src')
    .filter((f) => !f.test && !EXEMPT.some((re) => re.test(f.path)))
    .flatMap((f) => sqlIn(f.path, f.text).map((w) => `${f.path}:${w}`));
  assert.deepEqual(found, [], `SQL outside a *.repo.ts file:\n  ${found.join('\n  ')}`);
});
