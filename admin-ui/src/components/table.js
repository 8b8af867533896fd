// Tables of API lists: columns render cells from a row, lists page through `limit`/`offset`.
import { h } from '../lib/dom.js';
import { t, formatNumber } from '../lib/i18n.js';
import { emptyState, errorBox, loading } from './page.js';

// columns: [{label, cell: (row) => string|Node, numeric?: bool}]. `footer`: cells under the columns (totals),
// one per column; a string becomes a row header, a Node is used as it is.
export function dataTable({ columns, rows, caption, empty, footer }) {
  if (!rows.length) return emptyState(empty ?? t('common.empty'));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col', class: column.numeric ? 'num' : null }, column.label)))),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h('tr', {}, columns.map((column) => h('td', { class: column.numeric ? 'num' : null }, column.cell(row) ?? '–'))),
        ),
      ),
      footer ? h('tfoot', {}, h('tr', { class: 'totals' }, footer)) : null,
    ),
  );
}

// A table over a paged list endpoint. load(limit, offset) answers {items, total}. Returns the element and
// reload() (after a change, or on a live event).
export function pagedTable({ columns, load, pageSize = 50, empty, caption }) {
  const element = h('div', { class: 'paged' });
  let offset = 0;
  let busy = false;
  let again = false; // a reload asked for while one runs (a live event) runs right after it

  async function show() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    if (!element.firstChild) element.append(loading());
    try {
      const { items, total } = await load(pageSize, offset);
      const known = total ?? offset + items.length;
      const pager = h(
        'nav',
        { class: 'pager', 'aria-label': t('common.pages') },
        h('button', { type: 'button', disabled: offset === 0, onclick: () => go(offset - pageSize) }, t('common.previous')),
        h('span', {}, items.length ? t('common.range', { from: formatNumber(offset + 1, 0), to: formatNumber(offset + items.length, 0), total: formatNumber(known, 0) }) : ''),
        h('button', { type: 'button', disabled: offset + items.length >= known, onclick: () => go(offset + pageSize) }, t('common.next')),
      );
      element.replaceChildren(dataTable({ columns, rows: items, empty, caption }), ...(known > pageSize || offset > 0 ? [pager] : []));
    } catch (error) {
      element.replaceChildren(errorBox(error));
    } finally {
      busy = false;
      if (again) {
        again = false;
        show();
      }
    }
  }

  function go(next) {
    offset = Math.max(0, next);
    show();
  }

  show();
  return { element, reload: show };
}
