import type { FieldErrors } from '../../../http/forms.ts';
import { countryName } from '../../../i18n/countries.ts';
import { LOCALES, type Locale, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textArea, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { dataTable } from '../../../ui/tables.ts';
import { renderRecordPage, type FormState } from '../lifecycle/lifecycle.views.ts';
import type { DocumentSummary, SupportRequest, Workshop } from './workshops.usecases.ts';

const day = (tr: Translator, value: string) => tr.formatDate(new Date(`${value}T00:00:00Z`));

/** A text typed in a form, a paragraph per line. */
function paragraphs(text: string, lang?: Locale): SafeHtml {
  const attribute = lang ? html` lang="${lang}"` : '';
  return html`${text
    .split(/\n+/)
    .filter((line) => line.trim() !== '')
    .map((line) => html`<p${attribute}>${line}</p>`)}`;
}

/** A document's size, in kilobytes or megabytes. */
function size(tr: Translator, bytes: number): string {
  return bytes >= 1024 * 1024
    ? tr.t('pathfinders.document.megabytes', { size: tr.formatNumber(Math.round((bytes / 1024 / 1024) * 10) / 10) })
    : tr.t('pathfinders.document.kilobytes', { size: tr.formatNumber(Math.max(1, Math.round(bytes / 1024))) });
}

/**
 * The outcomes in the reader's language; when that text is missing, the first language that has
 * one, marked with its language and said to be untranslated.
 */
export function outcomesFor(outcomes: Record<Locale, string>, locale: Locale): { text: string; locale: Locale } | null {
  for (const candidate of [locale, 'en', 'fr', 'es'] as const) {
    if (outcomes[candidate]) return { text: outcomes[candidate], locale: candidate };
  }
  return null;
}

function renderDocuments(tr: Translator, documents: readonly DocumentSummary[]): SafeHtml {
  if (documents.length === 0) return html`${tr.t('pathfinders.document.none')}`;
  return html`<ul class="documents">${documents.map(
    (document) =>
      html`<li><a href="/media/workshop-documents/${document.id}" download>${document.fileName}</a> (PDF, ${size(tr, document.bytes)})</li>`,
  )}</ul>`;
}

/** What is known of a workshop, as a list of facts: the back office and the public page share it. */
function renderWorkshopFacts(tr: Translator, workshop: Workshop): SafeHtml {
  const outcomes = outcomesFor(workshop.outcomes, tr.locale);
  return html`<dl class="facts">
<dt>${tr.t('pathfinders.workshop.participants')}</dt><dd>${workshop.participants === null ? tr.t('pathfinders.workshop.participantsUnknown') : tr.formatNumber(workshop.participants)}</dd>
<dt>${tr.t('pathfinders.workshop.organizers')}</dt><dd>${
    workshop.organizers.length === 0
      ? tr.t('pathfinders.workshop.organizersNone')
      : workshop.organizers.map(
          (organizer, index) =>
            html`${index > 0 ? ', ' : ''}${organizer.active ? html`<a href="${localePath(tr.locale, `/partners/${organizer.slug}`)}">${organizer.name}</a>` : organizer.name}`,
        )
  }</dd>
<dt>${tr.t('pathfinders.workshop.outcomes')}</dt><dd>${
    outcomes
      ? html`${outcomes.locale === tr.locale ? '' : html`<p class="hint">${tr.t('pathfinders.workshop.untranslated', { language: tr.languageName(outcomes.locale) })}</p>`}${paragraphs(outcomes.text, outcomes.locale === tr.locale ? undefined : outcomes.locale)}`
      : tr.t('pathfinders.workshop.outcomesNone')
  }</dd>
<dt>${tr.t('pathfinders.workshop.documents')}</dt><dd>${renderDocuments(tr, workshop.documents)}</dd>
</dl>`;
}

function workshopTitle(tr: Translator, workshop: { heldOn: string; place: string }): string {
  return tr.t('pathfinders.workshop.title', { date: day(tr, workshop.heldOn), place: workshop.place });
}

/** A form of a country's page under its own heading: errors first, the token, the fields, the button. */
export function sectionForm(input: {
  tr: Translator;
  csrf: string;
  id: string;
  heading: string;
  intro?: string;
  action: string;
  multipart?: boolean;
  errors: FieldErrors;
  labels: Record<string, string>;
  fields: SafeHtml;
  submit: string;
  secondary?: boolean;
}): SafeHtml {
  const { tr } = input;
  return html`<h3 id="${input.id}">${input.heading}</h3>
${input.intro ? html`<p>${input.intro}</p>` : ''}
${errorSummary({ tr, errors: input.errors, labels: input.labels })}
<form method="post" action="${input.action}"${input.multipart ? html` enctype="multipart/form-data"` : ''} aria-labelledby="${input.id}" novalidate>
${csrfField(input.csrf)}
${input.fields}
<button type="submit"${input.secondary ? html` class="secondary"` : ''}>${input.submit}</button>
</form>`;
}

/** A file to send, with its label, hint and error tied to it. */
export function fileField(input: {
  tr: Translator;
  name: string;
  label: string;
  hint?: string;
  accept: string;
  errors: FieldErrors;
}): SafeHtml {
  const id = `field-${input.name}`;
  const error = input.errors[input.name];
  const describedBy = [input.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`<div class="field${error ? ' field-invalid' : ''}">
<label for="${id}">${input.label}</label>
${input.hint ? html`<p class="hint" id="${id}-hint">${input.hint}</p>` : ''}
${error ? html`<p class="error" id="${id}-error">${input.tr.t(error.key, error.values)}</p>` : ''}
<input id="${id}" name="${input.name}" type="file" accept="${input.accept}" required${describedBy ? html` aria-describedby="${describedBy}"` : ''}${error ? html` aria-invalid="true"` : ''}>
</div>`;
}

/** A multi-line text that may stay empty. */
function optionalTextArea(input: {
  tr: Translator;
  name: string;
  label: string;
  value: string | undefined;
  errors: FieldErrors;
  lang?: Locale;
}): SafeHtml {
  const id = `field-${input.name}`;
  const error = input.errors[input.name];
  return html`<div class="field${error ? ' field-invalid' : ''}">
<label for="${id}">${input.label} <span class="optional">(${input.tr.t('form.optional')})</span></label>
${error ? html`<p class="error" id="${id}-error">${input.tr.t(error.key, error.values)}</p>` : ''}
<textarea id="${id}" name="${input.name}" rows="4" maxlength="5000"${input.lang ? html` lang="${input.lang}"` : ''}${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${input.value ?? ''}</textarea>
</div>`;
}

/** The organisers: several partners from the directory, chosen in one list. */
function organizerField(input: {
  tr: Translator;
  choices: readonly { id: number; name: string }[];
  chosen: readonly string[];
  errors: FieldErrors;
}): SafeHtml {
  const { tr } = input;
  const error = input.errors.organizers;
  return html`<div class="field${error ? ' field-invalid' : ''}">
<label for="field-organizers">${tr.t('pathfinders.workshop.organizers')} <span class="optional">(${tr.t('form.optional')})</span></label>
<p class="hint" id="field-organizers-hint">${tr.t('pathfinders.workshop.organizersHint')}</p>
${error ? html`<p class="error" id="field-organizers-error">${tr.t(error.key, error.values)}</p>` : ''}
<select id="field-organizers" name="organizers" multiple size="8" aria-describedby="field-organizers-hint${error ? ' field-organizers-error' : ''}"${error ? html` aria-invalid="true"` : ''}>
${input.choices.map(
  (choice) =>
    html`<option value="${choice.id}"${input.chosen.includes(String(choice.id)) ? html` selected` : ''}>${choice.name}</option>`,
)}
</select>
</div>`;
}

/** What a refused workshop form sends back: the chosen organisers are several values of one field. */
export interface WorkshopFormState extends FormState {
  organizers: string[];
}

/**
 * The workshops section of a country's page in the back office: each workshop, its documents and
 * support requests; the forms to record a workshop, add a document and (for the focal point) ask
 * for technical support.
 */
export function renderWorkshopSection(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  workshops: readonly Workshop[];
  requests: readonly SupportRequest[];
  organizerChoices: readonly { id: number; name: string }[];
  canRequestSupport: boolean;
  today: string;
  workshopForm?: WorkshopFormState | undefined;
  documentForm?: FormState | undefined;
  supportForm?: FormState | undefined;
}): SafeHtml {
  const { tr, iso3 } = input;
  const workshopOptions = [
    { value: '', label: tr.t('form.chooseOne') },
    ...input.workshops.map((workshop) => ({ value: String(workshop.id), label: workshopTitle(tr, workshop) })),
  ];
  return html`<h2 id="workshops-heading">${tr.t('pathfinders.workshop.heading')}</h2>
${input.workshops.length === 0 ? html`<p class="empty">${tr.t('pathfinders.workshop.none')}</p>` : ''}
${input.workshops.map((workshop) => {
  const requests = input.requests.filter((request) => request.workshopId === workshop.id);
  return html`<section class="workshop" aria-labelledby="workshop-${workshop.id}">
<h3 id="workshop-${workshop.id}">${workshopTitle(tr, workshop)}</h3>
${renderWorkshopFacts(tr, workshop)}
<p><a href="/admin/pathfinders/${iso3}/workshops/${workshop.id}">${tr.t('pathfinders.manage.correct')}<span class="visually-hidden"> ${workshopTitle(tr, workshop)}</span></a> · <a href="/admin/pathfinders/${iso3}/workshops/${workshop.id}/remove">${tr.t('pathfinders.manage.remove')}<span class="visually-hidden"> ${workshopTitle(tr, workshop)}</span></a></p>
${requests.length > 0 ? html`<h4>${tr.t('pathfinders.support.heading')}</h4><ul>${requests.map((request) => html`<li>${renderRequestSummary(tr, request)}</li>`)}</ul>` : ''}
</section>`;
})}
${renderWorkshopForm({ ...input, form: input.workshopForm })}
${input.workshops.length > 0 ? renderDocumentForm({ tr, csrf: input.csrf, iso3, options: workshopOptions, form: input.documentForm }) : ''}
${input.canRequestSupport && input.workshops.length > 0 ? renderSupportForm({ tr, csrf: input.csrf, iso3, options: workshopOptions, today: input.today, form: input.supportForm }) : ''}`;
}

function renderRequestSummary(tr: Translator, request: SupportRequest): SafeHtml {
  return html`<p>${tr.t('pathfinders.support.asked', { date: tr.formatDate(request.requestedAt), neededBy: day(tr, request.neededBy) })}</p>
${paragraphs(request.what)}
${
  request.answer
    ? html`<p><strong>${tr.t('pathfinders.support.answeredOn', { date: tr.formatDate(request.answeredAt ?? new Date()) })}</strong></p>${paragraphs(request.answer)}`
    : html`<p><strong>${tr.t('pathfinders.support.waiting')}</strong></p>`
}`;
}

function renderWorkshopForm(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  organizerChoices: readonly { id: number; name: string }[];
  form?: WorkshopFormState | undefined;
  edit?: { action: string; heading: string } | undefined;
}): SafeHtml {
  const { tr } = input;
  const errors = input.form?.errors ?? {};
  const values = input.form?.values ?? {};
  const labels: Record<string, string> = {
    held_on: tr.t('pathfinders.workshop.heldOn'),
    place: tr.t('pathfinders.workshop.place'),
    participants: tr.t('pathfinders.workshop.participants'),
    organizers: tr.t('pathfinders.workshop.organizers'),
    ...Object.fromEntries(
      LOCALES.map((locale) => [
        `outcomes_${locale}`,
        tr.t('pathfinders.workshop.outcomesIn', { language: tr.languageName(locale) }),
      ]),
    ),
  };
  return sectionForm({
    tr,
    csrf: input.csrf,
    id: 'workshop-form-heading',
    heading: input.edit?.heading ?? tr.t('pathfinders.workshop.record'),
    action: input.edit?.action ?? `/admin/pathfinders/${input.iso3}/workshops`,
    errors,
    labels,
    fields: html`${textField({ tr, name: 'held_on', type: 'date', label: labels.held_on!, hint: tr.t('pathfinders.workshop.heldOnHint'), value: values.held_on ?? '', errors, required: true })}
${textField({ tr, name: 'place', label: labels.place!, value: values.place, errors, required: true, maxLength: 200 })}
${textField({ tr, name: 'participants', label: labels.participants!, value: values.participants, errors, inputMode: 'numeric' })}
${organizerField({ tr, choices: input.organizerChoices, chosen: input.form?.organizers ?? [], errors })}
${LOCALES.map((locale) => optionalTextArea({ tr, name: `outcomes_${locale}`, label: labels[`outcomes_${locale}`]!, value: values[`outcomes_${locale}`], errors, lang: locale }))}`,
    submit: input.edit ? tr.t('pathfinders.manage.save') : tr.t('pathfinders.workshop.submit'),
  });
}

