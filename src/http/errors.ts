import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isLocale, negotiateLocale, translator, type Locale, type MessageKey } from '../i18n/i18n.ts';
import { html } from '../ui/html.ts';
import { localePath, renderPublicPage, type SiteContext } from '../ui/layout.ts';

/**
 * Every error the platform reports, by its stable code, with the HTTP status it answers with:
 * the one table of statuses. Generic codes are the API's (`not_found`, `forbidden`…); a module's
 * codes (`partners.application.not_open`) are also the translation keys of their message.
 */
const GENERIC_ERRORS = {
  not_found: 404,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_failed: 403,
  too_many_requests: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal: 500,
} as const;

const MODULE_ERRORS = {
  'accounts.error.emailTaken': 409,
  'accounts.error.alreadyActive': 409,
  'accounts.error.deactivated': 409,
  'accounts.error.organization': 400,
  'accounts.error.userNotFound': 404,
  'accounts.error.lastSecretariat': 409,
  'accounts.error.currentPassword': 400,
  'accounts.error.grantNotFound': 404,
  'accounts.error.secondFactorActive': 409,
  'accounts.error.noSecondFactor': 409,
  'accounts.error.tooManyAttempts': 429,
  'accounts.error.resetOwnSecondFactor': 403,
  'accounts.error.code': 400,
  'mail.confirmation.too_many': 429,
  'partners.application.not_open': 409,
  'partners.organization.not_managed': 403,
  'partners.organization.not_active': 409,
  'partners.logo.missing': 400,
  'partners.logo.too_large': 400,
  'partners.logo.not_image': 400,
  'partners.status.same': 400,
  'partners.status.too_early': 400,
  'partners.status.future': 400,
  'pathfinders.country.exists': 409,
  'pathfinders.country.unknown': 400,
  'pathfinders.move.future': 400,
  'pathfinders.move.tooEarly': 400,
  'pathfinders.move.notAllowed': 409,
  'pathfinders.move.decisionRequired': 400,
  'pathfinders.move.decisionDateRequired': 400,
  'pathfinders.move.decisionAfter': 400,
  'content.slug.reserved': 400,
  'content.slug.taken': 409,
  'content.slug.home': 400,
  'content.revision.notFound': 404,
  'news.slug.taken': 409,
  'news.image.missing': 400,
  'news.image.too_large': 400,
  'news.image.not_image': 400,
  'news.story.not_editable': 403,
  'news.organization.not_active': 409,
  'news.publish.no_text': 400,
  'news.publish.alt_missing': 400,
  'news.image.alt_required': 400,
  'news.story.not_submitted': 409,
  'pathfinders.focalPoint.tooEarly': 400,
  'pathfinders.workshop.unknownOrganizer': 400,
  'pathfinders.document.missing': 400,
  'pathfinders.document.tooLarge': 400,
  'pathfinders.document.notPdf': 400,
  'pathfinders.support.past': 400,
  'pathfinders.support.answered': 409,
  'pathfinders.ratification.noDateWhenNot': 400,
  'pathfinders.roadmap.noDraft': 409,
  'pathfinders.roadmap.draftExists': 409,
  'pathfinders.roadmap.unknownPriority': 400,
  'pathfinders.roadmap.empty': 409,
  'pathfinders.report.noRoadmap': 409,
  'pathfinders.report.yearTaken': 409,
  'pathfinders.report.readOnly': 409,
  'pathfinders.report.notSubmitted': 409,
  'pathfinders.report.fileMissing': 400,
  'pathfinders.report.fileTooLarge': 400,
  'pathfinders.report.notPdf': 400,
  'pathfinders.letter.notPdf': 400,
  'pathfinders.letter.tooLarge': 400,
  'pathfinders.interest.tooMany': 429,
  'pathfinders.interest.notOpen': 409,
  'pathfinders.interest.alreadyOnPath': 409,
  'data.indicator.not_found': 404,
  'data.version.not_found': 404,
  'data.version.current': 409,
} as const satisfies Partial<Record<MessageKey, number>>;

export type GenericErrorCode = keyof typeof GENERIC_ERRORS;
/** A module's error code: also the translation key of its message. */
export type ModuleErrorCode = keyof typeof MODULE_ERRORS;
export type ErrorCode = GenericErrorCode | ModuleErrorCode;

export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = { ...GENERIC_ERRORS, ...MODULE_ERRORS };

export interface ErrorDetail {
  path: string;
  message: string;
}

export interface AppErrorOptions {
  /** The form field the message belongs to, when a form shows it. */
  field?: string;
  /** Values of the message's placeholders (`{date}`). */
  values?: Record<string, string | number>;
  /** What was wrong, item by item (validation of API input). */
  details?: ErrorDetail[];
}

