import type { FieldErrors } from '../../../http/forms.ts';
import { countryName } from '../../../i18n/countries.ts';
import { LANGUAGE_NAMES, LOCALES, type MessageKey, type Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { dataTable } from '../../../ui/tables.ts';
import type { FormState } from '../lifecycle/lifecycle.views.ts';
import type { ActionDiffField, FieldChange, ItemChanges, PriorityDiffField, RoadmapDiff } from './roadmaps.diff.ts';
import type { RoadmapAction, RoadmapPriority, RoadmapVersion, RoadmapView } from './roadmaps.usecases.ts';
import { ROADMAP_ACTION_STATUSES, type RoadmapActionStatus, type RoadmapVersionStatus } from './roadmaps.table.ts';

export const ACTION_STATUS_LABELS: Record<RoadmapActionStatus, MessageKey> = {
  planned: 'pathfinders.roadmap.status.planned',
  in_progress: 'pathfinders.roadmap.status.in_progress',
  completed: 'pathfinders.roadmap.status.completed',
  delayed: 'pathfinders.roadmap.status.delayed',
  cancelled: 'pathfinders.roadmap.status.cancelled',
};

const VERSION_STATUS_LABELS: Record<RoadmapVersionStatus, MessageKey> = {
  draft: 'pathfinders.roadmap.version.draft',
  adopted: 'pathfinders.roadmap.version.adopted',
  superseded: 'pathfinders.roadmap.version.superseded',
};

const FIELD_LABELS: Record<PriorityDiffField | ActionDiffField, MessageKey> = {
  title: 'pathfinders.roadmap.field.title',
  description: 'pathfinders.roadmap.field.description',
  priorityKey: 'pathfinders.roadmap.field.priority',
  responsibleBody: 'pathfinders.roadmap.field.responsible',
  startOn: 'pathfinders.roadmap.field.start',
  endOn: 'pathfinders.roadmap.field.end',
  budgetAmount: 'pathfinders.roadmap.field.amount',
  budgetCurrency: 'pathfinders.roadmap.field.currency',
  status: 'pathfinders.roadmap.field.status',
  indicatorCodes: 'pathfinders.roadmap.field.indicators',
};

const NOTICES = {
  draft: 'pathfinders.roadmap.done.draft',
  priority: 'pathfinders.roadmap.done.priority',
  action: 'pathfinders.roadmap.done.action',
  removed: 'pathfinders.roadmap.done.removed',
  adopted: 'pathfinders.roadmap.done.adopted',
} as const satisfies Record<string, MessageKey>;
export type RoadmapNotice = keyof typeof NOTICES;

const day = (tr: Translator, value: string) => tr.formatDate(new Date(`${value}T00:00:00Z`));

/** Says that an illustrative roadmap of the demonstration content is not the country's. */
function demoNotice(tr: Translator): SafeHtml {
  return html`<p class="notice" role="note">${tr.t('pathfinders.roadmap.demoNotice')}</p>`;
}

/** A budget in its currency, in the reader's way of writing numbers (empty when none is given). */
export function formatBudget(tr: Translator, action: Pick<RoadmapAction, 'budgetAmount' | 'budgetCurrency'>): string {
  if (action.budgetAmount === null || action.budgetCurrency === null) return '—';
  return new Intl.NumberFormat(tr.locale, { style: 'currency', currency: action.budgetCurrency }).format(
    Number(action.budgetAmount),
  );
}

/** The indicator codes of an action, each linked to its data page. */
export function indicatorLinks(tr: Translator, codes: readonly string[]): SafeHtml | string {
  if (codes.length === 0) return '—';
  return html`${codes.map(
    (code, index) =>
      html`${index > 0 ? ', ' : ''}<a href="${localePath(tr.locale, `/data/${encodeURIComponent(code)}`)}">${code}</a>`,
  )}`;
}

function versionName(tr: Translator, version: RoadmapVersion): string {
  return tr.t('pathfinders.roadmap.versionName', {
    number: version.number,
    status: tr.t(VERSION_STATUS_LABELS[version.status]),
  });
}

/** The form fields of an action (adding one, or changing one of the draft). */
function actionFields(input: {
  tr: Translator;
  priorities: readonly RoadmapPriority[];
  values: Record<string, string>;
  errors: FieldErrors;
}): SafeHtml {
  const { tr, values, errors } = input;
  const labels = actionLabels(tr);
  return html`${selectField({ tr, name: 'priority', label: labels.priority, value: values.priority ?? '', errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...input.priorities.map((priority) => ({ value: priority.key, label: `${priority.key} · ${priority.title}` }))] })}
${textField({ tr, name: 'title', label: labels.title, value: values.title, errors, required: true, maxLength: 300 })}
${textField({ tr, name: 'responsible_body', label: labels.responsible_body, hint: tr.t('pathfinders.roadmap.responsibleHint'), value: values.responsible_body, errors, required: true, maxLength: 300 })}
${textField({ tr, name: 'start_on', type: 'date', label: labels.start_on, value: values.start_on, errors, required: true })}
${textField({ tr, name: 'end_on', type: 'date', label: labels.end_on, value: values.end_on, errors, required: true })}
${textField({ tr, name: 'budget_amount', label: labels.budget_amount, hint: tr.t('pathfinders.roadmap.amountHint'), value: values.budget_amount, errors, inputMode: 'text', maxLength: 20 })}
${textField({ tr, name: 'budget_currency', label: labels.budget_currency, hint: tr.t('pathfinders.roadmap.currencyHint'), value: values.budget_currency, errors, maxLength: 3 })}
${selectField({ tr, name: 'status', label: labels.status, value: values.status ?? 'planned', errors, required: true, options: ROADMAP_ACTION_STATUSES.map((status) => ({ value: status, label: tr.t(ACTION_STATUS_LABELS[status]) })) })}
${textField({ tr, name: 'indicator_codes', label: labels.indicator_codes, hint: tr.t('pathfinders.roadmap.indicatorsHint'), value: values.indicator_codes, errors, maxLength: 500 })}`;
}

function actionLabels(tr: Translator) {
  return {
    priority: tr.t(FIELD_LABELS.priorityKey),
    title: tr.t(FIELD_LABELS.title),
    responsible_body: tr.t(FIELD_LABELS.responsibleBody),
    start_on: tr.t(FIELD_LABELS.startOn),
    end_on: tr.t(FIELD_LABELS.endOn),
    budget_amount: tr.t(FIELD_LABELS.budgetAmount),
    budget_currency: tr.t(FIELD_LABELS.budgetCurrency),
    status: tr.t(FIELD_LABELS.status),
    indicator_codes: tr.t(FIELD_LABELS.indicatorCodes),
  };
}

/** An action's stored values as the form shows them. */
export function actionFormValues(action: RoadmapAction): Record<string, string> {
  return {
    priority: action.priorityKey,
    title: action.title,
    responsible_body: action.responsibleBody,
    start_on: action.startOn,
    end_on: action.endOn,
    budget_amount: action.budgetAmount ?? '',
    budget_currency: action.budgetCurrency ?? '',
    status: action.status,
    indicator_codes: action.indicatorCodes.join(', '),
  };
}

/** The actions of one priority as a table; in a draft each links to its form. */
function actionsTable(input: {
  tr: Translator;
  iso3: string;
  priority: RoadmapPriority;
  actions: readonly RoadmapAction[];
  editable: boolean;
  lang: string;
}): SafeHtml {
  const { tr } = input;
  return dataTable({
    caption: tr.t('pathfinders.roadmap.actionsOf', { priority: `${input.priority.key} · ${input.priority.title}` }),
    captionHidden: true,
    empty: tr.t('pathfinders.roadmap.noActions'),
    columns: [
      tr.t('pathfinders.roadmap.field.key'),
      tr.t(FIELD_LABELS.title),
      tr.t(FIELD_LABELS.responsibleBody),
      tr.t('pathfinders.roadmap.field.period'),
      tr.t('pathfinders.roadmap.field.budget'),
      tr.t(FIELD_LABELS.status),
      tr.t(FIELD_LABELS.indicatorCodes),
    ],
    rows: input.actions.map((action) => [
      input.editable
        ? html`<a href="/admin/pathfinders/${input.iso3}/roadmap/actions/${action.id}" aria-label="${tr.t('pathfinders.roadmap.editAction', { key: action.key })}">${action.key}</a>`
        : action.key,
      html`<span lang="${input.lang}">${action.title}</span>`,
      html`<span lang="${input.lang}">${action.responsibleBody}</span>`,
      `${day(tr, action.startOn)} – ${day(tr, action.endOn)}`,
      formatBudget(tr, action),
      tr.t(ACTION_STATUS_LABELS[action.status]),
      indicatorLinks(tr, action.indicatorCodes),
    ]),
  });
}

/** One version's priorities, each with its actions. */
function renderContent(input: { tr: Translator; iso3: string; view: RoadmapView; editable: boolean }): SafeHtml {
  const { tr, view } = input;
  if (view.priorities.length === 0) return html`<p class="empty">${tr.t('pathfinders.roadmap.noPriorities')}</p>`;
  return html`${view.priorities.map(
    (priority) => html`<section class="roadmap-priority">
<h3><span lang="${view.version.locale}">${priority.key} · ${priority.title}</span>${
      input.editable
        ? html` <a class="small" href="/admin/pathfinders/${input.iso3}/roadmap/priorities/${priority.id}">${tr.t('pathfinders.roadmap.editPriority', { key: priority.key })}</a>`
        : ''
    }</h3>
${priority.description ? html`<p lang="${view.version.locale}">${priority.description}</p>` : ''}
${actionsTable({ tr, iso3: input.iso3, priority, actions: view.actions.filter((action) => action.priorityKey === priority.key), editable: input.editable, lang: view.version.locale })}
</section>`,
  )}`;
}

/** `/admin/pathfinders/{ISO3}/roadmap`: the versions, the one shown, and in a draft the forms that edit it. */
export function renderRoadmapPage(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  versions: readonly RoadmapVersion[];
  shown: RoadmapView | null;
  isSecretariat: boolean;
  done?: RoadmapNotice | undefined;
  draftForm?: FormState | undefined;
  priorityForm?: FormState | undefined;
  actionForm?: FormState | undefined;
}): SafeHtml {
  const { tr, iso3, shown } = input;
  const hasDraft = input.versions.some((version) => version.status === 'draft');
  const editable = shown?.version.status === 'draft';
  const country = countryName({ iso3, locale: tr.locale });
  const priorityErrors = input.priorityForm?.errors ?? {};
  const actionErrors = input.actionForm?.errors ?? {};
  const draftErrors = input.draftForm?.errors ?? {};
  const priorityLabels = {
    priority_title: tr.t(FIELD_LABELS.title),
    priority_description: tr.t(FIELD_LABELS.description),
  };
  return html`<p><a href="/admin/pathfinders/${iso3}">${tr.t('pathfinders.roadmap.backToCountry', { country })}</a></p>
<h1>${tr.t('pathfinders.roadmap.title', { country })}</h1>
${input.done ? notice({ tr, key: NOTICES[input.done] }) : ''}
<p>${tr.t('pathfinders.roadmap.intro')}</p>
<h2 id="versions-heading">${tr.t('pathfinders.roadmap.versions')}</h2>
${dataTable({
  caption: tr.t('pathfinders.roadmap.versions'),
  captionHidden: true,
  empty: tr.t('pathfinders.roadmap.none'),
  columns: [
    tr.t('pathfinders.roadmap.field.version'),
    tr.t('pathfinders.roadmap.field.adoptedOn'),
    tr.t('pathfinders.roadmap.field.language'),
    tr.t('pathfinders.roadmap.field.actions'),
  ],
  rows: input.versions.map((version) => [
    html`<a href="/admin/pathfinders/${iso3}/roadmap?version=${version.number}"${version.id === shown?.version.id ? html` aria-current="page"` : ''}>${versionName(tr, version)}</a>${version.isDemo ? html` <span class="badge">${tr.t('pathfinders.demoBadge')}</span>` : ''}`,
    version.adoptedOn ? day(tr, version.adoptedOn) : '—',
    LANGUAGE_NAMES[version.locale as (typeof LOCALES)[number]] ?? version.locale,
    input.isSecretariat && version.number > 1
      ? html`<a href="/admin/pathfinders/${iso3}/roadmap/diff?from=${version.number - 1}&amp;to=${version.number}">${tr.t('pathfinders.roadmap.compareWithPrevious')}</a>`
      : '—',
  ]),
})}
${errorSummary({ tr, errors: draftErrors, labels: { locale: tr.t('pathfinders.roadmap.field.language') } })}
${
  hasDraft
    ? ''
    : html`<h2 id="start-heading">${tr.t(input.versions.length === 0 ? 'pathfinders.roadmap.startFirst' : 'pathfinders.roadmap.startNext')}</h2>
<p>${tr.t(input.versions.length === 0 ? 'pathfinders.roadmap.startFirstIntro' : 'pathfinders.roadmap.startNextIntro')}</p>
<form method="post" action="/admin/pathfinders/${iso3}/roadmap" aria-labelledby="start-heading" novalidate>
${csrfField(input.csrf)}
${selectField({ tr, name: 'locale', label: tr.t('pathfinders.roadmap.field.language'), value: input.draftForm?.values.locale ?? tr.locale, errors: draftErrors, required: true, options: LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale] })) })}
<button type="submit">${tr.t('pathfinders.roadmap.start')}</button>
</form>`
}
${
  shown
    ? html`<h2 id="shown-heading">${versionName(tr, shown.version)}</h2>
