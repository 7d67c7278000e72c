import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.ts';
import { param } from '../../http/params.ts';
import { hasAnyRole, type Viewer } from '../../http/viewer.ts';

/** Whether the viewer keeps this country's record: the Secretariat, or the country's own focal point. */
export function keepsCountry(viewer: Viewer | null, iso3: string): boolean {
  if (hasAnyRole(viewer, ['secretariat'])) return true;
  return (
    !!viewer &&
    !viewer.secondFactorPending &&
    viewer.roles.some((grant) => grant.role === 'focal_point' && grant.country === iso3)
  );
}

/** The countries a focal point keeps. */
export function keptCountries(viewer: Viewer | null): string[] {
  return (viewer?.roles ?? []).flatMap((grant) =>
    grant.role === 'focal_point' && grant.country ? [grant.country] : [],
  );
}

/** The country of the address, when the viewer keeps it (a focal point of another country: 403). */
export function requireKeptCountry(request: FastifyRequest): string {
  const iso3 = param(request, 'iso3').toUpperCase();
  if (!keepsCountry(request.viewer, iso3)) throw new AppError('forbidden');
  return iso3;
}

/**
 * ISO3 codes are upper case in addresses: a page asked in lower case is sent to its upper-case
 * address for good (301); the answer is null when the address is already right.
 */
export function redirectToUpperCase(request: FastifyRequest, reply: FastifyReply): FastifyReply | null {
  const given = param(request, 'iso3');
  if (given === given.toUpperCase()) return null;
  const [path, query] = request.url.split('?');
  const fixed = path!.replace(new RegExp(`/${given}(?=/|$)`), `/${given.toUpperCase()}`);
  return reply.redirect(`${fixed}${query === undefined ? '' : `?${query}`}`, 301);
}
