import type { Translator } from '../../../i18n/i18n.ts';
import { html, type SafeHtml } from '../../../ui/html.ts';
import type { TableColumn } from '../../../ui/tables.ts';
import type { SortDirection, TableOrder, TableSort } from './catalogue.schemas.ts';

/**
 * The address of the page in another order: the page's other parameters kept, the default order
 * (by year, ascending) written as no parameter, so that it is the page everyone shares.
 */
export function orderHref(input: {
  params: Readonly<Record<string, string>>;
  order: TableOrder;
  anchor: string;
}): string {
  const query = new URLSearchParams(input.params);
  query.delete('sort');
  query.delete('dir');
  if (input.order.sort !== 'year' || input.order.dir !== 'asc') {
    query.set('sort', input.order.sort);
    query.set('dir', input.order.dir);
  }
  const text = query.toString();
  return `${text ? `?${text}` : '?'}#${input.anchor}`;
}

/**
 * A column heading that sorts its table, without script: a link to the page in that order (the
 * other way round when the table is already in it), `aria-sort` on the sorted column.
 */
export function sortableColumn(input: {
  tr: Translator;
  label: string;
  column: TableSort;
  /** The order the table is in, by one of its columns. */
  current: { by: TableSort; dir: SortDirection };
  params: Readonly<Record<string, string>>;
  anchor: string;
}): TableColumn {
  const { tr } = input;
  const sorted = input.current.by === input.column;
  const next: SortDirection = sorted && input.current.dir === 'asc' ? 'desc' : 'asc';
  const header: SafeHtml = html`<a class="sort" href="${orderHref({ params: input.params, order: { sort: input.column, dir: next }, anchor: input.anchor })}">${input.label}<span class="visually-hidden"> (${tr.t(next === 'asc' ? 'data.table.sortAscending' : 'data.table.sortDescending')})</span>${sorted ? html`<span aria-hidden="true"> ${input.current.dir === 'asc' ? '▲' : '▼'}</span>` : ''}</a>`;
  return {
    label: input.label,
    header,
    ...(sorted ? { sort: input.current.dir === 'asc' ? ('ascending' as const) : ('descending' as const) } : {}),
  };
}

/** Hidden fields that keep the tables' order through the page's forms. */
export function orderFields(order: TableOrder): SafeHtml | string {
  if (order.sort === 'year' && order.dir === 'asc') return '';
  return html`<input type="hidden" name="sort" value="${order.sort}"><input type="hidden" name="dir" value="${order.dir}">`;
}
