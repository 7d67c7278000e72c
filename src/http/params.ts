import type { FastifyInstance, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { z } from 'zod';
import { LOCALES } from '../i18n/i18n.ts';
import { API_PREFIX } from './api.ts';
import { notFound } from './errors.ts';

/** A record's id in a path: digits only, without a leading zero, within PostgreSQL's `integer`. */
export const RECORD_ID = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .refine((value) => value <= 2_147_483_647);

/**
 * Every path parameter of the server and how it is read. The server does not start with a route
 * whose parameter is not listed here; a request whose parameter does not match answers 404, so a
 * bad id never reaches SQL. (API routes declare their parameters in their own Zod schema, which
 * answers 400 with the details.)
 */
export const ROUTE_PARAMS = {
  locale: z.enum(LOCALES),
  id: RECORD_ID,
  grantId: RECORD_ID,
  /** A file attached to a record (a yearly report's PDF). */
  attachmentId: RECORD_ID,
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
  /** A country's ISO 3166-1 alpha-3 code; pages answer lower case with a redirect to upper case. */
  iso3: z.string().regex(/^[A-Za-z]{3}$/),
  /** An indicator's code: `8.7.1`, `SL_TLF_CHLDEC`. */
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/),
  /** The width of an image the platform made (`/media/news/:id/:width`). */
  width: z
    .string()
    .regex(/^[1-9]\d{1,3}$/)
    .transform(Number),
  /** A year in a path (`/pathfinders/NPL/reports/2025`). */
  year: z
    .string()
    .regex(/^(19|20|21)\d{2}$/)
    .transform(Number),
  /** An international standard by its code (`C029`, `P029`, `palermo`); the module checks it is one it knows. */
  standard: z.string().regex(/^(?:[CP]\d{3}|palermo)$/),
  '*': z.string(),
} as const;

export type RouteParam = keyof typeof ROUTE_PARAMS;

function isRouteParam(name: string): name is RouteParam {
  return Object.hasOwn(ROUTE_PARAMS, name);
}

/** The names of a route's path parameters: `/admin/users/:id/roles/:grantId` → id, grantId. */
export function paramNames(url: string): string[] {
  return [...url.matchAll(/:(\w+)|(\*)/g)].map((match) => match[1] ?? '*');
}

/** One path parameter of the request, parsed by its schema (404 when it does not match). */
export function param<Name extends RouteParam>(
  request: FastifyRequest,
  name: Name,
): z.output<(typeof ROUTE_PARAMS)[Name]> {
  const parsed = ROUTE_PARAMS[name].safeParse((request.params as Record<string, unknown> | undefined)?.[name]);
  if (!parsed.success) throw notFound();
  return parsed.data as z.output<(typeof ROUTE_PARAMS)[Name]>;
}

/**
 * Checks every route's path parameters when the request arrives, before its body is read and
 * after the access guard (someone who may not open a page is sent to sign in whatever its
 * address holds).
 */
export function installRouteParams(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(`${API_PREFIX}/`)) return;
    const names = paramNames(route.url);
    if (names.length === 0) return;
    const unknown = names.filter((name) => !isRouteParam(name));
    if (unknown.length > 0) {
      throw new Error(
        `The route ${route.url} has parameters without a schema in src/http/params.ts: ${unknown.join(', ')}`,
      );
    }
    const check: onRequestAsyncHookHandler = async (request) => {
      for (const name of names) if (isRouteParam(name)) param(request, name);
    };
    const existing = route.onRequest;
    route.onRequest = existing ? [...(Array.isArray(existing) ? existing : [existing]), check] : [check];
  });
}
