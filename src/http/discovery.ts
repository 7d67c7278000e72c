import type { FastifyInstance } from 'fastify';
import { LOCALES } from '../i18n/i18n.ts';
import { escapeHtml } from '../ui/html.ts';
import { localePath, type SiteContext } from '../ui/layout.ts';

/** Sign-in and account pages are served to everyone but are not content to index. */
const PERSONAL_PAGES = /^\/(sign-in|sign-out|account|password)(\/|$)/;

/** `/sitemap.xml` (every public page in every language, with its alternates) and `/robots.txt`. */
export function registerDiscoveryRoutes(
  app: FastifyInstance,
  input: { site: SiteContext; listedPaths?: () => Promise<readonly string[]> },
): void {
  const { site } = input;
  app.get('/robots.txt', async (_request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(`User-agent: *\nDisallow: /admin\nDisallow: /api/\nSitemap: ${site.publicUrl}/sitemap.xml\n`),
  );

  app.get('/sitemap.xml', async (_request, reply) => {
    // Served paths with a parameter (`/:slug`) are not pages; the pages editors published are, and so
    // are those the modules list (country profiles, news stories). Feeds (`/news/feed.xml`) are not pages.
    const paths = new Set([
      ...site.publicPaths,
      ...(site.menu?.pagePaths ?? []),
      ...((await input.listedPaths?.()) ?? []),
    ]);
    const urls = [...paths]
      .filter((path) => !PERSONAL_PAGES.test(path) && !/[:*]/.test(path) && !path.endsWith('.xml'))
      .sort()
      .flatMap((path) =>
        LOCALES.map((locale) => {
          const alternates = LOCALES.map(
            (other) =>
              `<xhtml:link rel="alternate" hreflang="${other}" href="${escapeHtml(site.publicUrl + localePath(other, path))}"/>`,
          ).join('');
          return `<url><loc>${escapeHtml(site.publicUrl + localePath(locale, path))}</loc>${alternates}</url>`;
        }),
      );
    return reply
      .type('application/xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`,
      );
  });
}
