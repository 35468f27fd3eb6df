// A batch of stored scans summed into the venue counters' rows, in JavaScript: one row per venue
// and hour, venue and day, district and hour, and per reason given, each then added to its table
// by one upsert. Plain JavaScript so that the SQLite writer thread (which loads no TypeScript) and
// the server's own connections share it. Before, five `insert … select … group by` statements
// each read the batch back from `scans`, sorted it and joined the venues again (+87 % of the scan
// writer's work in `npm run bench -- venue-counters`).

/**
 * Sums scans, given as the scan insert's positional parameters (id, venue_id, person_id, at, day,
 * verdict, colour, reasons, proxy, source, …), each one stored once. `districtOf(venueId)` names a
 * venue's district (undefined: a venue not registered, left out of the district counters, as the
 * join did). Returns each counter's rows as the parameters of its upsert:
 * venueHours [day, venue, hour, scans, denied, paper], venueDays [day, venue, district, scans,
 * denied, paper], districtHours [day, district, hour, scans, denied, paper], venueReasons
 * [day, venue, hour, reason, n], districtReasons [day, district, hour, reason, n].
 *
 * @param {unknown[][]} rows
 * @param {(venueId: number) => string | undefined} districtOf
 */
export function sumScans(rows, districtOf) {
  const venueHours = new Map();
  const venueDays = new Map();
  const districtHours = new Map();
  const venueReasons = new Map();
  const districtReasons = new Map();
  const add = (m, key, head, denied, paper) => {
    const c = m.get(key);
    if (c) {
      c[c.length - 3]++;
      c[c.length - 2] += denied;
      c[c.length - 1] += paper;
    } else m.set(key, [...head, 1, denied, paper]);
  };
  const reason = (m, key, head) => {
    const c = m.get(key);
    if (c) c[4]++;
    else m.set(key, [...head, 1]);
  };
  for (const r of rows) {
    const venue = Number(r[1]);
    const at = String(r[3]);
    const day = r[4];
    // The Beijing hour of the UTC instant, as hourOfAt computes it in SQL.
    const hour = (Number(at.slice(11, 13)) + 8) % 24;
    const denied = r[5] === 'deny' ? 1 : 0;
    const paper = r[9] === 'paper' ? 1 : 0;
    const district = districtOf(venue);
    add(venueHours, `${day}|${venue}|${hour}`, [day, venue, hour], denied, paper);
    add(venueDays, `${day}|${venue}`, [day, venue, district ?? ''], denied, paper);
    if (district !== undefined) add(districtHours, `${day}|${district}|${hour}`, [day, district, hour], denied, paper);
    // Most scans give no reason (allowed: '[]'): their JSON is not read.
    if (r[7] === '[]' || r[7] === null || r[7] === undefined) continue;
    let given;
    try {
      given = JSON.parse(String(r[7]));
    } catch {
      continue;
    }
    if (!Array.isArray(given)) continue;
    for (const g of given) {
      const code = typeof g === 'string' ? g : JSON.stringify(g);
      reason(venueReasons, `${day}|${venue}|${hour}|${code}`, [day, venue, hour, code]);
      if (district !== undefined)
        reason(districtReasons, `${day}|${district}|${hour}|${code}`, [day, district, hour, code]);
    }
  }
  return {
    venueHours: byKey(venueHours, 3),
    venueDays: byKey(venueDays, 2),
    districtHours: byKey(districtHours, 3),
    venueReasons: byKey(venueReasons, 4),
    districtReasons: byKey(districtReasons, 4),
  };
}

// Rows in their key's order: each upsert then lands next to the one before it in the b-tree, and
// two transactions adding to the same rows (PostgreSQL: the scan writer and a paper import) lock
// them in one order. The writer's batches come sorted by venue already, so this costs little.
function byKey(m, keys) {
  const rows = [...m.values()];
  return rows.sort((a, b) => {
    for (let i = 0; i < keys; i++) {
      if (a[i] === b[i]) continue;
      return a[i] < b[i] ? -1 : 1;
    }
    return 0;
  });
}
