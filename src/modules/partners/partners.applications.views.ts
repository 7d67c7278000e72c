import type { FieldErrors } from '../../http/forms.ts';
import { countryName, countryOptions } from '../../i18n/countries.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { csrfField, errorSummary, selectField, textArea, textField } from '../../ui/forms.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { localePath } from '../../ui/layout.ts';
import { kindOptions } from './partners.labels.ts';

export function renderApplicationForm(input: {
  tr: Translator;
  csrf: string;
  values: Record<string, string>;
  errors: FieldErrors;
}): SafeHtml {
  const { tr, values, errors } = input;
  const labels: Record<string, string> = {
    name: tr.t('partners.apply.name'),
    kind: tr.t('partners.field.kind'),
    country: tr.t('partners.field.country'),
    website: tr.t('partners.field.website'),
    contact_name: tr.t('partners.apply.contactName'),
    contact_email: tr.t('partners.apply.contactEmail'),
    motivation: tr.t('partners.apply.motivation'),
    endorses_terms: tr.t('partners.apply.terms'),
  };
  const termsError = errors.endorses_terms;
  return html`<h1>${tr.t('partners.apply.title')}</h1>
<p class="lead">${tr.t('partners.apply.intro')}</p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="${localePath(tr.locale, '/partners/apply')}" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'name', label: labels.name!, value: values.name, errors, required: true, maxLength: 200, autocomplete: 'organization' })}
${selectField({ tr, name: 'kind', label: labels.kind!, value: values.kind, errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...kindOptions(tr)] })}
${selectField({ tr, name: 'country', label: labels.country!, hint: tr.t('partners.apply.countryHint'), value: values.country, errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...countryOptions(tr.locale)] })}
${textField({ tr, name: 'website', type: 'url', label: labels.website!, hint: tr.t('partners.apply.websiteHint'), value: values.website, errors, required: true, maxLength: 300, autocomplete: 'url' })}
${textField({ tr, name: 'contact_name', label: labels.contact_name!, value: values.contact_name, errors, required: true, maxLength: 120, autocomplete: 'name' })}
${textField({ tr, name: 'contact_email', type: 'email', label: labels.contact_email!, hint: tr.t('partners.apply.contactHint'), value: values.contact_email, errors, required: true, maxLength: 254, autocomplete: 'email' })}
${textArea({ tr, name: 'motivation', label: labels.motivation!, hint: tr.t('partners.apply.motivationHint'), value: values.motivation, errors, maxLength: 5000 })}
<div class="field checkbox${termsError ? ' field-invalid' : ''}">
${termsError ? html`<p class="error" id="field-endorses_terms-error">${tr.t(termsError.key)}</p>` : ''}
<input type="checkbox" id="field-endorses_terms" name="endorses_terms" value="yes" required${values.endorses_terms ? html` checked` : ''}${termsError ? html` aria-invalid="true" aria-describedby="field-endorses_terms-error"` : ''}>
<label for="field-endorses_terms">${labels.endorses_terms}</label>
</div>
<button type="submit">${tr.t('partners.apply.submit')}</button>
</form>`;
}

export function renderApplicationReceived(input: { tr: Translator; reference: number; email: string }): SafeHtml {
  const { tr } = input;
  return html`<h1>${tr.t('partners.apply.thanksTitle')}</h1>
<p class="flash" role="status">${tr.t('partners.apply.thanks', { reference: input.reference, email: input.email })}</p>
<p><a href="${localePath(tr.locale, '/partners')}">${tr.t('partners.profile.back')}</a></p>`;
}

export function renderAnswerForm(input: {
  tr: Translator;
  csrf: string;
  token: string;
  organization: string;
  question: string | null;
  values: Record<string, string>;
  errors: FieldErrors;
}): SafeHtml {
  const { tr } = input;
  return html`<h1>${tr.t('partners.answer.title')}</h1>
<p>${tr.t('partners.answer.intro', { organization: input.organization })}</p>
${input.question ? html`<blockquote>${input.question}</blockquote>` : ''}
${errorSummary({ tr, errors: input.errors, labels: { answer: tr.t('partners.answer.field') } })}
<form method="post" action="${localePath(tr.locale, '/partners/apply/answer')}" novalidate>
${csrfField(input.csrf)}
<input type="hidden" name="token" value="${input.token}">
${textArea({ tr, name: 'answer', label: tr.t('partners.answer.field'), value: input.values.answer, errors: input.errors, maxLength: 5000 })}
<button type="submit">${tr.t('partners.answer.submit')}</button>
</form>`;
}

export function describeCountry(tr: Translator, iso3: string): string {
  return countryName({ iso3, locale: tr.locale });
}