/** The page of one workshop: its form, filled with what is recorded (its documents stay as they are). */
export function renderWorkshopPage(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  workshop: Workshop;
  organizerChoices: readonly { id: number; name: string }[];
  form?: WorkshopFormState | undefined;
}): SafeHtml {
  const { tr, iso3, workshop } = input;
  const base = `/admin/pathfinders/${iso3}/workshops/${workshop.id}`;
  const form = input.form ?? {
    values: {
      held_on: workshop.heldOn,
      place: workshop.place,
      participants: workshop.participants === null ? '' : String(workshop.participants),
      outcomes_fr: workshop.outcomes.fr,
      outcomes_en: workshop.outcomes.en,
      outcomes_es: workshop.outcomes.es,
    },
    organizers: workshop.organizers.map((organizer) => String(organizer.id)),
    errors: {},
  };
  // A partner that left the directory stays a choice for the workshop it organised.
  const choices = [
    ...input.organizerChoices,
    ...workshop.organizers
      .filter((organizer) => !input.organizerChoices.some((choice) => choice.id === organizer.id))
      .map((organizer) => ({ id: organizer.id, name: organizer.name })),
  ];
  return renderRecordPage({
    tr,
    iso3,
    title: tr.t('pathfinders.manage.correctTitle', { what: workshopTitle(tr, workshop) }),
    form: renderWorkshopForm({
      tr,
      csrf: input.csrf,
      iso3,
      organizerChoices: choices,
      form,
      edit: { action: base, heading: tr.t('pathfinders.manage.correct') },
    }),
    removeHref: `${base}/remove`,
    anchor: 'workshops-heading',
  });
}

