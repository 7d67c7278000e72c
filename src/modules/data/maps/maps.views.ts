import { scaleLinear } from 'd3-scale';
import { countryName } from '../../../i18n/countries.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import { localePath } from '../../../ui/layout.ts';
import { dataTable } from '../../../ui/tables.ts';
import { renderWorldMap } from '../../../ui/world-map.ts';
import { ageLabel, formatValue, natureLabel, sexLabel, unitLabel } from '../data.labels.ts';
import type { TableOrder } from '../catalogue/catalogue.schemas.ts';
import { orderFields, sortableColumn } from '../catalogue/table-order.views.ts';
import type { IndicatorMap } from './maps.usecases.ts';

/** Classes of values: equal steps from zero to a round maximum, at most six (`choropleth-0`…). */
function classesOf(values: readonly number[]): number[] {
  const top = Math.max(...values, 0);
  const ticks = scaleLinear()
    .domain([0, top || 1])
    .nice(5)
    .ticks(5);
  return ticks.length > 1 ? ticks : [0, top || 1];
}

function classIndex(edges: readonly number[], value: number): number {
  for (let index = edges.length - 2; index >= 0; index -= 1) if (value >= edges[index]!) return index;
  return 0;
}

/**
 * The indicator's world map for a year and a sex (a form chooses them, without script): each
 * country with a value is a link to its profile, named with its value, coloured by its class; a
 * legend names the classes; the table that follows gives every value, each row linking the profile.
 */
export function renderIndicatorMap(input: {
  tr: Translator;
  map: IndicatorMap;
  indicator: string;
  selection: { geo: string; age: string; unit: string };
  /** The order of the page's tables, and the page's other parameters (kept by the headings' links). */
  order: TableOrder;
  params: Readonly<Record<string, string>>;
}): SafeHtml {
  const { tr, map, selection } = input;
  const value = (number: number) => formatValue(tr, number, selection.unit);
  const edges = classesOf(map.values.map((row) => row.value));
  // By name in the reader's language (accents sorted as the language does), or by value; every
  // country has the one year shown, so ordering by year leaves them by name.
  const collator = new Intl.Collator(tr.locale);
  const current = {
    by: input.order.sort === 'value' ? ('value' as const) : ('geo' as const),
    dir: input.order.sort === 'year' ? ('asc' as const) : input.order.dir,
  };
  const sign = current.dir === 'asc' ? 1 : -1;
  const rows = map.values
    .map((row) => ({ ...row, name: countryName({ iso3: row.geo, locale: tr.locale }) }))
    .sort((a, b) =>
      current.by === 'value'
        ? sign * (a.value - b.value) || collator.compare(a.name, b.name)
        : sign * collator.compare(a.name, b.name),
    );
  const column = (label: string, sort: 'geo' | 'value') =>
    sortableColumn({ tr, label, column: sort, current, params: input.params, anchor: 'map-table' });
  const profile = (iso3: string) => localePath(tr.locale, `/countries/${iso3}`);
  const used = [...new Set(rows.map((row) => classIndex(edges, row.value)))].sort((a, b) => a - b);
  const title = tr.t('data.map.title', {
    indicator: input.indicator,
    year: map.selection.year,
    sex: sexLabel(tr, map.selection.sex),
    age: ageLabel(tr, selection.age),
    unit: unitLabel(tr, selection.unit) || '—',
  });
  const options = (values: readonly (string | number)[], label: (value: string) => string, chosen: string) =>
    values.map(
      (entry) =>
        html`<option value="${entry}"${String(entry) === chosen ? html` selected` : ''}>${label(String(entry))}</option>`,
    );
  return html`<h2 id="map">${tr.t('data.map.heading')}</h2>
<form class="data-selection" method="get" action="#map">
<input type="hidden" name="geo" value="${selection.geo}"><input type="hidden" name="age" value="${selection.age}"><input type="hidden" name="unit" value="${selection.unit}">${orderFields(input.order)}
<div class="field"><label for="map-year">${tr.t('data.map.year')}</label>
<select id="map-year" name="year">${options([...map.years].reverse(), (year) => year, String(map.selection.year))}</select></div>
<div class="field"><label for="map-sex">${tr.t('data.map.sex')}</label>
<select id="map-sex" name="sex">${options(map.sexes, (sex) => sexLabel(tr, sex), map.selection.sex)}</select></div>
<button type="submit">${tr.t('data.map.show')}</button>
</form>
<figure class="map">
${renderWorldMap({
  id: 'indicator-map',
  className: 'choropleth',
  title,
  description: tr.t('data.map.description'),
  detailed: false,
  countries: rows.map((row) => ({
    iso3: row.geo,
    href: profile(row.geo),
    label: tr.t('data.map.country', {
      country: row.name,
      value: value(row.value),
      nature: natureLabel(tr, row.nature) || '—',
    }),
    colour: `choropleth-${classIndex(edges, row.value)}`,
  })),
})}
<figcaption><ul class="legend">${used.map(
    (index) =>
      html`<li><span class="swatch choropleth-${index}" aria-hidden="true"></span>${tr.t('data.map.range', {
        from: value(edges[index]!),
        to: value(edges[index + 1] ?? edges[index]!),
      })}</li>`,
  )}</ul>
<p class="small"><a href="#map-table">${tr.t('data.map.tableLink')}</a></p></figcaption>
</figure>
<div id="map-table">${dataTable({
    caption: tr.t('data.map.tableCaption', { year: map.selection.year, sex: sexLabel(tr, map.selection.sex) }),
    columns: [
      column(tr.t('data.map.countryColumn'), 'geo'),
      column(tr.t('data.table.value'), 'value'),
      tr.t('data.table.nature'),
      tr.t('data.table.source'),
    ],
    rows: rows.map((row) => [
      html`<a href="${profile(row.geo)}">${row.name}</a>`,
      value(row.value),
      natureLabel(tr, row.nature),
      html`${row.source}${row.footnote ? html`<br><small>${row.footnote}</small>` : ''}`,
    ]),
  })}</div>`;
}
