import type { Locale, Translator } from '../../../i18n/i18n.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath, renderDocument } from '../../../ui/layout.ts';
import { timeSeriesChart, type ChartSeries } from '../charts/charts.views.ts';
import { SEXES } from '../data.table.ts';
import { ageLabel, formatValue, geoName, indicatorName, natureLabel, sexLabel, unitLabel } from '../data.labels.ts';
import { renderIndicatorMap } from '../maps/maps.views.ts';
import { renderProgress, renderProgressMethod } from '../progress/progress.views.ts';
import type { TableColumn } from '../../../ui/tables.ts';
import type { TableOrder } from './catalogue.schemas.ts';
import { observationOrderOf } from './catalogue.usecases.ts';
import { orderFields, sortableColumn } from './table-order.views.ts';
import type {
  IndicatorMap,
  IndicatorRow,
  ObservationRow,
  ProgressItem,
  Selection,
  SliceRow,
} from './catalogue.usecases.ts';

export { indicatorName };

function draftBadge(tr: Translator, indicator: IndicatorRow): SafeHtml | string {
  return indicator.status === 'draft' ? html` <span class="badge">${tr.t('data.draft.badge')}</span>` : '';
}

function indicatorHref(locale: Locale, code: string, search = ''): string {
  return localePath(locale, `/data/${encodeURIComponent(code)}${search}`);
}

export function renderCatalogue(input: {
  tr: Translator;
  indicators: IndicatorRow[];
  availability: Map<string, Map<number, number>>;
  years: number[];
}): SafeHtml {
  const { tr } = input;
  const count = (value: number) => new Intl.NumberFormat(tr.locale).format(value);
  if (input.indicators.length === 0) {
    return html`<h1>${tr.t('data.catalogue.title')}</h1><p>${tr.t('data.catalogue.intro')}</p><p>${tr.t('data.catalogue.empty')}</p>`;
  }
  return html`<h1>${tr.t('data.catalogue.title')}</h1>
<p>${tr.t('data.catalogue.intro')}</p>
<ul class="indicator-list">
${input.indicators.map(
  (
    indicator,
  ) => html`<li><h2><a href="${indicatorHref(tr.locale, indicator.code)}">${indicatorName(indicator, tr.locale)}</a>${draftBadge(tr, indicator)}</h2>
<p class="meta">${tr.t('data.catalogue.summary', {
    code: indicator.code,
    observations: indicator.observations,
    geographies: indicator.geographies,
    first: indicator.firstYear ?? '—',
    last: indicator.lastYear ?? '—',
  })}${indicator.source ? html`<br>${tr.t('data.indicator.source')}: ${indicator.source}` : ''}</p></li>`,
)}
</ul>
<h2 id="availability">${tr.t('data.availability.heading')}</h2>
<p>${tr.t('data.availability.intro')}</p>
<div class="table-wrap" role="region" aria-labelledby="availability" tabindex="0"><table class="availability">
<caption class="visually-hidden">${tr.t('data.availability.heading')}</caption>
<thead><tr><th scope="col">${tr.t('data.availability.indicator')}</th>${input.years.map((year) => html`<th scope="col">${year}</th>`)}</tr></thead>
<tbody>${input.indicators.map((indicator) => {
    const byYear = input.availability.get(indicator.code);
    return html`<tr><th scope="row"><a href="${indicatorHref(tr.locale, indicator.code)}">${indicator.code}</a></th>${input.years.map(
      (year) => html`<td>${byYear?.get(year) ? count(byYear.get(year)!) : ''}</td>`,
    )}</tr>\n`;
  })}</tbody></table></div>`;
}