/** What the confirmation page says of a workshop before it is removed, with its documents. */
export function describeWorkshop(tr: Translator, workshop: Workshop): string {
  return workshopTitle(tr, workshop);
}

function renderDocumentForm(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  options: { value: string; label: string }[];
  form?: FormState | undefined;
}): SafeHtml {
  const { tr } = input;
  const errors = input.form?.errors ?? {};
  const labels = {
    document_workshop: tr.t('pathfinders.document.workshop'),
    document: tr.t('pathfinders.document.file'),
  };
  return sectionForm({
    tr,
    csrf: input.csrf,
    id: 'document-form-heading',
    heading: tr.t('pathfinders.document.heading'),
    action: `/admin/pathfinders/${input.iso3}/workshop-documents`,
    multipart: true,
    errors,
    labels,
    fields: html`${selectField({ tr, name: 'document_workshop', label: labels.document_workshop, value: input.form?.values.document_workshop ?? '', errors, required: true, options: input.options })}
${fileField({ tr, name: 'document', label: labels.document, hint: tr.t('pathfinders.document.hint'), accept: 'application/pdf,.pdf', errors })}`,
    submit: tr.t('pathfinders.document.submit'),
    secondary: true,
  });
}

function renderSupportForm(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  options: { value: string; label: string }[];
  today: string;
  form?: FormState | undefined;
}): SafeHtml {
  const { tr } = input;
  const errors = input.form?.errors ?? {};
  const values = input.form?.values ?? {};
  const labels = {
    support_workshop: tr.t('pathfinders.document.workshop'),
    what: tr.t('pathfinders.support.what'),
    needed_by: tr.t('pathfinders.support.neededBy'),
  };
  return sectionForm({
    tr,
    csrf: input.csrf,
    id: 'support-form-heading',
    heading: tr.t('pathfinders.support.request'),
    intro: tr.t('pathfinders.support.intro'),
    action: `/admin/pathfinders/${input.iso3}/support-requests`,
    errors,
    labels,
    fields: html`${selectField({ tr, name: 'support_workshop', label: labels.support_workshop, value: values.support_workshop ?? '', errors, required: true, options: input.options })}
${textArea({ tr, name: 'what', label: labels.what, hint: tr.t('pathfinders.support.whatHint'), value: values.what, errors, maxLength: 2000 })}
${textField({ tr, name: 'needed_by', type: 'date', label: labels.needed_by, hint: tr.t('pathfinders.support.neededByHint'), value: values.needed_by ?? '', errors, required: true })}`,
    submit: tr.t('pathfinders.support.submit'),
  });
}