${shown.version.isDemo ? demoNotice(tr) : ''}
${
  editable && input.isSecretariat
    ? html`<p><a href="/admin/pathfinders/${iso3}/roadmap/diff">${tr.t('pathfinders.roadmap.compareDraft')}</a> · <a href="/admin/pathfinders/${iso3}/roadmap/adopt">${tr.t('pathfinders.roadmap.adoptLink')}</a></p>`
    : ''
}
${renderContent({ tr, iso3, view: shown, editable })}
${
  editable
    ? html`<h2 id="priority-heading">${tr.t('pathfinders.roadmap.addPriority')}</h2>
${errorSummary({ tr, errors: priorityErrors, labels: priorityLabels })}
<form method="post" action="/admin/pathfinders/${iso3}/roadmap/priorities" aria-labelledby="priority-heading" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'priority_title', label: priorityLabels.priority_title, value: input.priorityForm?.values.priority_title, errors: priorityErrors, required: true, maxLength: 300 })}
${optionalArea({ tr, name: 'priority_description', label: priorityLabels.priority_description, value: input.priorityForm?.values.priority_description, errors: priorityErrors })}
<button type="submit">${tr.t('pathfinders.roadmap.addPrioritySubmit')}</button>
</form>
${
  shown.priorities.length > 0
    ? html`<h2 id="action-heading">${tr.t('pathfinders.roadmap.addAction')}</h2>
${errorSummary({ tr, errors: actionErrors, labels: actionLabels(tr) })}
<form method="post" action="/admin/pathfinders/${iso3}/roadmap/actions" aria-labelledby="action-heading" novalidate>
${csrfField(input.csrf)}
${actionFields({ tr, priorities: shown.priorities, values: input.actionForm?.values ?? {}, errors: actionErrors })}
<button type="submit">${tr.t('pathfinders.roadmap.addActionSubmit')}</button>
</form>`
    : ''
}`
    : ''
}`
    : ''
}`;
}

