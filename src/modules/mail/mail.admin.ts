import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/database.ts';
import { DEFAULT_PER_PAGE, pageNumber } from '../../ui/pagination.ts';
import { sendAdminPage, type AdminPageDeps } from '../admin/index.ts';
import { MAIL_STATUSES } from './mail.table.ts';
import { listOutbox } from './mail.usecases.ts';
import { renderOutbox } from './mail.views.ts';

/** The outbox's filter and page, from the query string; unknown values are ignored. */
const outboxQuerySchema = z.object({
  status: z.enum(MAIL_STATUSES).optional().catch(undefined),
  page: z.unknown().optional().transform(pageNumber),
});

/**
 * The outbox: every message the platform wrote, with its delivery status. Without SMTP_URL,
 * this is where the Secretariat reads the messages (and their links) that were not sent.
 */
export function registerMailAdmin(app: FastifyInstance, deps: AdminPageDeps & { db: Db }): void {
  app.get('/admin/outbox', async (request, reply) => {
    const { status, page } = outboxQuerySchema.parse(request.query ?? {});
    const { total, items } = await listOutbox(deps.db, {
      page,
      perPage: DEFAULT_PER_PAGE,
      ...(status ? { status } : {}),
    });
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('admin.outbox'),
      current: '/admin/outbox',
      main: (tr) => renderOutbox({ tr, status, page, total, items }),
    });
  });
}
