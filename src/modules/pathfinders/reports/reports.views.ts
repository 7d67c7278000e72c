import { countryName } from '../../../i18n/countries.ts';
import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textArea, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { dataTable } from '../../../ui/tables.ts';
import type { FormState } from '../lifecycle/lifecycle.views.ts';
import { ROADMAP_ACTION_STATUSES } from '../roadmaps/roadmaps.table.ts';
import { ACTION_STATUS_LABELS } from '../roadmaps/roadmaps.views.ts';
import { reportLight, type ReportLight } from './reports.light.ts';
import type { ReportStatus } from './reports.table.ts';
import type { ReportRow, ReportView } from './reports.usecases.ts';

const LIGHT_LABELS: Record<ReportLight, MessageKey> = {
  green: 'pathfinders.light.green',
  amber: 'pathfinders.light.amber',
  red: 'pathfinders.light.red',
};

/** The light as words and a coloured mark: the colour is never the only sign. */
export function renderLight(input: { tr: Translator; dueOn: string | null; today: string }): SafeHtml {
  const { tr } = input;
  const light = reportLight(input);
  if (!light || !input.dueOn) return html`${tr.t('pathfinders.light.none')}`;
  return html`<span class="light light-${light}"><span class="swatch" aria-hidden="true"></span>${tr.t(LIGHT_LABELS[light])}</span> · ${tr.t(
    'pathfinders.light.due',
    { date: tr.formatDate(new Date(`${input.dueOn}T00:00:00Z`)) },
  )}`;
}

/** The yearly report section of a country's page: the light, and for the Secretariat the due day. */
export function renderReportSection(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  dueOn: string | null;
  today: string;
  canSetDue: boolean;
  form?: FormState | undefined;
}): SafeHtml {
  const { tr } = input;
  const errors = input.form?.errors ?? {};
  const labels = { due_on: tr.t('pathfinders.light.dueOn') };
  return html`<h2 id="report-heading">${tr.t('pathfinders.report.heading')}</h2>
${renderProgressLinks({ tr, iso3: input.iso3 })}
<p>${renderLight(input)}</p>
<p class="hint">${tr.t('pathfinders.light.rule')}</p>
${
  input.canSetDue
    ? html`${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/pathfinders/${input.iso3}/report-due" aria-labelledby="report-heading" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'due_on', type: 'date', label: labels.due_on, value: input.form?.values.due_on ?? input.dueOn ?? '', errors, required: true })}
<button type="submit" class="secondary">${tr.t('pathfinders.light.setDue')}</button>
</form>`
    : ''
}`;
}

/** What a country's public page says of its yearly report: the light and the due day. */
export function renderPublicReport(input: { tr: Translator; dueOn: string | null; today: string }): SafeHtml {
  return html`<h2>${input.tr.t('pathfinders.report.heading')}</h2>
<p>${renderLight(input)}</p>`;
}

const REPORT_STATUS_LABELS: Record<ReportStatus, MessageKey> = {
  draft: 'pathfinders.report.status.draft',
  submitted: 'pathfinders.report.status.submitted',
  acknowledged: 'pathfinders.report.status.acknowledged',
};

const REPORT_NOTICES = {
  started: 'pathfinders.report.done.started',
  saved: 'pathfinders.report.done.saved',
  submitted: 'pathfinders.report.done.submitted',
  attached: 'pathfinders.report.done.attached',
  acknowledged: 'pathfinders.report.done.acknowledged',
} as const satisfies Record<string, MessageKey>;
export type ReportNotice = keyof typeof REPORT_NOTICES;

const dayOf = (tr: Translator, value: string) => tr.formatDate(new Date(`${value}T00:00:00Z`));

/** Links from a country's back-office page to its roadmap and its reports. */
export function renderProgressLinks(input: { tr: Translator; iso3: string }): SafeHtml {
  const { tr, iso3 } = input;
  return html`<ul class="no-print">
<li><a href="/admin/pathfinders/${iso3}/roadmap">${tr.t('pathfinders.roadmap.linkFromCountry')}</a></li>
<li><a href="/admin/pathfinders/${iso3}/reports">${tr.t('pathfinders.report.linkFromCountry')}</a></li>
</ul>`;
}

/** Says that an illustrative report of the demonstration content is not the country's. */
function demoNotice(tr: Translator): SafeHtml {
  return html`<p class="notice" role="note">${tr.t('pathfinders.report.demoNotice')}</p>`;
}

function reportPath(iso3: string, id: number): string {
  return `/admin/pathfinders/${iso3}/reports/${id}`;
}

/** An acknowledged report's public page (printable), in the reader's language. */
export function publicReportPath(tr: Translator, report: { iso3: string; year: number }): string {
  return `/${tr.locale}/pathfinders/${report.iso3}/reports/${report.year}`;
}

/** `/admin/pathfinders/{ISO3}/reports`: the country's reports and the form that begins one. */
export function renderReportList(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  reports: readonly ReportRow[];
  hasRoadmap: boolean;
  thisYear: number;
  form?: FormState | undefined;
}): SafeHtml {
  const { tr, iso3 } = input;
  const country = countryName({ iso3, locale: tr.locale });
  const errors = input.form?.errors ?? {};
  const labels = { year: tr.t('pathfinders.report.year') };
  return html`<p><a href="/admin/pathfinders/${iso3}">${tr.t('pathfinders.roadmap.backToCountry', { country })}</a></p>
<h1>${tr.t('pathfinders.report.listTitle', { country })}</h1>
${dataTable({
  caption: tr.t('pathfinders.report.listTitle', { country }),
  captionHidden: true,
  empty: tr.t('pathfinders.report.none'),
  columns: [
    labels.year,
    tr.t('pathfinders.report.statusColumn'),
    tr.t('pathfinders.report.submittedOn'),
    tr.t('pathfinders.report.acknowledgedOn'),
  ],
  rows: input.reports.map((report) => [
    html`<a href="${reportPath(iso3, report.id)}">${tr.t('pathfinders.report.name', { year: report.year })}</a>${report.isDemo ? html` <span class="badge">${tr.t('pathfinders.demoBadge')}</span>` : ''}`,
    tr.t(REPORT_STATUS_LABELS[report.status]),
    report.submittedOn ? dayOf(tr, report.submittedOn) : '—',
    report.acknowledgedOn ? dayOf(tr, report.acknowledgedOn) : '—',
  ]),
})}
<h2 id="start-heading">${tr.t('pathfinders.report.start')}</h2>
${
  input.hasRoadmap
    ? html`<p>${tr.t('pathfinders.report.startIntro')}</p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/pathfinders/${iso3}/reports" aria-labelledby="start-heading" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'year', label: labels.year, value: input.form?.values.year ?? String(input.thisYear - 1), errors, required: true, inputMode: 'numeric', maxLength: 4 })}
<button type="submit">${tr.t('pathfinders.report.startSubmit')}</button>
</form>`
    : html`<p class="empty">${tr.t('pathfinders.report.noRoadmap')}</p>`
}`;
}

