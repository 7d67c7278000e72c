import fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config/config.ts';
import { CHANGE_CHANNEL, startChangeFeed } from './db/change-feed.ts';
import type { Database } from './db/database.ts';
import { loadInstallationSecret } from './db/installation-secret.ts';
import { isSchemaCurrent } from './db/migrate.ts';
import { installAccessControl } from './http/access.ts';
import { installCsrf } from './http/csrf.ts';
import { installRouteParams } from './http/params.ts';
import { registerHttpPlugins } from './http/plugins.ts';
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
import { mountPublicSurface } from './http/public-surface.ts';
import { countDemonstrationRecords, removeDemonstrationContent } from './demo.ts';
import type { ModuleDescriptor, MountedModule, ServerContext, TranslationProvider } from './http/module.ts';
import type { Viewer } from './http/viewer.ts';
import { isLocale, negotiateLocale } from './i18n/i18n.ts';
import {
  accountsModule,
  createToken,
  findUserByEmail,
  findUserById,
  hashToken,
  inviteOrGrantRepresentative,
  listActiveHolders,
  listOrganizationRepresentatives,
  removeRole,
  restoreGrant,
  resolveSession,
  sealClearTotpSecrets,
  SESSION_ABSOLUTE_MS,
} from './modules/accounts/index.ts';
import { adminModule } from './modules/admin/index.ts';
import { auditModule } from './modules/audit/index.ts';
import { contentModule } from './modules/content/index.ts';
import { dataModule } from './modules/data/index.ts';
import { mailModule, type EmailConfirmations, type Mailer } from './modules/mail/index.ts';
import { newsModule } from './modules/news/index.ts';
import { partnersModule, type PeopleDirectory } from './modules/partners/index.ts';
import { pathfindersModule } from './modules/pathfinders/index.ts';
import { statsModule } from './modules/stats/index.ts';
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
  /** The modules mounted, in order: their names and the tables they declare. */
  modules: readonly Pick<ModuleDescriptor, 'name' | 'tables'>[];
  pageCache: PageCache;
  mailer: Mailer;
  /** Submissions waiting for their sender's address (the background purge's work, run by tests). */
  confirmations: EmailConfirmations;
  close(): Promise<void>;
}

