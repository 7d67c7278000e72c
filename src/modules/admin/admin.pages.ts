import type { FastifyInstance, FastifyRequest } from 'fastify';
import { negotiateLocale, translator, type Locale, type Translator } from '../../i18n/i18n.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { localePath, renderDocument } from '../../ui/layout.ts';

/** A signed-in person, as the back office sees them. */
export interface Viewer {
  id: string;
  name: string;
  locale: Locale;
  roles: readonly string[];
}

/** Finds who is signed in; the accounts module provides the real one. */
export type Authenticate = (request: FastifyRequest) => Promise<Viewer | null>;

export const nobodySignedIn: Authenticate = async () => null;

export function renderAdminPage(input: {
  tr: Translator;
  stylesheetUrl: string;
  title: string;
  main: SafeHtml;
  navigation?: SafeHtml;
}): string {
  const { tr } = input;
  return renderDocument({
    locale: tr.locale,
    title: `${input.title} · ${tr.t('admin.title')} · ${tr.t('layout.siteName')}`,
    stylesheetUrl: input.stylesheetUrl,
    head: html`<meta name="robots" content="noindex" />`,
    body: html`<a class="skip-link" href="#main">${tr.t('layout.skipLink')}</a>
      <header class="site-header">
        <div class="wrap bar">
          <a class="brand" href="/admin">${tr.t('layout.siteName')}<small>${tr.t('admin.title')}</small></a>
          <a href="${localePath(tr.locale, '/')}">${tr.t('admin.backToSite')}</a>
        </div>
      </header>
      <main id="main" tabindex="-1">
        <div class="wrap admin-layout">
          ${input.navigation ?? ''}
          <div>${input.main}</div>
        </div>
      </main>`,
  });
}

/** The back office shell at /admin: signed-in people only. */
export function registerAdminPages(
  app: FastifyInstance,
  deps: { authenticate: Authenticate; stylesheetUrl: string; defaultLocale: Locale },
): void {
  void app.register(
    async (admin) => {
      admin.addHook('onRequest', async (request, reply) => {
        reply.header('cache-control', 'private, no-store');
        const viewer = await deps.authenticate(request);
        if (!viewer) {
          const tr = translator(
            negotiateLocale({ acceptLanguage: request.headers['accept-language'], fallback: deps.defaultLocale }),
          );
          return reply
            .code(401)
            .type('text/html; charset=utf-8')
            .send(
              renderAdminPage({
                tr,
                stylesheetUrl: deps.stylesheetUrl,
                title: tr.t('admin.signInRequired.title'),
                main: html`<h1>${tr.t('admin.signInRequired.title')}</h1>
                  <p>${tr.t('admin.signInRequired.body')}</p>`,
              }),
            );
        }
        request.viewer = viewer;
        return undefined;
      });

      admin.get('/', async (request, reply) => {
        const viewer = request.viewer;
        if (!viewer) throw new Error('the admin guard did not run');
        const tr = translator(viewer.locale);
        const navigation = html`<nav class="admin-nav" aria-label="${tr.t('admin.navigation')}">
          <ul>
            <li><a href="/admin" aria-current="page">${tr.t('admin.home')}</a></li>
          </ul>
        </nav>`;
        return reply.type('text/html; charset=utf-8').send(
          renderAdminPage({
            tr,
            stylesheetUrl: deps.stylesheetUrl,
            title: tr.t('admin.home'),
            navigation,
            main: html`<h1>${tr.t('admin.home')}</h1>
              <p>${tr.t('admin.welcome', { name: viewer.name })}</p>
              <h2>${tr.t('admin.queuesHeading')}</h2>
              <p class="empty">${tr.t('admin.queuesEmpty')}</p>`,
          }),
        );
      });
    },
    { prefix: '/admin' },
  );
}

declare module 'fastify' {
  interface FastifyRequest {
    viewer?: Viewer;
  }
}