/** What the report says of each action, grouped by priority (read-only). */
function renderReportActions(input: { tr: Translator; view: ReportView; lang: string }): SafeHtml {
  const { tr, view } = input;
  return html`${view.roadmap.priorities.map(
    (priority) => html`<h3 lang="${view.roadmap.version.locale}">${priority.key} · ${priority.title}</h3>
${dataTable({
  caption: tr.t('pathfinders.roadmap.actionsOf', { priority: priority.title }),
  captionHidden: true,
  empty: tr.t('pathfinders.roadmap.noActions'),
  columns: [
    tr.t('pathfinders.roadmap.field.key'),
    tr.t('pathfinders.roadmap.field.title'),
    tr.t('pathfinders.roadmap.field.status'),
    tr.t('pathfinders.report.narrative'),
  ],
  rows: view.roadmap.actions
    .filter((action) => action.priorityKey === priority.key)
    .map((action) => {
      const said = view.actions.get(action.key);
      return [
        action.key,
        html`<span lang="${view.roadmap.version.locale}">${action.title}</span>`,
        tr.t(ACTION_STATUS_LABELS[said?.status ?? action.status]),
        said?.narrative ? html`<span lang="${input.lang}">${said.narrative}</span>` : '—',
      ];
    }),
})}`,
  )}`;
}

