import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { AppError } from '../../../http/errors.ts';
import { parseForm, type FieldErrors } from '../../../http/forms.ts';
import { param } from '../../../http/params.ts';
import { actorOf } from '../../../http/viewer.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import { restoreVersion } from '../versions/versions.usecases.ts';
import { editingNoticeSchema, indicatorFormSchema, restoreFormSchema } from './editing.schemas.ts';
import { getIndicatorForEditing, saveIndicator } from './editing.usecases.ts';
import { indicatorAdminPath, renderIndicatorEditor, renderRestoreConfirmation } from './editing.views.ts';

/**
 * A data editor's screen of one indicator: its description in each language (a draft becomes
 * visible when published), and its dataset's versions, any earlier one of which can be brought
 * back after a confirmation.
 */
export function registerIndicatorEditing(app: FastifyInstance, deps: AdminPageDeps & { db: Db }): void {
  const show = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form?: { values: Record<string, string>; errors: FieldErrors },
  ) => {
    const { indicator, versions } = await getIndicatorForEditing(deps.db, param(request, 'code'));
    const { done } = editingNoticeSchema.parse(request.query ?? {});
    return sendAdminPage({
      deps,
      request,
      reply,
      status: form ? 400 : 200,
      title: () => indicator.code,
      current: '/admin/data',
      main: (tr) =>
        renderIndicatorEditor({ tr, csrf: deps.csrf.token(request, reply), indicator, versions, done, form }),
    });
  };

  app.get('/admin/data/indicators/:code', async (request, reply) => show(request, reply));

  app.post('/admin/data/indicators/:code', async (request, reply) => {
    const form = parseForm(indicatorFormSchema, request.body);
    if (!form.ok) return show(request, reply, form);
    const code = param(request, 'code');
    await saveIndicator({ db: deps.db, code, form: form.data, actor: actorOf(request), ip: request.ip });
    return reply.redirect(`${indicatorAdminPath(code)}?done=saved`, 303);
  });

  app.post('/admin/data/indicators/:code/restore', async (request, reply) => {
    const code = param(request, 'code');
    const form = restoreFormSchema.safeParse(request.body ?? {});
    if (!form.success) throw new AppError('data.version.not_found');
    if (form.data.confirm !== 'yes') {
      const { indicator, versions } = await getIndicatorForEditing(deps.db, code);
      const version = versions.find((candidate) => candidate.number === form.data.version);
      if (!version) throw new AppError('data.version.not_found');
      if (version.number === indicator.currentVersion) throw new AppError('data.version.current');
      return sendAdminPage({
        deps,
        request,
        reply,
        title: (tr) => tr.t('data.edit.restoreTitle', { number: version.number, code }),
        current: '/admin/data',
        main: (tr) => renderRestoreConfirmation({ tr, csrf: deps.csrf.token(request, reply), indicator, version }),
      });
    }
    await restoreVersion({ db: deps.db, code, number: form.data.version, actor: actorOf(request), ip: request.ip });
    return reply.redirect(`${indicatorAdminPath(code)}?done=restored`, 303);
  });
}
