import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { notFound } from '../../../http/errors.ts';
import { parseForm, type FieldErrors } from '../../../http/forms.ts';
import { param } from '../../../http/params.ts';
import { actorOf } from '../../../http/viewer.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import type { PeopleDirectory } from '../partners.people.ts';
import type { OrganizationPage } from '../self-service/self-service.admin.ts';
import { changeNoticeSchema, changeRequestSchema, declineChangeSchema } from './change-requests.schemas.ts';
import {
  decideChangeRequest,
  findPendingChangeRequest,
  listPendingChangeRequests,
  requestChange,
  type ChangeDecision,
} from './change-requests.usecases.ts';
import { renderChangeRequestDetail, renderChangeRequestList } from './change-requests.views.ts';

/** The Secretariat decides the name and kind changes that representatives ask for. */
export function registerChangeRequestsAdmin(
  app: FastifyInstance,
  deps: AdminPageDeps & { db: Db; people: PeopleDirectory; nudgeMail: () => void },
): void {
  app.get('/admin/change-requests', async (request, reply) => {
    const rows = await listPendingChangeRequests(deps.db);
    const { done } = changeNoticeSchema.parse(request.query ?? {});
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('admin.changeRequests'),
      current: '/admin/change-requests',
      main: (tr) => renderChangeRequestList({ tr, csrf: deps.csrf.token(request, reply), rows, done }),
    });
  });

  const detail = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) => {
    const row = await findPendingChangeRequest(deps.db, param(request, 'id'));
    if (!row) throw notFound();
    return sendAdminPage({
      deps,
      request,
      reply,
      status: input.status ?? 200,
      title: () => row.organizationName,
      current: '/admin/change-requests',
      main: (tr) => renderChangeRequestDetail({ tr, csrf: deps.csrf.token(request, reply), row, ...input }),
    });
  };

  app.get('/admin/change-requests/:id', async (request, reply) => detail(request, reply));

  const decide = async (request: FastifyRequest, reply: FastifyReply, decision: ChangeDecision) => {
    const decided = await decideChangeRequest({
      db: deps.db,
      id: param(request, 'id'),
      decision,
      people: deps.people,
      actor: actorOf(request),
      ip: request.ip,
    });
    if (!decided) throw notFound();
    deps.nudgeMail();
    return reply.redirect(`/admin/change-requests?done=${decision.approve ? 'approved' : 'declined'}`, 303);
  };

  app.post('/admin/change-requests/:id/approve', async (request, reply) => decide(request, reply, { approve: true }));

  app.post('/admin/change-requests/:id/decline', async (request, reply) => {
    const form = parseForm(declineChangeSchema, request.body);
    if (!form.ok) return detail(request, reply, { values: form.values, errors: form.errors, status: 400 });
    return decide(request, reply, { approve: false, reason: form.data.reason });
  });
}

/** A representative asks for a new name or kind from the organization's page. */
export function registerChangeRequestForm(app: FastifyInstance, deps: { db: Db }, page: OrganizationPage): void {
  app.post('/admin/organizations/:slug/change-request', async (request, reply) => {
    const organization = await page.load(request);
    const form = parseForm(changeRequestSchema, request.body);
    if (!form.ok) return page.send(request, reply, { organization, state: { change: form }, status: 400 });
    await requestChange({ db: deps.db, organization, form: form.data, actor: actorOf(request), ip: request.ip });
    return page.done(reply, organization, 'change');
  });
}