/** The form of a draft report: each action's status and narrative, the overall narrative. */
function renderReportForm(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  view: ReportView;
  form?: FormState | undefined;
}): SafeHtml {
  const { tr, view } = input;
  const errors = input.form?.errors ?? {};
  const values = input.form?.values;
  const labels: Record<string, string> = { overall_narrative: tr.t('pathfinders.report.overall') };
  for (const action of view.roadmap.actions) {
    labels[`status_${action.key}`] = tr.t('pathfinders.report.actionStatus', { key: action.key });
    labels[`narrative_${action.key}`] = tr.t('pathfinders.report.actionNarrative', { key: action.key });
  }
  return html`${errorSummary({ tr, errors, labels })}
<form method="post" action="${reportPath(input.iso3, view.report.id)}" aria-labelledby="report-form-heading" novalidate>
<h2 id="report-form-heading">${tr.t('pathfinders.report.formHeading')}</h2>
${csrfField(input.csrf)}
${view.roadmap.priorities.map(
  (
    priority,
  ) => html`<fieldset><legend lang="${view.roadmap.version.locale}">${priority.key} · ${priority.title}</legend>
${view.roadmap.actions
  .filter((action) => action.priorityKey === priority.key)
  .map((action) => {
    const said = view.actions.get(action.key);
    return html`<h3 lang="${view.roadmap.version.locale}">${action.key} · ${action.title}</h3>
${selectField({ tr, name: `status_${action.key}`, label: labels[`status_${action.key}`]!, value: values?.[`status_${action.key}`] ?? said?.status ?? action.status, errors, required: true, options: ROADMAP_ACTION_STATUSES.map((status) => ({ value: status, label: tr.t(ACTION_STATUS_LABELS[status]) })) })}
${textArea({ tr, name: `narrative_${action.key}`, label: labels[`narrative_${action.key}`]!, value: values?.[`narrative_${action.key}`] ?? said?.narrative ?? '', errors, maxLength: 5000 })}`;
  })}
</fieldset>`,
)}
${textArea({ tr, name: 'overall_narrative', label: labels.overall_narrative!, hint: tr.t('pathfinders.report.overallHint'), value: values?.overall_narrative ?? view.report.overallNarrative, errors, maxLength: 20000 })}
<p class="hint">${tr.t('pathfinders.report.submitHint')}</p>
<button type="submit" name="intent" value="save" class="secondary">${tr.t('pathfinders.report.save')}</button>
<button type="submit" name="intent" value="submit">${tr.t('pathfinders.report.submit')}</button>
</form>`;
}

