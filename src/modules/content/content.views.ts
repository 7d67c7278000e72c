import { LANGUAGE_NAMES, type Translator } from '../../i18n/i18n.ts';
import { seriesTable, stepChart } from '../../ui/charts.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { localePath } from '../../ui/layout.ts';
import type { Counters } from '../stats/index.ts';
import { deadlineStatus } from '../../ui/dates.ts';
import { TARGET_DEADLINES, type HeadlineFigure, type PageForReader } from './content.usecases.ts';

function notices(tr: Translator, page: PageForReader): SafeHtml {
  return html`${page.isDemo ? html`<p class="notice" role="note">${tr.t('content.demoNotice')}</p>` : ''}${
    page.isFallback
      ? html`<p class="notice" role="note">${tr.t('content.fallbackNotice', { language: tr.languageName(page.locale) })}</p>`
      : ''
  }`;
}

/** The page body, marked with its own language when it is a fallback. */
function pageBody(tr: Translator, page: PageForReader): SafeHtml {
  return html`<div class="prose"${page.isFallback ? html` lang="${page.locale}"` : ''}>${page.body}</div>`;
}

export function renderMissingPage(tr: Translator): SafeHtml {
  return html`<p class="empty">${tr.t('content.missing')}</p>`;
}

/** The number of partners over the years, as a chart and as a table, when there are two years or more. */
function partnersOverTime(tr: Translator, counters: Counters): SafeHtml | '' {
  const years = counters.partners.by_year;
  const first = years[0];
  const last = years.at(-1);
  if (!first || !last || years.length < 2) return '';
  const points = years.map((entry) => ({ label: String(entry.year), value: entry.total }));
  const formatValue = (value: number) => tr.formatNumber(value);
  const title = tr.t('home.partnersOverTime');
  return html`<figure class="chart-figure">
<figcaption>${title}</figcaption>
${stepChart({
  id: 'partners-over-time',
  title,
  description: tr.t('home.partnersOverTimeDescription', {
    firstYear: first.year,
    first: first.total,
    lastYear: last.year,
    last: last.total,
  }),
  points,
  formatValue,
})}
${seriesTable({
  summary: tr.t('chart.showFigures'),
  caption: title,
  labelHeading: tr.t('chart.year'),
  valueHeading: tr.t('home.partnersColumn'),
  points,
  formatValue,
})}
</figure>`;
}

const compactNumbers = new Map<string, Intl.NumberFormat>();

/** A large count as each language says it: "138 million", "138 millions", "138 millones". */
function compact(tr: Translator, value: number): string {
  let format = compactNumbers.get(tr.locale);
  if (!format) {
    format = new Intl.NumberFormat(tr.locale, { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 1 });
    compactNumbers.set(tr.locale, format);
  }
  return format.format(value);
}

const monthYears = new Map<string, Intl.DateTimeFormat>();