/** A text area that may stay empty. */
function optionalArea(input: {
  tr: Translator;
  name: string;
  label: string;
  value: string | undefined;
  errors: FieldErrors;
}): SafeHtml {
  const error = input.errors[input.name];
  const id = `field-${input.name}`;
  return html`<div class="field${error ? ' field-invalid' : ''}">
<label for="${id}">${input.label} <span class="optional">(${input.tr.t('form.optional')})</span></label>
${error ? html`<p class="error" id="${id}-error">${input.tr.t(error.key, error.values)}</p>` : ''}
<textarea id="${id}" name="${input.name}" rows="4" maxlength="2000"${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}>${input.value ?? ''}</textarea>
</div>`;
}

/** The button that takes a priority or an action out of the draft, with what that does. */
function removeForm(input: {
  tr: Translator;
  csrf: string;
  action: string;
  heading: MessageKey;
  explain: MessageKey;
}): SafeHtml {
  const { tr } = input;
  return html`<h2 id="remove-heading">${tr.t(input.heading)}</h2>
<p>${tr.t(input.explain)}</p>
<form method="post" action="${input.action}" aria-labelledby="remove-heading">
${csrfField(input.csrf)}
<input type="hidden" name="confirm" value="yes">
<button type="submit" class="danger">${tr.t(input.heading)}</button>
</form>`;
}

