import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../../ui/html.ts';
import { sendAdminPage, type AdminPageDeps } from './admin.layout.ts';

/** The back office home: the signed-in person's queues (each feature adds its own). */
export function registerAdminHome(app: FastifyInstance, deps: AdminPageDeps): void {
  const home = async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = request.viewer!;
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('admin.home'),
      current: '/admin',
      main: (tr) => html`<h1>${tr.t('admin.home')}</h1>
<p>${tr.t('admin.welcome', { name: viewer.name || viewer.email })}</p>
<h2>${tr.t('admin.queuesHeading')}</h2>
<p class="empty">${tr.t('admin.queuesEmpty')}</p>`,
    });
  };
  app.get('/admin', home);
  app.get('/admin/', home);
}