/**
 * The platform's one error type: a stable code (`module.subject.reason`) that doubles as its
 * translation key, and the status `ERROR_STATUS` gives that code. Handlers that can show the
 * message next to a form field catch it; anything else reaches the error handler below.
 */
export class AppError extends Error {
  readonly statusCode: number;
  readonly field?: string;
  readonly values: Record<string, string | number>;
  readonly details: ErrorDetail[];

  /**
   * A status passed as the second argument (older callers) must be the table's: the table decides.
   */
  constructor(
    readonly code: ErrorCode,
    options: AppErrorOptions | number = {},
  ) {
    super(code);
    this.name = 'AppError';
    this.statusCode = ERROR_STATUS[code];
    if (typeof options === 'number' && options !== this.statusCode) {
      throw new Error(`The error ${code} answers ${this.statusCode}, not ${options} (see ERROR_STATUS)`);
    }
    const given = typeof options === 'number' ? {} : options;
    this.field = given.field;
    this.values = given.values ?? {};
    this.details = given.details ?? [];
  }
}

export function isModuleErrorCode(code: string): code is ModuleErrorCode {
  return Object.hasOwn(MODULE_ERRORS, code);
}

/** Whether an error is a module's error with one of the given codes (for a handler that shows it). */
export function isAppError<Code extends ErrorCode>(
  error: unknown,
  ...codes: Code[]
): error is AppError & { code: Code } {
  return error instanceof AppError && (codes.length === 0 || (codes as ErrorCode[]).includes(error.code));
}

export const notFound = () => new AppError('not_found');

export function validationFailed(error: z.ZodError): AppError {
  return new AppError('validation_failed', {
    details: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  });
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

const API_MESSAGES: Record<GenericErrorCode, MessageKey> = {
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

const PAGE_TEXT: Record<GenericErrorCode, { title: MessageKey; body: MessageKey }> = {
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

/** The generic code whose page title an error's status shows (a module's code has no page of its own). */
function genericCodeOf(status: number): GenericErrorCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'too_many_requests';
  return status >= 500 ? 'internal' : 'validation_failed';
}

function sendError(input: {
  request: FastifyRequest;
  reply: FastifyReply;
  site: SiteContext;
  defaultLocale: Locale;
  error: AppError;
}): FastifyReply {
  const { request, reply, error } = input;
  const status = error.statusCode;
  const locale = localeOf(request, input.defaultLocale);
  const tr = translator(locale);
  // A module's code is its message's key; a generic code has its own texts.
  const ownMessage = isModuleErrorCode(error.code) ? tr.t(error.code, error.values) : null;
  reply.code(status).header('cache-control', 'no-store');
  if (isApiRequest(request)) {
    const body: ApiErrorBody = {
      error: {
        code: error.code,
        message: ownMessage ?? tr.t(API_MESSAGES[error.code as GenericErrorCode]),
        ...(error.details.length > 0 ? { details: error.details } : {}),
      },
    };
    return reply.type('application/json; charset=utf-8').send(body);
  }
  const text = PAGE_TEXT[isModuleErrorCode(error.code) ? genericCodeOf(status) : error.code];
  const main = html`<h1>${tr.t(text.title)}</h1>
    <p>${ownMessage ?? tr.t(text.body)}</p>
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
    sendError({ ...input, request, reply, error: notFound() }),
  );
  app.setErrorHandler((error: FastifyError | AppError | z.ZodError, request, reply) => {
    if (error instanceof AppError) return sendError({ ...input, request, reply, error });
    if (error instanceof z.ZodError) return sendError({ ...input, request, reply, error: validationFailed(error) });
    const status = error.statusCode ?? 500;
    if (status === 429) return sendError({ ...input, request, reply, error: new AppError('too_many_requests') });
    if (status === 404) return sendError({ ...input, request, reply, error: notFound() });
    if (status === 413) return sendError({ ...input, request, reply, error: new AppError('payload_too_large') });
    if (status === 415) return sendError({ ...input, request, reply, error: new AppError('unsupported_media_type') });
    if (status >= 400 && status < 500) {
      const failure = new AppError('validation_failed', { details: [{ path: '', message: error.message }] });
      return sendError({ ...input, request, reply, error: failure });
    }
    request.log.error({ err: error }, 'request failed');
    return sendError({ ...input, request, reply, error: new AppError('internal') });
  });
  return {
    frameworkError: (error, request, reply) => {
      void sendError({ ...input, request, reply, error: new AppError(genericCodeOf(error.statusCode ?? 400)) });
    },
  };
}
