import type { Ctx } from '../platform/context.ts';
import type { Rng } from './rng.ts';

/** The testing part of the demo scenario (being built in this session). */
export async function seedTesting(_ctx: Ctx, _rng: Rng): Promise<Record<string, number>> {
  return {};
}
