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
  /** The times as epoch milliseconds (members of a tube share theirs, so each text is parsed once in a row). */
  ms(): Float64Array {
    const out = new Float64Array(this.at.length);
    let prev = '';
    let v = Number.NaN;
    for (let i = 0; i < out.length; i++) {
      const s = this.at[i] as string;
      if (s !== prev) {
        prev = s;
        v = Date.parse(s);
      }
      out[i] = v;
    }
    return out;
  }
}
