import type { Translator } from '../../../i18n/i18n.ts';
import { LANGUAGE_NAMES, LOCALES } from '../../../i18n/i18n.ts';
import { csrfField, errorSummary, selectField, textField } from '../../../ui/forms.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { dataTable } from '../../../ui/tables.ts';
import type { FormState } from '../lifecycle/lifecycle.views.ts';
import type { FocalPoint } from './focal-points.usecases.ts';

const day = (tr: Translator, value: string) => tr.formatDate(new Date(`${value}T00:00:00Z`));

/**
 * The focal point section of a country's page in the back office: the current focal point with
 * their contact details, those before them, and for the Secretariat the form that names one.
 */
export function renderFocalPointSection(input: {
  tr: Translator;
  csrf: string;
  iso3: string;
  focalPoints: FocalPoint[];
  canAppoint: boolean;
  today: string;
  form?: FormState | undefined;
}): SafeHtml {
  const { tr } = input;
  const current = input.focalPoints.find((entry) => entry.endedOn === null);
  const errors = input.form?.errors ?? {};
  const values = input.form?.values ?? {};
  const labels = {
    name: tr.t('pathfinders.focalPoint.name'),
    title: tr.t('pathfinders.focalPoint.title'),
    ministry: tr.t('pathfinders.focalPoint.ministry'),
    email: tr.t('pathfinders.focalPoint.email'),
    phone: tr.t('pathfinders.focalPoint.phone'),
    locale: tr.t('pathfinders.focalPoint.locale'),
    started_on: tr.t('pathfinders.focalPoint.startedOn'),
  };
  return html`<h2 id="focal-point-heading">${tr.t('pathfinders.focalPoint.heading')}</h2>
<p class="hint">${tr.t('pathfinders.focalPoint.privacy')}</p>
${
  current
    ? html`<dl class="facts">
<dt>${labels.name}</dt><dd>${current.name}</dd>
<dt>${labels.title}</dt><dd>${current.title}</dd>
<dt>${labels.ministry}</dt><dd>${current.ministry}</dd>
<dt>${labels.email}</dt><dd><a href="mailto:${current.email}">${current.email}</a></dd>
${current.phone ? html`<dt>${labels.phone}</dt><dd>${current.phone}</dd>` : ''}
<dt>${labels.started_on}</dt><dd>${day(tr, current.startedOn)}</dd>
</dl>`
    : html`<p class="empty">${tr.t('pathfinders.focalPoint.none')}</p>`
}
${
  input.focalPoints.length > 1
    ? dataTable({
        caption: tr.t('pathfinders.focalPoint.history'),
        columns: [labels.name, labels.ministry, labels.started_on, tr.t('pathfinders.focalPoint.endedOn')],
        rows: input.focalPoints
          .filter((entry) => entry.endedOn !== null)
          .map((entry) => [entry.name, entry.ministry, day(tr, entry.startedOn), day(tr, entry.endedOn!)]),
      })
    : ''
}
${
  input.canAppoint
    ? html`<h3 id="appoint-heading">${tr.t(current ? 'pathfinders.focalPoint.replace' : 'pathfinders.focalPoint.appoint')}</h3>
<p>${tr.t('pathfinders.focalPoint.appointIntro')}</p>
${errorSummary({ tr, errors, labels })}
<form method="post" action="/admin/pathfinders/${input.iso3}/focal-points" aria-labelledby="appoint-heading" novalidate>
${csrfField(input.csrf)}
${textField({ tr, name: 'name', label: labels.name, value: values.name, errors, required: true, autocomplete: 'off', maxLength: 120 })}
${textField({ tr, name: 'title', label: labels.title, value: values.title, errors, required: true, maxLength: 200 })}
${textField({ tr, name: 'ministry', label: labels.ministry, hint: tr.t('pathfinders.focalPoint.ministryHint'), value: values.ministry, errors, required: true, maxLength: 200 })}
${textField({ tr, name: 'email', type: 'email', label: labels.email, value: values.email, errors, required: true, autocomplete: 'off', maxLength: 254 })}
${textField({ tr, name: 'phone', label: labels.phone, value: values.phone, errors, maxLength: 40 })}
${selectField({ tr, name: 'locale', label: labels.locale, value: values.locale ?? tr.locale, errors, required: true, options: LOCALES.map((locale) => ({ value: locale, label: LANGUAGE_NAMES[locale] })) })}
${textField({ tr, name: 'started_on', type: 'date', label: labels.started_on, value: values.started_on ?? input.today, errors, required: true })}
<button type="submit">${tr.t(current ? 'pathfinders.focalPoint.replaceSubmit' : 'pathfinders.focalPoint.appointSubmit')}</button>
</form>`
    : ''
}`;
}

/** What a country's public page says of its focal point: the ministry only. */
export function renderPublicFocalPoint(input: { tr: Translator; ministry: string | null }): SafeHtml {
  const { tr } = input;
  return html`<h2>${tr.t('pathfinders.focalPoint.heading')}</h2>
<p>${input.ministry ? tr.t('pathfinders.focalPoint.public', { ministry: input.ministry }) : tr.t('pathfinders.focalPoint.publicNone')}</p>`;
}
