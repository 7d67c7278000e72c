import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isLocale, negotiateLocale, translator, type Locale, type MessageKey } from '../i18n/i18n.ts';
import { html } from '../ui/html.ts';
import { localePath, renderPublicPage, type SiteContext } from '../ui/layout.ts';

/** An error with a stable code (`module.reason`) that doubles as its translation key. */
export class AppError extends Error {
  constructor(
    readonly code:
      | 'not_found'
      | 'validation_failed'
      | 'unauthorized'
      | 'forbidden'
      | 'csrf_failed'
      | 'too_many_requests'
      | 'payload_too_large'
      | 'unsupported_media_type'
      | 'internal',
    readonly statusCode: number,
    readonly details: { path: string; message: string }[] = [],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = () => new AppError('not_found', 404);

export function validationFailed(error: z.ZodError): AppError {
  return new AppError(
    'validation_failed',
    400,
    error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

export interface ApiErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});

function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** The locale of an error page: the one in the path if any, else the visitor's preference. */
function localeOf(request: FastifyRequest, fallback: Locale): Locale {
  const first = request.url.split('/')[1]?.split('?')[0];
  if (isLocale(first)) return first;
  return negotiateLocale({ acceptLanguage: request.headers['accept-language'], fallback });
}

const API_MESSAGES: Record<AppError['code'], MessageKey> = {
  not_found: 'api.error.not_found',
  validation_failed: 'api.error.validation_failed',
  unauthorized: 'api.error.unauthorized',
  forbidden: 'api.error.forbidden',
  csrf_failed: 'api.error.csrf_failed',
  too_many_requests: 'api.error.too_many_requests',
  payload_too_large: 'api.error.payload_too_large',
  unsupported_media_type: 'api.error.unsupported_media_type',
  internal: 'api.error.internal',
};

const PAGE_TEXT: Record<AppError['code'], { title: MessageKey; body: MessageKey }> = {
  not_found: { title: 'error.notFound.title', body: 'error.notFound.body' },
  validation_failed: { title: 'error.badRequest.title', body: 'error.badRequest.body' },
  unauthorized: { title: 'error.unauthorized.title', body: 'error.unauthorized.body' },
  forbidden: { title: 'error.forbidden.title', body: 'error.forbidden.body' },
  csrf_failed: { title: 'error.csrf.title', body: 'error.csrf.body' },
  too_many_requests: { title: 'error.tooManyRequests.title', body: 'error.tooManyRequests.body' },
  payload_too_large: { title: 'error.payloadTooLarge.title', body: 'error.payloadTooLarge.body' },
  unsupported_media_type: { title: 'error.unsupportedMediaType.title', body: 'error.unsupportedMediaType.body' },
  internal: { title: 'error.server.title', body: 'error.server.body' },
};

function sendError(input: {
  request: FastifyRequest;
  reply: FastifyReply;
  site: SiteContext;
  defaultLocale: Locale;
  status: number;
  code: AppError['code'];
  details?: { path: string; message: string }[];
}): FastifyReply {
  const { request, reply, status } = input;
  const locale = localeOf(request, input.defaultLocale);
  const tr = translator(locale);
  reply.code(status).header('cache-control', 'no-store');
  if (isApiRequest(request)) {
    const body: ApiErrorBody = {
      error: {
        code: input.code,
        message: tr.t(API_MESSAGES[input.code]),
        ...(input.details && input.details.length > 0 ? { details: input.details } : {}),
      },
    };
    return reply.type('application/json; charset=utf-8').send(body);
  }
  const text = PAGE_TEXT[input.code];
  const main = html`<h1>${tr.t(text.title)}</h1>
    <p>${tr.t(text.body)}</p>
    ${status >= 500 ? html`<p class="small">${tr.t('error.reference', { id: request.id })}</p>` : ''}
    <p><a href="${localePath(locale, '/')}">${tr.t('error.backHome')}</a></p>`;
  return reply
    .type('text/html; charset=utf-8')
    .send(renderPublicPage({ tr, site: input.site, path: '/', section: '', title: tr.t(text.title), main }));
}

/**
 * One error handler for the three surfaces: HTML pages in the visitor's language, JSON for the API.
 * It returns the handler of the errors the framework meets before routing (a malformed address),
 * for the server's `frameworkErrors` option, so that those get the same pages.
 */
export function registerErrorHandlers(
  app: FastifyInstance,
  input: { site: SiteContext; defaultLocale: Locale },
): { frameworkError: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void } {
  // Rate-limited too, so that scanning for pages costs the scanner more than the server.
  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 300, timeWindow: '1 minute' }) }, (request, reply) =>
    sendError({ ...input, request, reply, status: 404, code: 'not_found' }),
  );
  app.setErrorHandler((error: FastifyError | AppError | z.ZodError, request, reply) => {
    if (error instanceof AppError) {
      return sendError({
        ...input,
        request,
        reply,
        status: error.statusCode,
        code: error.code,
        details: error.details,
      });
    }
    if (error instanceof z.ZodError) {
      const failure = validationFailed(error);
      return sendError({ ...input, request, reply, status: 400, code: failure.code, details: failure.details });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return sendError({ ...input, request, reply, status, code: 'too_many_requests' });
    if (status === 404) return sendError({ ...input, request, reply, status, code: 'not_found' });
    if (status === 413) return sendError({ ...input, request, reply, status, code: 'payload_too_large' });
    if (status === 415) return sendError({ ...input, request, reply, status, code: 'unsupported_media_type' });
    if (status >= 400 && status < 500) {
      return sendError({
        ...input,
        request,
        reply,
        status: 400,
        code: 'validation_failed',
        details: [{ path: '', message: error.message }],
      });
    }
    request.log.error({ err: error }, 'request failed');
    return sendError({ ...input, request, reply, status: 500, code: 'internal' });
  });
  return {
    frameworkError: (error, request, reply) => {
      void sendError({ ...input, request, reply, status: error.statusCode ?? 400, code: 'validation_failed' });
    },
  };
}