/** The workshops on a country's public page: facts, organisers, outcomes and documents. */
export function renderPublicWorkshops(input: { tr: Translator; workshops: readonly Workshop[] }): SafeHtml {
  const { tr } = input;
  return html`<h2 id="workshops-heading">${tr.t('pathfinders.workshop.heading')}</h2>
${
  input.workshops.length === 0
    ? html`<p>${tr.t('pathfinders.workshop.none')}</p>`
    : input.workshops.map(
        (workshop) => html`<h3>${workshopTitle(tr, workshop)}</h3>
${renderWorkshopFacts(tr, workshop)}`,
      )
}`;
}

/** `/admin/support-requests`: the requests waiting for an answer, then the latest answered. */
export function renderSupportQueue(input: {
  tr: Translator;
  open: readonly SupportRequest[];
  answered: readonly SupportRequest[];
  answeredCountry?: string | undefined;
}): SafeHtml {
  const { tr } = input;
  const columns = [
    tr.t('pathfinders.field.country'),
    tr.t('pathfinders.workshop.heading'),
    tr.t('pathfinders.support.what'),
    tr.t('pathfinders.support.neededBy'),
    tr.t('pathfinders.support.requestedBy'),
  ];
  const cells = (request: SupportRequest) => [
    countryName({ iso3: request.iso3, locale: tr.locale }),
    workshopTitle(tr, request),
    request.what,
    day(tr, request.neededBy),
    request.requestedByName ?? '—',
  ];
  return html`<h1>${tr.t('pathfinders.support.queueTitle')}</h1>
${input.answeredCountry ? notice({ tr, key: 'pathfinders.support.done', values: { country: countryName({ iso3: input.answeredCountry, locale: tr.locale }) } }) : ''}
<h2>${tr.t('pathfinders.support.open')}</h2>
${dataTable({
  caption: tr.t('pathfinders.support.open'),
  captionHidden: true,
  columns: [...columns, ''],
  rows: input.open.map((request) => [
    ...cells(request),
    html`<a href="/admin/support-requests/${request.id}">${tr.t('pathfinders.support.answer')}</a>`,
  ]),
  empty: tr.t('pathfinders.support.openNone'),
})}
<h2>${tr.t('pathfinders.support.answeredHeading')}</h2>
${dataTable({
  caption: tr.t('pathfinders.support.answeredHeading'),
  captionHidden: true,
  columns: [...columns, tr.t('pathfinders.support.answerLabel')],
  rows: input.answered.map((request) => [...cells(request), request.answer ?? '']),
  empty: tr.t('pathfinders.support.answeredNone'),
})}`;
}

