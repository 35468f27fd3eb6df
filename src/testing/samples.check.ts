// The per-row pass of a sample import: each row checked against pool sizes, sites, tubes and
// campaigns, in file order, and the samples to write collected as columns. Rows of a file come in
// runs (one tube, one site, one sampling time), so each lookup is skipped while it repeats the row
// before; nothing is allocated per sample.

import { beijingDayNo, type Campaign, type Moment, momentOf, seenBefore, type TubeFill } from './samples.rules.ts';
import type { Issue } from './samples.service.ts';
import type { StoredSite } from './sites.repo.ts';
import type { NewTube, SampleColumns, StoredCampaign } from './testing.repo.ts';
import { roundOf } from './testing.rules.ts';

/** One sampling as a site's scanner or a file reports it. */
export interface SampleInput {
  row: number;
  tubeCode: string;
  poolSize: number;
  sampledAt: string;
  siteCode: string;
  idNumber: string;
}

type Area = StoredCampaign & { span: { startOn: string; endOn: string }; codes: string[] };

/**
 * What the pass found: problems, the samples to write (with each one's round and time), the tubes.
 * Per sample only numbers are kept (indexes into small lists of tubes, times and rounds): large
 * arrays of references cost more to grow and to scan for the collector than the checks themselves.
 */
export class SampleCheck {
  readonly issues: Issue[] = [];
  readonly cols: SampleColumns;
  /** Per sample: its campaign round (index into `rounds`, -1 outside any); its time is `moments[cols.at[i]]`. */
  readonly round: Int32Array;
  readonly rounds: Campaign[] = [];
  readonly moments: Moment[] = [];
  readonly fills = new Map<string, TubeFill<NewTube>>();
  private momentNo = new Map<string, number>();
  private campaignFor = new Map<string, Map<string, number>>();
  private roundNo = new Map<string, number>();
  private campaigns: Area[];
  private last = { tube: '', fill: null as TubeFill<NewTube> | null, atText: '', at: -1 };
  private lastRound = { site: null as StoredSite | null, at: -1, c: -1 };

  constructor(
    private rows: SampleInput[],
    private sites: Map<string, StoredSite>,
    campaigns: StoredCampaign[],
    private tubes: Map<string, { pool_size: number; samples: number }>,
    private stored: Map<string, number[]>,
    /** Swabs per tube the policy version allows. */
    private poolSizes: ReadonlySet<number>,
  ) {
    this.campaigns = campaigns.map((c) => ({
      ...c,
      span: { startOn: c.start_on, endOn: c.end_on },
      codes: (JSON.parse(c.areas) as Array<{ code: string }>).map((a) => a.code),
    }));
    const n = rows.length;
    this.cols = {
      n: 0,
      tube: new Int32Array(n),
      tubeCodes: [],
      person: new Float64Array(n),
      at: new Int32Array(n),
      times: [],
      repeat: new Uint8Array(n),
    };
    this.round = new Int32Array(n);
  }

  private issue(row: number, column: string, code: string, params?: Record<string, unknown>): void {
    this.issues.push({ row, column, code, params });
  }

