import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { html, type SafeHtml } from '../../../ui/html.ts';

/** One point of a series: a year, its value, and what a screen reader says of it. */
export interface ChartPoint {
  year: number;
  value: number;
  /** The whole point in words: series, year, value, source and nature. */
  label: string;
}

export interface ChartSeries {
  /** `total`, `female`, `male`…: also the class that gives the series its line style. */
  key: string;
  name: string;
  points: ChartPoint[];
}

/**
 * A time-series chart drawn on the server as SVG: one line per series (total, girls, boys…), told
 * apart by colour and by dash pattern, with a legend. Each point can be reached with the keyboard
 * and is announced with its series, year, value, source and nature; the same figures are in the
 * table that goes with the chart.
 */
export function timeSeriesChart(input: {
  id: string;
  title: string;
  description: string;
  series: ChartSeries[];
  formatValue: (value: number) => string;
}): SafeHtml {
  const width = 400;
  const height = 220;
  const margin = { top: 16, right: 16, bottom: 28, left: 44 };
  const points = input.series.flatMap((series) => series.points);
  const years = points.map((point) => point.year);
  const first = Math.min(...years);
  const last = Math.max(...years);
  const x = scaleLinear()
    .domain(first === last ? [first - 1, last + 1] : [first, last])
    .range([margin.left, width - margin.right]);
  const y = scaleLinear()
    .domain([0, Math.max(...points.map((point) => point.value), 0) || 1])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  const round = (value: number) => Math.round(value * 10) / 10;
  const path = line<ChartPoint>()
    .x((point) => x(point.year))
    .y((point) => y(point.value));
  const yearTicks = x.ticks(Math.min(6, last - first + 1)).filter((tick) => Number.isInteger(tick));
  return html`<svg class="chart chart-series" id="${input.id}" viewBox="0 0 ${width} ${height}" role="group" aria-labelledby="${input.id}-title ${input.id}-desc">
<title id="${input.id}-title">${input.title}</title>
<desc id="${input.id}-desc">${input.description}</desc>
${y
  .ticks(4)
  .map(
    (tick) =>
      html`<line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${round(y(tick))}" y2="${round(y(tick))}"/><text class="axis" x="${margin.left - 6}" y="${round(y(tick)) + 4}" text-anchor="end">${input.formatValue(tick)}</text>`,
  )}
${yearTicks.map((tick) => html`<text class="axis" x="${round(x(tick))}" y="${height - 8}" text-anchor="middle">${tick}</text>`)}
${input.series.map(
  (series) => html`<g class="series-${series.key}">
<path class="series" d="${(series.points.length > 1 ? path(series.points) : '') ?? ''}"/>
${series.points.map(
  (point) =>
    html`<g class="point" tabindex="0" role="img" aria-label="${point.label}"><title>${point.label}</title><circle cx="${round(x(point.year))}" cy="${round(y(point.value))}" r="4"/></g>`,
)}
</g>`,
)}
</svg>
<ul class="chart-legend">${input.series.map((series) => html`<li class="series-${series.key}"><svg viewBox="0 0 24 8" aria-hidden="true" focusable="false"><line x1="0" x2="24" y1="4" y2="4" class="series"/></svg> ${series.name}</li>`)}</ul>`;
}
