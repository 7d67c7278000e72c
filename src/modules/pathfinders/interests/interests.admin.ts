import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { isAppError, notFound } from '../../../http/errors.ts';
import { parseForm, type FieldErrors } from '../../../http/forms.ts';
import { param } from '../../../http/params.ts';
import { actorOf } from '../../../http/viewer.ts';
import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import type { SafeHtml } from '../../../ui/html.ts';
import { DEFAULT_PER_PAGE } from '../../../ui/pagination.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import { acceptSchema, declineSchema, interestQueueQuerySchema, reviewNoticeSchema } from './interests.schemas.ts';
import {
  acceptInterest,
  declineInterest,
  getInterestLetter,
  getInterestReview,
  listInterestQueue,
} from './interests.usecases.ts';
import { renderAcceptConfirmation, renderInterestQueue, renderInterestReview } from './interests.views.ts';
import { attachmentDisposition } from '../../../http/pdf.ts';

export interface InterestsAdminDeps extends AdminPageDeps {
  db: Db;
  publicUrl: string;
  nudgeMail: () => void;
}

/** The Secretariat's review of expressions of interest: the list, one interest, its letter, the decisions. */
export function registerInterestsAdmin(app: FastifyInstance, deps: InterestsAdminDeps): void {
  const send = (request: FastifyRequest, reply: FastifyReply, main: (tr: Translator) => SafeHtml, status = 200) =>
    sendAdminPage({
      deps,
      request,
      reply,
      status,
      title: (tr) => tr.t('pathfinders.interests.title'),
      current: '/admin/pathfinders',
      main,
    });

  app.get('/admin/pathfinders/interests', async (request, reply) => {
    const query = interestQueueQuerySchema.parse(request.query ?? {});
    const { total, rows } = await listInterestQueue({
      db: deps.db,
      status: query.status,
      limit: DEFAULT_PER_PAGE,
      offset: (query.page - 1) * DEFAULT_PER_PAGE,
    });
    return send(request, reply, (tr) => renderInterestQueue({ tr, ...query, total, rows }));
  });

  const review = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      values?: Record<string, string>;
      errors?: FieldErrors;
      problem?: { key: MessageKey; values: Record<string, string | number> };
      status?: number;
    } = {},
  ) => {
    const found = await getInterestReview({ db: deps.db, id: param(request, 'id') });
    if (!found) throw notFound();
    const { done } = reviewNoticeSchema.parse(request.query ?? {});
    return send(
      request,
      reply,
      (tr) => renderInterestReview({ tr, csrf: deps.csrf.token(request, reply), review: found, done, ...input }),
      input.status,
    );
  };

  app.get('/admin/pathfinders/interests/:id', async (request, reply) => review(request, reply));

  // The letter as the government sent it, downloaded rather than shown in the back office's pages.
  app.get('/admin/pathfinders/interests/:id/letter', async (request, reply) => {
    const letter = await getInterestLetter({ db: deps.db, id: param(request, 'id') });
    if (!letter) throw notFound();
    return reply
      .header('content-disposition', attachmentDisposition(letter.fileName))
      .header('cache-control', 'private, no-store')
      .header('x-content-type-options', 'nosniff')
      .type('application/pdf')
      .send(letter.content);
  });

  /** Accepting asks first: without `confirm=yes` the answer is the confirmation step, nothing changes. */
  app.post('/admin/pathfinders/interests/:id/accept', async (request, reply) => {
    const id = param(request, 'id');
    if (acceptSchema.parse(request.body ?? {}).confirm !== 'yes') {
      const found = await getInterestReview({ db: deps.db, id });
      if (!found) throw notFound();
      if (!found.open) {
        return review(request, reply, { problem: { key: 'pathfinders.interest.notOpen', values: {} }, status: 409 });
      }
      return send(request, reply, (tr) =>
        renderAcceptConfirmation({ tr, csrf: deps.csrf.token(request, reply), interest: found.interest }),
      );
    }
    try {
      await acceptInterest({
        db: deps.db,
        id,
        today: new Date().toISOString().slice(0, 10),
        actor: actorOf(request),
        ip: request.ip,
        publicUrl: deps.publicUrl,
      });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.interest.notOpen', 'pathfinders.interest.alreadyOnPath')) throw error;
      return review(request, reply, { problem: { key: error.code, values: error.values }, status: error.statusCode });
    }
    deps.nudgeMail();
    return reply.redirect(`/admin/pathfinders/interests/${id}?done=accepted`, 303);
  });

  app.post('/admin/pathfinders/interests/:id/decline', async (request, reply) => {
    const id = param(request, 'id');
    const form = parseForm(declineSchema, request.body);
    if (!form.ok) return review(request, reply, { values: form.values, errors: form.errors, status: 400 });
    try {
      await declineInterest({ db: deps.db, id, reason: form.data.reason, actor: actorOf(request), ip: request.ip });
    } catch (error) {
      if (!isAppError(error, 'pathfinders.interest.notOpen')) throw error;
      return review(request, reply, { problem: { key: error.code, values: {} }, status: error.statusCode });
    }
    deps.nudgeMail();
    return reply.redirect(`/admin/pathfinders/interests/${id}?done=declined`, 303);
  });
}