/** When a source was published, as precisely as it says: "June 2025", or "2017". */
function publishedOn(tr: Translator, published: string): string {
  const [year, month] = published.split('-');
  if (!month) return year ?? published;
  let format = monthYears.get(tr.locale);
  if (!format) {
    format = new Intl.DateTimeFormat(tr.locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    monthYears.set(tr.locale, format);
  }
  return format.format(new Date(Date.UTC(Number(year), Number(month) - 1, 1)));
}

/** The scale of the problem: each series' latest figure with its source and year, and the deadlines. */
function headlineFigures(tr: Translator, figures: readonly HeadlineFigure[], now: Date): SafeHtml | '' {
  if (figures.length === 0) return '';
  return html`<section aria-labelledby="scale-heading" class="scale">
<h2 id="scale-heading">${tr.t('home.scaleHeading')}</h2>
<ul class="figures">${figures.map(({ latest, previous }) => {
    const label = latest.label[tr.locale] ?? latest.label.en ?? '';
    const detail = latest.detail?.[tr.locale];
    return html`<li><p><strong>${tr.t('home.figureValue', { value: compact(tr, latest.value), approximate: String(latest.approximate) })}</strong> ${tr.t('home.figureLabel', { label, year: latest.year })}${
      detail ? html`<br>${detail}` : ''
    }</p>
${previous ? html`<p class="small">${tr.t('home.figurePrevious', { value: compact(tr, previous.value), year: previous.year })}</p>` : ''}
<p class="small source">${tr.t('home.figureSource', { source: latest.source, published: publishedOn(tr, latest.published) })}</p></li>`;
  })}</ul>
<p>${tr.t('home.deadlinesIntro')}</p>
<ul>${TARGET_DEADLINES.map(
    (deadline) =>
      html`<li>${tr.t(deadline.key, { year: deadline.year })} (${deadlineStatus(tr, { year: deadline.year, now })})</li>`,
  )}</ul>
</section>`;
}

/** The live counters, each shown once it counts something; before that, a sentence says why. */
function counterList(tr: Translator, counters: Counters): SafeHtml {
  const items = [
    counters.pathfinder_countries > 0
      ? html`<li><strong>${tr.formatNumber(counters.pathfinder_countries)}</strong> ${tr.t('home.pathfindersLabel', { count: counters.pathfinder_countries })}</li>`
      : '',
    counters.partners.total > 0
      ? html`<li><strong>${tr.formatNumber(counters.partners.total)}</strong> ${tr.t('home.partnersLabel', { count: counters.partners.total })}</li>`
      : '',
  ];
  if (counters.pathfinder_countries === 0 && counters.partners.total === 0) {
    return html`<p>${tr.t('home.countersEmpty')}</p>`;
  }
  return html`<ul class="counters">${items}</ul>`;
}

export function renderHome(input: {
  tr: Translator;
  page: PageForReader | null;
  figures: readonly HeadlineFigure[];
  counters: Counters;
  /** The latest news, as the news module shows them (absent: none yet). */
  news?: SafeHtml | undefined;
  /** Today, for the deadlines (given by tests). */
  now: Date;
}): SafeHtml {
  const { tr, page, counters } = input;
  const computedAt = new Date(counters.computed_at);
  return html`<h1${page?.isFallback ? html` lang="${page.locale}"` : ''}>${page?.title ?? tr.t('layout.siteName')}</h1>
${page ? notices(tr, page) : ''}
${page?.summary ? html`<p class="lead"${page.isFallback ? html` lang="${page.locale}"` : ''}>${page.summary}</p>` : ''}
${headlineFigures(tr, input.figures, input.now)}
<section aria-labelledby="counters-heading">
<h2 id="counters-heading">${tr.t('home.countersHeading')}</h2>
${counterList(tr, counters)}
<p class="small">${tr.t('home.countersNote', { date: computedAt })}${
    counters.partners.demonstration > 0 ? html` ${tr.t('home.countersDemo', { count: counters.partners.demonstration })}` : ''
  }</p>
${partnersOverTime(tr, counters)}
</section>
${page ? pageBody(tr, page) : renderMissingPage(tr)}
<div class="columns">
${input.news ?? html`<section aria-labelledby="news-heading"><h2 id="news-heading">${tr.t('home.newsHeading')}</h2><p class="empty">${tr.t('home.newsEmpty')}</p></section>`}
<section aria-labelledby="events-heading"><h2 id="events-heading">${tr.t('home.eventsHeading')}</h2><p class="empty">${tr.t('home.eventsEmpty')}</p></section>
</div>
<p><a href="${localePath(tr.locale, '/about')}">${tr.t('home.aboutLink')}</a></p>`;
}

/** The languages the page exists in, each but the one shown linked to its text. */
function availableLanguages(tr: Translator, page: PageForReader, path: string): SafeHtml {
  return html`<p class="small">${tr.t('content.availableIn')} ${page.locales.map(
    (locale, index) =>
      html`${index > 0 ? ', ' : ''}${
        locale === page.locale
          ? html`<span lang="${locale}">${LANGUAGE_NAMES[locale]}</span>`
          : html`<a href="${localePath(locale, path)}" hreflang="${locale}" lang="${locale}">${LANGUAGE_NAMES[locale]}</a>`
      }`,
  )}</p>`;
}

export function renderContentPage(input: { tr: Translator; page: PageForReader; path: string }): SafeHtml {
  const { tr, page } = input;
  const lang = page.isFallback ? html` lang="${page.locale}"` : '';
  return html`<h1${lang}>${page.title}</h1>
${notices(tr, page)}
${page.summary ? html`<p class="lead"${lang}>${page.summary}</p>` : ''}
${pageBody(tr, page)}
<p class="small">${tr.t('content.updatedOn', { date: page.updatedAt })}</p>
${availableLanguages(tr, page, input.path)}`;
}
