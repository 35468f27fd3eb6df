import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testApp } from '../../test/helpers/app.ts';
import { dialects } from '../../test/helpers/db.ts';
import { insertPersons } from '../people/people.repo.ts';
import { checkCharOf } from '../people/people.rules.ts';
import { sealPerson } from '../people/people.service.ts';
import { nowMs, setClock } from '../platform/clock.ts';
import { codeKeys, personalCode } from '../venues/venues.codes.ts';
import { createVenues } from '../venues/venues.service.ts';
import { addResidents } from '../zones/residents.service.ts';
import { insertZone } from '../zones/zones.repo.ts';

const id = (n: number) => {
  const s = `35010219900101${String(n).padStart(3, '0')}`;
  return s + checkCharOf(s);
};
const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
const AT = '2022-11-05T08:00:00+08:00';
const GULOU = '350102001001';
const CANGSHAN = '350104001003';

/** A PDF's page count and the strings its pages print (hex UTF-16BE), each page's in order. */
function readPdf(body: Buffer): { pages: number; texts: string[][] } {
  const s = body.toString('latin1');
  assert.ok(s.startsWith('%PDF-1.4\n') && s.endsWith('%%EOF\n'), 'a PDF file');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(s)?.[1]);
  assert.equal(s.slice(startxref, startxref + 5), 'xref\n', 'startxref points at the xref table');
  const pages = Number(/\/Type \/Pages \/Kids \[[^\]]*\] \/Count (\d+)/.exec(s)?.[1]);
  const texts = [...s.matchAll(/stream\n([\s\S]*?)\nendstream/g)].map((m) =>
    [...(m[1] as string).matchAll(/<([0-9A-F]+)> Tj/g)].map((t) =>
      Buffer.from(t[1] as string, 'hex')
        .swap16()
        .toString('utf16le'),
    ),
  );
  assert.equal(texts.length, pages, 'one content stream per page');
  return { pages, texts };
}

