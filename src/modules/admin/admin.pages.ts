import type { FastifyInstance } from 'fastify';
import type { Csrf } from '../../http/csrf.ts';
import { translator } from '../../i18n/i18n.ts';
import { html } from '../../ui/html.ts';
import { renderAdminPage } from './admin.layout.ts';

/** The back office home: the signed-in person's queues (each feature adds its own). */
export function registerAdminHome(app: FastifyInstance, deps: { stylesheetUrl: string; csrf: Csrf }): void {
  const home = async (request: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const viewer = request.viewer!;
    const tr = translator(viewer.locale);
    return reply
      .header('cache-control', 'private, no-store')
      .type('text/html; charset=utf-8')
      .send(
        renderAdminPage({
          tr,
          viewer,
          csrf: deps.csrf.token(request, reply),
          stylesheetUrl: deps.stylesheetUrl,
          title: tr.t('admin.home'),
          current: '/admin',
          main: html`<h1>${tr.t('admin.home')}</h1>
<p>${tr.t('admin.welcome', { name: viewer.name || viewer.email })}</p>
<h2>${tr.t('admin.queuesHeading')}</h2>
<p class="empty">${tr.t('admin.queuesEmpty')}</p>`,
        }),
      );
  };
  app.get('/admin', home);
  app.get('/admin/', home);
}
