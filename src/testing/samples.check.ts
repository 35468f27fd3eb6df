// The per-row pass of a sample import: each row checked against pool sizes, sites, tubes and
// campaigns, in file order, and the samples to write collected as columns. Rows of a file come in
// runs (one tube, one site, one sampling time), so each lookup is skipped while it repeats the row
// before; nothing is allocated per sample.

import { beijingDayNo, type Campaign, type Moment, momentOf, seenBefore, type TubeFill } from './samples.rules.ts';
import type { Issue } from './samples.service.ts';
import type { NewTube, SampleColumns, StoredCampaign, StoredSite } from './testing.repo.ts';
import { POOL_SIZES, roundOf } from './testing.rules.ts';

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

/** What the pass found: problems, the samples to write (with each one's round and time), the tubes. */
export class SampleCheck {
  readonly issues: Issue[] = [];
  readonly cols: SampleColumns;
  /** Per sample: its campaign round (one object per round; null outside any) and its time. */
  readonly round: Array<Campaign | null> = [];
  readonly at: Moment[] = [];
  readonly fills = new Map<string, TubeFill<NewTube>>();
  private moments = new Map<string, Moment | null>();
  private campaignFor = new Map<string, Map<string, Campaign | null>>();
  private canonical = new Map<string, Campaign>();
  private campaigns: Area[];
  private last = { tube: '', fill: null as TubeFill<NewTube> | null, atText: '', at: null as Moment | null };
  private lastRound = { site: null as StoredSite | null, at: null as Moment | null, c: null as Campaign | null };

  constructor(
    private rows: SampleInput[],
    private sites: Map<string, StoredSite>,
    campaigns: StoredCampaign[],
    private tubes: Map<string, { pool_size: number; samples: number }>,
    private stored: Map<string, number[]>,
  ) {
    this.campaigns = campaigns.map((c) => ({
      ...c,
      span: { startOn: c.start_on, endOn: c.end_on },
      codes: (JSON.parse(c.areas) as Array<{ code: string }>).map((a) => a.code),
    }));
    const n = rows.length;
    this.cols = { n: 0, tube: [], person: new Float64Array(n), sampledAt: [], repeat: new Uint8Array(n) };
  }

  private issue(row: number, column: string, code: string, params?: Record<string, unknown>): void {
    this.issues.push({ row, column, code, params });
  }

  /**
   * Checks rows start… of the file; `persons[k]` is row start+k's person id (0: unknown person, or
   * an ID already refused, which `valid[k]` = 0 tells).
   */
  check(start: number, persons: Float64Array, valid: Uint8Array): void {
    const { rows, sites, cols, last } = this;
    for (let k = 0; k < persons.length; k++) {
      const r = rows[start + k] as SampleInput;
      if (!(POOL_SIZES as readonly number[]).includes(r.poolSize)) {
        this.issue(r.row, 'pool_size', 'TUBE_POOL_SIZE', { value: r.poolSize });
        continue;
      }
      let at = last.at;
      if (r.sampledAt !== last.atText) {
        at = this.momentOf(r.sampledAt);
        last.at = at;
        last.atText = r.sampledAt;
      }
      if (!at) {
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
      const c = this.roundFor(site, at);
      const n = cols.n++;
      cols.tube.push(r.tubeCode);
      cols.person[n] = personId;
      cols.sampledAt.push(at.iso);
      this.round.push(c);
      this.at.push(at);
      if (f.row) {
        f.row.samples++;
        if (at.iso < f.row.first_sampled_at) f.row.first_sampled_at = at.iso;
      } else {
        f.row = {
          code: r.tubeCode,
          pool_size: r.poolSize,
          site_code: r.siteCode,
          campaign_id: c?.id ?? null,
          round: c?.round ?? null,
          district_code: site.district_code,
          first_sampled_at: at.iso,
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
    const { cols, round, at } = this;
    const listedTwice = personsListedTwice(cols.person, cols.n);
    // For persons listed more than once: their latest row of the file and the rounds seen so far.
    const latest = new Map<number, number>();
    const rounds = new Map<number, Set<Campaign | null>>();
    const people: number[] = [];
    const times: string[] = [];
    const ms: number[] = [];
    let repeats = 0;
    for (let i = 0; i < cols.n; i++) {
      const person = cols.person[i] as number;
      const c = round[i] as Campaign | null;
      const a = at[i] as Moment;
      let inFile = false;
      if (listedTwice.size === 0 || !listedTwice.has(person)) {
        people.push(person);
        times.push(a.iso);
        ms.push(a.ms);
      } else {
        const last = latest.get(person);
        if (last !== undefined) {
          let seen = rounds.get(person);
          if (!seen) {
            seen = new Set([round[last] as Campaign | null]);
            rounds.set(person, seen);
          }
          inFile = seen.has(c);
          seen.add(c);
        }
        if (last === undefined || (at[last] as Moment).ms < a.ms) latest.set(person, i);
      }
      if (c === null) continue;
      const prev = index.lastSampledAt(person);
      if (inFile || (!Number.isNaN(prev) && beijingDayNo(prev) === a.dayNo)) {
        cols.repeat[i] = 1;
        repeats++;
      }
    }
    for (const [person, i] of latest) {
      people.push(person);
      times.push((at[i] as Moment).iso);
      ms.push((at[i] as Moment).ms);
    }
    return { repeats, people, times, lastMs: ms };
  }

  /** A sampling time, parsed once per distinct text. */
  private momentOf(text: string): Moment | null {
    let at = this.moments.get(text);
    if (at === undefined) {
      at = momentOf(text);
      this.moments.set(text, at);
    }
    return at;
  }

  private fillOf(code: string): TubeFill<NewTube> {
    let f = this.fills.get(code);
    if (!f) {
      const t = this.tubes.get(code);
      f = { size: t ? t.pool_size : -1, count: t ? t.samples : 0, seen: this.stored.get(code) ?? [], row: null };
      this.fills.set(code, f);
    }
    return f;
  }

  /** The campaign round a site's sampling falls in (null outside any), one object per round. */
  private roundFor(site: StoredSite, at: Moment): Campaign | null {
    const lr = this.lastRound;
    if (lr.site === site && lr.at === at) return lr.c;
    let bySite = this.campaignFor.get(site.code);
    if (!bySite) {
      bySite = new Map();
      this.campaignFor.set(site.code, bySite);
    }
    let c = bySite.get(at.day);
    if (c === undefined) {
      const day = at.day;
      const found = this.campaigns.find(
        (x) => roundOf(x.span, day) && x.codes.some((code) => site.community_code.startsWith(code)),
      );
      c = null;
      if (found) {
        const round = roundOf(found.span, day) as number;
        const key = `${found.id}|${round}`;
        c = this.canonical.get(key) ?? { id: found.id, round };
        this.canonical.set(key, c);
      }
      bySite.set(at.day, c);
    }
    lr.site = site;
    lr.at = at;
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
