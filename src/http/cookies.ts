import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The platform's two cookies. Under https they carry the `__Host-` prefix: the browser then
 * accepts them only from this host, over https, for the whole site, so that a neighbouring
 * subdomain cannot plant or overwrite them.
 */
const SESSION = 'a87_session';
const CSRF = 'a87_csrf';

/** Whether a request carries a session cookie, under either name (such requests are never served shared pages). */
export const SESSION_COOKIE_PATTERN = new RegExp(`(?:^|;\\s*)(?:__Host-)?${SESSION}=`);

export interface SiteCookie {
  readonly name: string;
  read(request: FastifyRequest): string | undefined;
  set(reply: FastifyReply, value: string): void;
  clear(reply: FastifyReply): void;
}

function siteCookie(input: { base: string; secure: boolean; maxAgeSeconds?: number }): SiteCookie {
  const name = input.secure ? `__Host-${input.base}` : input.base;
  const options = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: input.secure,
    ...(input.maxAgeSeconds ? { maxAge: input.maxAgeSeconds } : {}),
  };
  return {
    name,
    read: (request) => request.cookies[name],
    set: (reply, value) => {
      reply.setCookie(name, value, options);
    },
    clear: (reply) => {
      reply.clearCookie(name, { path: '/', secure: input.secure, httpOnly: true, sameSite: 'lax' });
    },
  };
}

export function sessionCookie(input: { secure: boolean; maxAgeSeconds: number }): SiteCookie {
  return siteCookie({ base: SESSION, ...input });
}

export function csrfCookie(input: { secure: boolean }): SiteCookie {
  return siteCookie({ base: CSRF, secure: input.secure });
}
