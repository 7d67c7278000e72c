import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../../config/config.ts';
import type { SecretBox } from '../../../config/secrets-key.ts';
import type { Db } from '../../../db/database.ts';
import type { Csrf } from '../../../http/csrf.ts';
import { notFound } from '../../../http/errors.ts';
import { parseForm, type FieldErrors } from '../../../http/forms.ts';
import { param } from '../../../http/params.ts';
import { translator, type MessageKey } from '../../../i18n/i18n.ts';
import type { SafeHtml } from '../../../ui/html.ts';
import { DEFAULT_PER_PAGE, pageNumber } from '../../../ui/pagination.ts';
import { sendAdminPage } from '../../admin/index.ts';
import { AccountsError } from '../accounts.errors.ts';
import { actorOf } from '../accounts.identity.ts';
import { findUserById, listGrants, type UserRow } from '../accounts.repository.ts';
import { secondFactorResetSchema } from '../second-factor/second-factor.schemas.ts';
import { resetSecondFactor } from '../second-factor/second-factor.usecases.ts';
import { listUsers } from './people.repository.ts';
import { grantSchema, inviteSchema, listQuerySchema, userStatusSchema } from './people.schemas.ts';
import { addRole, inviteUser, removeRole, restoreGrant, setUserStatus } from './people.usecases.ts';
import { DONE_NOTICES, renderInviteForm, renderUserList, renderUserPage } from './people.views.ts';

export interface PeopleAdminDeps {
  db: Db;
  csrf: Csrf;
  stylesheetUrl: string;
  iconUrl: string;
  config: Pick<Config, 'publicUrl'>;
  secrets: SecretBox;
  nudgeMail: () => void;
}

/** What was typed in a form, to show it again. */
function typedValues(body: unknown): Record<string, string> {
  return Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).filter(([, value]) => typeof value === 'string'),
  ) as Record<string, string>;
}

