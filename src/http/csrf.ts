import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfCookie } from './cookies.ts';
import { AppError } from './errors.ts';

export const CSRF_FIELD = '_csrf';

/**
 * Forms carry a hidden `_csrf` field: an HMAC, keyed by the installation's secret, of what the
 * form belongs to: the signed-in session (so a token changes with the session: at sign-in, when
 * the second factor is given, at sign-out), or for a visitor without a session a random value
 * held in an HttpOnly cookie (made anew at sign-in and sign-out). Another site can neither read
 * the cookie nor compute the HMAC. Before any body is read, a state-changing request that a
 * browser says comes from another site (`Sec-Fetch-Site`, `Origin`) is refused.
 */
export interface Csrf {
  /** The token for the forms of this response; sets the visitor's cookie if they have none. */
  token(request: FastifyRequest, reply: FastifyReply): string;
  /** Whether a submitted token is right for this request (routes that read their own body). */
  verify(request: FastifyRequest, submitted: unknown): boolean;
  /** A new visitor value: tokens of forms shown before no longer work. */
  rotate(request: FastifyRequest, reply: FastifyReply): void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `self`: the handler checks the token itself (with `csrf.verify`), e.g. in a multipart body. */
    csrf?: 'self';
  }
}

/**
 * Whether the browser says the request comes from this site (or does not say: then the token
 * decides). Fetch metadata (`Sec-Fetch-Site`) is believed first: a page with `Referrer-Policy:
 * no-referrer` makes browsers send `Origin: null` for its own forms. Without it, the `Origin`.
 */
export function isSameSiteRequest(request: FastifyRequest, publicOrigin: string): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined) return fetchSite === 'same-origin' || fetchSite === 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (origin === publicOrigin) return true;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    // Compared as URLs, so that a default port written out (`:80`) or not does not matter.
    return url.host === new URL(`${url.protocol}//${request.headers.host ?? ''}`).host;
  } catch {
    return false;
  }
}

export function installCsrf(
  app: FastifyInstance,
  input: { secret: string; secureCookies: boolean; publicUrl: string },
): Csrf {
  const cookie = csrfCookie({ secure: input.secureCookies });
  const publicOrigin = new URL(input.publicUrl).origin;
  const sign = (binding: string) =>
    crypto.createHmac('sha256', input.secret).update(`csrf:${binding}`).digest('base64url');

  const visitorValue = (request: FastifyRequest): string | undefined => {
    const value = cookie.read(request);
    return value && /^[\w-]{43}$/.test(value) ? value : undefined;
  };
  const bindingOf = (request: FastifyRequest): string | undefined => {
    if (request.viewer) return `session:${request.viewer.sessionId}`;
    const value = visitorValue(request);
    return value ? `visitor:${value}` : undefined;
  };
  const newVisitorValue = (request: FastifyRequest, reply: FastifyReply) => {
    const value = crypto.randomBytes(32).toString('base64url');
    request.cookies[cookie.name] = value;
    cookie.set(reply, value);
    return value;
  };

  const verify = (request: FastifyRequest, submitted: unknown): boolean => {
    const binding = bindingOf(request);
    if (!binding || typeof submitted !== 'string') return false;
    const expected = Buffer.from(sign(binding));
    const actual = Buffer.from(submitted);
    return expected.length === actual.length && crypto.timingSafeEqual(expected, actual);
  };

  app.addHook('onRequest', async (request) => {
    if (SAFE_METHODS.has(request.method) || request.url.startsWith('/api/')) return;
    if (!isSameSiteRequest(request, publicOrigin)) {
      request.log.warn(
        { origin: request.headers.origin, fetchSite: request.headers['sec-fetch-site'] },
        'cross-site form refused',
      );
      throw new AppError('csrf_failed', 403);
    }
  });
  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method) || request.url.startsWith('/api/')) return;
    if (request.routeOptions.config.csrf === 'self') return;
    const submitted = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (!verify(request, submitted)) throw new AppError('csrf_failed', 403);
  });

  return {
    token(request, reply) {
      if (request.viewer) return sign(`session:${request.viewer.sessionId}`);
      return sign(`visitor:${visitorValue(request) ?? newVisitorValue(request, reply)}`);
    },
    verify,
    rotate(request, reply) {
      newVisitorValue(request, reply);
    },
  };
}
