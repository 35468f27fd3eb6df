/** A candidate who asked for the shuttle and may sit, with the lane their class gives. */
export interface Rider {
  id: number;
  siteId: number;
  lane: 'special' | 'regular';
}

/** A trip as planned: a vehicle, its round before the session, the site, the lane and the riders. */
export interface PlannedTrip {
  vehicleId: number;
  round: number;
  siteId: number;
  lane: 'special' | 'regular';
  riders: number[];
}

/**
 * Point-to-point trips before a session: riders grouped by site and lane (a special candidate never
 * shares a vehicle with a regular one), each group cut into vehicle loads; vehicles are used in
 * turn, a vehicle taking a further round once every vehicle has one. Largest vehicles first.
 */
export function assignTrips(riders: Rider[], vehicles: Array<{ id: number; seats: number }>): PlannedTrip[] {
  if (!vehicles.length || !riders.length) return [];
  const fleet = [...vehicles].sort((a, b) => b.seats - a.seats || a.id - b.id);
  const groups = new Map<string, Rider[]>();
  for (const r of [...riders].sort((a, b) => a.id - b.id)) {
    const key = `${r.siteId}:${r.lane}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const trips: PlannedTrip[] = [];
  let turn = 0;
  for (const [key, group] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    const [site, lane] = key.split(':') as [string, Rider['lane']];
    for (let i = 0; i < group.length; ) {
      const v = fleet[turn % fleet.length] as { id: number; seats: number };
      const load = group.slice(i, i + v.seats);
      trips.push({
        vehicleId: v.id,
        round: Math.floor(turn / fleet.length),
        siteId: Number(site),
        lane,
        riders: load.map((r) => r.id),
      });
      i += load.length;
      turn++;
    }
  }
  return trips;
}
