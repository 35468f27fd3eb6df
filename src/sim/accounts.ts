import type { Role, Scope } from '../platform/auth/auth.rules.ts';

/** The demo password, printed at start; demo accounts exist only in seeded demo databases. */
export const DEMO_PASSWORD = 'banyan-demo';

/** One demo account per role, scoped like the real users they stand for. */
export const DEMO_ACCOUNTS: Array<{ username: string; displayName: string; role: Role; scope: Scope }> = [
  { username: 'commander', displayName: '市指挥部值班长', role: 'commander', scope: { kind: 'city', code: '3501' } },
  // A second commander, so that a briefing can be approved by someone other than its author.
  { username: 'deputy', displayName: '市指挥部副指挥长', role: 'commander', scope: { kind: 'city', code: '3501' } },
  {
    username: 'gulou-officer',
    displayName: '鼓楼区防控办',
    role: 'district-officer',
    scope: { kind: 'district', code: '350102' },
  },
  {
    username: 'cangshan-officer',
    displayName: '仓山区防控办',
    role: 'district-officer',
    scope: { kind: 'district', code: '350104' },
  },
  // Zone scopes arrive with the zones module; until then the leader sees the street the zone lies in.
  {
    username: 'taskforce-leader',
    displayName: '专班组长（鼓东街道）',
    role: 'task-force-leader',
    scope: { kind: 'street', code: '350102001' },
  },
  { username: 'lab', displayName: '核酸检测实验室', role: 'lab', scope: { kind: 'city', code: '3501' } },
  // Venue operators see only the venues they are tied to (the venues seed ties them).
  {
    username: 'guard',
    displayName: '场所值守人员',
    role: 'venue-operator',
    scope: { kind: 'district', code: '350102' },
  },
  // The guard of the city exits of Jin'an (Fuzhou railway station, the highway's north exit); the exits seed ties them.
  {
    username: 'exit-guard',
    displayName: '离榕卡口值守人员',
    role: 'venue-operator',
    scope: { kind: 'district', code: '350111' },
  },
  {
    username: 'venue-operator',
    displayName: '农贸市场管理员',
    role: 'venue-operator',
    scope: { kind: 'district', code: '350102' },
  },
  { username: 'resident', displayName: '居民', role: 'resident', scope: { kind: 'city', code: '3501' } },
  { username: 'enterprise', displayName: '企业联络员', role: 'enterprise', scope: { kind: 'city', code: '3501' } },
  { username: 'appeals', displayName: '诉求受理员', role: 'appeals-handler', scope: { kind: 'city', code: '3501' } },
  { username: 'regulator', displayName: '邮政管理监管员', role: 'regulator', scope: { kind: 'city', code: '3501' } },
  { username: 'auditor', displayName: '审计员', role: 'auditor', scope: { kind: 'city', code: '3501' } },
  {
    username: 'exam-office',
    displayName: '市教育局考试院',
    role: 'exam-office',
    scope: { kind: 'city', code: '3501' },
  },
  // The postal administration runs the courier screen city-wide.
  {
    username: 'postal-regulator',
    displayName: '市邮政管理局监管员',
    role: 'postal-regulator',
    scope: { kind: 'city', code: '3501' },
  },
  // Tied to one outlet (the first open one in Gulou) by the courier seed: sees that outlet only.
  {
    username: 'outlet-manager',
    displayName: '快递网点负责人',
    role: 'outlet-manager',
    scope: { kind: 'district', code: '350102' },
  },
  // Handling units of the appeals module (linked to their unit by the appeals seed).
  {
    username: 'industry-bureau',
    displayName: '市工信局诉求专办员',
    role: 'regulator',
    scope: { kind: 'city', code: '3501' },
  },
  {
    username: 'transport-bureau',
    displayName: '市交通运输局诉求专办员',
    role: 'regulator',
    scope: { kind: 'city', code: '3501' },
  },
  // The industry bureau's operations desk: industrial electricity against its baseline (工业用电).
  {
    username: 'industry-power',
    displayName: '市工信局运行监测员',
    role: 'industry-bureau',
    scope: { kind: 'city', code: '3501' },
  },
  // A liaison cadre of the industry bureau (挂钩服务), linked to their cadre record by the appeals seed.
  { username: 'liaison', displayName: '挂钩服务干部', role: 'enterprise', scope: { kind: 'city', code: '3501' } },
];
