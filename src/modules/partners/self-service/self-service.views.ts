import type { FieldErrors } from '../../../http/forms.ts';
import { LANGUAGE_NAMES, LOCALES, type MessageKey, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textArea, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { renderChangeRequestSection } from '../change-requests/change-requests.views.ts';
import { renderLogoSection } from '../logos/logos.views.ts';
import { ACTION_GROUP_LABELS } from '../partners.labels.ts';
import type { Representative } from '../partners.people.ts';
import { ACTION_GROUPS } from '../partners.table.ts';
import type { StatusHistoryEntry } from '../registry/registry.usecases.ts';
import { renderStatusSection } from '../registry/registry.views.ts';
import type { OrganizationPageNotice } from './self-service.schemas.ts';
import type { EditableOrganization } from './self-service.usecases.ts';

/** A representative of several organizations (or of none) chooses one. */
export function renderOwnOrganizations(input: { tr: Translator; rows: { slug: string; name: string }[] }): SafeHtml {
  const { tr, rows } = input;
  return html`<h1>${tr.t('admin.organizations')}</h1>
${
  rows.length === 0
    ? html`<p class="empty">${tr.t('partners.self.none')}</p><p><a href="${localePath(tr.locale, '/partners')}">${tr.t('partners.profile.back')}</a></p>`
    : html`<ul>${rows.map((row) => html`<li><a href="/admin/organizations/${row.slug}">${row.name}</a></li>`)}</ul>`
}`;
}

const NOTICES: Record<OrganizationPageNotice, MessageKey> = {
  profile: 'partners.self.saved',
  invited: 'partners.self.invited',
  removed: 'partners.self.removed',
  restored: 'partners.self.restored',
  logo: 'partners.logo.saved',
  change: 'partners.change.sent',
  status: 'partners.status.saved',
};

/** A refused form of the organization page: what was typed and the messages. */
export interface FormState<Values = Record<string, string>> {
  values: Values;
  errors: FieldErrors;
}

/** What the organization page shows of the forms that were just refused. */
export interface OrganizationPageState {
  profile?: FormState<Record<string, string | string[]>>;
  person?: FormState;
  change?: FormState;
  statusForm?: FormState;
  logoError?: MessageKey;
  /** A refusal that belongs to no field (withdrawing without confirming). */
  problem?: MessageKey;
}

function renderProfileSection(input: {
  tr: Translator;
  csrf: string;
  organization: EditableOrganization;
  form: OrganizationPageState['profile'];
}): SafeHtml {
  const { tr, organization } = input;
  const values = input.form?.values ?? {
    website: organization.website ?? '',
    description_fr: organization.descriptions.fr ?? '',
    description_en: organization.descriptions.en ?? '',
    description_es: organization.descriptions.es ?? '',
    action_group: organization.actionGroups,
  };
  const text = (name: string) => {
    const value = values[name];
    return typeof value === 'string' ? value : '';
  };
  const chosenGroups = [values.action_group ?? []].flat();
  const errors = input.form?.errors ?? {};
  return html`<h2 id="profile-heading">${tr.t('partners.self.profile')}</h2>
<p class="hint">${tr.t('partners.self.nameKindHint')}</p>
${errorSummary({ tr, errors, labels: { website: tr.t('partners.field.website'), description_fr: tr.t('partners.self.description', { language: LANGUAGE_NAMES.fr }), description_en: tr.t('partners.self.description', { language: LANGUAGE_NAMES.en }), description_es: tr.t('partners.self.description', { language: LANGUAGE_NAMES.es }) } })}
<form method="post" action="/admin/organizations/${organization.slug}/profile" aria-labelledby="profile-heading" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'website', type: 'url', label: tr.t('partners.field.website'), value: text('website'), errors, maxLength: 300 })}
${LOCALES.map((locale) => textArea({ tr, name: `description_${locale}`, label: tr.t('partners.self.description', { language: LANGUAGE_NAMES[locale] }), value: text(`description_${locale}`), errors, maxLength: 2000 }))}
<fieldset class="facet"><legend>${tr.t('partners.field.actionGroups')}</legend>
${ACTION_GROUPS.map((group) => html`<div class="checkbox"><input type="checkbox" id="ag-${group}" name="action_group" value="${group}"${chosenGroups.includes(group) ? html` checked` : ''}> <label for="ag-${group}">${tr.t(ACTION_GROUP_LABELS[group])}</label></div>`)}
</fieldset>
<button type="submit">${tr.t('partners.self.saveProfile')}</button>
</form>`;
}

function renderRepresentativesSection(input: {
  tr: Translator;
  csrf: string;
  slug: string;
  representatives: Representative[];
  form: OrganizationPageState['person'];
}): SafeHtml {
  const { tr, csrf, slug, form } = input;
  const errors = form?.errors ?? {};
  return html`<h2 id="people-heading">${tr.t('partners.self.representatives')}</h2>
<ul>${input.representatives.map(
    (person) => html`<li>${person.name || person.email} &lt;${person.email}&gt;
<form method="post" action="/admin/organizations/${slug}/representatives/${person.grantId}/remove" class="inline-form">${csrfField(csrf)}<button type="submit" class="link">${tr.t('partners.self.remove')}</button></form></li>`,
  )}</ul>
${errorSummary({ tr, errors, labels: { email: tr.t('accounts.field.email'), name: tr.t('accounts.field.name'), locale: tr.t('accounts.field.locale') } })}
<form method="post" action="/admin/organizations/${slug}/representatives" aria-labelledby="people-heading" novalidate>
${csrfField(csrf)}
${textField({ tr, name: 'email', type: 'email', label: tr.t('accounts.field.email'), value: form?.values.email, errors, required: true, maxLength: 254 })}
${textField({ tr, name: 'name', label: tr.t('accounts.field.name'), value: form?.values.name, errors, required: true, maxLength: 120 })}
${selectField({ tr, name: 'locale', label: tr.t('accounts.field.locale'), value: form?.values.locale ?? tr.locale, errors, required: true, options: LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale] })) })}
<button type="submit" class="secondary">${tr.t('partners.self.invite')}</button>
</form>`;
}

function renderWithdrawSection(input: { tr: Translator; csrf: string; slug: string }): SafeHtml {
  const { tr } = input;
  return html`<h2 id="withdraw-heading">${tr.t('partners.self.withdrawHeading')}</h2>
<form method="post" action="/admin/organizations/${input.slug}/withdraw" aria-labelledby="withdraw-heading">
${csrfField(input.csrf)}
<p>${tr.t('partners.self.withdrawExplain')}</p>
<div class="field checkbox"><input type="checkbox" id="field-confirm-withdraw" name="confirm" value="yes" required> <label for="field-confirm-withdraw">${tr.t('partners.self.withdrawConfirm')}</label></div>
<button type="submit" class="danger">${tr.t('partners.self.withdraw')}</button></form>`;
}

/**
 * The organization page: its public profile, the name and kind change request, the logo, the
 * representatives, and, for the Secretariat, the status (for a representative, withdrawing).
 */
export function renderOrganizationPage(input: {
  tr: Translator;
  csrf: string;
  organization: EditableOrganization;
  representatives: Representative[];
  /** The status history, shown to the Secretariat only (null for others). */
  history: StatusHistoryEntry[] | null;
  done: OrganizationPageNotice | undefined;
  /** Just after a removal: the role can be given back at once. */
  undo: { person: string; grant: string } | null;
  today: string;
  state: OrganizationPageState;
}): SafeHtml {
  const { tr, csrf, organization, state, undo } = input;
  // The Secretariat sees the status history (and sets the status); a representative may withdraw.
  const secretariat = input.history !== null;
  return html`<h1>${organization.name}</h1>
${input.done ? notice({ tr, key: NOTICES[input.done] }) : ''}
${undo ? html`<form method="post" action="/admin/organizations/${organization.slug}/representatives/${undo.grant}/restore" class="inline-form">${csrfField(csrf)}<input type="hidden" name="user_id" value="${undo.person}"><button type="submit" class="secondary">${tr.t('partners.self.undoRemove')}</button></form>` : ''}
${state.problem ? html`<div class="error-summary" role="alert"><p>${tr.t(state.problem)}</p></div>` : ''}
${organization.status === 'active' ? html`<p><a href="${localePath(tr.locale, `/partners/${organization.slug}`)}">${tr.t('partners.self.publicProfile')}</a>${secretariat ? '' : html` · <a href="/admin/news#new-story-heading">${tr.t('news.admin.proposeLink')}</a>`}</p>` : html`<p class="notice">${tr.t('partners.organization.not_active')}</p>`}
${renderProfileSection({ tr, csrf, organization, form: state.profile })}
${renderChangeRequestSection({ tr, csrf, organization, form: state.change })}
${renderLogoSection({ tr, csrf, slug: organization.slug, error: state.logoError })}
${renderRepresentativesSection({ tr, csrf, slug: organization.slug, representatives: input.representatives, form: state.person })}
${
  secretariat && input.history
    ? renderStatusSection({
        tr,
        csrf,
        slug: organization.slug,
        status: organization.status,
        history: input.history,
        today: input.today,
        ...state.statusForm,
      })
    : ''
}
${organization.status === 'active' && !secretariat ? renderWithdrawSection({ tr, csrf, slug: organization.slug }) : ''}`;
}
