import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { actorOf } from '../../http/viewer.ts';
import { sendAdminPage, type AdminPageDeps } from './admin.layout.ts';
import { renderDemoRemoval } from './admin.views.ts';

/** What the server gives the demonstration screen: every module's count and removal, in one step. */
export interface DemoRecords {
  count(): Promise<Record<string, number>>;
  remove(input: { actor: { id: number | null; label: string }; ip: string }): Promise<Record<string, number>>;
}

const demoFormSchema = z.object({ confirm: z.literal('yes') });
const demoNoticeSchema = z.object({ removed: z.coerce.number().int().min(0).optional().catch(undefined) });

/** The Secretariat removes every demonstration record at once, after saying it means it. */
export function registerDemoRemoval(app: FastifyInstance, deps: AdminPageDeps & { demo: DemoRecords }): void {
  const page = async (request: FastifyRequest, reply: FastifyReply, refused = false) => {
    const counts = await deps.demo.count();
    const { removed } = demoNoticeSchema.parse(request.query ?? {});
    return sendAdminPage({
      deps,
      request,
      reply,
      status: refused ? 400 : 200,
      title: (tr) => tr.t('admin.demo'),
      current: '/admin/demo',
      main: (tr) => renderDemoRemoval({ tr, csrf: deps.csrf.token(request, reply), counts, removed, refused }),
    });
  };
  app.get('/admin/demo', async (request, reply) => page(request, reply));
  app.post('/admin/demo', async (request, reply) => {
    if (!demoFormSchema.safeParse(request.body ?? {}).success) return page(request, reply, true);
    const removed = await deps.demo.remove({ actor: actorOf(request), ip: request.ip });
    const total = Object.values(removed).reduce((sum, count) => sum + count, 0);
    return reply.redirect(`/admin/demo?removed=${total}`, 303);
  });
}