/** `/admin/pathfinders/{ISO3}/reports/{id}`: the report, its form while a draft, its files, the acknowledgement. */
export function renderReportPage(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  view: ReportView;
  isSecretariat: boolean;
  done?: ReportNotice | undefined;
  form?: FormState | undefined;
  fileError?: MessageKey | undefined;
  acknowledgeForm?: FormState | undefined;
  maxMegabytes: number;
}): SafeHtml {
  const { tr, iso3, view } = input;
  const { report } = view;
  const country = countryName({ iso3, locale: tr.locale });
  const base = reportPath(iso3, report.id);
  const ackErrors = input.acknowledgeForm?.errors ?? {};
  return html`<p><a href="/admin/pathfinders/${iso3}/reports">${tr.t('pathfinders.report.backToList', { country })}</a></p>
<h1>${tr.t('pathfinders.report.title', { country, year: report.year })}</h1>
${report.isDemo ? demoNotice(tr) : ''}
${input.done ? notice({ tr, key: REPORT_NOTICES[input.done] }) : ''}
<dl class="facts">
<dt>${tr.t('pathfinders.report.statusColumn')}</dt><dd>${tr.t(REPORT_STATUS_LABELS[report.status])}</dd>
<dt>${tr.t('pathfinders.field.roadmapVersion')}</dt><dd>${view.roadmap.version.number}</dd>
${report.submittedOn ? html`<dt>${tr.t('pathfinders.report.submittedOn')}</dt><dd>${dayOf(tr, report.submittedOn)}</dd>` : ''}
${report.acknowledgedOn ? html`<dt>${tr.t('pathfinders.report.acknowledgedOn')}</dt><dd>${dayOf(tr, report.acknowledgedOn)}</dd>` : ''}
${report.acknowledgementNote ? html`<dt>${tr.t('pathfinders.report.note')}</dt><dd>${report.acknowledgementNote}</dd>` : ''}
</dl>
<p><a href="${base}/print">${tr.t('pathfinders.report.printLink')}</a> · <a href="${base}/actions.csv">${tr.t('pathfinders.report.csvLink')}</a></p>
<p class="hint">${tr.t('pathfinders.report.csvColumns')}</p>
${
  report.status === 'draft'
    ? renderReportForm({ tr, csrf: input.csrf, iso3, view, form: input.form })
    : html`${errorSummary({ tr, errors: input.form?.errors ?? {}, labels: {} })}
<h2>${tr.t('pathfinders.report.actionsHeading')}</h2>
${renderReportActions({ tr, view, lang: report.locale })}
<h2>${tr.t('pathfinders.report.overall')}</h2>
<p lang="${report.locale}" class="prose">${report.overallNarrative}</p>`
}
<h2 id="files-heading">${tr.t('pathfinders.report.files')}</h2>
${dataTable({
  caption: tr.t('pathfinders.report.files'),
  captionHidden: true,
  empty: tr.t('pathfinders.report.noFiles'),
  columns: [tr.t('pathfinders.report.fileName'), tr.t('pathfinders.report.fileSize')],
  rows: view.attachments.map((file) => [
    html`<a href="${base}/attachments/${file.id}">${file.fileName}</a>`,
    tr.t('pathfinders.report.kilobytes', { size: Math.max(1, Math.round(file.size / 1024)) }),
  ]),
})}
${
  report.status === 'draft'
    ? html`<form method="post" action="${base}/attachments" enctype="multipart/form-data" aria-labelledby="files-heading" novalidate>
${csrfField(input.csrf)}
<div class="field${input.fileError ? ' field-invalid' : ''}">
<label for="field-file">${tr.t('pathfinders.report.file')}</label>
<p class="hint" id="field-file-hint">${tr.t('pathfinders.report.fileHint', { size: input.maxMegabytes })}</p>
${input.fileError ? html`<p class="error" id="field-file-error">${tr.t(input.fileError)}</p>` : ''}
<input id="field-file" name="file" type="file" accept="application/pdf,.pdf" aria-describedby="field-file-hint${input.fileError ? ' field-file-error' : ''}"${input.fileError ? html` aria-invalid="true"` : ''}>
</div>
<button type="submit" class="secondary">${tr.t('pathfinders.report.attach')}</button>
</form>`
    : ''
}
${
  report.status === 'submitted' && input.isSecretariat
    ? html`<h2 id="acknowledge-heading">${tr.t('pathfinders.report.acknowledge')}</h2>
<p>${tr.t('pathfinders.report.acknowledgeIntro')}</p>
${errorSummary({ tr, errors: ackErrors, labels: { note: tr.t('pathfinders.report.note') } })}
<form method="post" action="${base}/acknowledge" aria-labelledby="acknowledge-heading" novalidate>
${csrfField(input.csrf)}
${textArea({ tr, name: 'note', label: tr.t('pathfinders.report.note'), value: input.acknowledgeForm?.values.note, errors: ackErrors, maxLength: 5000 })}
<button type="submit">${tr.t('pathfinders.report.acknowledgeSubmit')}</button>
</form>`
    : ''
}`;
}

/** The printable report: everything it says, on paper (the print stylesheet drops the menus). */
export function renderReportPrint(input: {
  tr: Translator;
  iso3: string;
  view: ReportView;
  /** Where the reader came from: the report in the back office, or the country's public page. */
  back?: { href: string; label: string; csv: string };
}): SafeHtml {
  const { tr, iso3, view } = input;
  const { report } = view;
  const country = countryName({ iso3, locale: tr.locale });
  const back = input.back ?? {
    href: reportPath(iso3, report.id),
    label: tr.t('pathfinders.report.backToReport'),
    csv: `${reportPath(iso3, report.id)}/actions.csv`,
  };
  return html`<p class="no-print"><a href="${back.href}">${back.label}</a> · <a href="${back.csv}">${tr.t('pathfinders.report.csvLink')}</a> · ${tr.t('pathfinders.report.printHint')}</p>
<article class="report-print">
<h1>${tr.t('pathfinders.report.title', { country, year: report.year })}</h1>
${report.isDemo ? demoNotice(tr) : ''}
<dl class="facts">
<dt>${tr.t('pathfinders.report.statusColumn')}</dt><dd>${tr.t(REPORT_STATUS_LABELS[report.status])}</dd>
<dt>${tr.t('pathfinders.field.roadmapVersion')}</dt><dd>${view.roadmap.version.number}${view.roadmap.version.adoptedOn ? ` (${dayOf(tr, view.roadmap.version.adoptedOn)})` : ''}</dd>
${report.submittedOn ? html`<dt>${tr.t('pathfinders.report.submittedOn')}</dt><dd>${dayOf(tr, report.submittedOn)}</dd>` : ''}
${report.acknowledgedOn ? html`<dt>${tr.t('pathfinders.report.acknowledgedOn')}</dt><dd>${dayOf(tr, report.acknowledgedOn)}</dd>` : ''}
</dl>
<h2>${tr.t('pathfinders.report.overall')}</h2>
<p lang="${report.locale}">${report.overallNarrative || '—'}</p>
<h2>${tr.t('pathfinders.report.actionsHeading')}</h2>
${renderReportActions({ tr, view, lang: report.locale })}
</article>`;
}

