import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from '../../http/viewer.ts';
import type { MessageKey } from '../../i18n/i18n.ts';
import { html } from '../../ui/html.ts';
import { sendAdminPage, type AdminPageDeps } from './admin.layout.ts';

/** One line of the home's queues: how many things wait for this person, and where. */
export interface QueueEntry {
  key: MessageKey;
  count: number;
  href: string;
}

/** Each feature gives the queue it has for a viewer (or null when it has none for them). */
export type QueueProvider = (viewer: Viewer) => Promise<QueueEntry | null>;

/** The back office home: the signed-in person's queues (each feature adds its own). */
export function registerAdminHome(app: FastifyInstance, deps: AdminPageDeps & { queues: QueueProvider[] }): void {
  const home = async (request: FastifyRequest, reply: FastifyReply) => {
    const viewer = request.viewer!;
    const queues = (await Promise.all(deps.queues.map((provider) => provider(viewer)))).filter(
      (entry): entry is QueueEntry => entry !== null && entry.count > 0,
    );
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('admin.home'),
      current: '/admin',
      main: (tr) => html`<h1>${tr.t('admin.home')}</h1>
<p>${tr.t('admin.welcome', { name: viewer.name || viewer.email })}</p>
<h2>${tr.t('admin.queuesHeading')}</h2>
${
  queues.length === 0
    ? html`<p class="empty">${tr.t('admin.queuesEmpty')}</p>`
    : html`<ul>${queues.map((entry) => html`<li><a href="${entry.href}">${tr.t(entry.key, { count: entry.count })}</a></li>`)}</ul>`
}`,
    });
  };
  app.get('/admin', home);
  app.get('/admin/', home);
}
