import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { isAppError, notFound } from '../../../http/errors.ts';
import { parseForm, type FieldErrors, type FormResult } from '../../../http/forms.ts';
import { param } from '../../../http/params.ts';
import { actorOf } from '../../../http/viewer.ts';
import type { MessageKey } from '../../../i18n/i18n.ts';
import { DEFAULT_PER_PAGE } from '../../../ui/pagination.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import type { PeopleDirectory } from '../partners.people.ts';
import {
  approveSchema,
  declineSchema,
  requestInfoSchema,
  reviewNoticeSchema,
  reviewQueueQuerySchema,
} from './applications.schemas.ts';
import {
  approveApplication,
  declineApplication,
  getApplicationReview,
  listApplicationQueue,
  requestInformation,
} from './applications.usecases.ts';
import { renderApplicationQueue, renderApplicationReview, renderApproveConfirmation } from './applications.views.ts';

export interface ApplicationsAdminDeps extends AdminPageDeps {
  db: Db;
  publicUrl: string;
  people: PeopleDirectory;
  nudgeMail: () => void;
}

/** The Secretariat's review of applications to join. */
export function registerApplicationsAdmin(app: FastifyInstance, deps: ApplicationsAdminDeps): void {
  app.get('/admin/applications', async (request, reply) => {
    const query = reviewQueueQuerySchema.parse(request.query ?? {});
    const { total, rows } = await listApplicationQueue({
      db: deps.db,
      status: query.status,
      kind: query.kind,
      limit: DEFAULT_PER_PAGE,
      offset: (query.page - 1) * DEFAULT_PER_PAGE,
    });
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('admin.applications'),
      current: '/admin/applications',
      main: (tr) => renderApplicationQueue({ tr, ...query, total, rows }),
    });
  });

  const review = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { values?: Record<string, string>; errors?: FieldErrors; problem?: MessageKey; status?: number } = {},
  ) => {
    const found = await getApplicationReview({ db: deps.db, id: param(request, 'id') });
    if (!found) throw notFound();
    const { done } = reviewNoticeSchema.parse(request.query ?? {});
    return sendAdminPage({
      deps,
      request,
      reply,
      status: input.status ?? 200,
      title: () => found.application.name,
      current: '/admin/applications',
      main: (tr) =>
        renderApplicationReview({ tr, csrf: deps.csrf.token(request, reply), review: found, done, ...input }),
    });
  };

  app.get('/admin/applications/:id', async (request, reply) => review(request, reply));

  /**
   * Runs a decision, after its form when it has one (a refused form comes back with its messages);
   * a decision taken meanwhile by someone else is said on the page.
   */
  const decide =
    <Form>(input: {
      form: (body: unknown) => FormResult<Form>;
      work: (request: FastifyRequest, id: number, form: Form) => Promise<unknown>;
      done: 'approved' | 'declined' | 'info';
    }) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const form = input.form(request.body);
      if (!form.ok) return review(request, reply, { values: form.values, errors: form.errors, status: 400 });
      const id = param(request, 'id');
      try {
        await input.work(request, id, form.data);
      } catch (error) {
        if (isAppError(error, 'partners.application.not_open'))
          return review(request, reply, { problem: error.code, status: error.statusCode });
        throw error;
      }
      deps.nudgeMail();
      return reply.redirect(`/admin/applications/${id}?done=${input.done}`, 303);
    };

  const approve = decide({
    form: () => ({ ok: true, data: null }),
    work: (request, id) =>
      approveApplication({
        db: deps.db,
        id,
        actor: actorOf(request),
        ip: request.ip,
        publicUrl: deps.publicUrl,
        people: deps.people,
      }),
    done: 'approved',
  });

  /** Approving asks first: without `confirm=yes` the answer is the confirmation step, nothing changes. */
  app.post('/admin/applications/:id/approve', async (request, reply) => {
    if (approveSchema.parse(request.body ?? {}).confirm === 'yes') return approve(request, reply);
    const found = await getApplicationReview({ db: deps.db, id: param(request, 'id') });
    if (!found) throw notFound();
    if (!found.open) return review(request, reply, { problem: 'partners.application.not_open', status: 409 });
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('partners.review.approveTitle', { organization: found.application.name }),
      current: '/admin/applications',
      main: (tr) =>
        renderApproveConfirmation({ tr, csrf: deps.csrf.token(request, reply), application: found.application }),
    });
  });

  app.post(
    '/admin/applications/:id/decline',
    decide({
      form: (body) => parseForm(declineSchema, body),
      work: (request, id, { reason }) =>
        declineApplication({ db: deps.db, id, reason, actor: actorOf(request), ip: request.ip }),
      done: 'declined',
    }),
  );

  app.post(
    '/admin/applications/:id/request-info',
    decide({
      form: (body) => parseForm(requestInfoSchema, body),
      work: (request, id, { message }) =>
        requestInformation({
          db: deps.db,
          id,
          message,
          actor: actorOf(request),
          ip: request.ip,
          publicUrl: deps.publicUrl,
          people: deps.people,
        }),
      done: 'info',
    }),
  );
}
