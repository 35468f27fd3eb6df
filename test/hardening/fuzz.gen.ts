// Request generators for the route fuzz: values shaped by a route's JSON Schema (so that some reach
// the service behind the validator), then broken on purpose: wrong types, huge, deep, odd text.
import { type FuzzRng, nastyString } from '../helpers/fuzz.ts';

/** The JSON Schema subset the OpenAPI document uses. */
export interface Schema {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema | false;
  prefixItems?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  default?: unknown;
}

/** Values that a pattern of this API may accept; harvested values from the running app are added. */
export const PLAUSIBLE = [
  '3501',
  '350102',
  '350104',
  '350102001',
  '350102001001',
  '2022-11-06',
  '2022-11-08',
  '2022-11-11',
  '2022-11-08T10:00:00+08:00',
  '2022-11-08T10:00:00Z',
  '350102199001010018',
  '35010219900101001X',
  '13800138000',
  '91350102MA2Y8K3P0X',
  'T0001',
  'true',
  'false',
];

/** Strings that break things other than text: numbers at the edges, paths, encodings. */
export const ODD_VALUES = [
  '-1',
  '0',
  '1e309',
  '99999999999999999999999',
  'NaN',
  '0x10',
  '1.5',
  '%E4%B8',
  '%ED%A0%80',
  '%00',
  '..',
  '%2e%2e%2f',
  '[object Object]',
  '__proto__',
  'constructor',
  "' OR '1'='1",
  '2022-02-30',
  '9999-12-31',
  '2022-11-08T25:00:00+08:00',
];

/** A value the schema may accept, built from its type, enum, pattern and bounds. */
export function fromSchema(rng: FuzzRng, s: Schema | undefined, pool: string[], depth = 0): unknown {
  if (!s || depth > 6) return null;
  if (s.enum?.length) return rng.pick(s.enum);
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) return fromSchema(rng, rng.pick(alt), pool, depth + 1);
  const type = Array.isArray(s.type) ? rng.pick(s.type) : s.type;
  switch (type) {
    case 'string': {
      if (s.pattern) {
        const re = new RegExp(s.pattern);
        const fits = [...pool, ...PLAUSIBLE].filter((v) => re.test(v));
        if (fits.length) return rng.pick(fits);
      }
      if (s.format === 'date-time') return '2022-11-08T10:00:00+08:00';
      if (s.format === 'date') return '2022-11-08';
      const base = rng.chance(0.5) && pool.length ? rng.pick(pool) : rng.pick(['张三', 'fuzz', '备注', 'note']);
      const min = s.minLength ?? 0;
      return base.length >= min ? base : base.padEnd(min, 'x');
    }
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? 0;
      const hi = Math.min(s.maximum ?? lo + 100, lo + 100);
      const n = lo + rng.int(Math.max(1, hi - lo + 1));
      return type === 'integer' ? Math.floor(n) : n + 0.5 > hi ? n : n + 0.5;
    }
    case 'boolean':
      return rng.chance(0.5);
    case 'null':
      return null;
    case 'array': {
      if (s.prefixItems) return s.prefixItems.map((p) => fromSchema(rng, p, pool, depth + 1));
      const n = Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 1 + rng.int(3)));
      return Array.from({ length: n }, () => fromSchema(rng, s.items || undefined, pool, depth + 1));
    }
    default: {
      if (!s.properties) return {};
      const out: Record<string, unknown> = {};
      for (const [k, p] of Object.entries(s.properties))
        if (s.required?.includes(k) || rng.chance(0.5)) out[k] = fromSchema(rng, p, pool, depth + 1);
      return out;
    }
  }
}

/** A value of the wrong kind, or the right kind at a size or shape nobody planned for. */
export function brokenValue(rng: FuzzRng): unknown {
  switch (rng.int(9)) {
    case 0:
      return nastyString(rng);
    case 1:
      return rng.pick(ODD_VALUES);
    case 2:
      return rng.pick([null, true, -1, 0, 1e308, -0, 2 ** 53 + 1, 1.5]);
    case 3:
      return rng.pick([[], {}, [null], { '': '' }]);
    case 4:
      return 'x'.repeat(rng.pick([256, 5000, 100_000]));
    case 5:
      return Array.from({ length: rng.pick([100, 6000]) }, () => nastyString(rng, 10));
    case 6:
      return nested(rng.pick([50, 63]), rng.chance(0.5));
    case 7:
      return { __proto__x: 1, constructor: { prototype: { polluted: 1 } } };
    default:
      return rng.pick(PLAUSIBLE);
  }
}

/** A value nested `depth` levels, in arrays or objects. */
export function nested(depth: number, arrays: boolean): unknown {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
}

/** `depth` levels of nesting as raw JSON text, too deep to build as a value and stringify. */
export function deepJsonText(depth: number, arrays: boolean): string {
  return arrays ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A body shaped by the schema with one field (or the whole) broken. */
export function mutatedBody(rng: FuzzRng, s: Schema | undefined, pool: string[]): unknown {
  const v = fromSchema(rng, s, pool);
  if (v === null || typeof v !== 'object' || rng.chance(0.15)) return rng.chance(0.5) ? v : brokenValue(rng);
  const target = (function dig(o: Record<string, unknown> | unknown[]): [Record<string, unknown> | unknown[], string] {
    const keys = Object.keys(o);
    if (!keys.length) return [o, 'extra'];
    const k = rng.pick(keys);
    const inner = (o as Record<string, unknown>)[k];
    return inner && typeof inner === 'object' && rng.chance(0.5) ? dig(inner as Record<string, unknown>) : [o, k];
  })(v as Record<string, unknown>);
  (target[0] as Record<string, unknown>)[target[1]] = brokenValue(rng);
  return v;
}

/** Raw bytes an upload route may be sent: GBK, broken UTF-8, UTF-16, NUL, a zip that is not one, CSV injection. */
export function oddFile(rng: FuzzRng): Buffer {
  const csvHead = 'credit_code,name,id_number,tube_code,kind,since\n';
  switch (rng.int(8)) {
    case 0:
      return Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc9, 0xed, 0xb7, 0xdd, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]);
    case 1:
      return Buffer.concat([Buffer.from(csvHead), Buffer.from([0xe4, 0xb8, 0x0a, 0xff, 0xfe, 0x00])]);
    case 2:
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${csvHead}a,b\n`, 'utf16le')]);
    case 3:
      return Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xff, 0xff]);
    case 4:
      return Buffer.from(`${csvHead}=cmd|'/c calc'!A1,"unterminated\n`);
    case 5:
      return Buffer.from(`${csvHead}${`${nastyString(rng)},`.repeat(6)}\n`);
    case 6:
      return Buffer.from(`${csvHead}${'x,'.repeat(2000)}\n`.repeat(20));
    default:
      return Buffer.alloc(0);
  }
}
