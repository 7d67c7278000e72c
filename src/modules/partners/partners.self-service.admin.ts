import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.ts';
import { AppError, isAppError, notFound } from '../../http/errors.ts';
import { param } from '../../http/params.ts';
import { fieldErrorsOf, parseForm, type FieldErrors } from '../../http/forms.ts';
import { LANGUAGE_NAMES, LOCALES, type MessageKey, type Translator } from '../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textArea, textField } from '../../ui/forms.ts';
import { html } from '../../ui/html.ts';
import { localePath } from '../../ui/layout.ts';
import { sendAdminPage, type AdminPageDeps } from '../admin/index.ts';
import type { Actor } from '../audit/index.ts';
import type { PeopleDirectory } from './partners.people.ts';
import { LOGO_MAX_BYTES, saveLogo } from './logos/logos.usecases.ts';
import { renderLogoSection } from './logos/logos.views.ts';
import { registerUploadRoutes } from '../../http/uploads.ts';
import { changeRequestSchema } from './change-requests/change-requests.schemas.ts';
import { requestChange } from './change-requests/change-requests.usecases.ts';
import { renderChangeRequestSection } from './change-requests/change-requests.views.ts';
import { ACTION_GROUP_LABELS } from './partners.labels.ts';
import {
  addRepresentative,
  listOrganizationsByIds,
  profileEditSchema,
  representativeSchema,
  requireManagedOrganization,
  updatePartnerProfile,
  withdrawOrganization,
  type EditableOrganization,
} from './partners.self-service.ts';
import { sendRegistry } from './registry/registry.admin.ts';
import { statusChangeSchema } from './registry/registry.schemas.ts';
import { changeOrganizationStatus, getStatusHistory } from './registry/registry.usecases.ts';
import { renderStatusSection } from './registry/registry.views.ts';
import { ACTION_GROUPS, type OrganizationStatus } from './partners.table.ts';

export interface SelfServiceDeps extends AdminPageDeps {
  db: Db;
  people: PeopleDirectory;
  nudgeMail: () => void;
}

function isSecretariat(request: FastifyRequest): boolean {
  return request.viewer!.roles.some((grant) => grant.role === 'secretariat');
}

/** Today's date (UTC), as the status history records days. */
function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function actorOf(request: FastifyRequest): Actor {
  return { id: request.viewer!.userId, label: request.viewer!.email };
}

