import fs from 'node:fs';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config/config.ts';
import { startChangeFeed } from './db/change-feed.ts';
import type { Database } from './db/database.ts';
import { loadInstallationSecret } from './db/installation-secret.ts';
import { isSchemaCurrent } from './db/migrate.ts';
import { installAccessControl } from './http/access.ts';
import { installCsrf } from './http/csrf.ts';
import { installRouteParams } from './http/params.ts';
import { createApiRegistry } from './http/api.ts';
import { loadAssets, registerAssetRoutes } from './http/assets.ts';
import { registerDiscoveryRoutes } from './http/discovery.ts';
import { registerErrorHandlers } from './http/errors.ts';
import { registerFavicon } from './http/favicon.ts';
import { registerMetrics } from './http/metrics.ts';
import { serializeRequest } from './http/secret-redaction.ts';
import { createPageCache, type PageCache } from './http/page-cache.ts';
import { sessionCookie } from './http/cookies.ts';
import { createSecretBox, loadSecretsKey } from './config/secrets-key.ts';
import { mountPublicSurface, type PublicPageDeps } from './http/public-surface.ts';
import { negotiateLocale } from './i18n/i18n.ts';
import { hasAnyRole, type Viewer } from './http/viewer.ts';
import { isLocale } from './i18n/i18n.ts';
import {
  createToken,
  findUserByEmail,
  findUserById,
  hashToken,
  inviteOrGrantRepresentative,
  listOrganizationRepresentatives,
  registerAccountPages,
  removeRole,
  sealClearTotpSecrets,
  SESSION_ABSOLUTE_MS,
  restoreGrant,
  registerAccountsAdmin,
  resolveSession,
} from './modules/accounts/index.ts';
import { registerAdminHome } from './modules/admin/index.ts';
import { registerAuditAdmin } from './modules/audit/index.ts';
import { createMailer, registerMailAdmin, type Mailer } from './modules/mail/index.ts';
import { registerContentPages } from './modules/content/index.ts';
import {
  registerApplyPages,
  registerPartnerPages,
  registerPartnerMedia,
  registerPartnersAdmin,
  countOpenApplications,
  countPendingChangeRequests,
  registerPartnersApi,
  createDirectoryIndex,
  type PeopleDirectory,
} from './modules/partners/index.ts';
import { createCountersSource, registerStatsApi } from './modules/stats/index.ts';
import type { SiteContext } from './ui/layout.ts';

const packageJson = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const MIGRATION_COUNT = (
  JSON.parse(fs.readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8')) as {
    entries: unknown[];
  }
).entries.length;

export interface Server {
  app: FastifyInstance;
  /** Every route as `METHOD /url`, for the access tests. */
  routes: ReadonlySet<string>;
  pageCache: PageCache;
  mailer: Mailer;
  close(): Promise<void>;
}

/**
 * Builds the HTTP server and mounts its three surfaces in one place:
 * `/{fr,en,es}/…` public pages, `/admin/…` back office, `/api/v1/…` JSON API,
 * plus the operational endpoints (`/healthz`, `/readyz`, `/metrics`) and static assets.
 */