/**
 * Builds the HTTP server and mounts its three surfaces in one place:
 * `/{fr,en,es}/…` public pages, `/admin/…` back office, `/api/v1/…` JSON API,
 * plus the operational endpoints (`/healthz`, `/readyz`, `/metrics`) and static assets.
 * Each module brings its own pages, screens, API routes, queues, gauges and background work
 * (its descriptor); this function lists the modules and gives each what it needs.
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
  const assets = loadAssets();
  const publicPaths = new Set<string>();
  const site: SiteContext = {
    publicUrl: config.publicUrl,
    stylesheetUrl: assets.url('site.css'),
    iconUrl: assets.url('favicon.svg'),
    publicPaths,
    menu: { entries: null, pagePaths: new Set(), pageSlugs: new Map() },
  };
  const routes = new Set<string>();
  app.addHook('onRoute', (route) => {
    for (const method of Array.isArray(route.method) ? route.method : [route.method])
      routes.add(`${method} ${route.url}`);
    const match = /^\/:locale(\/.*)?$/.exec(route.url);
    if (match && route.method === 'GET') publicPaths.add(match[1] ?? '/');
  });

  await registerHttpPlugins(app, { publicUrl: config.publicUrl });

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

  // The modules, each after those it needs.
  const context: ServerContext = {
    db: database.db,
    config,
    log: app.log,
    site,
    stylesheetUrl: site.stylesheetUrl,
    iconUrl: site.iconUrl,
    scriptUrl: (name) => assets.url(name),
    pageCache,
    csrf,
    defaultLocale: config.defaultLocale,
  };
  const descriptors: Pick<ModuleDescriptor, 'name' | 'tables'>[] = [];
  const mount = <Needs, Mounted extends MountedModule>(
    descriptor: Pick<ModuleDescriptor, 'name' | 'tables'> & { mount(context: ServerContext, needs: Needs): Mounted },
    needs: Needs,
  ): Mounted => {
    descriptors.push(descriptor);
    return descriptor.mount(context, needs);
  };
  const mail = mount(mailModule, {});
  const stats = mount(statsModule, {});
  const news = mount(newsModule, {});
  // Filled once every module is mounted: any module may list what its editors must translate.
  const translations: TranslationProvider[] = [];
  const modules: MountedModule[] = [
    mail,
    stats,
    mount(pathfindersModule, { nudgeMail: mail.nudge, confirmations: mail.confirmations }),
    news,
    mount(contentModule, { counters: stats.counters, latestNews: news.latestNews, translations }),
    mount(accountsModule, { nudgeMail: mail.nudge, secrets, session }),
    mount(auditModule, {
      findUserIdByEmail: async (email) => (await findUserByEmail(database.db, email))?.id ?? null,
    }),
    mount(partnersModule, {
      people: peopleFromAccounts(config),
      nudgeMail: mail.nudge,
      confirmations: mail.confirmations,
    }),
    mount(dataModule, {}),
  ];
  translations.push(...modules.flatMap((module) => (module.translations ? [module.translations] : [])));
  modules.push(
    mount(adminModule, {
      queues: modules.flatMap((module) => module.queues ?? []),
      demo: {
        count: () => countDemonstrationRecords(database.db),
        remove: ({ actor, ip }) => removeDemonstrationContent({ db: database.db, actor, ip }),
      },
    }),
  );

  const changeFeed = startChangeFeed({
    connection: database.connection,
    notify: (payload) => database.pool.query('SELECT pg_notify($1, $2)', [CHANGE_CHANNEL, payload]),
    onChange: (table) => {
      pageCache.invalidateTables([table]);
      for (const module of modules) module.invalidate?.(table);
    },
    onReset: () => {
      pageCache.clear();
      for (const module of modules) module.invalidate?.();
    },
    onError: (error) => app.log.warn({ err: error }, 'change feed interrupted; reconnecting'),
  });
  await changeFeed.ready;
  // A request that may have written answers only once this process's caches (pages, counters,
  // the directory) have seen its changes: the next page its author opens shows them.
  app.addHook('onSend', async (request, _reply, payload) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') await changeFeed.sync();
    return payload;
  });

  Object.assign(errorPages, registerErrorHandlers(app, { site, defaultLocale: config.defaultLocale }));
  registerMetrics(app, {
    token: config.metricsToken,
    pageCache,
    gauges: modules.flatMap((module) => module.gauges ?? []),
  });
  registerAssetRoutes(app, assets);
  registerFavicon(app, assets);
  registerDiscoveryRoutes(app, {
    site,
    listedPaths: async () =>
      (await Promise.all(modules.map((module) => module.sitemap?.() ?? Promise.resolve([])))).flat(),
  });
  for (const module of modules) module.routes?.(app);

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

  mountPublicSurface(app, (surface) => {
    for (const module of modules) module.pages?.(surface);
  });
  for (const module of modules) module.admin?.(app);
  const api = createApiRegistry();
  for (const module of modules) module.api?.(api);
  api.mount(app);
  app.get('/api/v1/openapi.json', async () =>
    api.openApiDocument({ publicUrl: config.publicUrl, version: packageJson.version }),
  );

  for (const module of modules) await module.start?.();
  await app.ready();
  return {
    app,
    routes,
    modules: descriptors,
    pageCache,
    mailer: mail.mailer,
    confirmations: mail.confirmations,
    close: async () => {
      await app.close();
      for (const module of [...modules].reverse()) await module.stop?.();
      await changeFeed.stop();
    },
  };
}

/**
 * What the partners module knows of people, from the accounts module: the two meet here so that
 * neither imports the other (accounts reads the partner tables for role bindings).
 */
function peopleFromAccounts(config: Config): PeopleDirectory {
  return {
    inviteRepresentative: (input) => inviteOrGrantRepresentative({ ...input, publicUrl: config.publicUrl }),
    listRepresentatives: listOrganizationRepresentatives,
    listSecretariat: (db) => listActiveHolders(db, 'secretariat'),
    removeRepresentative: removeRole,
    restoreRepresentative: ({ organizationId, ...input }) =>
      restoreGrant({ ...input, expect: { role: 'partner_rep', organizationId } }),
    findPerson: findUserById,
    createToken,
    hashToken,
  };
}
