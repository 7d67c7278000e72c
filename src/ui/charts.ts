import { scaleLinear, scalePoint } from 'd3-scale';
import { curveStepAfter, line } from 'd3-shape';
import { html, type SafeHtml } from './html.ts';

export interface SeriesPoint {
  /** What the axis shows for the point (a year, a date). */
  label: string;
  value: number;
}

/**
 * A small line chart drawn on the server as SVG (no script): a step line of one series, its
 * first and last values written out, the labels under the axis. `title` and `description` name
 * the chart for screen readers; the figures themselves are in the table that goes with it
 * (`seriesTable`), so nothing is only in the picture.
 */
export function stepChart(input: {
  id: string;
  title: string;
  description: string;
  points: SeriesPoint[];
  formatValue: (value: number) => string;
  width?: number;
  height?: number;
}): SafeHtml {
  // Drawn for a phone's width: its text is read at about its own size there.
  const width = input.width ?? 400;
  const height = input.height ?? 180;
  const margin = { top: 24, right: 20, bottom: 28, left: 20 };
  const { points } = input;
  const x = scalePoint()
    .domain(points.map((point) => point.label))
    .range([margin.left, width - margin.right]);
  const highest = Math.max(1, ...points.map((point) => point.value));
  const y = scaleLinear()
    .domain([0, highest])
    .nice(4)
    .range([height - margin.bottom, margin.top]);
  const path =
    line<SeriesPoint>()
      .x((point) => x(point.label) ?? 0)
      .y((point) => y(point.value))
      .curve(curveStepAfter)(points) ?? '';
  const round = (value: number) => Math.round(value * 10) / 10;
  const first = points[0];
  const last = points.at(-1);
  // Label every point when there is room, else every other one (the last always).
  const step = points.length > 6 ? 2 : 1;
  const labelled = points.filter((_, index) => index % step === 0 || index === points.length - 1);
  return html`<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${input.id}-title ${input.id}-desc" focusable="false">
<title id="${input.id}-title">${input.title}</title>
<desc id="${input.id}-desc">${input.description}</desc>
${y.ticks(4).map((tick) => html`<line class="grid" x1="${margin.left}" x2="${width - margin.right}" y1="${round(y(tick))}" y2="${round(y(tick))}"/>`)}
<path class="series" d="${path}"/>
${points.map((point) => html`<circle class="point" cx="${round(x(point.label) ?? 0)}" cy="${round(y(point.value))}" r="3"/>`)}
${first ? html`<text class="value" x="${round(x(first.label) ?? 0)}" y="${round(y(first.value) - 8)}" text-anchor="start">${input.formatValue(first.value)}</text>` : ''}
${last && last !== first ? html`<text class="value" x="${round(x(last.label) ?? 0)}" y="${round(y(last.value) - 8)}" text-anchor="end">${input.formatValue(last.value)}</text>` : ''}
${labelled.map((point) => html`<text class="axis" x="${round(x(point.label) ?? 0)}" y="${height - 8}" text-anchor="middle">${point.label}</text>`)}
</svg>`;
}

/** The figures of a chart as a table, folded under a summary (open it to read them). */
export function seriesTable(input: {
  summary: string;
  caption: string;
  labelHeading: string;
  valueHeading: string;
  points: SeriesPoint[];
  formatValue: (value: number) => string;
}): SafeHtml {
  return html`<details class="chart-data"><summary>${input.summary}</summary>
<table><caption>${input.caption}</caption>
<thead><tr><th scope="col">${input.labelHeading}</th><th scope="col">${input.valueHeading}</th></tr></thead>
<tbody>${input.points.map((point) => html`<tr><th scope="row">${point.label}</th><td>${input.formatValue(point.value)}</td></tr>`)}</tbody>
</table></details>`;
}
