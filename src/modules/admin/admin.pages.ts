import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { QueueEntry, QueueProvider } from '../../http/module.ts';
import { sendAdminPage, type AdminPageDeps } from './admin.layout.ts';
import { renderAdminHome } from './admin.views.ts';

/** The back office home: the signed-in person's queues (each feature adds its own). */
export function registerAdminHome(
  app: FastifyInstance,
  deps: AdminPageDeps & { queues: readonly QueueProvider[] },
): void {
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
      main: (tr) => renderAdminHome({ tr, name: viewer.name || viewer.email, queues }),
    });
  };
  app.get('/admin', home);
  app.get('/admin/', home);
}
