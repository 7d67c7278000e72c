import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import type { SecretBox } from '../../config/secrets-key.ts';
import type { Db } from '../../db/database.ts';
import type { Csrf } from '../../http/csrf.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { parseForm, type FieldErrors } from '../../http/forms.ts';
import { countryName, countryOptions } from '../../i18n/countries.ts';
import { LANGUAGE_NAMES, LOCALES, translator, type Translator } from '../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textField } from '../../ui/forms.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { DEFAULT_PER_PAGE, pageNumber, pagination } from '../../ui/pagination.ts';
import { dataTable } from '../../ui/tables.ts';
import { sendAdminPage } from '../admin/index.ts';
import { AccountsError } from './accounts.errors.ts';
import { findUserById, listGrants, listUsers, type GrantRow, type UserRow } from './accounts.repository.ts';
import { ROLE_LABELS, ROLES } from './accounts.roles.ts';
import {
  grantSchema,
  inviteSchema,
  languageChoiceSchema,
  secondFactorResetSchema,
  userStatusSchema,
} from './accounts.schemas.ts';
import { resetSecondFactor } from './accounts.second-factor.ts';
import {
  actorOf,
  addRole,
  inviteUser,
  removeRole,
  restoreGrant,
  setUserStatus,
  updateProfile,
} from './accounts.usecases.ts';

export interface AccountsAdminDeps {
  db: Db;
  csrf: Csrf;
  stylesheetUrl: string;
  iconUrl: string;
  config: Pick<Config, 'publicUrl'>;
  secrets: SecretBox;
  nudgeMail: () => void;
}

const STATUS_LABELS = {
  invited: 'accounts.status.invited',
  active: 'accounts.status.active',
  deactivated: 'accounts.status.deactivated',
} as const;

function describeGrant(tr: Translator, grant: GrantRow): string {
  const role = tr.t(ROLE_LABELS[grant.role]);
  if (grant.country) return `${role} · ${countryName({ iso3: grant.country, locale: tr.locale })}`;
  if (grant.organizationSlug) return `${role} · ${grant.organizationSlug}`;
  if (grant.actionGroup) return `${role} · ${grant.actionGroup}`;
  return role;
}

function grantFields(input: { tr: Translator; values: Record<string, string>; errors: FieldErrors }): SafeHtml {
  const { tr, values, errors } = input;
  return html`${selectField({ tr, name: 'role', label: tr.t('accounts.field.role'), value: values.role, errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...ROLES.map((role) => ({ value: role, label: tr.t(ROLE_LABELS[role]) }))] })}
${selectField({ tr, name: 'country', label: tr.t('accounts.field.country'), hint: tr.t('accounts.field.countryHint'), value: values.country, errors, options: [{ value: '', label: '—' }, ...countryOptions(tr.locale)] })}
${textField({ tr, name: 'organization', label: tr.t('accounts.field.organization'), hint: tr.t('accounts.field.organizationHint'), value: values.organization, errors, maxLength: 120 })}
${textField({ tr, name: 'action_group', label: tr.t('accounts.field.actionGroup'), hint: tr.t('accounts.field.actionGroupHint'), value: values.action_group, errors, maxLength: 80 })}`;
}

