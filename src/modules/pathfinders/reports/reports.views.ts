import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import type { FormState } from '../lifecycle/lifecycle.views.ts';
import { reportLight, type ReportLight } from './reports.light.ts';

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
