import { DAY, get, type Req, residentId, type Side, send } from './scope-fixture.ts';

type Ok = (user: string, req: Req) => Promise<{ json(): unknown }>;

/**
 * Changes one side's data in every module, through the API as the city's accounts: a person, a
 * case, a zone and a duty, a positive sample (alert and retests), a site's queue, a paper
 * registration, a risk mark, a manual colour, an appeal dispatched, an enterprise, a venue and
 * a courier outlet (a worker, a disinfection, an inspection, a suspension, a delivery point's parcels).
 */
export async function mutateSide(s: Side, ok: Ok): Promise<void> {
  const at = `${DAY}T15:${s.name === 'C' ? '10' : '20'}:00+08:00`;
  const idNumber = residentId(s.district, s.name === 'C' ? 921 : 922);
  const person = (await ok(
    'commander',
    send('POST', '/api/v1/persons', { idNumber, name: '矩阵丙', communityCode: s.community }),
  ).then((r) => r.json())) as { person: { id: number } };
  await ok(
    'commander',
    send(
      'POST',
      '/api/v1/imports/cases?dryRun=false',
      'case_no,kind,origin,reported_on,district_code,street_code,community_code,detected_via\r\n' +
        `MX-${s.name},confirmed,local,${DAY},${s.district},${s.street},${s.community},quarantine\r\n`,
      'text/csv',
    ),
  );
  const zone = (await ok(
    'commander',
    send('POST', '/api/v1/zones', {
      name: `矩阵${s.name}楼`,
      level: 'high',
      unit: 'building',
      communityCode: s.community,
      residents: 12,
      noticeNo: `MX-${s.name}`,
      noticeDistrict: s.district,
      effectiveAt: at,
    }),
  ).then((r) => r.json())) as { zone: { code: string } };
  await ok(
    'commander',
    send('POST', `/api/v1/zones/${zone.zone.code}/duties`, {
      kind: 'supplies',
      title: '矩阵物资',
      owner: '矩阵',
      dueAt: '2022-11-09T08:00:00+08:00',
    }),
  );
  const tube = `T-MX-${s.name}-0001`;
  await ok(
    'commander',
    send('POST', '/api/v1/samples', { tubeCode: tube, poolSize: 10, sampledAt: at, siteCode: s.site, idNumber }),
  );
  await ok(
    'lab',
    send('POST', '/api/v1/results', {
      tubeCode: tube,
      result: 'positive',
      resultedAt: `${DAY}T19:00:00+08:00`,
      labCode: 'LAB-FZ-02',
      ctValue: 30,
    }),
  );
  await ok('commander', send('POST', `/api/v1/sampling-sites/${s.site}/queue`, { queue: 42 }));
  await ok('commander', send('POST', '/api/v1/paper-registrations', { records: [{ venue: s.venue, at, idNumber }] }));
  await ok(
    'commander',
    send('POST', '/api/v1/tracing/marks', { records: [{ idNumber, kind: 'close-contact', since: at }] }),
  );
  await ok(
    'commander',
    send('POST', '/api/v1/colour-overrides', {
      personId: person.person.id,
      colour: 'red',
      reason: 'matrix mutation: another side',
      hours: 24,
    }),
  );
  const appeal = (await ok(
    'appeals',
    send('POST', '/api/v1/appeals', {
      idempotencyKey: `matrix-${s.name}-0001`,
      submitter: 'resident',
      phone: '13800000000',
      districtCode: s.district,
      category: 'living',
      title: '矩阵诉求',
      content: '矩阵测试',
    }),
  ).then((r) => r.json())) as { appeal: { id: number } };
  await ok(
    'commander',
    send('POST', '/api/v1/appeals/dispatch', { ids: [appeal.appeal.id], unit: `district:${s.district}` }),
  );
  const e = (await ok('commander', get(`/api/v1/enterprises/${s.enterprise}`)).then((r) => r.json())) as {
    enterprise: {
      creditCode: string;
      name: string;
      industry: string;
      districtCode: string;
      size: string;
      tiers: string[];
      liaison: { id: number } | null;
    };
  };
  await ok(
    'commander',
    send('POST', '/api/v1/enterprises', {
      creditCode: e.enterprise.creditCode,
      name: `${e.enterprise.name}（矩阵）`,
      industry: e.enterprise.industry,
      districtCode: e.enterprise.districtCode,
      size: e.enterprise.size,
      tiers: [],
      liaisonCadreId: e.enterprise.liaison?.id ?? null,
    }),
  );
  await ok('commander', send('POST', `/api/v1/venues/${s.venue}/status`, { status: 'suspended' }));
  // A venue registered in the side's community with its kind, and one of its venues renamed.
  await ok(
    'commander',
    send('POST', '/api/v1/venues', {
      code: `M-${s.name}-GYM`,
      name: '矩阵健身房',
      category: 'public-place',
      kind: 'gym',
      communityCode: s.community,
    }),
  );
  await ok('commander', send('PATCH', `/api/v1/venues/${s.venue}`, { name: `矩阵场所${s.name}` }));
  // The courier sector, as the postal regulator: a worker, a disinfection, a visit, a suspension.
  const courier = (req: Req) => ok('postal-regulator', req);
  await courier(
    send('POST', '/api/v1/courier/workers', {
      workers: [{ outlet: s.outlet, idNumber, name: '矩阵丙', onDuty: 'yes' }],
    }),
  );
  await courier(send('POST', '/api/v1/courier/disinfections', { kind: 'site', subject: s.outlet, at }));
  await courier(
    send('POST', '/api/v1/courier/inspections', { outlet: s.outlet, visitedOn: '2022-11-05', inspectors: 3 }),
  );
  await courier(send('PUT', `/api/v1/courier/outlets/${s.outlet}/status`, { status: 'suspended' }));
  await courier(send('PUT', `/api/v1/courier/delivery-points/${s.point}/deliveries`, { day: DAY, parcels: 7 }));
}
