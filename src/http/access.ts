import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../modules/accounts/index.ts';
import { isLocale, negotiateLocale, type Locale } from '../i18n/i18n.ts';
import { AppError } from './errors.ts';
import { hasAnyRole, type Viewer } from './viewer.ts';

/**
 * Who may use each route. Every route of the server must appear here: the server refuses to
 * start on a route without a rule, and a test walks every route with every role.
 *
 * - `public`: anyone;
 * - `second_factor`: someone whose password was accepted, before the one-time code;
 * - `signed_in`: any signed-in person;
 * - a list of roles: people holding at least one of them.
 */
export type AccessRule = 'public' | 'second_factor' | 'signed_in' | readonly Role[];

const SECRETARIAT: readonly Role[] = ['secretariat'];
/** Each one's own country only: checked again on the object by the pathfinders module. */
const COUNTRY_KEEPERS: readonly Role[] = ['focal_point', 'secretariat'];
/** Each one's own organization only: checked again on the object by the partners module. */
const PARTNER_KEEPERS: readonly Role[] = ['partner_rep', 'secretariat'];
/** Those who import and restore indicator data. */
const DATA_EDITORS: readonly Role[] = ['data_editor', 'secretariat'];

export const ACCESS_RULES: Record<string, AccessRule> = {
  'GET /': 'public',
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'GET /robots.txt': 'public',
  'GET /sitemap.xml': 'public',
  'GET /assets/*': 'public',
  'GET /favicon.ico': 'public',
  'GET /media/logos/:slug': 'public',
  'GET /media/workshop-documents/:id': 'public',
  'GET /api/v1/openapi.json': 'public',
  'GET /api/v1/stats': 'public',
  'GET /:locale': 'public',
  'GET /:locale/': 'public',
  'GET /:locale/:slug': 'public',
  'GET /:locale/partners': 'public',
  'GET /:locale/partners/:slug': 'public',
  'GET /:locale/partners/apply': 'public',
  'POST /:locale/partners/apply': 'public',
  'GET /:locale/partners/apply/answer': 'public',
  'POST /:locale/partners/apply/answer': 'public',
  'GET /:locale/partners/apply/confirmed': 'public',
  'GET /:locale/partners/apply/status': 'public',
  'GET /:locale/confirm': 'public',
  'POST /:locale/confirm': 'public',
  'GET /:locale/confirm/sent': 'public',
  'POST /:locale/confirm/resend': 'public',
  'GET /api/v1/partners': 'public',
  'GET /api/v1/partners/:slug': 'public',
  'GET /:locale/pathfinders': 'public',
  'GET /:locale/pathfinders/:iso3': 'public',
  'GET /:locale/pathfinders/:iso3/reports/:year': 'public',
  'GET /:locale/pathfinders/:iso3/reports/:year/actions.csv': 'public',
  'GET /:locale/pathfinders/apply': 'public',
  'POST /:locale/pathfinders/apply': 'public',
  'GET /:locale/pathfinders/apply/draft': 'public',
  'GET /:locale/pathfinders/apply/confirmed': 'public',
  'GET /api/v1/pathfinders': 'public',
  'GET /api/v1/pathfinders/:iso3': 'public',
  'GET /:locale/data': 'public',
  'GET /:locale/data/:code': 'public',
  'GET /:locale/data/:code/embed': 'public',
  'GET /:locale/countries/:iso3': 'public',
  'GET /api/v1/countries/:iso3': 'public',
  'GET /api/v1/indicators': 'public',
  'GET /api/v1/indicators/:code': 'public',
  'GET /api/v1/indicators/:code/observations': 'public',
  // Accounts.
  'GET /:locale/sign-in': 'public',
  'POST /:locale/sign-in': 'public',
  'GET /:locale/sign-in/code': 'second_factor',
  'POST /:locale/sign-in/code': 'second_factor',
  'POST /:locale/sign-in/recovery': 'second_factor',
  'GET /:locale/account/second-factor': 'second_factor',
  'POST /:locale/account/second-factor': 'second_factor',
  'POST /:locale/sign-out': 'second_factor',
  'GET /:locale/password/forgot': 'public',
  'POST /:locale/password/forgot': 'public',
  'GET /:locale/account/set-password': 'public',
  'POST /:locale/account/set-password': 'public',
  'GET /:locale/account': 'signed_in',
  'POST /:locale/account': 'signed_in',
  'POST /:locale/account/password': 'signed_in',
  'POST /:locale/account/recovery-codes': 'signed_in',
  // Back office.
  'GET /admin': 'signed_in',
  'GET /admin/': 'signed_in',
  'POST /admin/language': 'signed_in',
  'GET /admin/audit': SECRETARIAT,
  'GET /admin/outbox': SECRETARIAT,
  'GET /admin/demo': SECRETARIAT,
  'POST /admin/demo': SECRETARIAT,
  'GET /admin/data': DATA_EDITORS,
  'POST /admin/data/import': DATA_EDITORS,
  'GET /admin/data/indicators/:code': DATA_EDITORS,
  'POST /admin/data/indicators/:code': DATA_EDITORS,
  'POST /admin/data/indicators/:code/restore': DATA_EDITORS,
  'GET /admin/applications': SECRETARIAT,
  'GET /admin/applications/:id': SECRETARIAT,
  'POST /admin/applications/:id/approve': SECRETARIAT,
  'POST /admin/applications/:id/decline': SECRETARIAT,
  'POST /admin/applications/:id/request-info': SECRETARIAT,
  'GET /admin/organizations': PARTNER_KEEPERS,
  'GET /admin/organizations/:slug': PARTNER_KEEPERS,
  'POST /admin/organizations/:slug/profile': PARTNER_KEEPERS,
  'POST /admin/organizations/:slug/representatives': PARTNER_KEEPERS,
  'POST /admin/organizations/:slug/representatives/:grantId/remove': PARTNER_KEEPERS,
  'POST /admin/organizations/:slug/representatives/:grantId/restore': PARTNER_KEEPERS,
  'POST /admin/organizations/:slug/withdraw': PARTNER_KEEPERS,
  'POST /admin/organizations/:slug/status': SECRETARIAT,
  'POST /admin/organizations/:slug/logo': PARTNER_KEEPERS,
  'POST /admin/organizations/:slug/change-request': PARTNER_KEEPERS,
  'GET /admin/change-requests': SECRETARIAT,
  'GET /admin/change-requests/:id': SECRETARIAT,
  'POST /admin/change-requests/:id/approve': SECRETARIAT,
  'POST /admin/change-requests/:id/decline': SECRETARIAT,
  'GET /admin/pathfinders': COUNTRY_KEEPERS,
  'POST /admin/pathfinders': SECRETARIAT,
  'GET /admin/pathfinders/:iso3': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/moves': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/focal-points': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/report-due': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/workshops': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/workshop-documents': COUNTRY_KEEPERS,
  'GET /admin/pathfinders/:iso3/workshops/:id': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/workshops/:id': COUNTRY_KEEPERS,
  'GET /admin/pathfinders/:iso3/workshops/:id/remove': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/workshops/:id/remove': COUNTRY_KEEPERS,
  // The country's focal point asks; the Secretariat answers from its queue.
  'POST /admin/pathfinders/:iso3/support-requests': ['focal_point'],
  'GET /admin/support-requests': SECRETARIAT,
  'GET /admin/support-requests/:id': SECRETARIAT,
  'POST /admin/support-requests/:id/answer': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/instruments': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/commitments': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/ratifications': SECRETARIAT,
  'GET /admin/pathfinders/:iso3/instruments/:id': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/instruments/:id': SECRETARIAT,
  'GET /admin/pathfinders/:iso3/instruments/:id/remove': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/instruments/:id/remove': SECRETARIAT,
  'GET /admin/pathfinders/:iso3/commitments/:id': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/commitments/:id': SECRETARIAT,
  'GET /admin/pathfinders/:iso3/commitments/:id/remove': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/commitments/:id/remove': SECRETARIAT,
  'GET /admin/pathfinders/:iso3/ratifications/:standard': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/ratifications/:standard': SECRETARIAT,
  'GET /admin/pathfinders/:iso3/ratifications/:standard/remove': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/ratifications/:standard/remove': SECRETARIAT,
  'GET /admin/standards': SECRETARIAT,
  'POST /admin/standards/import': SECRETARIAT,
  'GET /admin/pathfinders/:iso3/roadmap': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/roadmap': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/roadmap/priorities': COUNTRY_KEEPERS,
  'GET /admin/pathfinders/:iso3/roadmap/priorities/:id': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/roadmap/priorities/:id': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/roadmap/priorities/:id/remove': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/roadmap/actions': COUNTRY_KEEPERS,
  'GET /admin/pathfinders/:iso3/roadmap/actions/:id': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/roadmap/actions/:id': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/roadmap/actions/:id/remove': COUNTRY_KEEPERS,
  'GET /admin/pathfinders/:iso3/roadmap/adopt': SECRETARIAT,
  'POST /admin/pathfinders/:iso3/roadmap/adopt': SECRETARIAT,
  'GET /admin/pathfinders/:iso3/roadmap/diff': SECRETARIAT,
  'GET /admin/pathfinders/reports': SECRETARIAT,
  'GET /admin/pathfinders/:iso3/reports': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/reports': COUNTRY_KEEPERS,
  'GET /admin/pathfinders/:iso3/reports/:id': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/reports/:id': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/reports/:id/attachments': COUNTRY_KEEPERS,
  'GET /admin/pathfinders/:iso3/reports/:id/attachments/:attachmentId': COUNTRY_KEEPERS,
  'POST /admin/pathfinders/:iso3/reports/:id/acknowledge': SECRETARIAT,
  'GET /admin/pathfinders/:iso3/reports/:id/print': COUNTRY_KEEPERS,
  'GET /admin/pathfinders/:iso3/reports/:id/actions.csv': COUNTRY_KEEPERS,
  'GET /admin/pathfinders/interests': SECRETARIAT,
  'GET /admin/pathfinders/interests/:id': SECRETARIAT,
  'GET /admin/pathfinders/interests/:id/letter': SECRETARIAT,
  'POST /admin/pathfinders/interests/:id/accept': SECRETARIAT,
  'POST /admin/pathfinders/interests/:id/decline': SECRETARIAT,
  'GET /admin/users': SECRETARIAT,
  'GET /admin/users/invite': SECRETARIAT,
  'POST /admin/users/invite': SECRETARIAT,
  'GET /admin/users/:id': SECRETARIAT,
  'POST /admin/users/:id/roles': SECRETARIAT,
  'POST /admin/users/:id/roles/:grantId/revoke': SECRETARIAT,
  'POST /admin/users/:id/roles/:grantId/restore': SECRETARIAT,
  'POST /admin/users/:id/status': SECRETARIAT,
  'POST /admin/users/:id/second-factor/reset': SECRETARIAT,
  // Site content.
  'GET /admin/pages': SECRETARIAT,
  'POST /admin/pages': SECRETARIAT,
  'GET /admin/pages/:id': SECRETARIAT,
  'POST /admin/pages/:id/slug': SECRETARIAT,
  'GET /admin/pages/:id/:locale': SECRETARIAT,
  'POST /admin/pages/:id/:locale': SECRETARIAT,
  'GET /admin/pages/:id/:locale/history': SECRETARIAT,
  'POST /admin/pages/:id/:locale/restore': SECRETARIAT,
  'GET /admin/translations': SECRETARIAT,
  'GET /admin/menu': SECRETARIAT,
  'POST /admin/menu': SECRETARIAT,
  // News: representatives propose their organization's stories (checked again on each story).
  'GET /:locale/news': 'public',
  'GET /:locale/news/feed.xml': 'public',
  'GET /:locale/news/:slug': 'public',
  'GET /api/v1/news': 'public',
  'GET /media/news/:id/:width': 'public',
  'GET /admin/news': PARTNER_KEEPERS,
  'POST /admin/news': PARTNER_KEEPERS,
  'GET /admin/news/:id': PARTNER_KEEPERS,
  'POST /admin/news/:id/details': PARTNER_KEEPERS,
  'POST /admin/news/:id/image': PARTNER_KEEPERS,
  'GET /admin/news/:id/:locale': PARTNER_KEEPERS,
  'POST /admin/news/:id/:locale': PARTNER_KEEPERS,
  'POST /admin/news/:id/publish': SECRETARIAT,
  'POST /admin/news/:id/unpublish': SECRETARIAT,
  'POST /admin/news/:id/decline': SECRETARIAT,
};