/** The form of one priority of the draft, and the button that removes it with its actions. */
export function renderPriorityPage(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  priority: RoadmapPriority;
  form?: FormState | undefined;
}): SafeHtml {
  const { tr, iso3, priority } = input;
  const errors = input.form?.errors ?? {};
  const values = input.form?.values ?? { priority_title: priority.title, priority_description: priority.description };
  const labels = { priority_title: tr.t(FIELD_LABELS.title), priority_description: tr.t(FIELD_LABELS.description) };
  return html`<p><a href="/admin/pathfinders/${iso3}/roadmap">${tr.t('pathfinders.roadmap.backToRoadmap')}</a></p>
<h1>${tr.t('pathfinders.roadmap.editPriority', { key: priority.key })}</h1>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/pathfinders/${iso3}/roadmap/priorities/${priority.id}" aria-labelledby="save-heading" novalidate>
<h2 id="save-heading" class="visually-hidden">${tr.t('pathfinders.roadmap.save')}</h2>
${csrfField(input.csrf)}
${textField({ tr, name: 'priority_title', label: labels.priority_title, value: values.priority_title, errors, required: true, maxLength: 300 })}
${optionalArea({ tr, name: 'priority_description', label: labels.priority_description, value: values.priority_description, errors })}
<button type="submit">${tr.t('pathfinders.roadmap.save')}</button>
</form>
${removeForm({ tr, csrf: input.csrf, action: `/admin/pathfinders/${iso3}/roadmap/priorities/${priority.id}/remove`, heading: 'pathfinders.roadmap.removePriority', explain: 'pathfinders.roadmap.removePriorityExplain' })}`;
}

