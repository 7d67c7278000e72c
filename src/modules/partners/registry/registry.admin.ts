import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { DEFAULT_PER_PAGE } from '../../../ui/pagination.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import { registryQuerySchema } from './registry.schemas.ts';
import { listOrganizations } from './registry.usecases.ts';
import { renderRegistry } from './registry.views.ts';

/** The Secretariat's list of every organization (what `/admin/organizations` shows them). */
export async function sendRegistry(input: {
  deps: AdminPageDeps & { db: Db };
  request: FastifyRequest;
  reply: FastifyReply;
}): Promise<FastifyReply> {
  const { deps, request, reply } = input;
  const query = registryQuerySchema.parse(request.query ?? {});
  const { total, rows } = await listOrganizations({ db: deps.db, query, perPage: DEFAULT_PER_PAGE });
  return sendAdminPage({
    deps,
    request,
    reply,
    title: (tr) => tr.t('admin.organizationsAll'),
    current: '/admin/organizations',
    main: (tr) => renderRegistry({ tr, query, total, rows }),
  });
}
