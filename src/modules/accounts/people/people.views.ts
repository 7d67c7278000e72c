import type { FieldErrors } from '../../../http/forms.ts';
import { countryName, countryOptions } from '../../../i18n/countries.ts';
import { LANGUAGE_NAMES, LOCALES, type MessageKey, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, filterForm, notice, selectField, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { DEFAULT_PER_PAGE, pagination } from '../../../ui/pagination.ts';
import { dataTable } from '../../../ui/tables.ts';
import type { GrantRow, UserRow } from '../accounts.repository.ts';
import { ROLE_LABELS, ROLES } from '../accounts.roles.ts';
import { secondFactorResetForm } from '../second-factor/second-factor.views.ts';

const STATUS_LABELS = {
  invited: 'accounts.status.invited',
  active: 'accounts.status.active',
  deactivated: 'accounts.status.deactivated',
} as const;

/** What the page of one account says after a change (the `done` of its address). */
export const DONE_NOTICES = {
  invited: 'accounts.done.invited',
  role_added: 'accounts.done.roleAdded',
  role_removed: 'accounts.done.roleRemoved',
  role_restored: 'accounts.done.roleRestored',
  status: 'accounts.done.status',
  second_factor_reset: 'accounts.done.secondFactorReset',
} as const satisfies Record<string, MessageKey>;

const roleOptions = (tr: Translator) => ROLES.map((role) => ({ value: role, label: tr.t(ROLE_LABELS[role]) }));
const statusOptions = (tr: Translator) =>
  Object.entries(STATUS_LABELS).map(([value, key]) => ({ value, label: tr.t(key) }));
/** A filter's choices, led by "all". */
const withAll = (tr: Translator, options: { value: string; label: string }[]) => [
  { value: '', label: tr.t('form.all') },
  ...options,
];

/** The labels of the invitation form's fields, by field name. */
const INVITE_LABELS = {
  email: 'accounts.field.email',
  name: 'accounts.field.name',
  locale: 'accounts.field.locale',
  role: 'accounts.field.role',
  country: 'accounts.field.country',
  organization: 'accounts.field.organization',
  action_group: 'accounts.field.actionGroup',
} as const satisfies Record<string, MessageKey>;

function describeGrant(tr: Translator, grant: GrantRow): string {
  const role = tr.t(ROLE_LABELS[grant.role]);
  if (grant.country) return `${role} · ${countryName({ iso3: grant.country, locale: tr.locale })}`;
  if (grant.organizationSlug) return `${role} · ${grant.organizationSlug}`;
  if (grant.actionGroup) return `${role} · ${grant.actionGroup}`;
  return role;
}

function grantFields(input: { tr: Translator; values: Record<string, string>; errors: FieldErrors }): SafeHtml {
  const { tr, values, errors } = input;
  return html`${selectField({ tr, name: 'role', label: tr.t('accounts.field.role'), value: values.role, errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...roleOptions(tr)] })}
${selectField({ tr, name: 'country', label: tr.t('accounts.field.country'), hint: tr.t('accounts.field.countryHint'), value: values.country, errors, options: [{ value: '', label: '—' }, ...countryOptions(tr.locale)] })}
${textField({ tr, name: 'organization', label: tr.t('accounts.field.organization'), hint: tr.t('accounts.field.organizationHint'), value: values.organization, errors, maxLength: 120 })}
${textField({ tr, name: 'action_group', label: tr.t('accounts.field.actionGroup'), hint: tr.t('accounts.field.actionGroupHint'), value: values.action_group, errors, maxLength: 80 })}`;
}

/** The Secretariat's list of accounts, with its filters and pages. */
export function renderUserList(input: {
  tr: Translator;
  query: { q?: string | undefined; role?: string | undefined; status?: string | undefined };
  rows: UserRow[];
  grants: GrantRow[];
  page: number;
  total: number;
}): SafeHtml {
  const { tr, query, rows, grants } = input;
  return html`<h1>${tr.t('admin.users')}</h1>
<p><a class="button" href="/admin/users/invite">${tr.t('accounts.invite.title')}</a></p>
${filterForm({
  tr,
  action: '/admin/users',
  fields: [
    textField({ tr, name: 'q', label: tr.t('accounts.filter.search'), value: query.q }),
    selectField({
      tr,
      name: 'role',
      label: tr.t('accounts.field.role'),
      value: query.role,
      options: withAll(tr, roleOptions(tr)),
    }),
    selectField({
      tr,
      name: 'status',
      label: tr.t('accounts.field.status'),
      value: query.status,
      options: withAll(tr, statusOptions(tr)),
    }),
  ],
})}
${dataTable({
  empty: tr.t('accounts.list.empty'),
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
})}
${pagination({ tr, path: '/admin/users', query: { q: query.q, role: query.role, status: query.status }, page: input.page, perPage: DEFAULT_PER_PAGE, total: input.total })}`;
}

/** The invitation form, with what was typed and the messages by the fields. */
export function renderInviteForm(input: {
  tr: Translator;
  csrf: string;
  values: Record<string, string>;
  errors: FieldErrors;
}): SafeHtml {
  const { tr, values, errors } = input;
  const labels = Object.fromEntries(Object.entries(INVITE_LABELS).map(([name, key]) => [name, tr.t(key)])) as Record<
    keyof typeof INVITE_LABELS,
    string
  >;
  return html`<h1>${tr.t('accounts.invite.title')}</h1>
<p>${tr.t('accounts.invite.intro')}</p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/users/invite" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'email', type: 'email', label: labels.email, value: values.email, errors, required: true, maxLength: 254 })}
${textField({ tr, name: 'name', label: labels.name, value: values.name, errors, required: true, maxLength: 120 })}
${selectField({ tr, name: 'locale', label: labels.locale, hint: tr.t('accounts.field.localeHint'), value: values.locale ?? tr.locale, errors, required: true, options: LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale] })) })}
${grantFields({ tr, values, errors })}
<button type="submit">${tr.t('accounts.invite.submit')}</button>
</form>`;
}

/** One account: its details, roles (add, remove, give back), second factor and access. */
export function renderUserPage(input: {
  tr: Translator;
  csrf: string;
  user: UserRow;
  grants: GrantRow[];
  /** The viewer may reset this person's second factor (another Secretariat member's account that has one). */
  canResetSecondFactor: boolean;
  done?: keyof typeof DONE_NOTICES | undefined;
  /** Just after a removal: the grant that can be given back at once. */
  undoGrant?: number | undefined;
  grantForm?: { values: Record<string, string>; errors: FieldErrors };
  resetForm?: { values: Record<string, string>; errors: FieldErrors };
  problem?: MessageKey | undefined;
}): SafeHtml {
  const { tr, csrf, user } = input;
  const active = input.grants.filter((grant) => !grant.revokedAt);
  const revoked = input.grants.filter((grant) => grant.revokedAt);
  const grantErrors = input.grantForm?.errors ?? {};
  return html`<p><a href="/admin/users">${tr.t('accounts.list.back')}</a></p>
<h1>${user.name || user.email}</h1>
${input.done ? notice({ tr, key: DONE_NOTICES[input.done] }) : ''}
${input.undoGrant ? html`<form method="post" action="/admin/users/${user.id}/roles/${input.undoGrant}/restore" class="inline-form">${csrfField(csrf)}<button type="submit" class="secondary">${tr.t('accounts.user.undoRevoke')}</button></form>` : ''}
${input.problem ? html`<div class="error-summary" role="alert"><p>${tr.t(input.problem)}</p></div>` : ''}
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
${errorSummary({ tr, errors: grantErrors, labels: { role: tr.t('accounts.field.role'), country: tr.t('accounts.field.country'), organization: tr.t('accounts.field.organization'), action_group: tr.t('accounts.field.actionGroup') } })}
<form method="post" action="/admin/users/${user.id}/roles" aria-labelledby="add-role" novalidate>
${csrfField(csrf)}
${grantFields({ tr, values: input.grantForm?.values ?? {}, errors: grantErrors })}
<button type="submit">${tr.t('accounts.user.addRoleSubmit')}</button>
</form>
${revoked.length > 0 ? html`<h3>${tr.t('accounts.user.pastRoles')}</h3><ul>${revoked.map((grant) => html`<li>${describeGrant(tr, grant)} (${tr.formatDate(grant.grantedAt, 'medium')} – ${tr.formatDate(grant.revokedAt!, 'medium')})</li>`)}</ul>` : ''}
${
  input.canResetSecondFactor
    ? secondFactorResetForm({
        tr,
        csrf,
        userId: user.id,
        values: input.resetForm?.values ?? {},
        errors: input.resetForm?.errors ?? {},
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
}