/** The Secretariat's reset of another person's second factor: a reason, their own code, a confirmation. */
function secondFactorResetForm(input: {
  tr: Translator;
  csrf: string;
  userId: number;
  values: Record<string, string>;
  errors: FieldErrors;
}): SafeHtml {
  const { tr, errors } = input;
  const labels = {
    reason: tr.t('accounts.reset2fa.reason'),
    code: tr.t('accounts.reset2fa.ownCode'),
    confirm_reset: tr.t('accounts.reset2fa.confirm'),
  };
  const confirmError = errors.confirm_reset;
  return html`<h2 id="reset-2fa-heading">${tr.t('accounts.reset2fa.heading')}</h2>
<p>${tr.t('accounts.reset2fa.explain')}</p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/users/${input.userId}/second-factor/reset" aria-labelledby="reset-2fa-heading" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'reason', label: labels.reason, hint: tr.t('accounts.reset2fa.reasonHint'), value: input.values.reason, errors, required: true, maxLength: 500 })}
${textField({ tr, name: 'code', label: labels.code, errors, autocomplete: 'one-time-code', inputMode: 'numeric', required: true, maxLength: 7 })}
<div class="field checkbox${confirmError ? ' field-invalid' : ''}">
${confirmError ? html`<p class="error" id="field-confirm_reset-error">${tr.t(confirmError.key)}</p>` : ''}
<input type="checkbox" id="field-confirm_reset" name="confirm_reset" value="yes" required${confirmError ? html` aria-invalid="true" aria-describedby="field-confirm_reset-error"` : ''}>
<label for="field-confirm_reset">${labels.confirm_reset}</label></div>
<button type="submit" class="danger">${tr.t('accounts.reset2fa.submit')}</button>
</form>`;
}

const listQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(['invited', 'active', 'deactivated']).optional().catch(undefined),
});