  /**
   * Checks rows start… of the file; `persons[k]` is row start+k's person id (0: unknown person, or
   * an ID already refused, which `valid[k]` = 0 tells).
   */
  check(start: number, persons: Float64Array, valid: Uint8Array): void {
    const { rows, sites, cols, last, moments } = this;
    for (let k = 0; k < persons.length; k++) {
      const r = rows[start + k] as SampleInput;
      if (!this.poolSizes.has(r.poolSize)) {
        this.issue(r.row, 'pool_size', 'TUBE_POOL_SIZE', { value: r.poolSize });
        continue;
      }
      if (r.sampledAt !== last.atText || last.at < 0) {
        last.at = this.momentOf(r.sampledAt);
        last.atText = r.sampledAt;
      }
      const atNo = last.at;
      if (atNo < 0) {
        this.issue(r.row, 'sampled_at', 'SAMPLE_TIME_INVALID', { value: r.sampledAt });
        continue;
      }
      const site = sites.get(r.siteCode);
      if (!site) {
        this.issue(r.row, 'site_code', 'SAMPLE_SITE_UNKNOWN', { code: r.siteCode });
        continue;
      }
      if (!valid[k]) continue; // its ID problem is already listed
      const personId = persons[k] as number;
      if (personId === 0) {
        this.issue(r.row, 'id_number', 'SAMPLE_PERSON_UNKNOWN');
        continue;
      }
      let f = last.fill;
      if (f === null || r.tubeCode !== last.tube) {
        f = this.fillOf(r.tubeCode);
        last.fill = f;
        last.tube = r.tubeCode;
      }
      if (seenBefore(f, personId)) continue; // already recorded: idempotent
      const size = f.size < 0 ? r.poolSize : f.size;
      if (size !== r.poolSize) {
        this.issue(r.row, 'pool_size', 'TUBE_POOL_MISMATCH', { tube: r.tubeCode, expected: size, got: r.poolSize });
        continue;
      }
      if (f.count >= size) {
        this.issue(r.row, 'tube_code', 'TUBE_OVER_CAPACITY', { tube: r.tubeCode, size });
        continue;
      }
      f.size = size;
      f.count++;
      const c = this.roundFor(site, atNo);
      const at = moments[atNo] as Moment;
      const n = cols.n++;
      cols.tube[n] = f.no;
      cols.person[n] = personId;
      cols.at[n] = atNo;
      this.round[n] = c;
      if (f.row) {
        f.row.samples++;
        if (at.iso < f.row.first_sampled_at) f.row.first_sampled_at = at.iso;
        if (at.iso < (f.row.samples_from as string)) f.row.samples_from = at.iso;
        if (at.iso > (f.row.samples_until as string)) f.row.samples_until = at.iso;
      } else {
        const campaign = c < 0 ? null : (this.rounds[c] as Campaign);
        f.row = {
          code: r.tubeCode,
          pool_size: r.poolSize,
          site_code: r.siteCode,
          campaign_id: campaign?.id ?? null,
          round: campaign?.round ?? null,
          district_code: site.district_code,
          first_sampled_at: at.iso,
          samples_from: at.iso,
          samples_until: at.iso,
          samples: 1,
          status: 'open',
        };
      }
    }
  }

  /**
   * Flags each sample that is a second swab of its person in the same round: an earlier row of the
   * file in that campaign round, or a stored sampling the same Beijing day (`index`). Returns the
   * count and each person's latest sampling of the file (as text and as epoch ms).
   */
  flagRepeats(index: { lastSampledAt(id: number): number }) {
    const { cols, round, moments } = this;
    const listedTwice = personsListedTwice(cols.person, cols.n);
    // For persons listed more than once: their latest row of the file and the rounds seen so far.
    const latest = new Map<number, number>();
    const rounds = new Map<number, Set<number>>();
    const people = new Array<number>(cols.n);
    const times = new Array<string>(cols.n);
    const ms = new Float64Array(cols.n);
    let k = 0;
    let repeats = 0;
    for (let i = 0; i < cols.n; i++) {
      const person = cols.person[i] as number;
      const c = round[i] as number;
      const a = moments[cols.at[i] as number] as Moment;
      let inFile = false;
      if (listedTwice.size === 0 || !listedTwice.has(person)) {
        people[k] = person;
        times[k] = a.iso;
        ms[k++] = a.ms;
      } else {
        const last = latest.get(person);
        if (last !== undefined) {
          let seen = rounds.get(person);
          if (!seen) {
            seen = new Set([round[last] as number]);
            rounds.set(person, seen);
          }
          inFile = seen.has(c);
          seen.add(c);
        }
        if (last === undefined || (moments[cols.at[last] as number] as Moment).ms < a.ms) latest.set(person, i);
      }
      if (c < 0) continue;
      const prev = index.lastSampledAt(person);
      if (inFile || (!Number.isNaN(prev) && beijingDayNo(prev) === a.dayNo)) {
        cols.repeat[i] = 1;
        repeats++;
      }
    }
    for (const [person, i] of latest) {
      const a = moments[cols.at[i] as number] as Moment;
      people[k] = person;
      times[k] = a.iso;
      ms[k++] = a.ms;
    }
    people.length = k;
    times.length = k;
    return { repeats, people, times, lastMs: ms.subarray(0, k) };
  }

