import type { FastifyRequest } from 'fastify';

/** Query parameters that carry a secret (one-time links and the like): never written to a log. */
const SECRET_PARAMETERS = /^(?:token|code|key|secret|password|_csrf)$/i;

/** A request URL as it may be logged: the values of secret parameters replaced. */
export function redactUrl(url: string): string {
  const mark = url.indexOf('?');
  if (mark < 0) return url;
  const query = url
    .slice(mark + 1)
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed name is logged as it came.
      }
      return SECRET_PARAMETERS.test(decoded) ? `${name}=[redacted]` : pair;
    })
    .join('&');
  return `${url.slice(0, mark)}?${query}`;
}

/**
 * A text with the secrets of the links it holds hidden: what an e-mail keeps once it is sent (its
 * one-time links then live only in the recipient's mailbox).
 */
export function redactLinksInText(text: string): string {
  return text.replace(/https?:\/\/[^\s<>"']+/g, (url) => redactUrl(url));
}

/** What the request log says of a request: no cookie, no authorization, no secret in the URL. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}