export function registerAccountsAdmin(app: FastifyInstance, deps: AccountsAdminDeps): void {
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
    const main = html`<h1>${tr.t('admin.users')}</h1>
<p><a class="button" href="/admin/users/invite">${tr.t('accounts.invite.title')}</a></p>
<form method="get" action="/admin/users" class="filters" role="search">
${textField({ tr, name: 'q', label: tr.t('accounts.filter.search'), value: query.q })}
${selectField({ tr, name: 'role', label: tr.t('accounts.field.role'), value: query.role, options: [{ value: '', label: tr.t('form.all') }, ...ROLES.map((role) => ({ value: role, label: tr.t(ROLE_LABELS[role]) }))] })}
${selectField({ tr, name: 'status', label: tr.t('accounts.field.status'), value: query.status, options: [{ value: '', label: tr.t('form.all') }, ...Object.entries(STATUS_LABELS).map(([value, key]) => ({ value, label: tr.t(key) }))] })}
<div class="field"><button type="submit" class="secondary">${tr.t('form.filter')}</button></div>
</form>
${
  rows.length === 0
    ? html`<p class="empty">${tr.t('accounts.list.empty')}</p>`
    : dataTable({
        caption: tr.t('admin.users'),
        captionHidden: true,
        columns: [
          tr.t('accounts.field.name'),
          tr.t('accounts.field.email'),
          tr.t('accounts.field.roles'),
          tr.t('accounts.field.status'),
          tr.t('accounts.field.lastSignIn'),
        ],
        rows: rows.map((user) => [
          html`<a href="/admin/users/${user.id}">${user.name || user.email}</a>`,
          user.email,
          grants
            .filter((grant) => grant.userId === user.id)
            .map((grant) => describeGrant(tr, grant))
            .join(', '),
          tr.t(STATUS_LABELS[user.status]),
          user.lastSignInAt ? tr.formatDate(user.lastSignInAt, 'medium') : '—',
        ]),
      })
}
${pagination({ tr, path: '/admin/users', query: { q: query.q, role: query.role, status: query.status }, page, perPage: DEFAULT_PER_PAGE, total })}`;
    return send(request, reply, { title: tr.t('admin.users'), main });
  });

  const inviteForm = (tr: Translator, csrf: string, values: Record<string, string>, errors: FieldErrors) => {
    const labels: Record<string, string> = {
      email: tr.t('accounts.field.email'),
      name: tr.t('accounts.field.name'),
      locale: tr.t('accounts.field.locale'),
      role: tr.t('accounts.field.role'),
      country: tr.t('accounts.field.country'),
      organization: tr.t('accounts.field.organization'),
      action_group: tr.t('accounts.field.actionGroup'),
    };
    return html`<h1>${tr.t('accounts.invite.title')}</h1>
<p>${tr.t('accounts.invite.intro')}</p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/users/invite" novalidate>
${csrfField(csrf)}
${textField({ tr, name: 'email', type: 'email', label: labels.email!, value: values.email, errors, required: true, maxLength: 254 })}
${textField({ tr, name: 'name', label: labels.name!, value: values.name, errors, required: true, maxLength: 120 })}
${selectField({ tr, name: 'locale', label: labels.locale!, hint: tr.t('accounts.field.localeHint'), value: values.locale ?? tr.locale, errors, required: true, options: LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale] })) })}
${grantFields({ tr, values, errors })}
<button type="submit">${tr.t('accounts.invite.submit')}</button>
</form>`;
  };

  app.get('/admin/users/invite', async (request, reply) => {
    const tr = translator(request.viewer!.locale);
    return send(request, reply, {
      title: tr.t('accounts.invite.title'),
      main: inviteForm(tr, deps.csrf.token(request, reply), {}, {}),
    });
  });

  app.post('/admin/users/invite', async (request, reply) => {
    const viewer = request.viewer!;
    const tr = translator(viewer.locale);
    const csrf = deps.csrf.token(request, reply);
    const form = parseForm(inviteSchema, request.body);
    if (!form.ok)
      return send(request, reply, {
        title: tr.t('accounts.invite.title'),
        status: 400,
        main: inviteForm(tr, csrf, form.values, form.errors),
      });
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
      if (error instanceof AccountsError) {
        const values = Object.fromEntries(
          Object.entries(request.body as Record<string, unknown>).filter(([, value]) => typeof value === 'string'),
        ) as Record<string, string>;
        return send(request, reply, {
          title: tr.t('accounts.invite.title'),
          status: 400,
          main: inviteForm(tr, csrf, values, { [error.field ?? 'email']: { key: error.code } }),
        });
      }
      throw error;
    }
  });

  const userIdOf = (request: FastifyRequest) => {
    const id = Number((request.params as { id: string }).id);
    if (!Number.isInteger(id) || id < 1) throw notFound();
    return id;
  };

  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      user: UserRow;
      grantValues?: Record<string, string>;
      grantErrors?: FieldErrors;
      reset?: { values: Record<string, string>; errors: FieldErrors };
      problem?: SafeHtml;
      status?: number;
    },
  ) => {
    const tr = translator(request.viewer!.locale);
    const csrf = deps.csrf.token(request, reply);
    const { user } = input;
    const grants = await listGrants(deps.db, { userIds: [user.id], includeRevoked: true });
    const active = grants.filter((grant) => !grant.revokedAt);
    const revoked = grants.filter((grant) => grant.revokedAt);
    const { done, grant: removedGrant } = request.query as Record<string, string | undefined>;
    // Just after a removal: the role can be given back at once.
    const undoGrant = done === 'role_removed' && removedGrant && /^\d{1,9}$/.test(removedGrant) ? removedGrant : null;
    const doneKey = (
      {
        invited: 'accounts.done.invited',
        role_added: 'accounts.done.roleAdded',
        role_removed: 'accounts.done.roleRemoved',
        role_restored: 'accounts.done.roleRestored',
        status: 'accounts.done.status',
        second_factor_reset: 'accounts.done.secondFactorReset',
      } as const
    )[done as 'invited'];
    const main = html`<p><a href="/admin/users">${tr.t('accounts.list.back')}</a></p>
<h1>${user.name || user.email}</h1>
${doneKey ? notice({ tr, key: doneKey }) : ''}
${undoGrant ? html`<form method="post" action="/admin/users/${user.id}/roles/${undoGrant}/restore" class="inline-form">${csrfField(csrf)}<button type="submit" class="secondary">${tr.t('accounts.user.undoRevoke')}</button></form>` : ''}
${input.problem ?? ''}
<dl>
<dt>${tr.t('accounts.field.email')}</dt><dd>${user.email}</dd>
<dt>${tr.t('accounts.field.status')}</dt><dd>${tr.t(STATUS_LABELS[user.status])}</dd>
<dt>${tr.t('accounts.field.locale')}</dt><dd>${LANGUAGE_NAMES[user.locale as 'fr'] ?? user.locale}</dd>
<dt>${tr.t('accounts.field.secondFactor')}</dt><dd>${user.totpEnabledAt ? tr.t('accounts.secondFactor.on') : tr.t('accounts.secondFactor.off')}</dd>
<dt>${tr.t('accounts.field.lastSignIn')}</dt><dd>${user.lastSignInAt ? tr.formatDate(user.lastSignInAt, 'medium') : '—'}</dd>
</dl>
<p><a href="/admin/audit?entity=user&amp;entity_id=${user.id}">${tr.t('accounts.user.history')}</a></p>
<h2>${tr.t('accounts.field.roles')}</h2>
${
  active.length === 0
    ? html`<p class="empty">${tr.t('accounts.user.noRoles')}</p>`
    : html`<ul>${active.map(
        (grant) => html`<li>${describeGrant(tr, grant)}
<form method="post" action="/admin/users/${user.id}/roles/${grant.id}/revoke" class="inline-form">${csrfField(csrf)}<button type="submit" class="link">${tr.t('accounts.user.revoke')}</button></form></li>`,
      )}</ul>`
}
<h3 id="add-role">${tr.t('accounts.user.addRole')}</h3>
${errorSummary({ tr, errors: input.grantErrors ?? {}, labels: { role: tr.t('accounts.field.role'), country: tr.t('accounts.field.country'), organization: tr.t('accounts.field.organization'), action_group: tr.t('accounts.field.actionGroup') } })}
<form method="post" action="/admin/users/${user.id}/roles" aria-labelledby="add-role" novalidate>
${csrfField(csrf)}
${grantFields({ tr, values: input.grantValues ?? {}, errors: input.grantErrors ?? {} })}
<button type="submit">${tr.t('accounts.user.addRoleSubmit')}</button>
</form>
${revoked.length > 0 ? html`<h3>${tr.t('accounts.user.pastRoles')}</h3><ul>${revoked.map((grant) => html`<li>${describeGrant(tr, grant)} (${tr.formatDate(grant.grantedAt, 'medium')} – ${tr.formatDate(grant.revokedAt!, 'medium')})</li>`)}</ul>` : ''}
${
  user.totpEnabledAt && user.id !== request.viewer!.userId
    ? secondFactorResetForm({
        tr,
        csrf,
        userId: user.id,
        values: input.reset?.values ?? {},
        errors: input.reset?.errors ?? {},
      })
    : ''
}
<h2 id="status-heading">${tr.t('accounts.user.statusHeading')}</h2>
${
  user.status === 'deactivated'
    ? html`<form method="post" action="/admin/users/${user.id}/status" aria-labelledby="status-heading">${csrfField(csrf)}<input type="hidden" name="status" value="active"><button type="submit" class="secondary">${tr.t('accounts.user.reactivate')}</button></form>`
    : html`<form method="post" action="/admin/users/${user.id}/status" aria-labelledby="status-heading">${csrfField(csrf)}<input type="hidden" name="status" value="deactivated">
<p>${tr.t('accounts.user.deactivateExplain')}</p>
<div class="field checkbox"><input type="checkbox" id="field-confirm" name="confirm" value="yes" required> <label for="field-confirm">${tr.t('accounts.user.deactivateConfirm')}</label></div>
<button type="submit" class="danger">${tr.t('accounts.user.deactivate')}</button></form>`
}`;
    return send(request, reply, { title: user.name || user.email, main, status: input.status ?? 200 });
  };

  const loadUser = async (request: FastifyRequest) => {
    const user = await findUserById(deps.db, userIdOf(request));
    if (!user) throw notFound();
    return user;
  };

  const problemBox = (tr: Translator, key: AccountsError['code']) =>
    html`<div class="error-summary" role="alert"><p>${tr.t(key)}</p></div>`;

  app.get('/admin/users/:id', async (request, reply) => userPage(request, reply, { user: await loadUser(request) }));

  app.post('/admin/users/:id/roles', async (request, reply) => {
    const viewer = request.viewer!;
    const user = await loadUser(request);
    const form = parseForm(grantSchema, request.body);
    if (!form.ok)
      return userPage(request, reply, { user, grantValues: form.values, grantErrors: form.errors, status: 400 });
    try {
      await addRole({
        db: deps.db,
        userId: user.id,
        grant: form.data,
        actor: actorOf({ id: viewer.userId, email: viewer.email }),
        ip: request.ip,
      });
    } catch (error) {
      if (error instanceof AccountsError) {
        const values = Object.fromEntries(
          Object.entries(request.body as Record<string, unknown>).filter(([, value]) => typeof value === 'string'),
        ) as Record<string, string>;
        return userPage(request, reply, {
          user,
          grantValues: values,
          grantErrors: { [error.field ?? 'role']: { key: error.code } },
          status: 400,
        });
      }
      throw error;
    }
    return reply.redirect(`/admin/users/${user.id}?done=role_added`, 303);
  });

  app.post('/admin/users/:id/roles/:grantId/revoke', async (request, reply) => {
    const viewer = request.viewer!;
    const user = await loadUser(request);
    const grantId = Number((request.params as { grantId: string }).grantId);
    if (!Number.isInteger(grantId)) throw notFound();
    try {
      await removeRole({
        db: deps.db,
        userId: user.id,
        grantId,
        actor: actorOf({ id: viewer.userId, email: viewer.email }),
        ip: request.ip,
      });
    } catch (error) {
      if (error instanceof AccountsError)
        return userPage(request, reply, {
          user,
          problem: problemBox(translator(viewer.locale), error.code),
          status: 409,
        });
      throw error;
    }
    return reply.redirect(`/admin/users/${user.id}?done=role_removed&grant=${grantId}`, 303);
  });

  app.post('/admin/users/:id/roles/:grantId/restore', async (request, reply) => {
    const viewer = request.viewer!;
    const user = await loadUser(request);
    const grantId = Number((request.params as { grantId: string }).grantId);
    if (!Number.isInteger(grantId)) throw notFound();
    const restored = await restoreGrant({
      db: deps.db,
      userId: user.id,
      grantId,
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
    if (!form.ok)
      return userPage(request, reply, { user, reset: { values: form.values, errors: form.errors }, status: 400 });
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
      if (error instanceof AccountsError) {
        return userPage(request, reply, {
          user,
          reset: { values: { reason: form.data.reason }, errors: { [error.field ?? '_form']: { key: error.code } } },
          status: error.code === 'accounts.error.tooManyAttempts' ? 429 : 400,
        });
      }
      throw error;
    }
    deps.nudgeMail();
    return reply.redirect(`/admin/users/${user.id}?done=second_factor_reset`, 303);
  });

  app.post('/admin/users/:id/status', async (request, reply) => {
    const viewer = request.viewer!;
    const tr = translator(viewer.locale);
    const user = await loadUser(request);
    const form = parseForm(userStatusSchema, request.body);
    if (!form.ok || (form.data.status === 'deactivated' && form.data.confirm !== 'yes')) {
      return userPage(request, reply, {
        user,
        problem: html`<div class="error-summary" role="alert"><p>${tr.t('accounts.user.deactivateNeedsConfirm')}</p></div>`,
        status: 400,
      });
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
      if (error instanceof AccountsError)
        return userPage(request, reply, { user, problem: problemBox(tr, error.code), status: 409 });
      throw error;
    }
    return reply.redirect(`/admin/users/${user.id}?done=status`, 303);
  });

  // The back office's language switcher (in every page's header): the language is the signed-in
  // person's own, kept on their account, so their e-mails follow it too.
  app.post('/admin/language', async (request, reply) => {
    const viewer = request.viewer!;
    const choice = languageChoiceSchema.safeParse(request.body);
    if (!choice.success) throw validationFailed(choice.error);
    if (choice.data.locale !== viewer.locale) {
      await updateProfile({
        db: deps.db,
        userId: viewer.userId,
        name: viewer.name,
        locale: choice.data.locale,
        actor: actorOf({ id: viewer.userId, email: viewer.email }),
        ip: request.ip,
      });
    }
    return reply.redirect(choice.data.back, 303);
  });
}
