import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import type { FieldErrors } from '../../../http/forms.ts';
import { actorOf } from '../../../http/viewer.ts';
import type { SiteContext } from '../../../ui/layout.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import { editorNoticeSchema } from '../content.schemas.ts';
import { getMenuForEditing, saveMenu } from './menu.usecases.ts';
import { renderMenuEditor } from './menu.views.ts';

/** The Secretariat arranges the public site's main menu: order, destinations, labels per language. */
export function registerMenuAdmin(
  app: FastifyInstance,
  deps: AdminPageDeps & { db: Db; site: SiteContext; menuChanged: () => Promise<void> },
): void {
  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    state: { values?: Record<string, string>; errors?: FieldErrors } = {},
  ) => {
    const menu = await getMenuForEditing({ db: deps.db, servedPaths: deps.site.publicPaths });
    const { done } = editorNoticeSchema.parse(request.query ?? {});
    return sendAdminPage({
      deps,
      request,
      reply,
      status: state.errors ? 400 : 200,
      title: (tr) => tr.t('content.menu.heading'),
      current: '/admin/pages',
      main: (tr) =>
        renderMenuEditor({ tr, csrf: deps.csrf.token(request, reply), ...menu, saved: done === 'menu', ...state }),
    });
  };

  app.get('/admin/menu', async (request, reply) => page(request, reply));

  app.post('/admin/menu', async (request, reply) => {
    const result = await saveMenu({
      db: deps.db,
      body: request.body,
      servedPaths: deps.site.publicPaths,
      actor: actorOf(request),
      ip: request.ip,
    });
    if (!result.ok) {
      const values: Record<string, string> = {};
      for (const [name, value] of Object.entries((request.body ?? {}) as Record<string, unknown>)) {
        if (typeof value === 'string' && name !== '_csrf') values[name] = value;
      }
      return page(request, reply, { values, errors: result.errors });
    }
    await deps.menuChanged();
    return reply.redirect('/admin/menu?done=menu', 303);
  });
}
