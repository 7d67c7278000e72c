import { countryName } from '../../../i18n/countries.ts';
import type { MessageKey, Translator } from '../../../i18n/i18n.ts';
import { REGION_LABELS } from '../../../i18n/regions.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { dataTable } from '../../../ui/tables.ts';
import { KIND_LABELS } from '../../partners/index.ts';
import { formatRecordedDay, renderCountrySummary, renderLight, STAGE_LABELS } from '../../pathfinders/index.ts';
import { SEXES } from '../data.table.ts';
import {
  ageLabel,
  formatValue,
  indicatorLabel,
  indicatorName,
  natureLabel,
  sexLabel,
  unitLabel,
} from '../data.labels.ts';
import { THEMES, type Theme } from '../progress/progress.method.ts';
import { renderProgress, renderProgressMethod } from '../progress/progress.views.ts';
import type { AvailabilityEntry, CountryProfile, CountrySeries } from './countries.usecases.ts';

const THEME_LABELS: Record<Theme | 'other', MessageKey> = {
  child_labour: 'countries.theme.child_labour',
  forced_labour: 'countries.theme.forced_labour',
  trafficking: 'countries.theme.trafficking',
  other: 'countries.theme.other',
};

const EMPTY_LABELS: Record<Theme, MessageKey> = {
  child_labour: 'countries.empty.child_labour',
  forced_labour: 'countries.empty.forced_labour',
  trafficking: 'countries.empty.trafficking',
};

function dataHref(tr: Translator, code: string, query: Record<string, string>): string {
  return localePath(tr.locale, `/data/${encodeURIComponent(code)}?${new URLSearchParams(query).toString()}`);
}

/** Years as ranges: 2008, 2010–2014, 2019. */
function yearRanges(years: readonly number[]): string {
  const ranges: [number, number][] = [];
  for (const year of years) {
    const last = ranges[ranges.length - 1];
    if (last && year === last[1] + 1) last[1] = year;
    else ranges.push([year, year]);
  }
  return ranges.map(([from, to]) => (from === to ? String(from) : `${from}–${to}`)).join(', ');
}

/**
 * One series as a table: a row per year, age group and other breakdown, a column per sex, then the
 * natures, sources and footnotes of the row's observations.
 */
function renderSeries(tr: Translator, iso3: string, series: CountrySeries, index: number): SafeHtml {
  const name = indicatorName(series.indicator, tr.locale);
  const unit = unitLabel(tr, series.unit) || '—';
  const value = (number: number) => formatValue(tr, number, series.unit);
  const sexes = SEXES.filter((sex) => series.observations.some((row) => row.sex === sex));
  const hasOther = series.observations.some((row) => Object.keys(row.disaggregations).length > 0);
  const rows = new Map<string, { year: number; age: string; other: string; cells: typeof series.observations }>();
  for (const row of series.observations) {
    const other = Object.entries(row.disaggregations)
      .map(([key, label]) => `${key}: ${label}`)
      .join('; ');
    const key = `${row.year}|${row.age}|${other}`;
    const entry = rows.get(key) ?? { year: row.year, age: row.age, other, cells: [] };
    entry.cells.push(row);
    rows.set(key, entry);
  }
  const ordered = [...rows.values()].sort(
    (a, b) => a.year - b.year || a.age.localeCompare(b.age) || a.other.localeCompare(b.other),
  );
  const unique = (values: string[]) => [...new Set(values.filter(Boolean))];
  const captionId = `series-${index}`;
  return html`<div class="table-wrap" role="region" aria-labelledby="${captionId}" tabindex="0"><table class="observations country-series">
<caption id="${captionId}">${tr.t('countries.series.caption', { indicator: indicatorLabel(series.indicator, tr.locale), unit })}</caption>
<thead><tr><th scope="col">${tr.t('data.table.year')}</th><th scope="col">${tr.t('data.indicator.age')}</th>${
    hasOther ? html`<th scope="col">${tr.t('data.table.other')}</th>` : ''
  }${sexes.map((sex) => html`<th scope="col">${sexLabel(tr, sex)}</th>`)}<th scope="col">${tr.t('data.table.nature')}</th><th scope="col">${tr.t('data.table.source')}</th></tr></thead>
<tbody>${ordered.map((row) => {
    const footnotes = unique(row.cells.map((cell) => cell.footnote));
    return html`<tr><th scope="row">${row.year}</th><td>${ageLabel(tr, row.age)}</td>${hasOther ? html`<td>${row.other}</td>` : ''}${sexes.map(
      (sex) => {
        const cell = row.cells.find((entry) => entry.sex === sex);
        if (!cell) return html`<td></td>`;
        const bounds =
          cell.lower !== null || cell.upper !== null
            ? html`<br><small>${cell.lower === null ? '…' : value(cell.lower)} – ${cell.upper === null ? '…' : value(cell.upper)}</small>`
            : '';
        return html`<td>${value(cell.value)}${bounds}</td>`;
      },
    )}<td>${unique(row.cells.map((cell) => natureLabel(tr, cell.nature))).join('; ')}</td><td>${unique(
      row.cells.map((cell) => cell.source),
    ).join('; ')}${footnotes.length > 0 ? html`<br><small>${footnotes.join('; ')}</small>` : ''}</td></tr>\n`;
  })}</tbody></table></div>
<p class="small no-print"><a href="${dataHref(tr, series.indicator.code, { geo: iso3, unit: series.unit })}">${tr.t('countries.series.more', { indicator: name })}</a></p>`;
}