/** One request and, while it waits, the Secretariat's answer form. */
export function renderSupportRequest(input: {
  tr: Translator;
  csrf: string;
  request: SupportRequest;
  form?: FormState | undefined;
}): SafeHtml {
  const { tr, request } = input;
  const errors = input.form?.errors ?? {};
  const labels = { answer: tr.t('pathfinders.support.answerLabel') };
  return html`<p><a href="/admin/support-requests">${tr.t('pathfinders.support.back')}</a></p>
<h1>${tr.t('pathfinders.support.requestTitle', { country: countryName({ iso3: request.iso3, locale: tr.locale }) })}</h1>
<p><a href="/admin/pathfinders/${request.iso3}#workshop-${request.workshopId}">${workshopTitle(tr, request)}</a></p>
<p>${tr.t('pathfinders.support.requestedBy')}: ${request.requestedByName ?? '—'}</p>
${renderRequestSummary(tr, request)}
${
  request.answer
    ? ''
    : html`${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/support-requests/${request.id}/answer" novalidate>
${csrfField(input.csrf)}
${textArea({ tr, name: 'answer', label: labels.answer, hint: tr.t('pathfinders.support.answerHint'), value: input.form?.values.answer, errors, maxLength: 4000 })}
<button type="submit">${tr.t('pathfinders.support.answerSubmit')}</button>
</form>`
}`;
}
