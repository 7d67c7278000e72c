import type { FieldErrors } from '../../../http/forms.ts';
import { countryName, countryOptions } from '../../../i18n/countries.ts';
import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, notice, selectField, textArea, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { dataTable } from '../../../ui/tables.ts';
import { formatRecordedDay, STAGE_LABELS } from '../pathfinders.labels.ts';
import { ALLOWED_MOVES } from './lifecycle.moves.ts';
import type { CountryListRow, CountryRecord, StageMove } from './lifecycle.usecases.ts';

/** A form's state after a refused submission: what was typed and what was wrong. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldErrors;
}

/** The Secretariat's list of countries on the path, and the form that adds one. */
export function renderCountryList(input: {
  tr: Translator;
  csrf: string;
  rows: CountryListRow[];
  today: string;
  form?: FormState | undefined;
  added?: string | undefined;
}): SafeHtml {
  const { tr } = input;
  const rows = [...input.rows].sort((a, b) =>
    countryName({ iso3: a.iso3, locale: tr.locale }).localeCompare(
      countryName({ iso3: b.iso3, locale: tr.locale }),
      tr.locale,
    ),
  );
  const errors = input.form?.errors ?? {};
  const values = input.form?.values ?? {};
  const labels = {
    country: tr.t('pathfinders.field.country'),
    on_date: tr.t('pathfinders.move.onDate'),
    note: tr.t('pathfinders.move.note'),
  };
  return html`<h1>${tr.t('admin.pathfinders')}</h1>
<p><a href="/admin/pathfinders/interests">${tr.t('pathfinders.interests.title')}</a></p>
${input.added ? html`<p class="flash flash-success" role="status">${tr.t('pathfinders.admin.added', { country: countryName({ iso3: input.added, locale: tr.locale }) })}</p>` : ''}
${
  rows.length === 0
    ? html`<p class="empty">${tr.t('pathfinders.admin.empty')}</p>`
    : dataTable({
        caption: tr.t('admin.pathfinders'),
        captionHidden: true,
        columns: [tr.t('pathfinders.field.country'), tr.t('pathfinders.field.stage'), tr.t('pathfinders.field.since')],
        rows: rows.map((row) => [
          html`<a href="/admin/pathfinders/${row.iso3}">${countryName({ iso3: row.iso3, locale: tr.locale })}</a>`,
          tr.t(STAGE_LABELS[row.stage]),
          formatRecordedDay({ tr, day: row.since, precision: row.sincePrecision ?? 'day' }),
        ]),
      })
}
<h2 id="add-heading">${tr.t('pathfinders.admin.addHeading')}</h2>
<p>${tr.t('pathfinders.admin.addIntro')}</p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/pathfinders" aria-labelledby="add-heading" novalidate>
${csrfField(input.csrf)}
${selectField({ tr, name: 'country', label: labels.country, value: values.country ?? '', errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...countryOptions(tr.locale)] })}
${textField({ tr, name: 'on_date', type: 'date', label: labels.on_date, hint: tr.t('pathfinders.move.onDateHint'), value: values.on_date ?? input.today, errors, required: true })}
${textArea({ tr, name: 'note', label: labels.note, hint: tr.t('pathfinders.move.noteHint'), value: values.note, errors, maxLength: 1000 })}
<button type="submit">${tr.t('pathfinders.admin.add')}</button>
</form>`;
}

