import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { isAppError } from '../../../http/errors.ts';
import { fieldErrorsOf, parseForm } from '../../../http/forms.ts';
import { actorOf } from '../../../http/viewer.ts';
import { DEFAULT_PER_PAGE } from '../../../ui/pagination.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import type { PeopleDirectory } from '../partners.people.ts';
import type { OrganizationPage } from '../self-service/self-service.admin.ts';
import { registryQuerySchema, statusChangeSchema } from './registry.schemas.ts';
import { changeOrganizationStatus, listOrganizations } from './registry.usecases.ts';
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

/** The Secretariat changes an organization's status from its page (the form is the status section). */
export function registerStatusChanges(
  app: FastifyInstance,
  deps: { db: Db; people: PeopleDirectory; nudgeMail: () => void },
  page: OrganizationPage,
): void {
  app.post('/admin/organizations/:slug/status', async (request, reply) => {
    const organization = await page.load(request);
    const form = parseForm(statusChangeSchema, request.body);
    if (!form.ok) return page.send(request, reply, { organization, state: { statusForm: form }, status: 400 });
    try {
      await changeOrganizationStatus({
        db: deps.db,
        organization,
        change: form.data,
        today: new Date().toISOString().slice(0, 10),
        people: deps.people,
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'partners.status.same', 'partners.status.future', 'partners.status.too_early'))
        throw error;
      const statusForm = { values: request.body as Record<string, string>, errors: fieldErrorsOf(error) };
      return page.send(request, reply, { organization, state: { statusForm }, status: error.statusCode });
    }
    deps.nudgeMail();
    return page.done(reply, organization, 'status');
  });
}