export async function buildServer(input: {
  config: Config;
  database: Database;
  /** Where the log goes (standard output by default; tests read it). */
  logStream?: NodeJS.WritableStream;
}): Promise<Server> {
  const { config, database } = input;
  // Set once the error pages are registered (below); the framework's own errors use them too.
  const errorPages: Partial<ReturnType<typeof registerErrorHandlers>> = {};
  const app = Fastify({
    frameworkErrors: (error, request, reply) => errorPages.frameworkError?.(error, request, reply),
    logger:
      config.env === 'test' && !input.logStream
        ? false
        : {
            level: config.logLevel,
            serializers: { req: serializeRequest },
            ...(input.logStream ? { stream: input.logStream } : {}),
          },
    trustProxy: config.trustProxy,
    requestTimeout: 30_000,
    connectionTimeout: 30_000,
    bodyLimit: 1_048_576,
    routerOptions: { ignoreDuplicateSlashes: true },
  });

  const pageCache = createPageCache({ maxEntries: config.pageCacheMaxEntries, maxBytes: config.pageCacheMaxBytes });
  const directory = createDirectoryIndex({
    db: database.db,
    defaultLocale: config.defaultLocale,
    onError: (error) => app.log.warn({ err: error }, 'partner directory not read again; the next search retries'),
  });
  const counters = createCountersSource(database.db);
  const changeFeed = startChangeFeed({
    connection: database.connection,
    onChange: (table) => {
      pageCache.invalidateTables([table]);
      directory.invalidate(table);
      counters.invalidate(table);
    },
    onReset: () => {
      pageCache.clear();
      directory.invalidate();
      counters.invalidate();
    },
    onError: (error) => app.log.warn({ err: error }, 'change feed interrupted; reconnecting'),
  });
  await changeFeed.ready;

  const assets = loadAssets();
  const publicPaths = new Set<string>();
  const site: SiteContext = {
    publicUrl: config.publicUrl,
    stylesheetUrl: assets.url('site.css'),
    iconUrl: assets.url('favicon.svg'),
    publicPaths,
  };
  const routes = new Set<string>();
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method])
      routes.add(`${method} ${route.url}`);
    const match = /^\/:locale(\/.*)?$/.exec(route.url);
    if (match && route.method === 'GET') publicPaths.add(match[1] ?? '/');
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        ...(config.publicUrl.startsWith('https://') ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.publicUrl.startsWith('https://'),
    crossOriginEmbedderPolicy: false,
  });
  await app.register(compress, { threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(rateLimit, { global: false });
  await app.register(cookie);
  // Forms only: other bodies (JSON, text, multipart outside the upload routes of http/uploads.ts)
  // are answered 415 without being read.
  app.removeAllContentTypeParsers();
  await app.register(formbody, { bodyLimit: 262_144 });

  const secret = await loadInstallationSecret(database.db);
  const secrets = createSecretBox(loadSecretsKey({ configured: config.secretsKey, dataDir: config.dataDir }));
  await sealClearTotpSecrets({ db: database.db, box: secrets });
  const session = sessionCookie({ secure: config.secureCookies, maxAgeSeconds: SESSION_ABSOLUTE_MS / 1000 });
  installAccessControl(app, {
    defaultLocale: config.defaultLocale,
    resolveViewer: async (request, reply): Promise<Viewer | null> => {
      const token = session.read(request);
      if (!token) return null;
      const found = await resolveSession({ db: database.db, token });
      if (!found) {
        session.clear(reply);
        return null;
      }
      const { user } = found;
      return {
        userId: user.id,
        email: user.email,
        name: user.name,
        locale: isLocale(user.locale) ? user.locale : config.defaultLocale,
        roles: found.roles,
        sessionId: found.sessionId,
        secondFactorPending: found.secondFactorPending,
        mustSetUpSecondFactor: found.mustSetUpSecondFactor,
      };
    },
  });
  // After the viewer is known: form tokens are bound to the session.
  const csrf = installCsrf(app, { secret, secureCookies: config.secureCookies, publicUrl: config.publicUrl });

  installRouteParams(app);

  const mailer = createMailer({ db: database.db, smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log });
  mailer.start();
  const nudgeMail = () => mailer.nudge();

  Object.assign(errorPages, registerErrorHandlers(app, { site, defaultLocale: config.defaultLocale }));
  registerMetrics(app, {
    token: config.metricsToken,
    pageCache,
    gauges: [
      {
        name: 'partner_directory_entries',
        help: 'Active partners held by the directory index',
        value: () => directory.stats().entries,
      },
      {
        name: 'partner_directory_loads',
        help: 'Times the directory index has read the partner records',
        value: () => directory.stats().loads,
      },
      {
        name: 'partner_directory_last_load_seconds',
        help: 'Time the directory index last took to read and prepare the partner records',
        value: () => (directory.stats().lastLoadMs ?? 0) / 1000,
      },
    ],
  });
  registerAssetRoutes(app, assets);
  registerFavicon(app, assets);
  registerDiscoveryRoutes(app, { site });
  registerPartnerMedia(app, { db: database.db });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await database.pool.query('SELECT 1');
      if (!(await isSchemaCurrent(database, MIGRATION_COUNT))) {
        return await reply.code(503).send({ status: 'migrations pending' });
      }
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });

  app.get('/', async (request, reply) => {
    const locale = negotiateLocale({
      acceptLanguage: request.headers['accept-language'],
      fallback: config.defaultLocale,
    });
    return reply.header('vary', 'Accept-Language').redirect(`/${locale}/`, 302);
  });

  // What the partners module knows of people comes from the accounts module, through here.
  const people: PeopleDirectory = {
    inviteRepresentative: (input) => inviteOrGrantRepresentative({ ...input, publicUrl: config.publicUrl }),
    listRepresentatives: listOrganizationRepresentatives,
    removeRepresentative: removeRole,
    restoreRepresentative: ({ organizationId, ...input }) =>
      restoreGrant({ ...input, expect: { role: 'partner_rep', organizationId } }),
    findPerson: findUserById,
    createToken,
    hashToken,
  };

  // Public pages.
  const publicDeps: PublicPageDeps = {
    db: database.db,
    pageCache,
    site,
    defaultLocale: config.defaultLocale,
  };
  mountPublicSurface(app, (surface) => {
    registerContentPages(surface, { ...publicDeps, counters });
    registerPartnerPages(surface, { ...publicDeps, directory });
    registerApplyPages(surface, { db: database.db, site, csrf, people, nudgeMail });
    registerAccountPages(surface, { db: database.db, site, config, csrf, secrets, session, nudgeMail });
  });

  // Back office.
  const adminDeps = { db: database.db, csrf, stylesheetUrl: site.stylesheetUrl, iconUrl: site.iconUrl };
  registerAdminHome(app, {
    ...adminDeps,
    queues: [
      async (viewer) =>
        hasAnyRole(viewer, ['secretariat'])
          ? {
              key: 'partners.queue.applications',
              count: await countOpenApplications(database.db),
              href: '/admin/applications',
            }
          : null,
      async (viewer) =>
        hasAnyRole(viewer, ['secretariat'])
          ? {
              key: 'partners.queue.changes',
              count: await countPendingChangeRequests(database.db),
              href: '/admin/change-requests',
            }
          : null,
    ],
  });
  registerAccountsAdmin(app, { ...adminDeps, config, secrets, nudgeMail });
  registerAuditAdmin(app, {
    ...adminDeps,
    findUserIdByEmail: async (email) => (await findUserByEmail(database.db, email))?.id ?? null,
  });
  registerMailAdmin(app, adminDeps);
  registerPartnersAdmin(app, { ...adminDeps, publicUrl: config.publicUrl, people, nudgeMail });

  // JSON API.
  const api = createApiRegistry();
  registerStatsApi(api, { counters });
  registerPartnersApi(api, { db: database.db, directory, defaultLocale: config.defaultLocale });
  api.mount(app);
  app.get('/api/v1/openapi.json', async () =>
    api.openApiDocument({ publicUrl: config.publicUrl, version: packageJson.version }),
  );

  await app.ready();
  return {
    app,
    routes,
    pageCache,
    mailer,
    close: async () => {
      await app.close();
      await mailer.stop();
      await changeFeed.stop();
      await directory.close();
    },
  };
}