/** The form of one action of the draft, and the button that removes it. */
export function renderActionPage(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  action: RoadmapAction;
  priorities: readonly RoadmapPriority[];
  form?: FormState | undefined;
}): SafeHtml {
  const { tr, iso3, action } = input;
  const errors = input.form?.errors ?? {};
  return html`<p><a href="/admin/pathfinders/${iso3}/roadmap">${tr.t('pathfinders.roadmap.backToRoadmap')}</a></p>
<h1>${tr.t('pathfinders.roadmap.editAction', { key: action.key })}</h1>
${errorSummary({ tr, errors, labels: actionLabels(tr) })}
<form method="post" action="/admin/pathfinders/${iso3}/roadmap/actions/${action.id}" aria-labelledby="save-heading" novalidate>
<h2 id="save-heading" class="visually-hidden">${tr.t('pathfinders.roadmap.save')}</h2>
${csrfField(input.csrf)}
${actionFields({ tr, priorities: input.priorities, values: input.form?.values ?? actionFormValues(action), errors })}
<button type="submit">${tr.t('pathfinders.roadmap.save')}</button>
</form>
${removeForm({ tr, csrf: input.csrf, action: `/admin/pathfinders/${iso3}/roadmap/actions/${action.id}/remove`, heading: 'pathfinders.roadmap.removeAction', explain: 'pathfinders.roadmap.removeActionExplain' })}`;
}

function changeValue(tr: Translator, field: PriorityDiffField | ActionDiffField, value: string): string {
  if (value === '') return '—';
  if (field === 'status' && value in ACTION_STATUS_LABELS) {
    return tr.t(ACTION_STATUS_LABELS[value as RoadmapActionStatus]);
  }
  if ((field === 'startOn' || field === 'endOn') && /^\d{4}-\d{2}-\d{2}$/.test(value)) return day(tr, value);
  return value;
}

