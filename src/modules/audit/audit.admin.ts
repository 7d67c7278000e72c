import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/database.ts';
import { translator } from '../../i18n/i18n.ts';
import { DEFAULT_PER_PAGE, pageNumber } from '../../ui/pagination.ts';
import { sendAdminPage, type AdminPageDeps } from '../admin/index.ts';
import { auditFilterSchema } from './audit.schemas.ts';
import { readAuditLog } from './audit.usecases.ts';
import { renderAuditLog } from './audit.views.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The audit log: who did what, when, told in sentences; filtered by person, record and date. */
export function registerAuditAdmin(
  app: FastifyInstance,
  deps: AdminPageDeps & { db: Db; findUserIdByEmail: (email: string) => Promise<number | null> },
): void {
  app.get('/admin/audit', async (request, reply) => {
    const tr = translator(request.viewer!.locale);
    const raw = request.query as Record<string, string | undefined>;
    const filter = auditFilterSchema.parse(raw);
    const page = pageNumber(raw.page);
    // Someone the platform does not know has done nothing: no record matches.
    const actorId = filter.actor ? ((await deps.findUserIdByEmail(filter.actor)) ?? -1) : undefined;
    const { total, lines, entityTypes } = await readAuditLog({
      db: deps.db,
      filter: {
        actorId,
        entityType: filter.entity,
        entityId: filter.entity_id,
        from: filter.from ? new Date(filter.from) : undefined,
        until: filter.to ? new Date(Date.parse(filter.to) + DAY_MS) : undefined,
      },
      limit: DEFAULT_PER_PAGE,
      offset: (page - 1) * DEFAULT_PER_PAGE,
      locale: tr.locale,
    });
    return sendAdminPage({
      deps,
      request,
      reply,
      title: () => tr.t('admin.audit'),
      current: '/admin/audit',
      main: () => renderAuditLog({ tr, filter, entityTypes, lines, page, perPage: DEFAULT_PER_PAGE, total }),
    });
  });
}