  /** A sampling time's index in `moments` (-1: not a time), parsed once per distinct text. */
  private momentOf(text: string): number {
    let no = this.momentNo.get(text);
    if (no === undefined) {
      const at = momentOf(text);
      no = at ? this.moments.push(at) - 1 : -1;
      if (at) this.cols.times.push(at.iso);
      this.momentNo.set(text, no);
    }
    return no;
  }

  private fillOf(code: string): TubeFill<NewTube> {
    let f = this.fills.get(code);
    if (!f) {
      const t = this.tubes.get(code);
      const seen = this.stored.get(code) ?? [];
      f = { size: t ? t.pool_size : -1, count: t ? t.samples : 0, seen, row: null, no: this.cols.tubeCodes.length };
      this.cols.tubeCodes.push(code);
      this.fills.set(code, f);
    }
    return f;
  }

  /** The campaign round (index into `rounds`, -1 outside any) a site's sampling falls in. */
  private roundFor(site: StoredSite, atNo: number): number {
    const lr = this.lastRound;
    if (lr.site === site && lr.at === atNo) return lr.c;
    let bySite = this.campaignFor.get(site.code);
    if (!bySite) {
      bySite = new Map();
      this.campaignFor.set(site.code, bySite);
    }
    const day = (this.moments[atNo] as Moment).day;
    let c = bySite.get(day);
    if (c === undefined) {
      const found = this.campaigns.find(
        (x) => roundOf(x.span, day) && x.codes.some((code) => site.community_code.startsWith(code)),
      );
      c = -1;
      if (found) {
        const round = roundOf(found.span, day) as number;
        const key = `${found.id}|${round}`;
        c = this.roundNo.get(key) ?? this.rounds.push({ id: found.id, round }) - 1;
        this.roundNo.set(key, c);
      }
      bySite.set(day, c);
    }
    lr.site = site;
    lr.at = atNo;
    lr.c = c;
    return c;
  }
}

// Scratch bits by person id, shared by imports: a check runs without yielding, and clears the bits
// it set before returning, so no other import ever sees them set.
let seenBits = new Uint32Array(1 << 15);
let twiceBits = new Uint32Array(1 << 15);

/** The persons listed more than once among the first n (a bit per person id, no map entry per sample). */
function personsListedTwice(persons: Float64Array, n: number): Set<number> {
  let top = 0;
  for (let i = 0; i < n; i++) if ((persons[i] as number) > top) top = persons[i] as number;
  if (top >= 2 ** 31) {
    // Beyond what the bits address (never, at a city's scale): a set of the persons seen.
    const seen = new Set<number>();
    const twice = new Set<number>();
    for (let i = 0; i < n; i++) {
      const p = persons[i] as number;
      if (seen.has(p)) twice.add(p);
      else seen.add(p);
    }
    return twice;
  }
  const words = Math.floor(top / 32) + 1;
  if (words > seenBits.length) {
    seenBits = new Uint32Array(Math.max(words, 2 * seenBits.length));
    twiceBits = new Uint32Array(seenBits.length);
  }
  const twice = new Set<number>();
  for (let i = 0; i < n; i++) {
    const p = persons[i] as number;
    const w = p >>> 5;
    const bit = 1 << (p & 31);
    if ((seenBits[w] as number) & bit) {
      if (!((twiceBits[w] as number) & bit)) {
        twiceBits[w] = (twiceBits[w] as number) | bit;
        twice.add(p);
      }
    } else seenBits[w] = (seenBits[w] as number) | bit;
  }
  for (let i = 0; i < n; i++) {
    const w = (persons[i] as number) >>> 5;
    seenBits[w] = 0;
    twiceBits[w] = 0;
  }
  return twice;
}
