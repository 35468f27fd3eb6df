import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { AuthErrors } from '../auth/auth.errors.ts';
import { scopeOverlapsDivision } from '../auth/auth.rules.ts';
import { AppError } from '../errors.ts';

/**
 * How a route limits its answer to the caller's jurisdiction. Every `/api/v1` route declares one
 * (`config: { scope: 'district' }`): the app refuses to start otherwise, and the scope matrix test
 * (test/hardening/scope-matrix.test.ts) tries each scoped role against another side's records on
 * the strength of it.
 */
export const ROUTE_SCOPES = {
  public: 'no account: reference data, or only what the request’s own credential opens (a code, a tracking number)',
  self: 'the signed-in account’s own records',
  city: 'city-wide by design: every caller the role admits gets the same answer',
  district: 'records and figures inside the caller’s division scope (district or street)',
  venue: 'venue operators: the venues tied to them; staff: the venues of their division scope',
  enterprise: 'liaisons and enterprises: their own enterprises; staff: those of their division scope',
  unit: 'an appeals handling unit: the appeals it holds; readers: those of their division scope',
  outlet: 'outlet managers: the outlet tied to them; staff: the outlets of their division scope',
} as const;
export type RouteScope = keyof typeof ROUTE_SCOPES;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** How the route is scoped; required on every /api/v1 route (see ROUTE_SCOPES). */
    scope?: RouteScope;
  }
}

// Query parameters that name a division: a caller may narrow to one inside their scope, never
// widen to another's. Answering "your own figures" to a request for another district hides the
// refusal, so the request is refused instead.
const DIVISION_PARAMS = ['district', 'street', 'community', 'within'] as const;

const divisionsInScope: preHandlerHookHandler = (request: FastifyRequest, _reply: FastifyReply, done) => {
  const actor = request.actor;
  const q = request.query as Record<string, unknown> | undefined;
  if (!actor || !q) return done();
  for (const name of DIVISION_PARAMS) {
    const v = q[name];
    if (typeof v === 'string' && v !== '' && !scopeOverlapsDivision(actor.scope, v))
      return done(new AppError(AuthErrors.OUT_OF_SCOPE_FILTER, { name, code: v }));
  }
  done();
};

/** A route as registered, with its declared scope. */
export interface DeclaredRoute {
  method: string;
  url: string;
  scope: RouteScope;
}

const DECLARED = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every /api/v1 route registered on an app and its scope (the scope matrix checks it knows each). */
export function declaredRoutes(app: FastifyInstance): DeclaredRoute[] {
  return [...(DECLARED.get(app) ?? [])];
}

/**
 * Makes a scope declaration compulsory on every /api/v1 route (registration throws, so the app
 * does not start), and refuses a division filter outside the caller's scope on every scoped route.
 */
export function requireRouteScopes(app: FastifyInstance): void {
  const declared: DeclaredRoute[] = [];
  DECLARED.set(app, declared);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1/')) return;
    const scope = route.config?.scope;
    if (!scope || !Object.hasOwn(ROUTE_SCOPES, scope)) {
      const methods = [route.method].flat().join(',');
      throw new Error(
        `${methods} ${route.url} declares no scope: add config: { scope } with one of ${Object.keys(ROUTE_SCOPES).join(', ')}`,
      );
    }
    for (const method of [route.method].flat()) if (method !== 'HEAD') declared.push({ method, url: route.url, scope });
    if (scope === 'public' || scope === 'city') return;
    const own = route.preHandler ? [route.preHandler].flat() : [];
    route.preHandler = [divisionsInScope, ...own];
  });
}