function renderAvailability(tr: Translator, iso3: string, availability: readonly AvailabilityEntry[]): SafeHtml {
  const country = countryName({ iso3, locale: tr.locale });
  return html`<h2 id="availability">${tr.t('countries.availability.heading')}</h2>
<p>${tr.t('countries.availability.intro', { country })}</p>
${dataTable({
  caption: tr.t('countries.availability.heading'),
  captionHidden: true,
  columns: [
    tr.t('countries.availability.theme'),
    tr.t('countries.availability.indicator'),
    tr.t('countries.availability.years'),
  ],
  rows: availability.flatMap((entry) =>
    entry.indicators.length === 0
      ? [[tr.t(THEME_LABELS[entry.theme]), '—', tr.t('countries.availability.none')]]
      : entry.indicators.map(({ indicator, years }) => [
          tr.t(THEME_LABELS[entry.theme]),
          html`<a href="${dataHref(tr, indicator.code, { geo: iso3 })}">${indicatorLabel(indicator, tr.locale)}</a>`,
          yearRanges(years),
        ]),
  ),
})}`;
}

function renderPathfinder(tr: Translator, profile: CountryProfile, today: string): SafeHtml {
  const country = countryName({ iso3: profile.iso3, locale: tr.locale });
  const record = profile.pathfinder;
  if (!record) {
    return html`<h2 id="pathfinder">${tr.t('countries.pathfinder.heading')}</h2>
<p class="empty">${tr.t('countries.pathfinder.none', { country })}</p>`;
  }
  return html`<h2 id="pathfinder">${tr.t('countries.pathfinder.heading')}</h2>
<dl class="facts">
<dt>${tr.t('pathfinders.field.stage')}</dt><dd>${tr.t(STAGE_LABELS[record.stage])}</dd>
<dt>${tr.t('pathfinders.field.since')}</dt><dd>${formatRecordedDay({ tr, day: record.since, precision: record.sincePrecision ?? 'day' })}</dd>
<dt>${tr.t('pathfinders.report.heading')}</dt><dd>${renderLight({ tr, dueOn: record.reportDueOn, today })}</dd>
</dl>
<p><a href="${localePath(tr.locale, `/pathfinders/${profile.iso3}`)}">${tr.t('countries.pathfinder.link', { country })}</a></p>
${profile.pathfinderSummary ? renderCountrySummary({ tr, iso3: profile.iso3, summary: profile.pathfinderSummary }) : ''}`;
}

