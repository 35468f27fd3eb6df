import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../platform/context.ts';

/** The testing module's HTTP routes (being built in this session). */
export async function testingRoutes(_app: FastifyInstance, _ctx: Ctx): Promise<void> {}
