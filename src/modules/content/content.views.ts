import type { Translator } from '../../i18n/i18n.ts';
import { seriesTable, stepChart } from '../../ui/charts.ts';
import { html, type SafeHtml } from '../../ui/html.ts';
import { localePath } from '../../ui/layout.ts';
import type { Counters } from '../stats/index.ts';
import type { PageForReader } from './content.usecases.ts';

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

export function renderHome(input: { tr: Translator; page: PageForReader | null; counters: Counters }): SafeHtml {
  const { tr, page, counters } = input;
  const computedAt = new Date(counters.computed_at);
  return html`<h1${page?.isFallback ? html` lang="${page.locale}"` : ''}>${page?.title ?? tr.t('layout.siteName')}</h1>
${page ? notices(tr, page) : ''}
${page?.summary ? html`<p class="lead"${page.isFallback ? html` lang="${page.locale}"` : ''}>${page.summary}</p>` : ''}
<section aria-labelledby="counters-heading">
<h2 id="counters-heading">${tr.t('home.countersHeading')}</h2>
<ul class="counters">
<li><strong>${tr.formatNumber(counters.partners.total)}</strong> ${tr.t('home.partnersLabel', { count: counters.partners.total })}</li>
<li><strong>${tr.formatNumber(counters.pathfinder_countries)}</strong> ${tr.t('home.pathfindersLabel', { count: counters.pathfinder_countries })}</li>
</ul>
<p class="small">${tr.t('home.countersNote', { date: computedAt })}${
    counters.partners.demonstration > 0 ? html` ${tr.t('home.countersDemo', { count: counters.partners.demonstration })}` : ''
  }</p>
${partnersOverTime(tr, counters)}
</section>
${page ? pageBody(tr, page) : renderMissingPage(tr)}
<div class="columns">
<section aria-labelledby="news-heading"><h2 id="news-heading">${tr.t('home.newsHeading')}</h2><p class="empty">${tr.t('home.newsEmpty')}</p></section>
<section aria-labelledby="events-heading"><h2 id="events-heading">${tr.t('home.eventsHeading')}</h2><p class="empty">${tr.t('home.eventsEmpty')}</p></section>
</div>
<p><a href="${localePath(tr.locale, '/about')}">${tr.t('home.aboutLink')}</a></p>`;
}

export function renderContentPage(input: { tr: Translator; page: PageForReader }): SafeHtml {
  const { tr, page } = input;
  const lang = page.isFallback ? html` lang="${page.locale}"` : '';
  return html`<h1${lang}>${page.title}</h1>
${notices(tr, page)}
${page.summary ? html`<p class="lead"${lang}>${page.summary}</p>` : ''}
${pageBody(tr, page)}
<p class="small">${tr.t('content.updatedOn', { date: page.updatedAt })}</p>`;
}