/** The steps of a country, oldest first: stage, day, note, decision, source, who recorded it. */
export function renderTimelineTable(input: { tr: Translator; moves: StageMove[] }): SafeHtml {
  const { tr } = input;
  return dataTable({
    caption: tr.t('pathfinders.timeline.heading'),
    columns: [
      tr.t('pathfinders.field.stage'),
      tr.t('pathfinders.move.onDate'),
      tr.t('pathfinders.move.note'),
      tr.t('pathfinders.move.decision'),
      tr.t('pathfinders.source'),
      tr.t('pathfinders.move.recordedBy'),
    ],
    rows: input.moves.map((move) => [
      tr.t(STAGE_LABELS[move.stage]),
      formatRecordedDay({ tr, day: move.onDate, precision: move.datePrecision }),
      move.note,
      move.decisionReference
        ? `${move.decisionReference}${move.decisionDate ? ` (${tr.formatDate(new Date(`${move.decisionDate}T00:00:00Z`))})` : ''}`
        : '',
      move.sourceUrl ? html`<a href="${move.sourceUrl}" rel="noopener nofollow">${sourceHost(move.sourceUrl)}</a>` : '',
      move.recordedByName ?? tr.t('audit.actor.system'),
    ]),
  });
}

/** The host of a source's address, as a short link text. */
export function sourceHost(url: string): string {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** The country's stage, its history, and (for the Secretariat) the form that moves it along. */
export function renderLifecycleSection(input: {
  tr: Translator;
  csrf: string;
  country: CountryRecord;
  moves: StageMove[];
  canMove: boolean;
  today: string;
  form?: FormState | undefined;
}): SafeHtml {
  const { tr, country } = input;
  const errors = input.form?.errors ?? {};
  const values = input.form?.values ?? {};
  const next = ALLOWED_MOVES[country.stage];
  const labels = {
    stage: tr.t('pathfinders.move.stage'),
    on_date: tr.t('pathfinders.move.onDate'),
    note: tr.t('pathfinders.move.note'),
    decision_reference: tr.t('pathfinders.move.decisionReference'),
    decision_date: tr.t('pathfinders.move.decisionDate'),
  };
  return html`<h2 id="lifecycle-heading">${tr.t('pathfinders.timeline.heading')}</h2>
<p>${tr.t('pathfinders.admin.current', { stage: tr.t(STAGE_LABELS[country.stage]) })}</p>
${renderTimelineTable({ tr, moves: input.moves })}
${
  input.canMove
    ? html`<h3 id="move-heading">${tr.t('pathfinders.move.heading')}</h3>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/pathfinders/${country.iso3}/moves" aria-labelledby="move-heading" novalidate>
${csrfField(input.csrf)}
${selectField({ tr, name: 'stage', label: labels.stage, value: values.stage ?? '', errors, required: true, options: [{ value: '', label: tr.t('form.chooseOne') }, ...next.map((stage) => ({ value: stage, label: tr.t(STAGE_LABELS[stage]) }))] })}
${textField({ tr, name: 'on_date', type: 'date', label: labels.on_date, hint: tr.t('pathfinders.move.onDateHint'), value: values.on_date ?? input.today, errors, required: true })}
${textArea({ tr, name: 'note', label: labels.note, hint: tr.t('pathfinders.move.noteHint'), value: values.note, errors, maxLength: 1000 })}
${
  next.includes('status_granted')
    ? html`<fieldset><legend>${tr.t('pathfinders.move.decision')}</legend>
<p class="hint">${tr.t('pathfinders.move.decisionHint')}</p>
${textField({ tr, name: 'decision_reference', label: labels.decision_reference, value: values.decision_reference, errors, maxLength: 200 })}
${textField({ tr, name: 'decision_date', type: 'date', label: labels.decision_date, value: values.decision_date, errors })}
</fieldset>`
    : ''
}
<button type="submit">${tr.t('pathfinders.move.submit')}</button>
</form>`
    : ''
}
<p><a href="${localePath(tr.locale, `/pathfinders/${country.iso3}`)}">${tr.t('pathfinders.admin.publicPage')}</a></p>`;
}

/** What a country page can say after a change. */
export const COUNTRY_PAGE_NOTICES = [
  'moved',
  'focalPoint',
  'reportDue',
  'workshop',
  'document',
  'support',
  'instrument',
  'commitment',
  'ratification',
  'instrumentChanged',
  'workshopChanged',
  'removed',
] as const;
const NOTICES: Record<(typeof COUNTRY_PAGE_NOTICES)[number], MessageKey> = {
  moved: 'pathfinders.move.done',
  focalPoint: 'pathfinders.focalPoint.done',
  reportDue: 'pathfinders.light.done',
  workshop: 'pathfinders.workshop.done',
  document: 'pathfinders.document.done',
  support: 'pathfinders.support.sent',
  instrument: 'pathfinders.instrument.done',
  commitment: 'pathfinders.commitment.done',
  ratification: 'pathfinders.ratification.done',
  instrumentChanged: 'pathfinders.manage.doneInstrument',
  workshopChanged: 'pathfinders.manage.doneWorkshop',
  removed: 'pathfinders.manage.doneRemoved',
};

/** A country's page in the back office: its name, what just changed, and each part's section. */
export function renderCountryPage(input: {
  tr: Translator;
  iso3: string;
  done: (typeof COUNTRY_PAGE_NOTICES)[number] | undefined;
  sections: readonly SafeHtml[];
}): SafeHtml {
  const { tr } = input;
  return html`<p><a href="/admin/pathfinders">${tr.t('pathfinders.admin.back')}</a></p>
<h1>${countryName({ iso3: input.iso3, locale: tr.locale })}</h1>
${input.done ? notice({ tr, key: NOTICES[input.done] }) : ''}
${input.sections}`;
}

/** A focal point of several countries chooses one. */
export function renderOwnCountries(input: { tr: Translator; countries: readonly string[] }): SafeHtml {
  const { tr } = input;
  return html`<h1>${tr.t('pathfinders.admin.mine')}</h1>
${
  input.countries.length === 0
    ? html`<p class="empty">${tr.t('pathfinders.admin.empty')}</p>`
    : html`<ul>${input.countries.map((iso3) => html`<li><a href="/admin/pathfinders/${iso3}">${countryName({ iso3, locale: tr.locale })}</a></li>`)}</ul>`
}`;
}

/**
 * The page of one record of a country (a law, a commitment, a status, a workshop): its form to
 * correct it, and the link to the page that asks before removing it.
 */
export function renderRecordPage(input: {
  tr: Translator;
  iso3: string;
  title: string;
  form: SafeHtml;
  removeHref: string;
  anchor: string;
}): SafeHtml {
  const { tr } = input;
  return html`<p><a href="/admin/pathfinders/${input.iso3}#${input.anchor}">${tr.t('pathfinders.manage.back', { country: countryName({ iso3: input.iso3, locale: tr.locale }) })}</a></p>
<h1>${input.title}</h1>
${input.form}
<h2 id="remove-heading">${tr.t('pathfinders.manage.remove')}</h2>
<p><a href="${input.removeHref}" class="button danger">${tr.t('pathfinders.manage.removeThis')}</a></p>`;
}

/**
 * Asks before a record of a country is removed: what will go, and a button that says so. The
 * removal posts `confirm=yes`; without it, nothing is removed and this page comes back.
 */
export function renderRemovePage(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  what: string;
  explain: string;
  action: string;
  anchor: string;
}): SafeHtml {
  const { tr } = input;
  const back = `/admin/pathfinders/${input.iso3}#${input.anchor}`;
  return html`<p><a href="${back}">${tr.t('pathfinders.manage.back', { country: countryName({ iso3: input.iso3, locale: tr.locale }) })}</a></p>
<h1 id="remove-heading">${tr.t('pathfinders.manage.removeTitle', { what: input.what })}</h1>
<p>${input.explain}</p>
<form method="post" action="${input.action}" aria-labelledby="remove-heading">
${csrfField(input.csrf)}
<input type="hidden" name="confirm" value="yes">
<button type="submit" class="danger">${tr.t('pathfinders.manage.removeConfirm')}</button>
<a href="${back}" class="button secondary">${tr.t('pathfinders.manage.cancel')}</a>
</form>`;
}
