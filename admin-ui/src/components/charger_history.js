// A charger's past: the status notifications of its connectors, and its connection log (connects,
// disconnects, replaced and refused connections with the remote address). Both are newest first; the API
// gives them without paging, so "Show more" asks for a longer list.
import { api } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { formatDateTime, t, tOr } from '../lib/i18n.js';
import { dataTable } from './table.js';
import { field } from './form.js';
import { errorBox, loading } from './page.js';
import { statusBadge } from './status.js';
import { chargerApiPath } from './charger_address.js';
import { errorCodeText } from './charger_connectors.js';

const STEP = 50;
const MOST = 1000;

// A growing list: `load(limit)` answers {items}; the button asks for STEP more until the API has no more.
function growingList(container, { load, columns, empty, caption }) {
  let limit = STEP;
  let busy = false;
  const body = h('div', { class: 'charger-growing' }, loading());
  container.append(body);

  async function show() {
    if (busy) return;
    busy = true;
    try {
      const { items } = await load(limit);
      const more = items.length >= limit && limit < MOST;
      replace(body,
        dataTable({ columns, rows: items, empty, caption }),
        more
          ? h('button', { type: 'button', class: 'charger-more', onclick: () => { limit = Math.min(MOST, limit + STEP); show(); } }, t('chargers.history.more'))
          : null,
      );
    } catch (error) {
      replace(body, errorBox(error));
    } finally {
      busy = false;
    }
  }
  show();
  return { reload: show };
}

export function statusHistoryTab(panel, { chargerId, charger }) {
  let connectorId = '';
  const connectors = [...new Set([0, ...(charger().connectors ?? []).map((connector) => connector.connectorId)])].sort((a, b) => a - b);
  const filter = h(
    'div',
    { class: 'toolbar' },
    field({
      label: t('chargers.field.connector'),
      name: 'connectorId',
      type: 'select',
      value: '',
      options: [
        { value: '', label: t('common.all') },
        ...connectors.map((n) => ({ value: n, label: n === 0 ? t('chargers.connectors.wholeOption') : t('chargers.connectors.title', { n }) })),
      ],
      onchange: (event) => {
        connectorId = event.target.value;
        list.reload();
      },
    }),
  );
  replace(panel, filter);
  const list = growingList(panel, {
    caption: t('chargers.history.caption'),
    empty: t('chargers.history.empty'),
    load: (limit) => api.get(chargerApiPath(chargerId, '/status-history'), { connectorId, limit }),
    columns: [
      { label: t('chargers.history.time'), cell: (s) => formatDateTime(s.timestamp ?? s.receivedAt) },
      { label: t('chargers.field.connector'), cell: (s) => (s.connectorId === 0 ? t('chargers.connectors.wholeOption') : t('chargers.connectors.short', { n: s.connectorId })) },
      { label: t('chargers.history.status'), cell: (s) => statusBadge(s.status) },
      { label: t('chargers.history.error'), cell: (s) => errorCodeText(s) ?? '–' },
      { label: t('chargers.history.info'), cell: (s) => s.info ?? '–' },
      { label: t('chargers.history.receivedAt'), cell: (s) => formatDateTime(s.receivedAt) },
    ],
  });
  return {
    onEvent(type) {
      if (type === 'connector.status') list.reload();
    },
  };
}

export function connectionLogTab(panel, { chargerId }) {
  replace(panel);
  const list = growingList(panel, {
    caption: t('chargers.connections.caption'),
    empty: t('chargers.connections.empty'),
    load: (limit) => api.get(chargerApiPath(chargerId, '/connections'), { limit }),
    columns: [
      { label: t('chargers.history.time'), cell: (c) => formatDateTime(c.at) },
      { label: t('chargers.connections.event'), cell: (c) => h('span', { class: `badge ${c.event === 'connected' ? 'ok' : c.event === 'disconnected' ? 'muted' : 'warn'}` }, tOr(`chargers.connections.${c.event}`, c.event)) },
      { label: t('chargers.connections.address'), cell: (c) => c.remoteAddress || '–' },
      { label: t('chargers.connections.detail'), cell: (c) => c.detail ?? '–' },
    ],
  });
  return {
    onEvent(type) {
      if (type === 'charger.connected' || type === 'charger.disconnected') list.reload();
    },
  };
}