function renderChanges<Field extends PriorityDiffField | ActionDiffField>(input: {
  tr: Translator;
  heading: MessageKey;
  changes: ItemChanges<Field>;
}): SafeHtml {
  const { tr, changes } = input;
  const item = (entry: { key: string; title: string }) => html`<li>${entry.key} · ${entry.title}</li>`;
  const row = (key: string, change: FieldChange<Field>) => [
    key,
    tr.t(FIELD_LABELS[change.field]),
    changeValue(tr, change.field, change.before),
    changeValue(tr, change.field, change.after),
  ];
  return html`<h2>${tr.t(input.heading)}</h2>
<h3>${tr.t('pathfinders.roadmap.diff.added')}</h3>
${changes.added.length > 0 ? html`<ul class="diff-added">${changes.added.map(item)}</ul>` : html`<p class="empty">${tr.t('pathfinders.roadmap.diff.nothing')}</p>`}
<h3>${tr.t('pathfinders.roadmap.diff.removed')}</h3>
${changes.removed.length > 0 ? html`<ul class="diff-removed">${changes.removed.map(item)}</ul>` : html`<p class="empty">${tr.t('pathfinders.roadmap.diff.nothing')}</p>`}
<h3>${tr.t('pathfinders.roadmap.diff.changed')}</h3>
${dataTable({
  caption: tr.t('pathfinders.roadmap.diff.changed'),
  captionHidden: true,
  empty: tr.t('pathfinders.roadmap.diff.nothing'),
  columns: [
    tr.t('pathfinders.roadmap.field.key'),
    tr.t('pathfinders.roadmap.diff.field'),
    tr.t('pathfinders.roadmap.diff.before'),
    tr.t('pathfinders.roadmap.diff.after'),
  ],
  rows: changes.changed.flatMap((entry) => entry.fields.map((change) => row(`${entry.key} · ${entry.title}`, change))),
})}`;
}

/** The differences between two versions, priorities then actions. */
export function renderDiffBody(input: { tr: Translator; diff: RoadmapDiff }): SafeHtml {
  return html`${renderChanges({ tr: input.tr, heading: 'pathfinders.roadmap.diff.priorities', changes: input.diff.priorities })}
${renderChanges({ tr: input.tr, heading: 'pathfinders.roadmap.diff.actions', changes: input.diff.actions })}`;
}

/** `/admin/pathfinders/{ISO3}/roadmap/diff`: choose two versions, see what changed. */
export function renderDiffPage(input: {
  tr: Translator;
  iso3: string;
  versions: readonly RoadmapVersion[];
  from: RoadmapVersion | null;
  to: RoadmapVersion;
  diff: RoadmapDiff;
}): SafeHtml {
  const { tr, iso3 } = input;
  const options = input.versions.map((version) => ({ value: String(version.number), label: versionName(tr, version) }));
  return html`<p><a href="/admin/pathfinders/${iso3}/roadmap">${tr.t('pathfinders.roadmap.backToRoadmap')}</a></p>
<h1>${tr.t('pathfinders.roadmap.diff.title', { country: countryName({ iso3, locale: tr.locale }) })}</h1>
<form method="get" action="/admin/pathfinders/${iso3}/roadmap/diff" class="filters">
${selectField({ tr, name: 'from', label: tr.t('pathfinders.roadmap.diff.from'), value: input.from ? String(input.from.number) : '', options: [{ value: '', label: tr.t('pathfinders.roadmap.diff.empty') }, ...options] })}
${selectField({ tr, name: 'to', label: tr.t('pathfinders.roadmap.diff.to'), value: String(input.to.number), required: true, options })}
<div class="field"><button type="submit" class="secondary">${tr.t('pathfinders.roadmap.diff.compare')}</button></div>
</form>
<p role="status">${tr.t('pathfinders.roadmap.diff.summary', { from: input.from ? versionName(tr, input.from) : tr.t('pathfinders.roadmap.diff.empty'), to: versionName(tr, input.to) })}</p>
${renderDiffBody({ tr, diff: input.diff })}`;
}

