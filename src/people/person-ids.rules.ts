// A compact map from resident-ID blind index to person id, for bulk imports that look up most of the
// population (a city-wide testing round). A Map of 8.4 M 64-character strings would take over 1 GB;
// here a slot costs 12 bytes at most 70 % full (a 2^24-slot table, 192 MB, for 8.4 M persons): the first 64 bits of the
// (uniformly random) HMAC as the key, open addressing, linear probing, a slot's three words side by
// side (one cache line a probe). An unregistered ID could be taken for a registered one only if their
// HMACs agreed in all 64 bits: about 1 in 2^41 per unknown ID at 8.4 M persons.

const EMPTY = 0;
/** Two registered persons share the first 64 bits of their blind index: ask the database instead. */
const AMBIGUOUS = -1;
const LOAD = 0.7;

// Words are kept as signed 32-bit integers: V8 handles those as small integers, while unsigned
// words above 2^31 would be doubles (and a probe several times slower).
const hiOf = (index: string) => hex8(index, 0);
const loOf = (index: string) => hex8(index, 8);

/** Big-endian 32-bit word of a digest at byte `at`, as a signed integer. */
export const wordAt = (bytes: Uint8Array, at: number) =>
  ((bytes[at] as number) << 24) |
  ((bytes[at + 1] as number) << 16) |
  ((bytes[at + 2] as number) << 8) |
  (bytes[at + 3] as number);

/** The 32 bits spelled by 8 hex digits of `s` at `at` (lower or upper case), as a signed integer. */
export function hex8(s: string, at: number): number {
  let v = 0;
  for (let i = at; i < at + 8; i++) {
    const c = s.charCodeAt(i);
    v = (v << 4) | (c <= 57 ? c - 48 : (c | 32) - 87);
  }
  return v;
}

/** Blind index → person id; a miss means "not known here", never "not registered". */
export class PersonIdTable {
  /** Slot s: [3s] first 32 bits, [3s + 1] next 32 bits, [3s + 2] person id. */
  private slots: Int32Array;
  /** Slots - 1 (a power of two less one). */
  private mask: number;
  /** A key's first slot is its top bits: keys added in ascending order fill the table front to back. */
  private shift: number;
  size = 0;
  constructor(expected = 1024) {
    let cap = 16;
    while (cap * LOAD < expected) cap *= 2;
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.slots = new Int32Array(3 * cap);
  }
  private slot(hi: number, lo: number): number {
    const t = this.slots;
    const mask = this.mask;
    let s = hi >>> this.shift;
    while (t[3 * s + 2] !== EMPTY && (t[3 * s] !== hi || t[3 * s + 1] !== lo)) s = (s + 1) & mask;
    return 3 * s;
  }
  /** Adds a registered person (ids are positive integers below 2^31). */
  add(index: string, id: number): void {
    this.addWords(hiOf(index), loOf(index), id);
  }
  /** Adds a registered person by the first two 32-bit words of their blind index (as hex8 or wordAt give them). */
  addWords(hi: number, lo: number, id: number): void {
    if (this.size + 1 > (this.mask + 1) * LOAD) this.grow();
    const s = this.slot(hi, lo);
    const t = this.slots;
    const cur = t[s + 2] as number;
    if (cur === EMPTY) {
      t[s] = hi;
      t[s + 1] = lo;
      t[s + 2] = id;
      this.size++;
    } else if (cur !== id) t[s + 2] = AMBIGUOUS;
  }
  /** The person id, or undefined when this table cannot say (unknown here, or ambiguous). */
  get(index: string): number | undefined {
    const id = this.getWords(hiOf(index), loOf(index));
    return id === 0 ? undefined : id;
  }
  /** The person id by the first two words of the blind index, or 0 when this table cannot say. */
  getWords(hi: number, lo: number): number {
    const id = this.slots[this.slot(hi, lo) + 2] as number;
    return id === AMBIGUOUS ? 0 : id;
  }
  /** Bytes held. */
  bytes(): number {
    return this.slots.byteLength;
  }
  private grow(): void {
    const old = this.slots;
    this.mask = 2 * this.mask + 1;
    this.shift--;
    this.slots = new Int32Array(3 * (this.mask + 1));
    for (let s = 0; s < old.length; s += 3) {
      if (old[s + 2] === EMPTY) continue;
      const t = this.slot(old[s] as number, old[s + 1] as number);
      this.slots[t] = old[s] as number;
      this.slots[t + 1] = old[s + 1] as number;
      this.slots[t + 2] = old[s + 2] as number;
    }
  }
}
