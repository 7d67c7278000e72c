import type { FastifyRequest } from 'fastify';
import type { Locale } from '../i18n/i18n.ts';
import type { RoleGrant } from '../modules/accounts/index.ts';

/** The person behind a request, resolved from the session cookie. */
export interface Viewer {
  userId: number;
  email: string;
  name: string;
  locale: Locale;
  roles: readonly RoleGrant[];
  sessionId: string;
  /** The password was accepted but the one-time code is still to be given or set up. */
  secondFactorPending: boolean;
  /** The person must set up a second factor before going further. */
  mustSetUpSecondFactor: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer: Viewer | null;
  }
}

export function hasAnyRole(viewer: Viewer | null, roles: readonly string[]): boolean {
  return !!viewer && !viewer.secondFactorPending && viewer.roles.some((grant) => roles.includes(grant.role));
}

/** The signed-in viewer as the author of a change (audit log, histories), on a route that requires signing in. */
export function actorOf(request: FastifyRequest): { id: number; label: string } {
  const viewer = request.viewer;
  if (!viewer) throw new Error('actorOf() used on a route open to visitors');
  return { id: viewer.userId, label: viewer.email };
}
