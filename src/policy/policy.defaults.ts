import type { EntranceRule, PolicyInput, PolicyParams, VenueCategory } from './policy.schema.ts';

/**
 * The versions of RULES.md, loaded on first migration (and used by migration 0120 to fill the
 * sections older databases lack); administrators edit them afterwards. Items RULES.md marks
 * unconfirmed are defaults to edit, not facts.
 */

const GREEN_ONLY: EntranceRule = { certificateHours: 24, colours: ['green'], zoneLevels: ['low'] };

/**
 * Reference scenario (8–11 Nov 2022): 24 h certificates at offices, public institutions and places,
 * sites, factories, compounds and leaving the city; malls, supermarkets and markets open with a
 * scan; yellow codes only for medical needs.
 */
function entrance2022(medium = true): PolicyParams['entrance'] {
  return {
    office: GREEN_ONLY,
    'public-institution': GREEN_ONLY,
    'public-place': GREEN_ONLY,
    'construction-site': GREEN_ONLY,
    factory: GREEN_ONLY,
    'residential-compound': GREEN_ONLY,
    'mall-market': { ...GREEN_ONLY, certificateHours: null },
    'care-home': GREEN_ONLY,
    'welfare-institution': GREEN_ONLY,
    'custody-facility': GREEN_ONLY,
    'medical-institution': {
      certificateHours: null,
      colours: ['green', 'yellow'],
      zoneLevels: medium ? ['medium', 'low'] : ['low'],
    },
    school: GREEN_ONLY,
    'exam-site': GREEN_ONLY,
    'transport-hub': GREEN_ONLY,
    'city-exit': GREEN_ONLY,
  };
}

/** Ten measures: certificates only at care, welfare and medical institutions and schools (48 h, unconfirmed). */
function entranceTen(): PolicyParams['entrance'] {
  const out = entrance2022(false);
  for (const c of Object.keys(out) as VenueCategory[]) {
    const checks = ['care-home', 'welfare-institution', 'medical-institution', 'school'].includes(c);
    out[c] = { ...out[c], certificateHours: checks ? 48 : null };
  }
  return out;
}

const ALL_COLOUR_RULES: PolicyParams['colours']['order'] = [
  'infection',
  'recovered-7d',
  'positive-test',
  'positive-pool',
  'high-zone-resident',
  'medium-zone-resident',
  'close-contact',
  'secondary-contact',
  'left-zone',
  'trace-list',
  'fever-clinic',
  'arrival',
];

function colours(order: PolicyParams['colours']['order']): PolicyParams['colours'] {
  return {
    ruleSet: 'fujian-2022-11',
    order,
    recoveredYellowDays: 7,
    positivePoolHours: 12,
    closeContact: { redDays: 7, yellowUntilDay: 10 },
    secondaryContactRedDays: 7,
    leftZoneRedDays: 7,
    traceListDays: 7,
  };
}

// The 20 measures abolish medium zones and stop identifying secondary contacts: their colour rules go.
const WITHOUT_MEDIUM_AND_SECONDARY = ALL_COLOUR_RULES.filter(
  (r) => r !== 'medium-zone-resident' && r !== 'secondary-contact',
);

const common = {
  tracing: { coPresenceMinutes: 30, lookBackDays: 4 },
  pools: { allowedSizes: [1, 5, 10, 20] },
};

export const DEFAULT_POLICIES: PolicyInput[] = [
  {
    id: 'cn-9th-edition',
    name: '新型冠状病毒肺炎防控方案（第九版） / National protocol, 9th edition',
    effectiveFrom: '2022-06-28',
    params: {
      levels: ['high', 'medium', 'low'],
      lift: {
        high: { to: 'medium', cleanDays: 7, finalRound: true },
        medium: { to: 'low', cleanDays: 7, finalRound: true, afterDowngrade: { cleanDays: 3, finalRound: false } },
      },
      entrance: entrance2022(),
      quarantine: {
        'close-contact': [
          { place: 'centralised', kind: 'isolation', days: 7, pcr: [1, 2, 3, 5, 7] },
          { place: 'home', kind: 'health-monitoring', days: 3, pcr: [3] },
        ],
        'secondary-contact': [{ place: 'home', kind: 'isolation', days: 7, pcr: [1, 4, 7] }],
        'left-high-zone': [{ place: 'centralised', kind: 'isolation', days: 7, pcr: [1, 2, 3, 5, 7] }],
      },
      colours: colours(ALL_COLOUR_RULES),
      ...common,
      // Adult college entrance exam, Nov 2022 (local practice). RULES.md names no certificate hours
      // for candidates, so none by default; an administrator sets them in the version.
      exam: {
        barredColours: ['red'],
        barredZoneLevels: ['high'],
        specialColours: ['yellow'],
        specialZoneLevels: ['medium'],
        certificateHours: null,
        withoutCertificate: 'special',
      },
      courier: { workerTestHours: 24, internationalHoldHours: 24 },
    },
  },
  {
    id: 'cn-20-measures',
    name: '进一步优化防控工作的二十条措施 / Twenty measures',
    effectiveFrom: '2022-11-11',
    params: {
      levels: ['high', 'low'],
      lift: { high: { to: 'low', cleanDays: 5, finalRound: true } },
      entrance: entrance2022(false),
      quarantine: {
        'close-contact': [
          { place: 'centralised', kind: 'isolation', days: 5, pcr: [1, 2, 3, 5] },
          { place: 'home', kind: 'isolation', days: 3, pcr: [1, 3] },
        ],
        'secondary-contact': null,
        // Twenty measures, item 4 (not in RULES.md's table): 7 days home isolation, PCR days 1, 3, 5, 7.
        'left-high-zone': [{ place: 'home', kind: 'isolation', days: 7, pcr: [1, 3, 5, 7] }],
      },
      colours: colours(WITHOUT_MEDIUM_AND_SECONDARY),
      ...common,
      exam: {
        barredColours: ['red'],
        barredZoneLevels: ['high'],
        specialColours: ['yellow'],
        specialZoneLevels: [],
        certificateHours: null,
        withoutCertificate: 'special',
      },
      courier: { workerTestHours: 24, internationalHoldHours: 24 },
    },
  },
  {
    id: 'cn-10-measures',
    name: '进一步优化落实新冠肺炎疫情防控措施的通知（新十条） / Ten new measures',
    effectiveFrom: '2022-12-07',
    params: {
      levels: ['high', 'low'],
      lift: { high: { to: 'low', cleanDays: 5, finalRound: false } },
      entrance: entranceTen(),
      quarantine: {
        'close-contact': [{ place: 'home', kind: 'isolation', days: 5, pcr: [5] }],
        'secondary-contact': null,
        // Unconfirmed: kept as under the twenty measures.
        'left-high-zone': [{ place: 'home', kind: 'isolation', days: 7, pcr: [1, 3, 5, 7] }],
      },
      colours: colours(WITHOUT_MEDIUM_AND_SECONDARY),
      ...common,
      exam: {
        barredColours: ['red'],
        barredZoneLevels: ['high'],
        specialColours: ['yellow'],
        specialZoneLevels: [],
        certificateHours: null,
        withoutCertificate: 'special',
      },
      courier: { workerTestHours: 48, internationalHoldHours: 24 },
    },
  },
];
