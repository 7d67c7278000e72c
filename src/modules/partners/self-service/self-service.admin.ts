import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../../db/database.ts';
import { isAppError, notFound } from '../../../http/errors.ts';
import { parseForm } from '../../../http/forms.ts';
import { param } from '../../../http/params.ts';
import { actorOf, hasAnyRole } from '../../../http/viewer.ts';
import { sendAdminPage, type AdminPageDeps } from '../../admin/index.ts';
import type { PeopleDirectory } from '../partners.people.ts';
import { sendRegistry } from '../registry/registry.admin.ts';
import {
  organizationPageQuerySchema,
  profileEditSchema,
  representativeSchema,
  restoreRepresentativeSchema,
  withdrawSchema,
  type OrganizationPageNotice,
} from './self-service.schemas.ts';
import {
  addRepresentative,
  getOrganizationPage,
  listOwnOrganizations,
  removeRepresentative,
  requireManagedOrganization,
  restoreRepresentative,
  updatePartnerProfile,
  withdrawOrganization,
  type EditableOrganization,
} from './self-service.usecases.ts';
import { renderOrganizationPage, renderOwnOrganizations, type OrganizationPageState } from './self-service.views.ts';

export interface SelfServiceDeps extends AdminPageDeps {
  db: Db;
  people: PeopleDirectory;
  nudgeMail: () => void;
}

/**
 * The page of one organization (`/admin/organizations/{slug}`), where its forms post and come back:
 * self-service's profile and representatives, and the sections other parts of the module add.
 */
export interface OrganizationPage {
  /** The organization of the address, when the viewer may manage it (403 otherwise). */
  load(request: FastifyRequest): Promise<EditableOrganization>;
  /** The page again, with the forms that were refused. */
  send(
    request: FastifyRequest,
    reply: FastifyReply,
    input: { organization: EditableOrganization; state?: OrganizationPageState; status?: number },
  ): Promise<FastifyReply>;
  /** Back to the page after a change, which it names. */
  done(reply: FastifyReply, organization: EditableOrganization, done: OrganizationPageNotice): FastifyReply;
}

export function createOrganizationPage(deps: SelfServiceDeps): OrganizationPage {
  return {
    load: (request) =>
      requireManagedOrganization({ db: deps.db, viewer: request.viewer!, slug: param(request, 'slug') }),
    async send(request, reply, { organization, state = {}, status = 200 }) {
      const { representatives, history } = await getOrganizationPage({
        db: deps.db,
        people: deps.people,
        organization,
        viewer: request.viewer!,
      });
      const query = organizationPageQuerySchema.parse(request.query ?? {});
      const undo =
        query.done === 'removed' && query.person && query.grant ? { person: query.person, grant: query.grant } : null;
      return sendAdminPage({
        deps,
        request,
        reply,
        status,
        title: () => organization.name,
        current: '/admin/organizations',
        main: (tr) =>
          renderOrganizationPage({
            tr,
            csrf: deps.csrf.token(request, reply),
            organization,
            representatives,
            history,
            done: query.done,
            undo,
            today: new Date().toISOString().slice(0, 10),
            state,
          }),
      });
    },
    done: (reply, organization, done) => reply.redirect(`/admin/organizations/${organization.slug}?done=${done}`, 303),
  };
}

/** A partner representative keeps their own organization's profile; the Secretariat can too. */
export function registerSelfService(app: FastifyInstance, deps: SelfServiceDeps, page: OrganizationPage): void {
  app.get('/admin/organizations', async (request, reply) => {
    if (hasAnyRole(request.viewer, ['secretariat'])) return sendRegistry({ deps, request, reply });
    const rows = await listOwnOrganizations({ db: deps.db, viewer: request.viewer! });
    const only = rows.length === 1 ? rows[0] : undefined;
    if (only) return reply.redirect(`/admin/organizations/${only.slug}`, 303);
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('admin.organizations'),
      current: '/admin/organizations',
      main: (tr) => renderOwnOrganizations({ tr, rows }),
    });
  });

  app.get('/admin/organizations/:slug', async (request, reply) =>
    page.send(request, reply, { organization: await page.load(request) }),
  );

  app.post('/admin/organizations/:slug/profile', async (request, reply) => {
    const organization = await page.load(request);
    const form = parseForm(profileEditSchema, request.body);
    if (!form.ok) {
      const body = request.body as Record<string, string | string[]>;
      const values = { ...form.values, action_group: body.action_group ?? [] };
      return page.send(request, reply, {
        organization,
        state: { profile: { values, errors: form.errors } },
        status: 400,
      });
    }
    await updatePartnerProfile({
      db: deps.db,
      organization,
      changes: form.data,
      actor: actorOf(request),
      ip: request.ip,
    });
    return page.done(reply, organization, 'profile');
  });

  app.post('/admin/organizations/:slug/representatives', async (request, reply) => {
    const organization = await page.load(request);
    const form = parseForm(representativeSchema, request.body);
    if (!form.ok) return page.send(request, reply, { organization, state: { person: form }, status: 400 });
    await addRepresentative({
      db: deps.db,
      organization,
      person: form.data,
      actor: actorOf(request),
      people: deps.people,
    });
    deps.nudgeMail();
    return page.done(reply, organization, 'invited');
  });

  app.post('/admin/organizations/:slug/representatives/:grantId/remove', async (request, reply) => {
    const organization = await page.load(request);
    const grantId = param(request, 'grantId');
    const removed = await removeRepresentative({
      db: deps.db,
      organization,
      grantId,
      people: deps.people,
      actor: actorOf(request),
      ip: request.ip,
    });
    if (!removed) throw notFound();
    return reply.redirect(
      `/admin/organizations/${organization.slug}?done=removed&person=${removed.userId}&grant=${grantId}`,
      303,
    );
  });

  app.post('/admin/organizations/:slug/representatives/:grantId/restore', async (request, reply) => {
    const organization = await page.load(request);
    const body = restoreRepresentativeSchema.safeParse(request.body ?? {});
    if (!body.success) throw notFound();
    const restored = await restoreRepresentative({
      db: deps.db,
      organization,
      userId: body.data.user_id,
      grantId: param(request, 'grantId'),
      people: deps.people,
      actor: actorOf(request),
      ip: request.ip,
    });
    // Only a removed representative role of this organization comes back.
    if (!restored) throw notFound();
    return page.done(reply, organization, 'restored');
  });

  app.post('/admin/organizations/:slug/withdraw', async (request, reply) => {
    const organization = await page.load(request);
    if (!withdrawSchema.safeParse(request.body ?? {}).success) {
      const state = { problem: 'partners.self.withdrawNeedsConfirm' } as const;
      return page.send(request, reply, { organization, state, status: 400 });
    }
    try {
      await withdrawOrganization({ db: deps.db, organization, actor: actorOf(request), ip: request.ip });
    } catch (error) {
      if (!isAppError(error, 'partners.organization.not_active')) throw error;
      return page.send(request, reply, { organization, state: { problem: error.code }, status: error.statusCode });
    }
    return reply.redirect(`/admin/organizations/${organization.slug}`, 303);
  });
}
