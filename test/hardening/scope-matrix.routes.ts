import type { RouteScope } from '../../src/platform/http/route-scope.ts';
import { CAMPAIGN, DAY, get, type Req, residentId, type Side, send } from './scope-fixture.ts';

/**
 * One route of the matrix. `scope` repeats the route's declaration (a change of either must be
 * looked at here). `at` names a record of another side: every scoped role must be refused it.
 * `list` is the route's own view (no record named): its answer may carry nothing of another side,
 * and must not change when only another side's data changes. A route with neither is listed with
 * the reason it needs none.
 */
export interface Entry {
  scope: RouteScope;
  at?: (s: Side) => Req;
  list?: Req;
  none?: string;
  /** Answer paths that may name another side's record: a reference from one's own (a contact's index case). */
  allow?: RegExp;
  /** Answer paths that change by themselves (a rotating code). */
  volatile?: RegExp;
  /** Kept per district by design: a street scope sees its whole district's. */
  perDistrict?: true;
  /** A record of a side inside the role's division area is the role's to act on, even for a role that owns records. */
  inArea?: true;
}

// A risk mark of one's own resident names the case and zone it came from, wherever they are.
const MARK_ORIGIN = /\/(caseNo|zone)$|\/(关联病例 Case|风险区 Zone)$/;

const CSV = 'text/csv';
const when = (s: Side) => `${DAY}T10:00:00+08:00`.replace('10:', s.name === 'C' ? '10:' : '11:');
const caseCsv = (s: Side) =>
  'case_no,kind,origin,reported_on,district_code,street_code,community_code,detected_via\r\n' +
  `M-${s.name}-1,asymptomatic,local,${DAY},${s.district},${s.street},${s.community},quarantine\r\n`;
const tube = (s: Side) => `T-MATRIX-${s.name}-X`;

