import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../platform/context.ts';

/** The appeals module's HTTP routes (being built in this session). */
export async function appealsRoutes(_app: FastifyInstance, _ctx: Ctx): Promise<void> {}
