import type { Locale, Translator } from '../../../i18n/i18n.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { timeSeriesChart, type ChartSeries } from '../charts/charts.views.ts';
import { SEXES } from '../data.table.ts';
import { ageLabel, formatValue, geoName, indicatorName, natureLabel, sexLabel, unitLabel } from '../data.labels.ts';
import { renderIndicatorMap } from '../maps/maps.views.ts';
import { renderProgress, renderProgressMethod } from '../progress/progress.views.ts';
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

function selectionForm(input: { tr: Translator; slices: SliceRow[]; selection: Selection }): SafeHtml {
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
<button type="submit">${tr.t('data.indicator.show')}</button>
</form>`;
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
  const plain = input.observations.filter((row) => Object.keys(row.disaggregations).length === 0);
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
  const query = new URLSearchParams({ geo: selection.geo, age: selection.age, unit: selection.unit });
  const api = `/api/v1/indicators/${encodeURIComponent(indicator.code)}/observations?${query.toString()}`;
  const sources = [...new Set(input.observations.map((row) => row.source).filter(Boolean))];
  const pageUrl = `${input.publicUrl}${indicatorHref(tr.locale, indicator.code, `?${query.toString()}`)}`;
  const chartTitle = tr.t('data.chart.title', { indicator: name, geo, age: ageLabel(tr, selection.age), unit });
  return html`${header}
<h2>${tr.t('data.indicator.dataHeading')}</h2>
${selectionForm({ tr, slices: input.slices, selection })}
${
  series.length > 0
    ? html`<figure class="chart-figure"><figcaption>${chartTitle}</figcaption>
${timeSeriesChart({
  id: 'indicator-chart',
  title: chartTitle,
  description: tr.t('data.chart.description', { geo }),
  series,
  formatValue: value,
})}</figure>`
    : ''
}
<div class="table-wrap" role="region" aria-labelledby="observations-caption" tabindex="0"><table class="observations">
<caption id="observations-caption">${tr.t('data.table.caption', { geo, age: ageLabel(tr, selection.age), unit: unit || '—' })}</caption>
<thead><tr><th scope="col">${tr.t('data.table.year')}</th><th scope="col">${tr.t('data.table.sex')}</th><th scope="col">${tr.t('data.table.other')}</th><th scope="col">${tr.t('data.table.value')}</th><th scope="col">${tr.t('data.table.bounds')}</th><th scope="col">${tr.t('data.table.nature')}</th><th scope="col">${tr.t('data.table.source')}</th></tr></thead>
<tbody>${input.observations.map(
    (row) =>
      html`<tr><th scope="row">${row.year}</th><td>${sexLabel(tr, row.sex)}</td><td>${disaggregationText(row)}</td><td>${value(row.value)}</td><td>${
        row.lower !== null || row.upper !== null
          ? `${row.lower === null ? '…' : value(row.lower)} – ${row.upper === null ? '…' : value(row.upper)}`
          : ''
      }</td><td>${natureLabel(tr, row.nature)}</td><td>${row.source}${row.footnote ? html`<br><small>${row.footnote}</small>` : ''}</td></tr>\n`,
  )}</tbody></table></div>
${/^[A-Z]{3}$/.test(selection.geo) ? html`<p><a href="${localePath(tr.locale, `/countries/${selection.geo}`)}">${tr.t('countries.profile.link', { country: geo })}</a></p>` : ''}
${input.map ? renderIndicatorMap({ tr, map: input.map, indicator: name, selection }) : ''}
${
  input.progress
    ? html`<h2 id="progress">${tr.t('progress.heading')}</h2>
${renderProgress({ tr, items: [input.progress], empty: '' })}
${renderProgressMethod({ tr, level: 3 })}`
    : ''
}
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