/** Every /api/v1 route of the app: the test fails on one missing here, or listed here and gone. */
export const MATRIX: Record<string, Entry> = {
  'GET /api/v1/clock': { scope: 'public', list: get('/api/v1/clock') },
  'GET /api/v1/demo': { scope: 'public', list: get('/api/v1/demo') },
  'GET /api/v1/errors': { scope: 'public', list: get('/api/v1/errors') },
  'POST /api/v1/sessions': { scope: 'public', none: 'sign-in answers only the account whose password is sent' },
  'GET /api/v1/sessions/current': { scope: 'self', list: get('/api/v1/sessions/current') },
  'DELETE /api/v1/sessions/current': { scope: 'self', none: 'ends the caller’s own session (run last)' },
  'GET /api/v1/users': { scope: 'city', list: get('/api/v1/users') },
  'POST /api/v1/users': {
    scope: 'district',
    at: (s) =>
      send('POST', '/api/v1/users', {
        username: `m-${s.name}`,
        displayName: 'x',
        password: 'matrix-pass-1',
        role: 'district-officer',
        scope: { kind: 'district', code: s.district },
      }),
  },
  'GET /api/v1/divisions': { scope: 'city', list: get('/api/v1/divisions?level=district') },
  'GET /api/v1/divisions/:code': { scope: 'city', list: get('/api/v1/divisions/350102') },
  'GET /api/v1/map/fuzhou': { scope: 'public', none: 'published district shapes' },
  'GET /api/v1/persons': { scope: 'district', list: get('/api/v1/persons?pageSize=200') },
  'POST /api/v1/persons': {
    scope: 'district',
    at: (s) =>
      send('POST', '/api/v1/persons', {
        idNumber: residentId(s.district, 901),
        name: '矩阵乙',
        communityCode: s.community,
      }),
  },
  'GET /api/v1/persons/:id': { scope: 'district', at: (s) => get(`/api/v1/persons/${s.person.id}`) },
  'GET /api/v1/persons/:id/unmasked': {
    scope: 'district',
    at: (s) => get(`/api/v1/persons/${s.person.id}/unmasked?reason=matrix`),
  },
  'GET /api/v1/audit': { scope: 'city', list: get('/api/v1/audit') },
  'GET /api/v1/audit/verify': { scope: 'city', none: 'the chain’s integrity, no records' },
  'GET /api/v1/dashboard': { scope: 'district', list: get('/api/v1/dashboard') },
  'GET /api/v1/dashboard/today': { scope: 'district', list: get('/api/v1/dashboard/today') },
  'GET /api/v1/figures': { scope: 'district', list: get(`/api/v1/figures?date=${DAY}`) },
  'GET /api/v1/figures/latest': { scope: 'district', list: get('/api/v1/figures/latest') },
  'GET /api/v1/figures/series': { scope: 'district', list: get(`/api/v1/figures/series?from=2022-11-01&to=${DAY}`) },
  'GET /api/v1/figures/districts': { scope: 'district', list: get(`/api/v1/figures/districts?date=${DAY}`) },
  'GET /api/v1/figures/export.xlsx': {
    scope: 'district',
    list: get(`/api/v1/figures/export.xlsx?from=2022-11-01&to=${DAY}`),
  },
  'GET /api/v1/cases': { scope: 'district', list: get(`/api/v1/cases?date=${DAY}&pageSize=500`) },
  'POST /api/v1/imports/cases': {
    scope: 'district',
    at: (s) => send('POST', '/api/v1/imports/cases?dryRun=true', caseCsv(s), CSV),
  },
  'GET /api/v1/imports/cases/template.csv': { scope: 'public', none: 'a blank template' },
  'GET /api/v1/imports/cases/template.xlsx': { scope: 'public', none: 'a blank template' },
  'GET /api/v1/briefings/:date': { scope: 'city', list: get(`/api/v1/briefings/${DAY}`) },
  'PUT /api/v1/briefings/:date': { scope: 'city', none: 'the city’s briefing, edited by the command centre' },
  'POST /api/v1/briefings/:date/draft': { scope: 'city', none: 'the city’s briefing' },
  'POST /api/v1/briefings/:date/approve': { scope: 'city', none: 'the city’s briefing' },
  'POST /api/v1/briefings/:date/publish': { scope: 'city', none: 'the city’s briefing' },
  'GET /api/v1/briefings/:date/render': { scope: 'city', none: 'the city’s briefing as text' },
  'GET /api/v1/policies': { scope: 'city', list: get('/api/v1/policies') },
  'PUT /api/v1/policies/:id': { scope: 'city', none: 'closed: a version is a draft published by a second person' },
  'GET /api/v1/events': { scope: 'district', list: get('/api/v1/events') },
  'POST /api/v1/events': { scope: 'city', none: 'the exam office (city-wide) creates exams' },
  'GET /api/v1/events/:code': { scope: 'district', list: get('/api/v1/events/ACEE-2022') },
  'POST /api/v1/events/:code/rooms': { scope: 'city', none: 'the exam office (city-wide) records rooms' },
  'POST /api/v1/events/:code/candidates': { scope: 'city', none: 'the exam office (city-wide) records candidates' },
  'GET /api/v1/events/:code/classification': {
    scope: 'district',
    list: get('/api/v1/events/ACEE-2022/classification?at=2022-11-05T08:00:00%2B08:00&pageSize=1000'),
  },
  'POST /api/v1/events/:code/plan': { scope: 'city', none: 'the exam office (city-wide) plans the rooms' },
  'POST /api/v1/events/:code/vehicles': { scope: 'city', none: 'the exam office (city-wide) records vehicles' },
  'POST /api/v1/events/:code/sessions/:no/shuttles': {
    scope: 'city',
    none: 'the exam office (city-wide) assigns trips',
  },
  'GET /api/v1/events/:code/sessions/:no/trips': {
    scope: 'district',
    list: get('/api/v1/events/ACEE-2022/sessions/1/trips'),
  },
  'GET /api/v1/events/:code/export.xlsx': {
    scope: 'district',
    list: get('/api/v1/events/ACEE-2022/export.xlsx?at=2022-11-05T08:00:00%2B08:00'),
  },
  'GET /api/v1/events/:code/supplies': {
    scope: 'district',
    list: get('/api/v1/events/ACEE-2022/supplies?at=2022-11-05T08:00:00%2B08:00'),
  },
  'GET /api/v1/events/:code/room-lists': { scope: 'district', list: get('/api/v1/events/ACEE-2022/room-lists') },
  'GET /api/v1/events/:code/room-lists.pdf': {
    scope: 'district',
    none: 'GET /api/v1/events/:code/room-lists printed (the same service and scope; PDF text is not searchable here)',
  },
  'GET /api/v1/events/:code/seat-labels.pdf': {
    scope: 'district',
    none: 'GET /api/v1/events/:code/room-lists printed as labels (the same service and scope)',
  },
  'GET /api/v1/events/:code/sessions/:no/trips.pdf': {
    scope: 'district',
    none: 'GET /api/v1/events/:code/sessions/:no/trips printed (the same service and scope)',
  },
  'GET /api/v1/exits/daily': {
    scope: 'city',
    list: get('/api/v1/exits/daily?date=2022-11-11'),
    // The city's exits are the city's: each district's officers see every checkpoint's counts (no persons).
    allow: /\/checkpoints\/\d+\/code$/,
  },
  'GET /api/v1/exits/flagged': {
    scope: 'district',
    list: get('/api/v1/exits/flagged?date=2022-11-11'),
    // A district's resident who tried to leave did so at a city checkpoint, which may lie elsewhere.
    allow: /\/checkpoint\/(code|name)$/,
  },
  'GET /api/v1/institutions': { scope: 'venue', list: get(`/api/v1/institutions?date=${DAY}`) },
  'GET /api/v1/institutions/:code': { scope: 'venue', at: (s) => get(`/api/v1/institutions/${s.venue}?date=${DAY}`) },
  'POST /api/v1/institutions/roster': {
    scope: 'district',
    at: (s) =>
      send(
        'POST',
        '/api/v1/institutions/roster?dryRun=true',
        `venue_code,id_number,name,role,in_date\r\n${s.venue},${s.person.idNumber},矩阵,护理员,${DAY}\r\n`,
        CSV,
      ),
  },
  'POST /api/v1/institutions/:code/leaves': {
    scope: 'venue',
    at: (s) => send('POST', `/api/v1/institutions/${s.venue}/leaves`, { personId: 1, leaveDate: DAY, reason: '矩阵' }),
  },
  'POST /api/v1/institutions/leaves/:id/decision': {
    scope: 'district',
    none: 'a leave is named by id; the decision checks the institution’s district itself (institutions.test.ts)',
  },
  'GET /api/v1/policy-drafts': { scope: 'city', none: 'city policy drafts' },
  'POST /api/v1/policy-drafts': { scope: 'city', none: 'city policy, drafted by the command centre' },
  'GET /api/v1/policy-drafts/:id': { scope: 'city', none: 'city policy drafts' },
  'PUT /api/v1/policy-drafts/:id': { scope: 'city', none: 'city policy, edited by the command centre' },
  'POST /api/v1/policy-drafts/:id/publish': { scope: 'city', none: 'city policy, published by a second person' },
  'GET /api/v1/policies/:id/diff': { scope: 'city', none: 'the whole city under two versions, for the command centre' },
  'GET /api/v1/policy-switchovers': { scope: 'city', none: 'the whole city switched over to a version' },
  'GET /api/v1/policies/:id/switch-over': { scope: 'city', none: 'the whole city switched over to a version' },
  'POST /api/v1/policies/:id/switch-over': { scope: 'city', none: 'the whole city switched over to a version' },
  'GET /api/v1/policies/:id/switch-over/changes': {
    scope: 'city',
    none: 'residents across the city whose colour a version changed, for the command centre',
  },
  'GET /api/v1/policy-drafts/:id/diff': {
    scope: 'city',
    none: 'the whole city under two versions, for the command centre',
  },
  'GET /api/v1/zones/:code/residents': { scope: 'district', at: (s) => get(`/api/v1/zones/${s.zone}/residents`) },
  'POST /api/v1/zones/:code/residents': {
    scope: 'district',
    at: (s) => send('POST', `/api/v1/zones/${s.zone}/residents?dryRun=true`, `${s.person.idNumber}\r\n`, CSV),
  },
  'GET /api/v1/zones': { scope: 'district', list: get(`/api/v1/zones?date=${DAY}&pageSize=1000`) },
  'POST /api/v1/zones': {
    scope: 'district',
    at: (s) =>
      send('POST', '/api/v1/zones', {
        name: '矩阵楼',
        level: 'medium',
        unit: 'building',
        communityCode: s.community,
        residents: 10,
        noticeNo: `M-${s.name}`,
        noticeDistrict: s.district,
        effectiveAt: when(s),
      }),
  },
  'GET /api/v1/zones/evaluation': { scope: 'district', list: get(`/api/v1/zones/evaluation?date=${DAY}`) },
  'GET /api/v1/zones/counts': { scope: 'district', list: get(`/api/v1/zones/counts?date=${DAY}`) },
  'GET /api/v1/zones/:code': { scope: 'district', at: (s) => get(`/api/v1/zones/${s.zone}`) },
  'POST /api/v1/zones/:code/transitions': {
    scope: 'district',
    at: (s) =>
      send('POST', `/api/v1/zones/${s.zone}/transitions`, {
        action: 'upgrade',
        noticeNo: 'M-T',
        noticeDistrict: s.district,
        effectiveAt: when(s),
        overrideReason: 'matrix probe',
      }),
  },
  'POST /api/v1/zones/:code/infections': {
    scope: 'district',
    at: (s) => send('POST', `/api/v1/zones/${s.zone}/infections`, { day: DAY }),
  },
  'POST /api/v1/zones/:code/rounds': {
    scope: 'district',
    at: (s) => send('POST', `/api/v1/zones/${s.zone}/rounds`, { day: DAY, tested: 10, positives: 0 }),
  },
  'POST /api/v1/zones/:code/task-force': {
    scope: 'district',
    at: (s) => send('POST', `/api/v1/zones/${s.zone}/task-force`, { leaderId: 1, members: [] }),
  },
  'GET /api/v1/cadres': { scope: 'city', list: get('/api/v1/cadres?rank=division') },
  'GET /api/v1/zones/:code/duties': { scope: 'district', at: (s) => get(`/api/v1/zones/${s.zone}/duties`) },
  'POST /api/v1/zones/:code/duties': {
    scope: 'district',
    at: (s) =>
      send('POST', `/api/v1/zones/${s.zone}/duties`, { kind: 'garbage', title: 'x', owner: 'x', dueAt: when(s) }),
  },
  'POST /api/v1/duties/:id/close': {
    scope: 'district',
    at: (s) => send('POST', `/api/v1/duties/${s.duty}/close`, { note: 'matrix' }),
  },
  'GET /api/v1/duties/overdue': { scope: 'district', list: get('/api/v1/duties/overdue') },
  'GET /api/v1/campaigns': { scope: 'city', list: get('/api/v1/campaigns') },
  'POST /api/v1/campaigns': {
    scope: 'district',
    at: (s) =>
      send('POST', '/api/v1/campaigns', {
        code: `M-${s.name}`,
        name: 'x',
        startOn: DAY,
        endOn: DAY,
        areas: [{ code: s.district, poolSize: 10 }],
      }),
  },
  'GET /api/v1/campaigns/:code/coverage': {
    scope: 'district',
    list: get(`/api/v1/campaigns/${CAMPAIGN}/coverage?round=2&level=community`),
    // The campaign itself (the districts it covers) is city data.
    allow: /^\/campaign\/areas\//,
  },
  'GET /api/v1/campaigns/:code/progress': {
    scope: 'district',
    list: get(`/api/v1/campaigns/${CAMPAIGN}/progress?round=2`),
  },
  'GET /api/v1/campaigns/:code/unsampled': {
    scope: 'district',
    at: (s) => get(`/api/v1/campaigns/${CAMPAIGN}/unsampled?round=2&community=${s.community}`),
  },
  'GET /api/v1/sampling-sites': { scope: 'district', list: get('/api/v1/sampling-sites') },
  'POST /api/v1/sampling-sites': {
    scope: 'district',
    at: (s) =>
      send('POST', '/api/v1/sampling-sites', {
        code: `S-M-${s.name}`,
        name: 'x',
        communityCode: s.community,
        lanes: 1,
        hours: '8-20',
      }),
  },
  'POST /api/v1/sampling-sites/:code/queue': {
    scope: 'district',
    at: (s) => send('POST', `/api/v1/sampling-sites/${s.site}/queue`, { queue: 99 }),
  },
  'POST /api/v1/samples': {
    scope: 'district',
    at: (s) =>
      send('POST', '/api/v1/samples', {
        tubeCode: tube(s),
        poolSize: 10,
        sampledAt: when(s),
        siteCode: s.site,
        idNumber: s.person.idNumber,
      }),
  },
  'POST /api/v1/imports/samples': {
    scope: 'district',
    at: (s) =>
      send(
        'POST',
        '/api/v1/imports/samples',
        `tube_code,pool_size,sampled_at,site_code,id_number\r\n${tube(s)},10,${when(s)},${s.site},${s.person.idNumber}\r\n`,
        CSV,
      ),
  },
  'POST /api/v1/results': { scope: 'city', none: 'labs (city-wide) enter results; district roles may not' },
  'POST /api/v1/imports/results': { scope: 'city', none: 'labs (city-wide) enter results; district roles may not' },
  'GET /api/v1/retest-tasks': { scope: 'district', list: get('/api/v1/retest-tasks') },
  'POST /api/v1/tube-receipts': { scope: 'city', none: 'labs (city-wide) receive tubes' },
  'GET /api/v1/campaigns/:code/turnaround': {
    scope: 'district',
    list: get(`/api/v1/campaigns/${CAMPAIGN}/turnaround?round=2`),
    perDistrict: true,
  },
  'GET /api/v1/campaigns/:code/unsampled.xlsx': {
    scope: 'district',
    at: (s) => get(`/api/v1/campaigns/${CAMPAIGN}/unsampled.xlsx?round=2&community=${s.community}`),
  },
  // "A street or zone user belongs to a district's response" (alerts.service.ts).
  'GET /api/v1/testing-alerts': { scope: 'district', list: get('/api/v1/testing-alerts'), perDistrict: true },
  'POST /api/v1/testing-alerts/:id/ack': {
    scope: 'district',
    at: (s) => send('POST', `/api/v1/testing-alerts/${s.alert}/ack`),
  },
  'PATCH /api/v1/sampling-sites/:code': {
    scope: 'district',
    at: (s) => send('PATCH', `/api/v1/sampling-sites/${s.site}`, { lanes: 3 }),
  },
  'POST /api/v1/test-status/lookup': {
    scope: 'district',
    at: (s) => send('POST', '/api/v1/test-status/lookup', { idNumber: s.person.idNumber }),
  },
  'POST /api/v1/scans': { scope: 'public', none: 'the personal code (or a guard at their venue) is the credential' },
  'GET /api/v1/pass': { scope: 'self', list: get('/api/v1/pass'), volatile: /^\/(personalCode|refreshAt)$/ },
  'GET /api/v1/venues': { scope: 'venue', list: get(`/api/v1/venues?date=${DAY}`) },
  'GET /api/v1/venues/stats': {
    scope: 'venue',
    list: get(`/api/v1/venues/stats?date=${DAY}`),
    at: (s) => get(`/api/v1/venues/stats?date=${DAY}&venue=${s.venue}`),
  },
  'GET /api/v1/venues/latest-day': { scope: 'venue', list: get('/api/v1/venues/latest-day') },
  'GET /api/v1/venues/stats.xlsx': {
    scope: 'venue',
    list: get(`/api/v1/venues/stats.xlsx?date=${DAY}`),
    at: (s) => get(`/api/v1/venues/stats.xlsx?date=${DAY}&venue=${s.venue}`),
  },
  'GET /api/v1/venues/:code/code': { scope: 'venue', at: (s) => get(`/api/v1/venues/${s.venue}/code`) },
  'GET /api/v1/venues/:code/poster.svg': { scope: 'venue', at: (s) => get(`/api/v1/venues/${s.venue}/poster.svg`) },
  'GET /api/v1/venues/:code/poster.png': { scope: 'venue', at: (s) => get(`/api/v1/venues/${s.venue}/poster.png`) },
  'GET /api/v1/venues/:code/poster.pdf': { scope: 'venue', at: (s) => get(`/api/v1/venues/${s.venue}/poster.pdf`) },
  'POST /api/v1/venues/:code/status': {
    scope: 'venue',
    at: (s) => send('POST', `/api/v1/venues/${s.venue}/status`, { status: 'suspended' }),
  },
  'GET /api/v1/venue-notices': { scope: 'district', list: get('/api/v1/venue-notices') },
  'POST /api/v1/venue-notices': {
    scope: 'district',
    at: (s) =>
      send('POST', '/api/v1/venue-notices', {
        noticeNo: `M-${s.name}-N`,
        title: 'x',
        categories: ['public-place'],
        districts: [s.district],
        effectiveOn: DAY,
      }),
  },
  'POST /api/v1/venue-notices/reopen': {
    scope: 'district',
    none: 'the seeded notice is city-wide: a district officer is refused it (suspensions.test.ts), a commander is city-wide',
  },
  'GET /api/v1/measures': { scope: 'district', list: get(`/api/v1/measures?date=${DAY}`) },
  'POST /api/v1/measures': { scope: 'city', none: 'the command centre (city-wide) records the city’s measures' },
  'POST /api/v1/venues/:code/revoke': { scope: 'venue', at: (s) => send('POST', `/api/v1/venues/${s.venue}/revoke`) },
  'POST /api/v1/venues': {
    scope: 'district',
    at: (s) =>
      send('POST', '/api/v1/venues', {
        code: `M-${s.name}-KTV`,
        name: '矩阵KTV',
        category: 'public-place',
        kind: 'ktv',
        communityCode: s.community,
      }),
  },
  'PATCH /api/v1/venues/:code': {
    scope: 'venue',
    at: (s) => send('PATCH', `/api/v1/venues/${s.venue}`, { name: 'x' }),
  },
  'POST /api/v1/paper-registrations': {
    scope: 'venue',
    at: (s) =>
      send('POST', '/api/v1/paper-registrations', {
        records: [{ venue: s.venue, at: when(s), idNumber: s.person.idNumber }],
      }),
  },
  'POST /api/v1/imports/paper-registrations': {
    scope: 'venue',
    at: (s) =>
      send(
        'POST',
        '/api/v1/imports/paper-registrations',
        `venue,at,id_number\r\n${s.venue},${when(s)},${s.person.idNumber}\r\n`,
        CSV,
      ),
  },
  'GET /api/v1/venues/:code/scans': { scope: 'venue', at: (s) => get(`/api/v1/venues/${s.venue}/scans?date=${DAY}`) },
  'POST /api/v1/colour-overrides': {
    scope: 'district',
    at: (s) =>
      send('POST', '/api/v1/colour-overrides', {
        personId: s.person.id,
        colour: 'red',
        reason: 'matrix probe of another side',
        hours: 2,
      }),
  },
  'POST /api/v1/colour-overrides/:id/approve': {
    scope: 'district',
    at: (s) => send('POST', `/api/v1/colour-overrides/${s.override}/approve`),
  },
  'POST /api/v1/colour-overrides/:id/reject': {
    scope: 'district',
    at: (s) => send('POST', `/api/v1/colour-overrides/${s.override}/reject`),
  },
  'POST /api/v1/colour-overrides/:id/revoke': {
    scope: 'district',
    at: (s) =>
      send('POST', `/api/v1/colour-overrides/${s.override}/revoke`, { reason: 'matrix probe of another side' }),
  },
  'GET /api/v1/colour-overrides': { scope: 'district', list: get('/api/v1/colour-overrides?status=pending') },
  'GET /api/v1/persons/:id/colour': {
    scope: 'district',
    at: (s) => get(`/api/v1/persons/${s.person.id}/colour`),
  },
  'GET /api/v1/persons/:id/entrance': {
    scope: 'district',
    at: (s) => get(`/api/v1/persons/${s.person.id}/entrance?venue=${s.venue}&at=${DAY}T12:00:00%2B08:00`),
  },
  'GET /api/v1/persons/:id/colour-overrides': {
    scope: 'district',
    at: (s) => get(`/api/v1/persons/${s.person.id}/colour-overrides`),
  },
  'GET /api/v1/public/appeals/options': { scope: 'public', none: 'form choices' },
  'POST /api/v1/public/appeals': { scope: 'public', none: 'a submission answers its own tracking number' },
  'POST /api/v1/public/appeals/track': {
    scope: 'public',
    at: (s) => send('POST', '/api/v1/public/appeals/track', { trackingNo: s.trackingNo, last4: '0000' }),
  },
  'POST /api/v1/public/appeals/rate': {
    scope: 'public',
    at: (s) =>
      send('POST', '/api/v1/public/appeals/rate', { trackingNo: s.trackingNo, last4: '0000', rating: 'satisfied' }),
  },
  'POST /api/v1/appeals': { scope: 'district', none: 'hotline intake: the caller’s appeal goes to its district' },
  'GET /api/v1/appeals': { scope: 'unit', list: get('/api/v1/appeals?pageSize=1000') },
  'GET /api/v1/appeals/export.xlsx': { scope: 'unit', list: get('/api/v1/appeals/export.xlsx') },
  'GET /api/v1/appeals/dashboard': { scope: 'district', list: get('/api/v1/appeals/dashboard') },
  'GET /api/v1/appeals/units': { scope: 'city', list: get('/api/v1/appeals/units') },
  'GET /api/v1/appeals/deadlines': { scope: 'city', list: get('/api/v1/appeals/deadlines') },
  'PUT /api/v1/appeals/deadlines': { scope: 'city', none: 'city-wide deadlines, set by the command centre' },
  'POST /api/v1/appeals/escalations': { scope: 'city', none: 'the city’s deadline job' },
  'POST /api/v1/appeals/dispatch': {
    scope: 'district',
    at: (s) => send('POST', '/api/v1/appeals/dispatch', { ids: [s.appeal], unit: `district:${s.district}` }),
  },
  'GET /api/v1/appeals/:id': { scope: 'unit', at: (s) => get(`/api/v1/appeals/${s.appeal}`) },
  'POST /api/v1/appeals/:id/sign': { scope: 'unit', at: (s) => send('POST', `/api/v1/appeals/${s.appeal}/sign`) },
  'POST /api/v1/appeals/:id/return': {
    scope: 'unit',
    at: (s) => send('POST', `/api/v1/appeals/${s.appeal}/return`, { reason: 'matrix probe' }),
  },
  'POST /api/v1/appeals/:id/notes': {
    scope: 'unit',
    at: (s) => send('POST', `/api/v1/appeals/${s.appeal}/notes`, { note: 'matrix probe' }),
  },
  'POST /api/v1/appeals/:id/reply': {
    scope: 'unit',
    at: (s) => send('POST', `/api/v1/appeals/${s.appeal}/reply`, { reply: 'matrix probe' }),
  },
  'POST /api/v1/appeals/:id/rate': {
    scope: 'unit',
    at: (s) => send('POST', `/api/v1/appeals/${s.appeal}/rate`, { rating: 'satisfied' }),
  },
  'POST /api/v1/appeals/:id/close': { scope: 'unit', at: (s) => send('POST', `/api/v1/appeals/${s.appeal}/close`) },
  'POST /api/v1/appeals/:id/merge': {
    scope: 'unit',
    at: (s) => send('POST', `/api/v1/appeals/${s.appeal}/merge`, { into: s.appeal + 1 }),
  },
  'GET /api/v1/enterprises': { scope: 'enterprise', list: get('/api/v1/enterprises?pageSize=500') },
  'POST /api/v1/enterprises': { scope: 'enterprise', none: 'the command centre’s registry (enterprises:write)' },
  'GET /api/v1/enterprises/:code': { scope: 'enterprise', at: (s) => get(`/api/v1/enterprises/${s.enterprise}`) },
  'POST /api/v1/imports/enterprises': {
    scope: 'enterprise',
    none: 'the command centre’s registry (enterprises:write)',
  },
  'POST /api/v1/enterprises/:code/reports': {
    scope: 'enterprise',
    at: (s) =>
      send('POST', `/api/v1/enterprises/${s.enterprise}/reports`, {
        day: DAY,
        production: 'normal',
        capacityPct: 90,
        materialDays: 5,
        logisticsBlocked: false,
        staffOnSite: 10,
        staffClosedLoop: 0,
      }),
  },
  'GET /api/v1/whitelist/board': { scope: 'district', list: get(`/api/v1/whitelist/board?date=${DAY}`) },
  'GET /api/v1/liaison': { scope: 'enterprise', list: get('/api/v1/liaison') },
  'POST /api/v1/liaison/tasks/:id/close': {
    scope: 'enterprise',
    at: (s) => send('POST', `/api/v1/liaison/tasks/${s.task}/close`, { note: 'matrix probe' }),
  },
  'GET /api/v1/enterprises/export.xlsx': { scope: 'enterprise', list: get('/api/v1/enterprises/export.xlsx') },
  'GET /api/v1/enterprises/:code/overview': {
    scope: 'enterprise',
    at: (s) => get(`/api/v1/enterprises/${s.enterprise}/overview`),
  },
  'GET /api/v1/appeals/dashboard/volume': { scope: 'district', list: get('/api/v1/appeals/dashboard/volume') },
  'GET /api/v1/whitelist/breakdown': { scope: 'district', list: get(`/api/v1/whitelist/breakdown?date=${DAY}`) },
  'GET /api/v1/whitelist/board.xlsx': { scope: 'district', list: get(`/api/v1/whitelist/board.xlsx?date=${DAY}`) },
  'GET /api/v1/liaison/desk': { scope: 'enterprise', list: get(`/api/v1/liaison/desk?date=${DAY}`) },
  'GET /api/v1/liaison/export.xlsx': { scope: 'enterprise', list: get(`/api/v1/liaison/export.xlsx?date=${DAY}`) },
  'POST /api/v1/imports/electricity': {
    scope: 'city',
    none: 'the industry bureau (city-wide) imports the grid company’s readings; district roles may not',
  },
  'GET /api/v1/economy/power': { scope: 'district', list: get(`/api/v1/economy/power?date=${DAY}`) },
  'GET /api/v1/economy/power.xlsx': { scope: 'district', list: get(`/api/v1/economy/power.xlsx?date=${DAY}`) },
  'GET /api/v1/economy/power/accounts/:account': {
    scope: 'district',
    none: 'an account outside the caller’s division answers 404 like an unknown one (src/economy/economy.routes.test.ts)',
  },
  'GET /api/v1/economy/firms/:code': {
    scope: 'district',
    at: (s) => get(`/api/v1/economy/firms/${s.enterprise}`),
  },
  'GET /api/v1/economy/settings': { scope: 'city', list: get('/api/v1/economy/settings') },
  'PUT /api/v1/economy/settings': {
    scope: 'city',
    none: 'the city’s thresholds, set by the industry bureau and the command centre',
  },
  'GET /api/v1/tracing/marks': {
    scope: 'district',
    list: get('/api/v1/tracing/marks?pageSize=500'),
    allow: MARK_ORIGIN,
  },
  'POST /api/v1/tracing/marks': {
    scope: 'district',
    at: (s) =>
      send('POST', '/api/v1/tracing/marks', {
        records: [{ idNumber: s.person.idNumber, kind: 'secondary-contact', since: when(s) }],
      }),
  },
  'GET /api/v1/tracing/marks.xlsx': {
    scope: 'district',
    list: get('/api/v1/tracing/marks.xlsx'),
    allow: MARK_ORIGIN,
  },
  'POST /api/v1/imports/tracing-marks': {
    scope: 'district',
    at: (s) =>
      send(
        'POST',
        '/api/v1/imports/tracing-marks?dryRun=true',
        `id_number,kind,since\r\n${s.person.idNumber},secondary-contact,${when(s)}\r\n`,
        CSV,
      ),
  },
  'POST /api/v1/tracing/marks/:id/close': {
    scope: 'district',
    at: (s) => send('POST', `/api/v1/tracing/marks/${s.mark}/close`, { reason: 'matrix probe' }),
  },
  'POST /api/v1/tracing/cases/:id/trace': {
    scope: 'district',
    at: (s) => send('POST', `/api/v1/tracing/cases/${s.caseId}/trace`, {}),
  },
  'GET /api/v1/courier/firms': { scope: 'city', list: get('/api/v1/courier/firms') },
  'GET /api/v1/courier/outlets': { scope: 'outlet', list: get('/api/v1/courier/outlets') },
  'POST /api/v1/courier/outlets': {
    scope: 'district',
    at: (s) =>
      send('POST', '/api/v1/courier/outlets', {
        outlets: [{ code: `M-${s.name}`, firm: 'SF', name: 'x', districtCode: s.district, address: 'x' }],
      }),
  },
  'POST /api/v1/imports/courier-outlets': {
    scope: 'district',
    at: (s) =>
      send(
        'POST',
        '/api/v1/imports/courier-outlets',
        `code,firm,name,district_code,address,status,staff\r\nM-${s.name}-CSV,SF,x,${s.district},x,open,3\r\n`,
        CSV,
      ),
  },
  'GET /api/v1/courier/outlets/:code': { scope: 'outlet', at: (s) => get(`/api/v1/courier/outlets/${s.outlet}`) },
  'PUT /api/v1/courier/outlets/:code/status': {
    scope: 'outlet',
    at: (s) => send('PUT', `/api/v1/courier/outlets/${s.outlet}/status`, { status: 'suspended' }),
  },
  'GET /api/v1/courier/outlets/:code/workers': {
    scope: 'outlet',
    at: (s) => get(`/api/v1/courier/outlets/${s.outlet}/workers`),
  },
  'POST /api/v1/courier/workers': {
    scope: 'outlet',
    at: (s) =>
      send('POST', '/api/v1/courier/workers', {
        workers: [{ outlet: s.outlet, idNumber: residentId(s.district, 931), name: '矩阵丁', onDuty: 'yes' }],
      }),
  },
  'POST /api/v1/imports/courier-workers': {
    scope: 'outlet',
    at: (s) =>
      send(
        'POST',
        '/api/v1/imports/courier-workers',
        `outlet,id_number,name,on_duty\r\n${s.outlet},${residentId(s.district, 932)},矩阵戊,yes\r\n`,
        CSV,
      ),
  },
  'GET /api/v1/courier/worker-check': { scope: 'outlet', list: get('/api/v1/courier/worker-check?flaggedOnly=true') },
  'POST /api/v1/courier/green-lane': {
    scope: 'district',
    at: (s) => send('POST', '/api/v1/courier/green-lane', { tubeCode: s.sample.tube, personId: s.sample.person }),
  },
  'GET /api/v1/courier/batches': { scope: 'city', list: get('/api/v1/courier/batches') },
  'POST /api/v1/courier/batches': {
    scope: 'city',
    at: (s) =>
      send('POST', '/api/v1/courier/batches', { batchNo: `M-INT-${s.name}`, firm: 'EMS', origin: 'x', parcels: 5 }),
  },
  'POST /api/v1/courier/batches/:batchNo/release': {
    scope: 'city',
    // The seed's batch due for release: only the regulator may release it.
    at: () => send('POST', '/api/v1/courier/batches/INT-20221109-JP/release'),
  },
  'GET /api/v1/courier/disinfections': { scope: 'outlet', list: get('/api/v1/courier/disinfections?date=2022-11-09') },
  'POST /api/v1/courier/disinfections': {
    scope: 'outlet',
    at: (s) => send('POST', '/api/v1/courier/disinfections', { kind: 'site', subject: s.outlet }),
  },
  'GET /api/v1/courier/inspections': { scope: 'outlet', list: get('/api/v1/courier/inspections?to=2022-11-06') },
  'POST /api/v1/courier/inspections': {
    scope: 'outlet',
    at: (s) =>
      send('POST', '/api/v1/courier/inspections', { outlet: s.outlet, visitedOn: '2022-11-09', inspectors: 2 }),
  },
  'POST /api/v1/courier/summons': {
    scope: 'city',
    at: () => send('POST', '/api/v1/courier/summons', { firm: 'SF', on: '2022-11-09', reason: 'matrix' }),
  },
  'GET /api/v1/courier/volumes': {
    scope: 'district',
    list: get('/api/v1/courier/volumes?from=2022-11-01&to=2022-11-06'),
  },
  'POST /api/v1/imports/courier-volumes': {
    scope: 'city',
    at: (s) =>
      send(
        'POST',
        '/api/v1/imports/courier-volumes',
        `date,firm,district_code,collected,delivered\r\n2022-11-09,SF,${s.district},1,1\r\n`,
        CSV,
      ),
  },
  'GET /api/v1/courier/delivery-points': { scope: 'district', list: get('/api/v1/courier/delivery-points') },
  'GET /api/v1/courier/delivery-points/zones': {
    scope: 'district',
    list: get('/api/v1/courier/delivery-points/zones?limit=200'),
  },
  // A point serves every firm in its zone: an outlet manager places and fills points in their outlet's district.
  'POST /api/v1/courier/delivery-points': {
    scope: 'district',
    at: (s) => send('POST', '/api/v1/courier/delivery-points', { zoneCode: s.zone, kind: 'smart-locker', name: 'x' }),
    inArea: true,
  },
  'PUT /api/v1/courier/delivery-points/:id/deliveries': {
    scope: 'district',
    at: (s) => send('PUT', `/api/v1/courier/delivery-points/${s.point}/deliveries`, { day: DAY, parcels: 9 }),
    inArea: true,
  },
  'GET /api/v1/courier/relief': { scope: 'city', list: get('/api/v1/courier/relief?to=2022-11-06') },
  'POST /api/v1/courier/relief': {
    scope: 'city',
    at: (s) =>
      send('POST', '/api/v1/courier/relief', {
        trips: [
          {
            tripOn: DAY,
            plate: '闽A12345',
            driver: '矩阵',
            origin: 'x',
            destination: s.district,
            tonnes: 1,
            persons: 1,
          },
        ],
      }),
  },
  'GET /api/v1/courier/export.xlsx': { scope: 'outlet', list: get('/api/v1/courier/export.xlsx?date=2022-11-06') },
};
