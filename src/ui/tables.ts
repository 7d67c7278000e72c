import { html, type SafeHtml } from './html.ts';

/**
 * A column whose header is more than its name (a link that sorts the table): `label` is its name
 * on a phone's cards, `header` what the heading cell holds, `sort` the order it gives the rows.
 */
export interface TableColumn {
  label: string;
  header: SafeHtml;
  sort?: 'ascending' | 'descending';
}

const labelOf = (column: string | TableColumn) => (typeof column === 'string' ? column : column.label);

/**
 * A table of the back office that fits a phone: on a narrow screen each row becomes a card, each
 * cell under its column's name (`data-label`, shown by the stylesheet); on a wider one it is a
 * table, and a table still too wide for its column scrolls inside its own region, which keyboard
 * users can reach and scroll (it is named by the caption and takes the focus).
 */
export function dataTable(input: {
  caption: string;
  /** The caption is for assistive technologies only when the page's heading already says it. */
  captionHidden?: boolean;
  columns: readonly (string | TableColumn)[];
  rows: readonly (readonly (SafeHtml | string | number)[])[];
  className?: string;
  /** Said instead of the table when there is no row. */
  empty?: string;
}): SafeHtml {
  if (input.rows.length === 0 && input.empty !== undefined) return html`<p class="empty">${input.empty}</p>`;
  return html`<div class="table-wrap" role="region" aria-label="${input.caption}" tabindex="0"><table class="reflow${input.className ? ` ${input.className}` : ''}">
<caption${input.captionHidden ? html` class="visually-hidden"` : ''}>${input.caption}</caption>
<thead><tr>${input.columns.map((column) =>
    typeof column === 'string'
      ? html`<th scope="col">${column}</th>`
      : html`<th scope="col"${column.sort ? html` aria-sort="${column.sort}"` : ''}>${column.header}</th>`,
  )}</tr></thead>
<tbody>${input.rows.map(
    (row) =>
      html`<tr>${row.map((cell, index) => html`<td data-label="${labelOf(input.columns[index] ?? '')}">${cell}</td>`)}</tr>\n`,
  )}</tbody></table></div>`;
}