/** `/admin/pathfinders/reports`: submitted reports waiting for the Secretariat. */
export function renderWaitingReports(input: { tr: Translator; reports: readonly ReportRow[] }): SafeHtml {
  const { tr } = input;
  return html`<h1>${tr.t('pathfinders.report.queueTitle')}</h1>
${dataTable({
  caption: tr.t('pathfinders.report.queueTitle'),
  captionHidden: true,
  empty: tr.t('pathfinders.report.queueEmpty'),
  columns: [tr.t('pathfinders.field.country'), tr.t('pathfinders.report.year'), tr.t('pathfinders.report.submittedOn')],
  rows: input.reports.map((report) => [
    html`<a href="${reportPath(report.iso3, report.id)}">${countryName({ iso3: report.iso3, locale: tr.locale })}</a>`,
    String(report.year),
    report.submittedOn ? dayOf(tr, report.submittedOn) : '—',
  ]),
})}`;
}

/** The acknowledged reports on a country's public page: year, dates and the overall narrative. */
export function renderPublicReports(input: { tr: Translator; reports: readonly ReportView[] }): SafeHtml {
  const { tr } = input;
  return html`<h2>${tr.t('pathfinders.report.publicHeading')}</h2>
${
  input.reports.length === 0
    ? html`<p class="empty">${tr.t('pathfinders.report.publicNone')}</p>`
    : html`${input.reports.map(
        ({ report }) => html`<h3>${tr.t('pathfinders.report.name', { year: report.year })}</h3>
${
  // An illustrative report was never submitted nor acknowledged: no day is shown for it.
  report.isDemo
    ? demoNotice(tr)
    : html`<p class="small">${tr.t('pathfinders.report.publicDates', { submitted: report.submittedOn ? dayOf(tr, report.submittedOn) : '—', acknowledged: report.acknowledgedOn ? dayOf(tr, report.acknowledgedOn) : '—' })}</p>`
}
<p lang="${report.locale}">${report.overallNarrative}</p>
<p class="no-print"><a href="${publicReportPath(tr, report)}">${tr.t('pathfinders.report.printLink')}</a> · <a href="${publicReportPath(tr, report)}/actions.csv">${tr.t('pathfinders.report.csvLink')}</a></p>`,
      )}`
}`;
}

/**
 * The columns of a report's CSV of actions, one row per action of its roadmap version (documented
 * in decision 022): codes that stay the same in every language, and the reader’s words beside them.
 */
export const REPORT_CSV_HEADER = [
  'country_iso3',
  'country',
  'reporting_year',
  'report_status',
  'roadmap_version',
  'priority_key',
  'priority',
  'action_key',
  'action',
  'responsible_body',
  'start_date',
  'end_date',
  'budget_amount',
  'budget_currency',
  'status',
  'status_label',
  'narrative',
  'indicator_codes',
];

export function reportCsvRows(input: { tr: Translator; view: ReportView }): string[][] {
  const { tr, view } = input;
  const priorities = new Map(view.roadmap.priorities.map((priority) => [priority.key, priority]));
  return view.roadmap.actions.map((action) => {
    const said = view.actions.get(action.key);
    const status = said?.status ?? action.status;
    return [
      view.report.iso3,
      countryName({ iso3: view.report.iso3, locale: tr.locale }),
      String(view.report.year),
      view.report.status,
      String(view.roadmap.version.number),
      action.priorityKey,
      priorities.get(action.priorityKey)?.title ?? '',
      action.key,
      action.title,
      action.responsibleBody,
      action.startOn,
      action.endOn,
      action.budgetAmount ?? '',
      action.budgetCurrency ?? '',
      status,
      tr.t(ACTION_STATUS_LABELS[status]),
      said?.narrative ?? '',
      action.indicatorCodes.join(' '),
    ];
  });
}
