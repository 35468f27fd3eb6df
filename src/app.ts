import type { FastifyInstance } from 'fastify';
import { MODULES } from './modules.ts';
import type { Ctx } from './platform/context.ts';
import { type AppOptions, createApp } from './platform/http/app.ts';

/** Builds Banyan's HTTP app with every module of the registry; does not listen. */
export function buildApp(ctx: Ctx, opts: AppOptions = {}): Promise<FastifyInstance> {
  return createApp(ctx, MODULES, opts);
}
