/** The venue counters' rows of a batch of stored scans, as the parameters of each counter's upsert. */
export interface ScanSums {
  venueHours: unknown[][];
  venueDays: unknown[][];
  districtHours: unknown[][];
  venueReasons: unknown[][];
  districtReasons: unknown[][];
}

/** Sums stored scans (the scan insert's positional parameters) into the venue counters' rows. */
export function sumScans(rows: unknown[][], districtOf: (venueId: number) => string | undefined): ScanSums;
