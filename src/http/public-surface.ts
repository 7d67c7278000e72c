import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { isLocale, translator, type Locale, type MessageKey, type Translator } from '../i18n/i18n.ts';
import type { SafeHtml } from '../ui/html.ts';
import { renderPublicPage } from '../ui/layout.ts';
import type { SiteContext } from '../ui/layout.ts';
import type { PageCache } from './page-cache.ts';

/** What a module's public pages receive from the server. */
export interface PublicPageDeps {
  db: Db;
  pageCache: PageCache;
  site: SiteContext;
  defaultLocale: Locale;
}

/** The locale of a request under `/:locale/`, checked by the public surface's guard. */
export function localeOf(request: FastifyRequest): Locale {
  const { locale } = request.params as { locale?: string };
  if (!isLocale(locale)) throw new Error('localeOf() used outside the public surface');
  return locale;
}

/** The page's path without its locale prefix and query string: `/fr/about?x` → `/about`. */
export function pathWithoutLocale(request: FastifyRequest): string {
  const path = request.url.split('?')[0] ?? '/';
  return path.replace(/^\/[a-z]{2}(?=\/|$)/, '') || '/';
}

/**
 * Mounts the `/{fr,en,es}/…` pages: unknown locales are not found, `/fr` becomes `/fr/`.
 */
export function mountPublicSurface(app: FastifyInstance, register: (surface: FastifyInstance) => void): void {
  void app.register(
    async (surface) => {
      surface.addHook('onRequest', async (request, reply) => {
        const { locale } = request.params as { locale?: string };
        if (!isLocale(locale)) return reply.callNotFound();
        const [path, query] = request.url.split('?');
        if (path === `/${locale}`) {
          return reply.redirect(`/${locale}/${query ? `?${query}` : ''}`, 301);
        }
        return undefined;
      });
      register(surface);
    },
    { prefix: '/:locale' },
  );
}

/** The signed-in person's name for the page header (pages for them are never cached). */
export function viewerNameOf(request: FastifyRequest): string | null {
  const viewer = request.viewer;
  return viewer && !viewer.secondFactorPending ? viewer.name || viewer.email : null;
}

/**
 * Sends a public-surface page that is personal (a form with its token, a confirmation): never
 * cached, in the page's language, with the signed-in person's links in the header.
 */
export function sendPersonalPage(input: {
  request: FastifyRequest;
  reply: FastifyReply;
  site: SiteContext;
  locale: Locale;
  path: string;
  section?: string;
  titleKey: MessageKey;
  main: SafeHtml;
  status?: number;
  /** A query string the language switcher keeps (see `renderPublicPage`). */
  languageSearch?: string;
}): FastifyReply {
  const tr = translator(input.locale);
  return input.reply
    .code(input.status ?? 200)
    .header('cache-control', 'private, no-store')
    .type('text/html; charset=utf-8')
    .send(
      renderPublicPage({
        tr,
        site: input.site,
        path: input.path,
        ...(input.section ? { section: input.section } : {}),
        title: tr.t(input.titleKey),
        main: input.main,
        viewerName: viewerNameOf(input.request),
        ...(input.languageSearch ? { languageSearch: input.languageSearch } : {}),
      }),
    );
}

/** What a public page shows: its title, its description for search engines, its content. */
export interface PublicPageContent {
  title: string;
  description?: string;
  main: SafeHtml;
  /** The navigation entry to mark as current, when it is not the page's own path. */
  section?: string;
  /** The query string kept by the language switcher (`?kind=academic`). */
  search?: string;
}

/**
 * Sends a public page through the page cache: an anonymous visitor gets the copy kept until one of
 * `tables` changes; otherwise `render` builds the page in the language of its path, with the site's
 * layout. `render` throws `notFound()` for a page that does not exist.
 */
export function sendCachedPage(input: {
  deps: Pick<PublicPageDeps, 'pageCache' | 'site'>;
  request: FastifyRequest;
  reply: FastifyReply;
  tables: readonly string[];
  /** The page's own parameters, as `canonicalQuery()` writes them (see `PageCache.send`). */
  query?: string;
  /** False for a page not worth keeping (a free-text search). */
  keep?: boolean;
  render: (tr: Translator) => Promise<PublicPageContent>;
}): Promise<FastifyReply> {
  const { request } = input;
  const tr = translator(localeOf(request));
  return input.deps.pageCache.send({
    request,
    reply: input.reply,
    tables: input.tables,
    ...(input.query === undefined ? {} : { query: input.query }),
    ...(input.keep === undefined ? {} : { keep: input.keep }),
    render: async () => {
      const page = await input.render(tr);
      return renderPublicPage({
        tr,
        site: input.deps.site,
        path: pathWithoutLocale(request),
        ...page,
        viewerName: viewerNameOf(request),
      });
    },
  });
}
