// A compact map from resident-ID blind index to person id, for bulk imports that look up most of the
// population (a city-wide testing round). A Map of 8.4 M 64-character strings would take over 1 GB;
// here a slot costs 12 bytes at most 70 % full (288 MB for 8.4 M persons): the first 64 bits of the (uniformly random) HMAC as the
// key, open addressing, linear probing. An unregistered ID could be taken for a registered one only
// if their HMACs agreed in all 64 bits: about 1 in 2^41 per unknown ID at 8.4 M persons.

const EMPTY = 0;
/** Two registered persons share the first 64 bits of their blind index: ask the database instead. */
const AMBIGUOUS = 0xffffffff;
const LOAD = 0.7;

const hiOf = (index: string) => Number.parseInt(index.slice(0, 8), 16) >>> 0;
const loOf = (index: string) => Number.parseInt(index.slice(8, 16), 16) >>> 0;

/** Blind index → person id; a miss means "not known here", never "not registered". */
export class PersonIdTable {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private ids: Uint32Array;
  size = 0;
  constructor(expected = 1024) {
    const cap = Math.max(16, Math.ceil(expected / LOAD));
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.ids = new Uint32Array(cap);
  }
  private slot(hi: number, lo: number): number {
    const cap = this.ids.length;
    let s = hi % cap;
    while (this.ids[s] !== EMPTY && (this.hi[s] !== hi || this.lo[s] !== lo)) s = s + 1 === cap ? 0 : s + 1;
    return s;
  }
  /** Adds a registered person (ids are positive integers below 2^32 - 1). */
  add(index: string, id: number): void {
    if ((this.size + 1) / this.ids.length > LOAD) this.grow();
    const hi = hiOf(index);
    const lo = loOf(index);
    const s = this.slot(hi, lo);
    const cur = this.ids[s] as number;
    if (cur === EMPTY) {
      this.hi[s] = hi;
      this.lo[s] = lo;
      this.ids[s] = id;
      this.size++;
    } else if (cur !== id) this.ids[s] = AMBIGUOUS;
  }
  /** The person id, or undefined when this table cannot say (unknown here, or ambiguous). */
  get(index: string): number | undefined {
    const id = this.ids[this.slot(hiOf(index), loOf(index))] as number;
    return id === EMPTY || id === AMBIGUOUS ? undefined : id;
  }
  /** Bytes held. */
  bytes(): number {
    return this.ids.byteLength * 3;
  }
  private grow(): void {
    const { hi, lo, ids } = this;
    const cap = ids.length * 2;
    this.hi = new Uint32Array(cap);
    this.lo = new Uint32Array(cap);
    this.ids = new Uint32Array(cap);
    for (let s = 0; s < ids.length; s++) {
      const id = ids[s] as number;
      if (id === EMPTY) continue;
      const t = this.slot(hi[s] as number, lo[s] as number);
      this.hi[t] = hi[s] as number;
      this.lo[t] = lo[s] as number;
      this.ids[t] = id;
    }
  }
}
