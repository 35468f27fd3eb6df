import { DIVISIONS } from '../src/geo/geo.data.ts';
import type { Ctx } from '../src/platform/context.ts';
import { createVenues } from '../src/venues/venues.service.ts';

/** Registers `count` bench venues (BV0…, two offices to a market, spread over every community); returns their codes. */
export async function createBenchVenues(ctx: Ctx, count: number): Promise<string[]> {
  const communities = DIVISIONS.filter((d) => d.level === 'community');
  const codes = Array.from({ length: count }, (_, i) => `BV${i}`);
  await createVenues(
    ctx,
    'system',
    codes.map((code, i) => ({
      code,
      name: code,
      category: i % 3 ? 'office' : 'mall-market',
      communityCode: (communities[i % communities.length] as { code: string }).code,
    })),
  );
  return codes;
}
