import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

export const CSRF_COOKIE = 'a87_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * Forms carry a hidden `_csrf` field: an HMAC, keyed by the installation's secret, of a random
 * value held in an HttpOnly cookie. Another site can neither read the cookie nor compute the
 * HMAC, so it cannot forge a form; a leaked cookie alone does not make a valid token either.
 */
export interface Csrf {
  /** The token for the forms of this response; sets the cookie if the visitor has none. */
  token(request: FastifyRequest, reply: FastifyReply): string;
}

export function installCsrf(app: FastifyInstance, input: { secret: string; secureCookies: boolean }): Csrf {
  const sign = (value: string) => crypto.createHmac('sha256', input.secret).update(`csrf:${value}`).digest('base64url');

  app.addHook('preHandler', async (request) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return;
    if (request.url.startsWith('/api/')) return;
    const cookie = request.cookies[CSRF_COOKIE];
    const submitted = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (!cookie || typeof submitted !== 'string') throw new AppError('csrf_failed', 403);
    const expected = Buffer.from(sign(cookie));
    const actual = Buffer.from(submitted);
    if (expected.length !== actual.length || !crypto.timingSafeEqual(expected, actual)) {
      throw new AppError('csrf_failed', 403);
    }
  });

  return {
    token(request, reply) {
      let value = request.cookies[CSRF_COOKIE];
      if (!value || !/^[\w-]{43}$/.test(value)) {
        value = crypto.randomBytes(32).toString('base64url');
        request.cookies[CSRF_COOKIE] = value;
        reply.setCookie(CSRF_COOKIE, value, {
          path: '/',
          httpOnly: true,
          sameSite: 'lax',
          secure: input.secureCookies,
        });
      }
      return sign(value);
    },
  };
}