function renderNews(tr: Translator, profile: CountryProfile): SafeHtml {
  const country = countryName({ iso3: profile.iso3, locale: tr.locale });
  return html`<h2 id="news">${tr.t('countries.news.heading', { country })}</h2>
${
  profile.news.length === 0
    ? html`<p class="empty">${tr.t('countries.news.none', { country })}</p>`
    : html`<ul class="country-news">${profile.news.map(
        (story) =>
          html`<li><a href="${localePath(tr.locale, `/news/${story.slug}`)}"${
            story.isFallback ? html` lang="${story.locale}"` : ''
          }>${story.title}</a> · <time datetime="${story.publishedAt.toISOString()}">${tr.formatDate(story.publishedAt)}</time></li>`,
      )}</ul>
<p class="small no-print"><a href="${localePath(tr.locale, `/news?country=${profile.iso3}`)}">${tr.t('countries.news.more', { country })}</a></p>`
}`;
}

function renderPartners(tr: Translator, profile: CountryProfile): SafeHtml {
  const country = countryName({ iso3: profile.iso3, locale: tr.locale });
  return html`<h2 id="partners">${tr.t('countries.partners.heading', { country })}</h2>
${
  profile.partners.length === 0
    ? html`<p class="empty">${tr.t('countries.partners.none', { country })}</p>`
    : html`<ul class="country-partners">${profile.partners.map(
        (partner) =>
          html`<li><a href="${localePath(tr.locale, `/partners/${partner.slug}`)}"${
            partner.nameLocale && partner.nameLocale !== tr.locale ? html` lang="${partner.nameLocale}"` : ''
          }>${partner.name}</a> · ${tr.t(KIND_LABELS[partner.kind])}</li>`,
      )}</ul>`
}`;
}

/** `/{l}/countries/{ISO3}`: the country's data, progress, pathfinder record, partners and news. */
export function renderCountryProfile(input: { tr: Translator; profile: CountryProfile; today: string }): SafeHtml {
  const { tr, profile } = input;
  const country = countryName({ iso3: profile.iso3, locale: tr.locale });
  const sections: [string, string][] = [
    ['data', tr.t('countries.data.heading')],
    ['availability', tr.t('countries.availability.heading')],
    ['progress', tr.t('progress.heading')],
    ['pathfinder', tr.t('countries.pathfinder.heading')],
    ['partners', tr.t('countries.partners.heading', { country })],
    ['news', tr.t('countries.news.heading', { country })],
  ];
  let index = 0;
  return html`<article class="country-profile">
<p class="kicker">${tr.t('countries.profile.kicker')}</p>
<h1>${country}</h1>
<dl class="facts">
${profile.region ? html`<dt>${tr.t('countries.profile.region')}</dt><dd>${tr.t(REGION_LABELS[profile.region])}</dd>` : ''}
<dt>${tr.t('countries.profile.code')}</dt><dd>${profile.iso3}</dd>
</dl>
<nav class="toc no-print" aria-label="${tr.t('countries.profile.contents')}"><ul>${sections.map(
    ([id, label]) => html`<li><a href="#${id}">${label}</a></li>`,
  )}</ul></nav>
<p class="small no-print">${tr.t('countries.profile.print')}</p>
<h2 id="data">${tr.t('countries.data.heading')}</h2>
<p class="hint">${tr.t('countries.data.comparability')}</p>
${THEMES.map((theme) => {
  const ofTheme = profile.series.filter((entry) => entry.theme === theme);
  return html`<h3>${tr.t(THEME_LABELS[theme])}</h3>
${
  ofTheme.length === 0
    ? html`<p class="empty">${tr.t(EMPTY_LABELS[theme], { country })}</p>`
    : ofTheme.map((entry) => renderSeries(tr, profile.iso3, entry, index++))
}`;
})}
${renderAvailability(tr, profile.iso3, profile.availability)}
<h2 id="progress">${tr.t('progress.heading')}</h2>
${renderProgress({ tr, items: profile.progress, empty: tr.t('progress.empty', { country }) })}
${renderProgressMethod({ tr, level: 3 })}
${renderPathfinder(tr, profile, input.today)}
${renderPartners(tr, profile)}
${renderNews(tr, profile)}
</article>`;
}