for (const dialect of dialects()) {
  describe(`events: exam-day entry, supplies and printed lists on ${dialect}`, async () => {
    const t = await testApp(dialect);
    after(() => t.close());
    const cookies: Record<string, string> = {};
    const req = (method: 'GET' | 'POST', url: string, who = 'exam', body?: Buffer | object) =>
      t.app.inject({
        method,
        url,
        headers: {
          ...(who ? { cookie: cookies[who] as string } : {}),
          ...(Buffer.isBuffer(body) ? { 'content-type': 'text/csv' } : {}),
        },
        ...(body === undefined ? {} : { payload: body as never }),
      });
    const personOf = async (candidateNo: string) =>
      Number(
        (
          await t.ctx.db.k
            .selectFrom('exam_candidates')
            .select('person_id')
            .where('candidate_no', '=', candidateNo)
            .executeTakeFirstOrThrow()
        ).person_id,
      );
    const keys = () => codeKeys(t.ctx.config.secret);
    const scan = (venueCode: string, personId: number, key?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/scans',
        headers: key ? { 'idempotency-key': key } : {},
        payload: { venueCode, personalCode: personalCode(keys(), personId, nowMs()) },
      });

    before(async () => {
      setClock('2022-11-05T00:00:00Z');
      await createVenues(t.ctx, 'system', [
        { code: 'EXA', name: '一中考点', category: 'exam-site', communityCode: GULOU },
        { code: 'EXB', name: '三中考点', category: 'exam-site', communityCode: GULOU },
        { code: 'EXC', name: '仓山考点', category: 'exam-site', communityCode: CANGSHAN },
        { code: 'OFF', name: '某写字楼', category: 'office', communityCode: GULOU },
      ]);
      await t.ctx.db.k.transaction().execute(async (trx) => {
        await insertPersons(
          trx,
          [1, 2, 3, 4, 5].map((n) =>
            sealPerson(t.ctx.crypto, { idNumber: id(n), name: `考生${n}`, communityCode: GULOU }, AT),
          ),
        );
        for (const [code, level] of [
          ['ZM', 'medium'],
          ['ZH', 'high'],
        ] as const)
          await insertZone(trx, {
            code,
            name: code,
            level,
            status: 'active',
            unit: 'compound',
            district_code: '350102',
            street_code: '350102001',
            community_code: GULOU,
            polygon: null,
            residents: 0,
            designated_on: '2022-11-01',
            lifted_on: null,
            created_at: '2022-11-01T00:00:00Z',
          });
      });
      await addResidents(t.ctx, 'system', 'ZM', [1, 3, 4]);
      await addResidents(t.ctx, 'system', 'ZH', [2]);
      await t.user('exam', 'exam-office', { kind: 'city', code: '3501' });
      await t.user('cangshan', 'district-officer', { kind: 'district', code: '350104' });
      for (const u of ['exam', 'cangshan']) cookies[u] = await t.login(u);
      const steps: Array<[string, object | Buffer, number]> = [
        [
          '/api/v1/events',
          {
            code: 'ACEE',
            name: '2022年全国成人高考',
            sessions: [
              { day: '2022-11-05', startsAt: '2022-11-05T09:00:00+08:00', endsAt: '2022-11-05T11:30:00+08:00' },
              { day: '2022-11-06', startsAt: '2022-11-06T09:00:00+08:00', endsAt: '2022-11-06T11:30:00+08:00' },
            ],
          },
          201,
        ],
        [
          '/api/v1/events/ACEE/rooms',
          csv([
            'site_code,room_no,capacity,isolation',
            'EXA,01,3,否',
            'EXA,02,1,是',
            'EXB,01,2,否',
            'EXB,02,2,是',
            'EXC,01,2,否',
          ]),
          201,
        ],
        [
          '/api/v1/events/ACEE/candidates',
          csv([
            'candidate_no,id_number,name,phone,site_code,room_no,shuttle_requested,pickup_address',
            `K1,${id(1)},考生1,13800138001,EXA,01,是,鼓楼区某路1号`,
            `K2,${id(2)},考生2,,EXA,01,否,`,
            `K3,${id(3)},考生3,,EXA,01,是,鼓楼区某路3号`,
            `K4,${id(4)},考生4,,EXB,01,否,`,
            `K5,${id(11)},考生11,,EXB,01,否,`,
            `K6,${id(12)},考生12,,EXC,01,否,`,
          ]),
          201,
        ],
        [`/api/v1/events/ACEE/plan?at=${encodeURIComponent(AT)}`, {}, 200],
        ['/api/v1/events/ACEE/vehicles', csv(['车牌号,座位数,司机,司机电话', '闽AD23456,4,李师傅,13800138000']), 201],
        ['/api/v1/events/ACEE/sessions/1/shuttles', {}, 200],
      ];
      for (const [url, body, status] of steps) {
        const r = await req('POST', url, 'exam', body);
        assert.equal(r.statusCode, status, `${url}: ${r.body}`);
      }
    });

    test('at the door on exam day: lane and room for who sits, the reason for who may not, every entry a scan', async () => {
      setClock('2022-11-05T00:30:00Z');
      const verdict = async (venue: string, candidate: string, key?: string) => {
        const r = await scan(venue, await personOf(candidate), key);
        assert.equal(r.statusCode, 201, r.body);
        const b = r.json();
        return {
          verdict: b.verdict,
          reasons: b.reasons.map((x: { code: string }) => x.code),
          rule: b.policy.rule,
          lane: b.entry?.lane,
          seat: b.entry?.site && `${b.entry.site.code}/${b.entry.room?.no ?? '-'}`,
          ref: b.entry?.ref,
        };
      };
      // A medium-zone resident: the site's ordinary rule refuses them, the exam admits them by the special lane.
      assert.deepEqual(await verdict('EXA', 'K1'), {
        verdict: 'allow',
        reasons: [],
        rule: 'exam.medium-zone',
        lane: 'special',
        seat: 'EXA/02',
        ref: 'K1',
      });
      const k2 = await scan('EXA', await personOf('K2'));
      assert.equal(k2.json().verdict, 'deny');
      assert.deepEqual(k2.json().reasons, [
        {
          code: 'exam-high-zone',
          'zh-CN': '居住在高风险区ZH，不得参加考试',
          en: 'lives in high-risk zone ZH: may not sit',
        },
      ]);
      assert.equal(k2.json().entry.lane, null);
      // Moved by the plan to an isolation room of a nearby site: refused here and told where to go.
      const k3 = await verdict('EXA', 'K3');
      assert.deepEqual([k3.verdict, k3.reasons, k3.lane, k3.seat], ['deny', ['exam-wrong-site'], 'special', 'EXB/02']);
      assert.deepEqual((await verdict('EXB', 'K3')).seat, 'EXB/02');
      // No negative on record: the site's 24-hour rule would refuse; the exam's version asks for none.
      assert.deepEqual(await verdict('EXB', 'K5'), {
        verdict: 'allow',
        reasons: [],
        rule: 'exam.clear',
        lane: 'regular',
        seat: 'EXB/01',
        ref: 'K5',
      });
      // Not a candidate (staff): the site's ordinary rule, and the guard is told so.
      const staff = (await scan('EXA', 5)).json();
      assert.deepEqual([staff.verdict, staff.policy.rule, staff.entry.lane], ['deny', 'entrance.exam-site', null]);
      assert.ok(staff.reasons.some((r: { code: string }) => r.code === 'no-negative-24h'));
      // Other categories never ask the exam.
      assert.equal((await scan('OFF', await personOf('K1'))).json().entry, undefined);
      // A retry is answered as first given, lane and room included; the scans are recorded with the exam's rule.
      const first = await verdict('EXA', 'K1', 'exam-key-1');
      assert.deepEqual(await verdict('EXA', 'K1', 'exam-key-1'), first);
      const rows = await t.ctx.db.k
        .selectFrom('scans')
        .select(['verdict', 'reasons', 'policy_rule'])
        .where('person_id', '=', await personOf('K2'))
        .execute();
      assert.deepEqual(rows, [{ verdict: 'deny', reasons: '["exam-high-zone"]', policy_rule: 'exam.high-zone' }]);
      // The day after the last session the site is a school again: no exam entry.
      setClock('2022-11-07T00:30:00Z');
      assert.equal((await scan('EXA', await personOf('K1'))).json().entry, undefined);
    });

    test('supplies: masks for every session and a lunch for every day, per site, for those who sit', async () => {
      const r = await req('GET', `/api/v1/events/ACEE/supplies?at=${encodeURIComponent(AT)}`);
      assert.equal(r.statusCode, 200, r.body);
      const s = r.json();
      assert.deepEqual([s.sessions, s.days, s.perCandidate], [2, 2, { masks: 2, lunches: 2 }]);
      assert.deepEqual(
        s.sites.map((x: Record<string, unknown>) => [x.siteCode, x.regular, x.special, x.barred, x.masks, x.lunches]),
        [
          ['EXA', 0, 1, 1, 2, 2],
          ['EXB', 1, 2, 0, 6, 6],
          ['EXC', 1, 0, 0, 2, 2],
        ],
      );
      assert.deepEqual(s.totals, { regular: 2, special: 3, barred: 1, masks: 10, lunches: 10 });
      const district = (
        await req('GET', `/api/v1/events/ACEE/supplies?at=${encodeURIComponent(AT)}`, 'cangshan')
      ).json();
      assert.deepEqual(
        district.sites.map((x: { siteCode: string }) => x.siteCode),
        ['EXC'],
      );
    });

    test('room lists follow the plan (masked); the PDFs print a page per room, ten labels a page, a page per trip', async () => {
      const first = (await req('GET', '/api/v1/events/ACEE/room-lists')).json();
      assert.deepEqual(
        first.sites.map((s: { code: string }) => s.code),
        ['EXA', 'EXB', 'EXC'],
      );
      type Room = {
        siteCode: string;
        roomNo: string;
        seats: Array<{ candidateNo: string; movedFrom: string; nameMasked: string; idNumberMasked: string }>;
      };
      const l = { rooms: [] as Room[] };
      for (const site of ['EXA', 'EXB', 'EXC'])
        l.rooms.push(...(await req('GET', `/api/v1/events/ACEE/room-lists?site=${site}`)).json().rooms);
      assert.deepEqual(first.rooms, l.rooms.slice(0, 2), 'without a site, the first');
      assert.deepEqual(
        l.rooms.map((r) => [`${r.siteCode}/${r.roomNo}`, r.seats.map((s) => s.candidateNo)]),
        [
          ['EXA/01', []],
          ['EXA/02', ['K1']],
          ['EXB/01', ['K5']],
          ['EXB/02', ['K3', 'K4']],
          ['EXC/01', ['K6']],
        ],
      );
      const k3 = (l.rooms[3] as Room).seats[0] as Room['seats'][number];
      assert.equal(k3.movedFrom, 'EXA/01');
      assert.match(k3.nameMasked, /^考\*/);
      assert.match(k3.idNumberMasked, /^350102\*+/);
      const rooms = await req('GET', '/api/v1/events/ACEE/room-lists.pdf');
      assert.equal(rooms.statusCode, 200);
      assert.equal(rooms.headers['content-type'], 'application/pdf');
      const pdf = readPdf(rooms.rawPayload);
      assert.equal(pdf.pages, 5);
      const exb2 = pdf.texts[3] as string[];
      assert.ok(exb2.includes('三中考点（EXB）  第 02 考场'), exb2.join('|'));
      assert.ok(exb2.includes('隔离考场 · 特殊通道'));
      assert.ok(exb2.includes('K3') && exb2.includes('由 EXA/01 调入') && exb2.includes(k3.nameMasked));
      assert.ok(!exb2.includes('考生3'), 'names are masked');
      const one = readPdf((await req('GET', '/api/v1/events/ACEE/room-lists.pdf?site=EXB')).rawPayload);
      assert.equal(one.pages, 2);
      assert.equal((await req('GET', '/api/v1/events/ACEE/room-lists.pdf?site=EXC', 'cangshan')).statusCode, 200);
      assert.equal((await req('GET', '/api/v1/events/ACEE/room-lists.pdf?site=EXA', 'cangshan')).statusCode, 422);
      const labels = readPdf((await req('GET', '/api/v1/events/ACEE/seat-labels.pdf')).rawPayload);
      assert.equal(labels.pages, 1);
      assert.deepEqual(
        (labels.texts[0] as string[]).filter((x) => /^K\d$/.test(x)),
        ['K1', 'K5', 'K3', 'K4', 'K6'],
      );
      const trips = await req('GET', '/api/v1/events/ACEE/sessions/1/trips.pdf');
      assert.equal(trips.statusCode, 200);
      const m = readPdf(trips.rawPayload);
      const manifest = (await req('GET', '/api/v1/events/ACEE/sessions/1/trips')).json();
      assert.equal(m.pages, manifest.trips.length);
      assert.ok((m.texts[0] as string[]).includes('特殊通道专车'));
      assert.ok((m.texts[0] as string[]).some((x) => x.startsWith('闽AD23456')));
      assert.equal((await req('GET', '/api/v1/events/ACEE/sessions/9/trips.pdf')).statusCode, 404);
    });
  });
}