/** A partner representative keeps their own organization's profile; the Secretariat can too. */
export function registerSelfService(app: FastifyInstance, deps: SelfServiceDeps): void {
  const load = async (request: FastifyRequest) => {
    return requireManagedOrganization({ db: deps.db, viewer: request.viewer!, slug: param(request, 'slug') });
  };

  app.get('/admin/organizations', async (request, reply) => {
    const viewer = request.viewer!;
    if (isSecretariat(request)) return sendRegistry({ deps, request, reply });
    const ids = viewer.roles.flatMap((grant) =>
      grant.role === 'partner_rep' && grant.organizationId ? [grant.organizationId] : [],
    );
    const rows = await listOrganizationsByIds(deps.db, ids);
    const only = rows.length === 1 ? rows[0] : undefined;
    if (only) return reply.redirect(`/admin/organizations/${only.slug}`, 303);
    return sendAdminPage({
      deps,
      request,
      reply,
      title: (tr) => tr.t('admin.organizations'),
      current: '/admin/organizations',
      main: (tr) => html`<h1>${tr.t('admin.organizations')}</h1>
${
  rows.length === 0
    ? html`<p class="empty">${tr.t('partners.self.none')}</p><p><a href="${localePath(tr.locale, '/partners')}">${tr.t('partners.profile.back')}</a></p>`
    : html`<ul>${rows.map((row) => html`<li><a href="/admin/organizations/${row.slug}">${row.name}</a></li>`)}</ul>`
}`,
    });
  });

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    input: {
      organization: EditableOrganization;
      profile?: { values: Record<string, string | string[]>; errors: FieldErrors };
      person?: { values: Record<string, string>; errors: FieldErrors };
      problem?: MessageKey;
      logoError?: MessageKey;
      change?: { values: Record<string, string>; errors: FieldErrors };
      statusForm?: { values: Record<string, string>; errors: FieldErrors };
      status?: number;
    },
  ) => {
    const { organization } = input;
    const people = await deps.people.listRepresentatives(deps.db, organization.id);
    const secretariat = isSecretariat(request);
    const history = secretariat ? await getStatusHistory({ db: deps.db, organizationId: organization.id }) : [];
    const { done, person, grant } = request.query as Record<string, string | undefined>;
    // Just after a removal: the person can be given back the role at once.
    const undo =
      done === 'removed' && person && grant && /^\d{1,9}$/.test(person) && /^\d{1,9}$/.test(grant)
        ? { person, grant }
        : null;
    const doneKey = (
      {
        profile: 'partners.self.saved',
        invited: 'partners.self.invited',
        removed: 'partners.self.removed',
        restored: 'partners.self.restored',
        logo: 'partners.logo.saved',
        change: 'partners.change.sent',
        status: 'partners.status.saved',
      } as const
    )[done as 'profile'];
    const profileValues = input.profile?.values ?? {
      website: organization.website ?? '',
      description_fr: organization.descriptions.fr ?? '',
      description_en: organization.descriptions.en ?? '',
      description_es: organization.descriptions.es ?? '',
      action_group: organization.actionGroups,
    };
    const text = (name: string) => {
      const value = profileValues[name];
      return typeof value === 'string' ? value : '';
    };
    const chosenGroups = [profileValues.action_group ?? []].flat();
    return sendAdminPage({
      deps,
      request,
      reply,
      status: input.status ?? 200,
      title: () => organization.name,
      current: '/admin/organizations',
      main: (tr: Translator) => {
        const csrf = deps.csrf.token(request, reply);
        const profileErrors = input.profile?.errors ?? {};
        const personErrors = input.person?.errors ?? {};
        return html`<h1>${organization.name}</h1>
${doneKey ? notice({ tr, key: doneKey }) : ''}
${undo ? html`<form method="post" action="/admin/organizations/${organization.slug}/representatives/${undo.grant}/restore" class="inline-form">${csrfField(csrf)}<input type="hidden" name="user_id" value="${undo.person}"><button type="submit" class="secondary">${tr.t('partners.self.undoRemove')}</button></form>` : ''}
${input.problem ? html`<div class="error-summary" role="alert"><p>${tr.t(input.problem)}</p></div>` : ''}
${organization.status === 'active' ? html`<p><a href="${localePath(tr.locale, `/partners/${organization.slug}`)}">${tr.t('partners.self.publicProfile')}</a></p>` : html`<p class="notice">${tr.t('partners.organization.not_active')}</p>`}
<h2 id="profile-heading">${tr.t('partners.self.profile')}</h2>
<p class="hint">${tr.t('partners.self.nameKindHint')}</p>
${errorSummary({ tr, errors: profileErrors, labels: { website: tr.t('partners.field.website'), description_fr: tr.t('partners.self.description', { language: LANGUAGE_NAMES.fr }), description_en: tr.t('partners.self.description', { language: LANGUAGE_NAMES.en }), description_es: tr.t('partners.self.description', { language: LANGUAGE_NAMES.es }) } })}
<form method="post" action="/admin/organizations/${organization.slug}/profile" aria-labelledby="profile-heading" novalidate>
${csrfField(csrf)}
${textField({ tr, name: 'website', type: 'url', label: tr.t('partners.field.website'), value: text('website'), errors: profileErrors, maxLength: 300 })}
${LOCALES.map((locale) => textArea({ tr, name: `description_${locale}`, label: tr.t('partners.self.description', { language: LANGUAGE_NAMES[locale] }), value: text(`description_${locale}`), errors: profileErrors, maxLength: 2000 }))}
<fieldset class="facet"><legend>${tr.t('partners.field.actionGroups')}</legend>
${ACTION_GROUPS.map((group) => html`<div class="checkbox"><input type="checkbox" id="ag-${group}" name="action_group" value="${group}"${chosenGroups.includes(group) ? html` checked` : ''}> <label for="ag-${group}">${tr.t(ACTION_GROUP_LABELS[group])}</label></div>`)}
</fieldset>
<button type="submit">${tr.t('partners.self.saveProfile')}</button>
</form>
${renderChangeRequestSection({ tr, csrf, organization, form: input.change })}
${renderLogoSection({ tr, csrf, slug: organization.slug, error: input.logoError })}
<h2 id="people-heading">${tr.t('partners.self.representatives')}</h2>
<ul>${people.map(
          (person) => html`<li>${person.name || person.email} &lt;${person.email}&gt;
<form method="post" action="/admin/organizations/${organization.slug}/representatives/${person.grantId}/remove" class="inline-form">${csrfField(csrf)}<button type="submit" class="link">${tr.t('partners.self.remove')}</button></form></li>`,
        )}</ul>
${errorSummary({ tr, errors: personErrors, labels: { email: tr.t('accounts.field.email'), name: tr.t('accounts.field.name'), locale: tr.t('accounts.field.locale') } })}
<form method="post" action="/admin/organizations/${organization.slug}/representatives" aria-labelledby="people-heading" novalidate>
${csrfField(csrf)}
${textField({ tr, name: 'email', type: 'email', label: tr.t('accounts.field.email'), value: input.person?.values.email, errors: personErrors, required: true, maxLength: 254 })}
${textField({ tr, name: 'name', label: tr.t('accounts.field.name'), value: input.person?.values.name, errors: personErrors, required: true, maxLength: 120 })}
${selectField({ tr, name: 'locale', label: tr.t('accounts.field.locale'), value: input.person?.values.locale ?? tr.locale, errors: personErrors, required: true, options: LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale] })) })}
<button type="submit" class="secondary">${tr.t('partners.self.invite')}</button>
</form>
${
  secretariat
    ? renderStatusSection({
        tr,
        csrf,
        slug: organization.slug,
        status: organization.status as OrganizationStatus,
        history,
        today: today(),
        ...input.statusForm,
      })
    : ''
}
${
  organization.status === 'active' && !secretariat
    ? html`<h2 id="withdraw-heading">${tr.t('partners.self.withdrawHeading')}</h2>
<form method="post" action="/admin/organizations/${organization.slug}/withdraw" aria-labelledby="withdraw-heading">
${csrfField(csrf)}
<p>${tr.t('partners.self.withdrawExplain')}</p>
<div class="field checkbox"><input type="checkbox" id="field-confirm-withdraw" name="confirm" value="yes" required> <label for="field-confirm-withdraw">${tr.t('partners.self.withdrawConfirm')}</label></div>
<button type="submit" class="danger">${tr.t('partners.self.withdraw')}</button></form>`
    : ''
}`;
      },
    });
  };

  app.get('/admin/organizations/:slug', async (request, reply) =>
    page(request, reply, { organization: await load(request) }),
  );

  app.post('/admin/organizations/:slug/profile', async (request, reply) => {
    const organization = await load(request);
    const form = parseForm(profileEditSchema, request.body);
    if (!form.ok) {
      const body = request.body as Record<string, string | string[]>;
      return page(request, reply, {
        organization,
        profile: { values: { ...form.values, action_group: body.action_group ?? [] }, errors: form.errors },
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
    return reply.redirect(`/admin/organizations/${organization.slug}?done=profile`, 303);
  });

  app.post('/admin/organizations/:slug/representatives', async (request, reply) => {
    const organization = await load(request);
    const form = parseForm(representativeSchema, request.body);
    if (!form.ok)
      return page(request, reply, { organization, person: { values: form.values, errors: form.errors }, status: 400 });
    await addRepresentative({
      db: deps.db,
      organization,
      person: form.data,
      actor: actorOf(request),
      people: deps.people,
    });
    deps.nudgeMail();
    return reply.redirect(`/admin/organizations/${organization.slug}?done=invited`, 303);
  });

  app.post('/admin/organizations/:slug/representatives/:grantId/remove', async (request, reply) => {
    const organization = await load(request);
    const grantId = param(request, 'grantId');
    const people = await deps.people.listRepresentatives(deps.db, organization.id);
    const person = people.find((entry) => entry.grantId === grantId);
    // Only a grant of this organization can be removed from this page.
    if (!person) throw notFound();
    await deps.people.removeRepresentative({
      db: deps.db,
      userId: person.userId,
      grantId,
      actor: actorOf(request),
      ip: request.ip,
    });
    return reply.redirect(
      `/admin/organizations/${organization.slug}?done=removed&person=${person.userId}&grant=${grantId}`,
      303,
    );
  });

  app.post('/admin/organizations/:slug/representatives/:grantId/restore', async (request, reply) => {
    const organization = await load(request);
    const grantId = param(request, 'grantId');
    const userId = Number((request.body as Record<string, unknown> | undefined)?.user_id);
    if (!Number.isInteger(userId) || userId < 1) throw notFound();
    const restored = await deps.people.restoreRepresentative({
      db: deps.db,
      userId,
      grantId,
      organizationId: organization.id,
      actor: actorOf(request),
      ip: request.ip,
    });
    // Only a removed representative role of this organization comes back.
    if (!restored) throw notFound();
    return reply.redirect(`/admin/organizations/${organization.slug}?done=restored`, 303);
  });

  app.post('/admin/organizations/:slug/change-request', async (request, reply) => {
    const organization = await load(request);
    const form = parseForm(changeRequestSchema, request.body);
    if (!form.ok)
      return page(request, reply, { organization, change: { values: form.values, errors: form.errors }, status: 400 });
    await requestChange({ db: deps.db, organization, form: form.data, actor: actorOf(request), ip: request.ip });
    return reply.redirect(`/admin/organizations/${organization.slug}?done=change`, 303);
  });

  registerUploadRoutes(app, { csrf: deps.csrf }, (uploads) =>
    uploads.post(
      '/admin/organizations/:slug/logo',
      { maxFileBytes: LOGO_MAX_BYTES },
      async (request, reply, upload) => {
        const organization = await load(request);
        try {
          if (upload.tooLarge) throw new AppError('partners.logo.too_large');
          await saveLogo({
            db: deps.db,
            organizationId: organization.id,
            upload: upload.file,
            actor: actorOf(request),
            ip: request.ip,
          });
        } catch (error) {
          if (isAppError(error, 'partners.logo.missing', 'partners.logo.too_large', 'partners.logo.not_image'))
            return page(request, reply, { organization, logoError: error.code, status: error.statusCode });
          throw error;
        }
        return reply.redirect(`/admin/organizations/${organization.slug}?done=logo`, 303);
      },
    ),
  );

  app.post('/admin/organizations/:slug/status', async (request, reply) => {
    const organization = await load(request);
    const form = parseForm(statusChangeSchema, request.body);
    if (!form.ok)
      return page(request, reply, {
        organization,
        statusForm: { values: form.values, errors: form.errors },
        status: 400,
      });
    try {
      await changeOrganizationStatus({
        db: deps.db,
        organization,
        change: form.data,
        today: today(),
        people: deps.people,
        actor: actorOf(request),
        ip: request.ip,
      });
    } catch (error) {
      if (!isAppError(error, 'partners.status.same', 'partners.status.future', 'partners.status.too_early'))
        throw error;
      return page(request, reply, {
        organization,
        statusForm: { values: request.body as Record<string, string>, errors: fieldErrorsOf(error) },
        status: error.statusCode,
      });
    }
    deps.nudgeMail();
    return reply.redirect(`/admin/organizations/${organization.slug}?done=status`, 303);
  });

  app.post('/admin/organizations/:slug/withdraw', async (request, reply) => {
    const organization = await load(request);
    if ((request.body as Record<string, unknown> | undefined)?.confirm !== 'yes') {
      return page(request, reply, { organization, problem: 'partners.self.withdrawNeedsConfirm', status: 400 });
    }
    try {
      await withdrawOrganization({ db: deps.db, organization, actor: actorOf(request), ip: request.ip });
    } catch (error) {
      if (!isAppError(error, 'partners.organization.not_active')) throw error;
      return page(request, reply, { organization, problem: error.code, status: error.statusCode });
    }
    return reply.redirect(`/admin/organizations/${organization.slug}`, 303);
  });
}
