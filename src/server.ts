import fs from 'node:fs';
import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config/config.ts';
import { startChangeFeed } from './db/change-feed.ts';
import type { Database } from './db/database.ts';
import { isSchemaCurrent } from './db/migrate.ts';
import { createApiRegistry } from './http/api.ts';
import { loadAssets, registerAssetRoutes } from './http/assets.ts';
import { registerDiscoveryRoutes } from './http/discovery.ts';
import { registerErrorHandlers } from './http/errors.ts';
import { registerMetrics } from './http/metrics.ts';
import { createPageCache, type PageCache } from './http/page-cache.ts';
import { mountPublicSurface, type PublicPageDeps } from './http/public-surface.ts';
import { negotiateLocale } from './i18n/i18n.ts';
import { nobodySignedIn, registerAdminPages, type Authenticate } from './modules/admin/index.ts';
import { registerContentPages } from './modules/content/index.ts';
import { registerStatsApi } from './modules/stats/index.ts';
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
  pageCache: PageCache;
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
  authenticate?: Authenticate;
}): Promise<Server> {
  const { config, database } = input;
  const app = Fastify({
    logger:
      config.env === 'test'
        ? false
        : { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    trustProxy: config.trustProxy,
    requestTimeout: 30_000,
    connectionTimeout: 30_000,
    bodyLimit: 1_048_576,
    routerOptions: { ignoreDuplicateSlashes: true },
  });

  const pageCache = createPageCache({ maxEntries: config.pageCacheMaxEntries });
  const changeFeed = startChangeFeed({
    connection: database.connection,
    onChange: (table) => pageCache.invalidateTables([table]),
    onReset: () => pageCache.clear(),
    onError: (error) => app.log.warn({ err: error }, 'change feed interrupted; reconnecting'),
  });
  await changeFeed.ready;

  const assets = loadAssets();
  const publicPaths = new Set<string>();
  const site: SiteContext = {
    publicUrl: config.publicUrl,
    stylesheetUrl: assets.url('site.css'),
    publicPaths,
  };
  app.addHook('onRoute', (route) => {
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

  registerErrorHandlers(app, { site, defaultLocale: config.defaultLocale });
  registerMetrics(app, { pageCache });
  registerAssetRoutes(app, assets);
  registerDiscoveryRoutes(app, { site });

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

  // Public pages.
  const publicDeps: PublicPageDeps = {
    db: database.db,
    pageCache,
    site,
    defaultLocale: config.defaultLocale,
  };
  mountPublicSurface(app, (surface) => {
    registerContentPages(surface, publicDeps);
  });

  // Back office.
  registerAdminPages(app, {
    authenticate: input.authenticate ?? nobodySignedIn,
    stylesheetUrl: site.stylesheetUrl,
    defaultLocale: config.defaultLocale,
  });

  // JSON API.
  const api = createApiRegistry();
  registerStatsApi(api, { db: database.db });
  api.mount(app);
  app.get('/api/v1/openapi.json', async () =>
    api.openApiDocument({ publicUrl: config.publicUrl, version: packageJson.version }),
  );

  await app.ready();
  return {
    app,
    pageCache,
    close: async () => {
      await app.close();
      await changeFeed.stop();
    },
  };
}