/** The Secretariat's screens for accounts: list, invitation, one account (roles, second factor, access). */
export function registerPeopleAdmin(app: FastifyInstance, deps: PeopleAdminDeps): void {
  const send = (
    request: FastifyRequest,
    reply: FastifyReply,
    input: { title: string; main: SafeHtml; status?: number },
  ) =>
    sendAdminPage({
      deps,
      request,
      reply,
      title: () => input.title,
      current: '/admin/users',
      main: () => input.main,
      ...(input.status ? { status: input.status } : {}),
    });

  app.get('/admin/users', async (request, reply) => {
    const tr = translator(request.viewer!.locale);
    const raw = request.query as Record<string, string | undefined>;
    const query = listQuerySchema.parse(raw);
    const page = pageNumber(raw.page);
    const { total, rows } = await listUsers(deps.db, {
      query: query.q,
      role: query.role,
      status: query.status,
      limit: DEFAULT_PER_PAGE,
      offset: (page - 1) * DEFAULT_PER_PAGE,
    });
    const grants = await listGrants(deps.db, { userIds: rows.map((row) => row.id), includeRevoked: false });
    return send(request, reply, {
      title: tr.t('admin.users'),
      main: renderUserList({ tr, query, rows, grants, page, total }),
    });
  });

  const invitePage = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values: Record<string, string>; errors: FieldErrors; status?: number },
  ) => {
    const tr = translator(request.viewer!.locale);
    return send(request, reply, {
      title: tr.t('accounts.invite.title'),
      main: renderInviteForm({ tr, csrf: deps.csrf.token(request, reply), values: form.values, errors: form.errors }),
      ...(form.status ? { status: form.status } : {}),
    });
  };

  app.get('/admin/users/invite', async (request, reply) => invitePage(request, reply, { values: {}, errors: {} }));

  app.post('/admin/users/invite', async (request, reply) => {
    const viewer = request.viewer!;
    const form = parseForm(inviteSchema, request.body);
    if (!form.ok) return invitePage(request, reply, { values: form.values, errors: form.errors, status: 400 });
    try {
      const { userId } = await inviteUser({
        db: deps.db,
        invitation: form.data,
        actor: actorOf({ id: viewer.userId, email: viewer.email }),
        publicUrl: deps.config.publicUrl,
        sendMail: true,
        ip: request.ip,
      });
      deps.nudgeMail();
      return await reply.redirect(`/admin/users/${userId}?done=invited`, 303);
    } catch (error) {
      if (!(error instanceof AccountsError)) throw error;
      return invitePage(request, reply, {
        values: typedValues(request.body),
        errors: { [error.field ?? 'email']: { key: error.code } },
        status: 400,
      });
    }
  });

  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      user: UserRow;
      grantForm?: { values: Record<string, string>; errors: FieldErrors };
      resetForm?: { values: Record<string, string>; errors: FieldErrors };
      problem?: MessageKey;
      status?: number;
    },
  ) => {
    const viewer = request.viewer!;
    const tr = translator(viewer.locale);
    const { user } = input;
    const { done, grant } = request.query as Record<string, string | undefined>;
    const main = renderUserPage({
      tr,
      csrf: deps.csrf.token(request, reply),
      user,
      grants: await listGrants(deps.db, { userIds: [user.id], includeRevoked: true }),
      canResetSecondFactor: !!user.totpEnabledAt && user.id !== viewer.userId,
      done: done && Object.hasOwn(DONE_NOTICES, done) ? (done as keyof typeof DONE_NOTICES) : undefined,
      undoGrant: done === 'role_removed' && grant && /^\d{1,9}$/.test(grant) ? Number(grant) : undefined,
      ...(input.grantForm ? { grantForm: input.grantForm } : {}),
      ...(input.resetForm ? { resetForm: input.resetForm } : {}),
      problem: input.problem,
    });
    return send(request, reply, { title: user.name || user.email, main, status: input.status ?? 200 });
  };

  const loadUser = async (request: FastifyRequest) => {
    const user = await findUserById(deps.db, param(request, 'id'));
    if (!user) throw notFound();
    return user;
  };

  app.get('/admin/users/:id', async (request, reply) => userPage(request, reply, { user: await loadUser(request) }));

  app.post('/admin/users/:id/roles', async (request, reply) => {
    const viewer = request.viewer!;
    const user = await loadUser(request);
    const form = parseForm(grantSchema, request.body);
    if (!form.ok) return userPage(request, reply, { user, grantForm: form, status: 400 });
    try {
      await addRole({
        db: deps.db,
        userId: user.id,
        grant: form.data,
        actor: actorOf({ id: viewer.userId, email: viewer.email }),
        ip: request.ip,
      });
    } catch (error) {
      if (!(error instanceof AccountsError)) throw error;
      return userPage(request, reply, {
        user,
        grantForm: { values: typedValues(request.body), errors: { [error.field ?? 'role']: { key: error.code } } },
        status: 400,
      });
    }
    return reply.redirect(`/admin/users/${user.id}?done=role_added`, 303);
  });

  app.post('/admin/users/:id/roles/:grantId/revoke', async (request, reply) => {
    const viewer = request.viewer!;
    const user = await loadUser(request);
    const grantId = param(request, 'grantId');
    try {
      await removeRole({
        db: deps.db,
        userId: user.id,
        grantId,
        actor: actorOf({ id: viewer.userId, email: viewer.email }),
        ip: request.ip,
      });
    } catch (error) {
      if (!(error instanceof AccountsError)) throw error;
      return userPage(request, reply, { user, problem: error.code, status: 409 });
    }
    return reply.redirect(`/admin/users/${user.id}?done=role_removed&grant=${grantId}`, 303);
  });

  app.post('/admin/users/:id/roles/:grantId/restore', async (request, reply) => {
    const viewer = request.viewer!;
    const user = await loadUser(request);
    const restored = await restoreGrant({
      db: deps.db,
      userId: user.id,
      grantId: param(request, 'grantId'),
      actor: actorOf({ id: viewer.userId, email: viewer.email }),
      ip: request.ip,
    });
    if (!restored) throw notFound();
    return reply.redirect(`/admin/users/${user.id}?done=role_restored`, 303);
  });

  app.post('/admin/users/:id/second-factor/reset', async (request, reply) => {
    const viewer = request.viewer!;
    const user = await loadUser(request);
    const form = parseForm(secondFactorResetSchema, request.body);
    if (!form.ok) return userPage(request, reply, { user, resetForm: form, status: 400 });
    try {
      await resetSecondFactor({
        db: deps.db,
        box: deps.secrets,
        targetUserId: user.id,
        actor: { id: viewer.userId, email: viewer.email, name: viewer.name },
        actorCode: form.data.code,
        reason: form.data.reason,
        ip: request.ip,
      });
    } catch (error) {
      if (!(error instanceof AccountsError)) throw error;
      return userPage(request, reply, {
        user,
        resetForm: { values: { reason: form.data.reason }, errors: { [error.field ?? '_form']: { key: error.code } } },
        status: error.code === 'accounts.error.tooManyAttempts' ? 429 : 400,
      });
    }
    deps.nudgeMail();
    return reply.redirect(`/admin/users/${user.id}?done=second_factor_reset`, 303);
  });

  app.post('/admin/users/:id/status', async (request, reply) => {
    const viewer = request.viewer!;
    const user = await loadUser(request);
    const form = parseForm(userStatusSchema, request.body);
    if (!form.ok || (form.data.status === 'deactivated' && form.data.confirm !== 'yes')) {
      return userPage(request, reply, { user, problem: 'accounts.user.deactivateNeedsConfirm', status: 400 });
    }
    try {
      await setUserStatus({
        db: deps.db,
        userId: user.id,
        status: form.data.status,
        actor: actorOf({ id: viewer.userId, email: viewer.email }),
        ip: request.ip,
      });
    } catch (error) {
      if (!(error instanceof AccountsError)) throw error;
      return userPage(request, reply, { user, problem: error.code, status: 409 });
    }
    return reply.redirect(`/admin/users/${user.id}?done=status`, 303);
  });
}
