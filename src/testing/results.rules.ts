/**
 * One test fact for many persons, one entry a person, as parallel lists (no object per person):
 * a round's results give hundreds of thousands of members a negative at once.
 */
export class FactList {
  readonly ids: number[] = [];
  readonly at: string[] = [];
  private slot = new Map<number, number>();
  /** `keepLater`: a person met twice keeps the later time; otherwise the time met last (file order). */
  constructor(private keepLater: boolean) {}
  /** Records a time (ISO text) for a person. */
  add(id: number, at: string): void {
    const s = this.slot.get(id);
    if (s === undefined) {
      this.slot.set(id, this.ids.length);
      this.ids.push(id);
      this.at.push(at);
    } else if (!this.keepLater || at > (this.at[s] as string)) this.at[s] = at;
  }
  /** The times as epoch milliseconds. */
  ms(): Float64Array {
    return msOf(this.at);
  }
}

/** ISO times as epoch milliseconds (members of a tube mostly share theirs: a text is parsed once in a row). */
export function msOf(at: string[]): Float64Array {
  const out = new Float64Array(at.length);
  let prev = '';
  let v = Number.NaN;
  for (let i = 0; i < out.length; i++) {
    const s = at[i] as string;
    if (s !== prev) {
      prev = s;
      v = Date.parse(s);
    }
    out[i] = v;
  }
  return out;
}

/**
 * Persons with their latest time, each once: the lists as they are when no person comes twice
 * (the usual case, checked with one byte a person id), else merged keeping each person's later time.
 */
export function distinctLatest(ids: number[], at: string[]): { ids: number[]; at: string[] } {
  let top = 0;
  for (const id of ids) if (id > top) top = id;
  // Person ids are dense from 1; a far larger one would make the byte map too big to be worth it.
  let twice = top > 2 ** 28;
  const seen = new Uint8Array(twice ? 0 : top + 1);
  for (let i = 0; i < ids.length && !twice; i++) {
    const id = ids[i] as number;
    twice = seen[id] === 1;
    seen[id] = 1;
  }
  if (!twice) return { ids, at };
  const merged = new FactList(true);
  for (let i = 0; i < ids.length; i++) merged.add(ids[i] as number, at[i] as string);
  return { ids: merged.ids, at: merged.at };
}