function options(values: readonly string[], label: (value: string) => string, selected: string): SafeHtml[] {
  return values.map(
    (value) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${label(value)}</option>`,
  );
}

function selectionForm(input: {
  tr: Translator;
  slices: SliceRow[];
  selection: Selection;
  order: TableOrder;
}): SafeHtml {
  const { tr, slices, selection } = input;
  const unique = (values: string[]) => [...new Set(values)];
  const collator = new Intl.Collator(tr.locale);
  const geos = unique(slices.map((slice) => slice.geo)).sort((a, b) => {
    if (a === '001' || b === '001') return a === '001' ? -1 : 1;
    return collator.compare(geoName(tr, a), geoName(tr, b));
  });
  const ages = unique(slices.filter((slice) => slice.geo === selection.geo).map((slice) => slice.age));
  const units = unique(
    slices.filter((slice) => slice.geo === selection.geo && slice.age === selection.age).map((slice) => slice.unit),
  );
  return html`<form class="data-selection" method="get">
<div class="field"><label for="select-geo">${tr.t('data.indicator.geo')}</label>
<select id="select-geo" name="geo">${options(geos, (geo) => geoName(tr, geo), selection.geo)}</select></div>
<div class="field"><label for="select-age">${tr.t('data.indicator.age')}</label>
<select id="select-age" name="age">${options(ages, (age) => ageLabel(tr, age), selection.age)}</select></div>
<div class="field"><label for="select-unit">${tr.t('data.indicator.unit')}</label>
<select id="select-unit" name="unit">${options(units, (unit) => unitLabel(tr, unit) || '—', selection.unit)}</select></div>
${orderFields(input.order)}<button type="submit">${tr.t('data.indicator.show')}</button>
</form>`;
}

/**
 * The chart of what the page shows: one line per sex (observations without another breakdown),
 * each point named with its series, year, value, source and nature. No svg when there is no point.
 */
function indicatorChart(input: {
  tr: Translator;
  name: string;
  selection: Selection;
  observations: readonly ObservationRow[];
  /** The embedded chart has no table below it: its description says where the figures are. */
  embedded?: boolean;
}): { title: string; svg: SafeHtml | null } {
  const { tr, selection } = input;
  const geo = geoName(tr, selection.geo);
  const value = (number: number) => formatValue(tr, number, selection.unit);
  // The chart runs along the years whatever the table's order.
  const plain = input.observations
    .filter((row) => Object.keys(row.disaggregations).length === 0)
    .sort((a, b) => a.year - b.year);
  const series: ChartSeries[] = SEXES.map((sex) => ({
    key: sex,
    name: sexLabel(tr, sex),
    points: plain
      .filter((row) => row.sex === sex)
      .map((row) => ({
        year: row.year,
        value: row.value,
        label: tr.t('data.chart.point', {
          series: sexLabel(tr, sex),
          year: row.year,
          value: value(row.value),
          source: row.source || '—',
          nature: natureLabel(tr, row.nature) || '—',
        }),
      })),
  })).filter((entry) => entry.points.length > 0);
  const title = tr.t('data.chart.title', {
    indicator: input.name,
    geo,
    age: ageLabel(tr, selection.age),
    unit: unitLabel(tr, selection.unit),
  });
  if (series.length === 0) return { title, svg: null };
  return {
    title,
    svg: timeSeriesChart({
      id: 'indicator-chart',
      title,
      description: tr.t(input.embedded ? 'data.embed.description' : 'data.chart.description', { geo }),
      series,
      formatValue: value,
    }),
  };
}

function headerCell(column: TableColumn): SafeHtml {
  return html`<th scope="col"${column.sort ? html` aria-sort="${column.sort}"` : ''}>${column.header}</th>`;
}

function disaggregationText(row: ObservationRow): string {
  return Object.entries(row.disaggregations)
    .map(([name, label]) => `${name}: ${label}`)
    .join('; ');
}

export function renderIndicatorPage(input: {
  tr: Translator;
  indicator: IndicatorRow;
  slices: SliceRow[];
  selection: Selection | null;
  observations: ObservationRow[];
  progress: ProgressItem | null;
  map: IndicatorMap | null;
  publicUrl: string;
  /** The order of the tables, and the page's other parameters (kept by the headings' links). */
  order: TableOrder;
  params: Readonly<Record<string, string>>;
}): SafeHtml {
  const { tr, indicator, selection } = input;
  const name = indicatorName(indicator, tr.locale);
  const definition = indicator.definitions[tr.locale];
  const methodology = indicator.methodologies[tr.locale];
  const header = html`<p class="breadcrumb"><a href="${localePath(tr.locale, '/data')}">${tr.t('data.catalogue.title')}</a></p>
<h1>${name}${draftBadge(tr, indicator)}</h1>
${indicator.status === 'draft' ? html`<p class="notice">${tr.t('data.draft.notice')}</p>` : ''}
<dl class="facts">
<dt>${tr.t('data.indicator.code')}</dt><dd>${indicator.code}${indicator.sdgIndicator && indicator.sdgIndicator !== indicator.code ? html` (${tr.t('data.indicator.sdg', { code: indicator.sdgIndicator })})` : ''}</dd>
${definition ? html`<dt>${tr.t('data.indicator.definition')}</dt><dd>${definition}</dd>` : ''}
${indicator.unit ? html`<dt>${tr.t('data.indicator.unit')}</dt><dd>${unitLabel(tr, indicator.unit)}</dd>` : ''}
${indicator.custodian ? html`<dt>${tr.t('data.indicator.custodian')}</dt><dd>${indicator.custodian}</dd>` : ''}
${indicator.source ? html`<dt>${tr.t('data.indicator.source')}</dt><dd>${indicator.source}</dd>` : ''}
${methodology ? html`<dt>${tr.t('data.indicator.methodology')}</dt><dd>${methodology}</dd>` : ''}
</dl>`;
  if (!selection) return html`${header}<p>${tr.t('data.indicator.noData')}</p>`;

  const geo = geoName(tr, selection.geo);
  const unit = unitLabel(tr, selection.unit);
  const value = (number: number) => formatValue(tr, number, selection.unit);
  const chart = indicatorChart({ tr, name, selection, observations: input.observations });
  const query = new URLSearchParams({ geo: selection.geo, age: selection.age, unit: selection.unit });
  // The downloads list the observations in the table's order.
  const order = observationOrderOf(input.order);
  const apiQuery = new URLSearchParams({ ...Object.fromEntries(query), sort: order.by, dir: order.dir });
  const api = `/api/v1/indicators/${encodeURIComponent(indicator.code)}/observations?${apiQuery.toString()}`;
  const column = (label: string, sort: 'year' | 'value') =>
    headerCell(
      sortableColumn({ tr, label, column: sort, current: order, params: input.params, anchor: 'observations' }),
    );
  const sources = [...new Set(input.observations.map((row) => row.source).filter(Boolean))];
  const pageUrl = `${input.publicUrl}${indicatorHref(tr.locale, indicator.code, `?${query.toString()}`)}`;
  return html`${header}
<h2>${tr.t('data.indicator.dataHeading')}</h2>
${selectionForm({ tr, slices: input.slices, selection, order: input.order })}
${
  chart.svg
    ? html`<figure class="chart-figure"><figcaption>${chart.title}</figcaption>
${chart.svg}</figure>`
    : ''
}
<div class="table-wrap" id="observations" role="region" aria-labelledby="observations-caption" tabindex="0"><table class="observations">
<caption id="observations-caption">${tr.t('data.table.caption', { geo, age: ageLabel(tr, selection.age), unit: unit || '—' })}</caption>
<thead><tr>${column(tr.t('data.table.year'), 'year')}<th scope="col">${tr.t('data.table.sex')}</th><th scope="col">${tr.t('data.table.other')}</th>${column(tr.t('data.table.value'), 'value')}<th scope="col">${tr.t('data.table.bounds')}</th><th scope="col">${tr.t('data.table.nature')}</th><th scope="col">${tr.t('data.table.source')}</th></tr></thead>
<tbody>${input.observations.map(
    (row) =>
      html`<tr><th scope="row">${row.year}</th><td>${sexLabel(tr, row.sex)}</td><td>${disaggregationText(row)}</td><td>${value(row.value)}</td><td>${
        row.lower !== null || row.upper !== null
          ? `${row.lower === null ? '…' : value(row.lower)} – ${row.upper === null ? '…' : value(row.upper)}`
          : ''
      }</td><td>${natureLabel(tr, row.nature)}</td><td>${row.source}${row.footnote ? html`<br><small>${row.footnote}</small>` : ''}</td></tr>\n`,
  )}</tbody></table></div>
${/^[A-Z]{3}$/.test(selection.geo) ? html`<p><a href="${localePath(tr.locale, `/countries/${selection.geo}`)}">${tr.t('countries.profile.link', { country: geo })}</a></p>` : ''}
${input.map ? renderIndicatorMap({ tr, map: input.map, indicator: name, selection, order: input.order, params: input.params }) : ''}
${
  input.progress
    ? html`<h2 id="progress">${tr.t('progress.heading')}</h2>
${renderProgress({ tr, items: [input.progress], empty: '' })}
${renderProgressMethod({ tr, level: 3 })}`
    : ''
}
${chart.svg ? embedSection({ tr, title: chart.title, url: `${input.publicUrl}${indicatorHref(tr.locale, indicator.code, `/embed?${query.toString()}`)}` }) : ''}
<h2>${tr.t('data.download.heading')}</h2>
<ul><li><a href="${api}&amp;format=csv" download>${tr.t('data.download.csv')}</a></li><li><a href="${api}&amp;per_page=1000">${tr.t('data.download.json')}</a></li></ul>
<h2>${tr.t('data.cite.heading')}</h2>
<p class="citation">${tr.t('data.cite.text', {
    sources: sources.join('; ') || indicator.source || '—',
    name,
    code: indicator.code,
    version: indicator.currentVersion ?? '—',
    url: pageUrl,
  })}</p>`;
}

/** The code another site copies to show the chart: an iframe of the embeddable page. */
function embedSection(input: { tr: Translator; title: string; url: string }): SafeHtml {
  const { tr } = input;
  const snippet = html`<iframe src="${input.url}" title="${input.title}" width="100%" height="420" style="border:0" loading="lazy"></iframe>`;
  return html`<h2 id="embed">${tr.t('data.embed.heading')}</h2>
<p>${tr.t('data.embed.intro')}</p>
<div class="field"><label for="embed-code">${tr.t('data.embed.code')}</label>
<textarea id="embed-code" class="embed-code" rows="3" readonly spellcheck="false">${snippet.value}</textarea></div>`;
}

/**
 * The embeddable chart (`/{l}/data/{code}/embed`), a page of its own for another site's iframe:
 * the chart, its title, its sources and a link to the indicator's full page, nothing else.
 */
export function renderEmbeddedChart(input: {
  tr: Translator;
  indicator: IndicatorRow;
  selection: Selection | null;
  observations: ObservationRow[];
  stylesheetUrl: string;
  iconUrl: string;
  publicUrl: string;
}): string {
  const { tr, indicator, selection } = input;
  const name = indicatorName(indicator, tr.locale);
  const chart = selection
    ? indicatorChart({ tr, name, selection, observations: input.observations, embedded: true })
    : null;
  const search = selection
    ? `?${new URLSearchParams({ geo: selection.geo, age: selection.age, unit: selection.unit }).toString()}`
    : '';
  const sources = [...new Set(input.observations.map((row) => row.source).filter(Boolean))];
  return renderDocument({
    locale: tr.locale,
    title: chart?.title ?? name,
    stylesheetUrl: input.stylesheetUrl,
    iconUrl: input.iconUrl,
    head: html`<meta name="robots" content="noindex">`,
    body: html`<main class="embed">
${
  chart?.svg
    ? html`<figure class="chart-figure"><figcaption>${chart.title}</figcaption>
${chart.svg}</figure>`
    : html`<h1>${name}</h1><p>${tr.t('data.embed.noData')}</p>`
}
<p class="small">${tr.t('data.embed.source', { sources: sources.join('; ') || indicator.source || '—' })}<br>
<a href="${input.publicUrl}${indicatorHref(tr.locale, indicator.code, search)}" target="_blank" rel="noopener">${tr.t('data.embed.fullPage')}</a></p>
</main>`,
  });
}
