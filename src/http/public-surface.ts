import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { isLocale, type Locale } from '../i18n/i18n.ts';
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