/** The step before adopting: what adopting does, what changes against the adopted version, and the button. */
export function renderAdoptPage(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  draft: RoadmapVersion;
  from: RoadmapVersion | null;
  diff: RoadmapDiff;
  today: string;
  form?: FormState | undefined;
}): SafeHtml {
  const { tr, iso3 } = input;
  const errors = input.form?.errors ?? {};
  const labels = { adopted_on: tr.t('pathfinders.roadmap.field.adoptedOn') };
  return html`<p><a href="/admin/pathfinders/${iso3}/roadmap">${tr.t('pathfinders.roadmap.backToRoadmap')}</a></p>
<h1>${tr.t('pathfinders.roadmap.adoptTitle', { number: input.draft.number, country: countryName({ iso3, locale: tr.locale }) })}</h1>
<p>${tr.t(input.from ? 'pathfinders.roadmap.adoptExplainNext' : 'pathfinders.roadmap.adoptExplainFirst', { number: input.from?.number ?? 0 })}</p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/pathfinders/${iso3}/roadmap/adopt" aria-labelledby="adopt-heading" novalidate>
<h2 id="adopt-heading" class="visually-hidden">${tr.t('pathfinders.roadmap.adoptConfirm')}</h2>
${csrfField(input.csrf)}
<input type="hidden" name="confirm" value="yes">
${textField({ tr, name: 'adopted_on', type: 'date', label: labels.adopted_on, value: input.form?.values.adopted_on ?? input.today, errors, required: true })}
<button type="submit">${tr.t('pathfinders.roadmap.adoptConfirm')}</button>
<a href="/admin/pathfinders/${iso3}/roadmap" class="button secondary">${tr.t('pathfinders.roadmap.adoptCancel')}</a>
</form>
${renderDiffBody({ tr, diff: input.diff })}`;
}

/**
 * The adopted roadmap on a country's public page: each priority and its actions, with the status
 * of the latest acknowledged report where it gives one, and the indicators linked to their pages.
 */
export function renderPublicRoadmap(input: {
  tr: Translator;
  roadmap: RoadmapView | null;
  statuses: ReadonlyMap<string, RoadmapActionStatus>;
  statusYear: number | null;
}): SafeHtml {
  const { tr, roadmap } = input;
  if (!roadmap) {
    return html`<h2 id="roadmap">${tr.t('pathfinders.roadmap.publicHeading')}</h2>
<p class="empty">${tr.t('pathfinders.roadmap.publicNone')}</p>`;
  }
  const lang = roadmap.version.locale;
  return html`<h2 id="roadmap">${tr.t('pathfinders.roadmap.publicHeading')}</h2>
${roadmap.version.isDemo ? demoNotice(tr) : ''}
<p>${
    // An illustrative roadmap was never adopted: no day is shown for it.
    roadmap.version.isDemo
      ? ''
      : tr.t('pathfinders.roadmap.publicAdopted', {
          number: roadmap.version.number,
          date: roadmap.version.adoptedOn ? day(tr, roadmap.version.adoptedOn) : '—',
        })
  }
${input.statusYear ? tr.t('pathfinders.roadmap.publicStatusFrom', { year: input.statusYear }) : tr.t('pathfinders.roadmap.publicStatusPlanned')}</p>
${roadmap.priorities.map(
  (priority) => html`<h3 lang="${lang}">${priority.title}</h3>
${priority.description ? html`<p lang="${lang}">${priority.description}</p>` : ''}
<ul class="roadmap-actions">${roadmap.actions
    .filter((action) => action.priorityKey === priority.key)
    .map(
      (action) => html`<li><strong lang="${lang}">${action.title}</strong>
<br>${tr.t(ACTION_STATUS_LABELS[input.statuses.get(action.key) ?? action.status])} · <span lang="${lang}">${action.responsibleBody}</span> · ${day(tr, action.startOn)} – ${day(tr, action.endOn)}${action.budgetAmount !== null ? html` · ${formatBudget(tr, action)}` : ''}${action.indicatorCodes.length > 0 ? html`<br>${tr.t('pathfinders.roadmap.field.indicators')}: ${indicatorLinks(tr, action.indicatorCodes)}` : ''}</li>`,
    )}</ul>`,
)}`;
}