export function ruleFor(method: string, url: string): AccessRule | undefined {
  return ACCESS_RULES[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}

/** Whether a viewer passes a rule (the answer the navigation uses to hide what one cannot use). */
export function allows(rule: AccessRule, viewer: Viewer | null): boolean {
  if (rule === 'public') return true;
  if (!viewer) return false;
  if (rule === 'second_factor') return true;
  if (viewer.secondFactorPending) return false;
  if (rule === 'signed_in') return true;
  return hasAnyRole(viewer, rule);
}

function pageLocale(request: FastifyRequest, fallback: Locale): Locale {
  const first = request.url.split('/')[1]?.split('?')[0];
  if (isLocale(first)) return first;
  return request.viewer?.locale ?? negotiateLocale({ acceptLanguage: request.headers['accept-language'], fallback });
}

/**
 * Resolves the viewer of every request, then checks each route's rule before its handler.
 * Object-level checks (this organization, this country) belong to the use cases.
 */
export function installAccessControl(
  app: FastifyInstance,
  input: {
    resolveViewer: (request: FastifyRequest, reply: FastifyReply) => Promise<Viewer | null>;
    defaultLocale: Locale;
  },
): void {
  app.decorateRequest('viewer', null);
  app.addHook('onRequest', async (request, reply) => {
    request.viewer = await input.resolveViewer(request, reply);
  });
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      const rule = ruleFor(method, route.url);
      if (!rule) throw new Error(`The route ${method} ${route.url} has no access rule in src/http/access.ts`);
    }
    const rule = ruleFor(methods[0] ?? 'GET', route.url)!;
    if (rule === 'public') return;
    const guard = async (request: FastifyRequest, reply: FastifyReply) => {
      const viewer = request.viewer;
      if (allows(rule, viewer)) return;
      const isApi = request.url.startsWith('/api/');
      if (!viewer || (viewer.secondFactorPending && rule !== 'second_factor')) {
        if (isApi || request.method !== 'GET') throw new AppError('unauthorized');
        const locale = pageLocale(request, input.defaultLocale);
        const target = viewer?.secondFactorPending
          ? viewer.mustSetUpSecondFactor
            ? `/${locale}/account/second-factor`
            : `/${locale}/sign-in/code`
          : `/${locale}/sign-in?next=${encodeURIComponent(request.url)}`;
        return reply.redirect(target, 303);
      }
      throw new AppError('forbidden');
    };
    // Checked when the request arrives, before its body is read: nobody makes the server read a
    // body they may not send.
    const existing = route.onRequest;
    route.onRequest = existing ? [guard, ...(Array.isArray(existing) ? existing : [existing])] : [guard];
  });
}
