// The per-row pass of a sample import: each row checked against pool sizes, sites, tubes and
// campaigns, in file order, and the samples to write collected as columns. Rows of a file come in
// runs (one tube, one site, one sampling time), so each lookup is skipped while it repeats the row
// before; nothing is allocated per sample.

import { type Campaign, type Moment, momentOf, seenBefore, type TubeFill } from './samples.rules.ts';
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
