// Reservations of a site's chargers (ReserveNow / CancelReservation): the list, newest first, filtered by
// state; operators reserve a connector for an id tag until a time, and cancel an active reservation.
import { api, ApiError } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDateTime, t, tOr } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { confirmAction, formDialog } from './dialog.js';
import { field, localInputValue } from './form.js';
import { emptyState } from './page.js';
import { dataTable } from './table.js';
import { notify } from './toast.js';

const STATUS_KINDS = { requested: 'info', active: 'ok', used: 'busy', rejected: 'bad', failed: 'bad', cancelled: 'muted', expired: 'muted' };
const STATUSES = Object.keys(STATUS_KINDS);
const LIST_LIMIT = 100;

function statusBadge(status) {
  return h('span', { class: `badge ${STATUS_KINDS[status] ?? 'muted'}` }, tOr(`load.reservations.status.${status}`, status));
}

const chargerStatusText = (status) => tOr(`load.reservations.chargerStatus.${status}`, status ?? '–');

// Refusals in the user's language, with the charger's own answer (Occupied, Faulted, ...).
function explain(error) {
  if (error.code === 'reservation_rejected') {
    return new ApiError(409, { error: error.code, message: t('load.reservations.rejected', { status: chargerStatusText(error.body?.chargerStatus) }) });
  }
  if (error.code === 'charger_offline') return new ApiError(409, { error: error.code, message: t('load.reservations.offline') });
  return error;
}

// ctx: the page's (the filter lives in the address); siteId; operate: may reserve and cancel.
export function reservationsPanel({ ctx, siteId, operate }) {
  const element = h('div', { class: 'load-reservations' });
  const statusFilter = STATUSES.includes(ctx.query.get('status')) ? ctx.query.get('status') : '';
  let chargers = [];

  async function reload() {
    chargers = (await api.get('/chargers', { siteId, limit: 1000 })).items;
    // The API filters reservations by charger, not by site: one request per charger of the site.
    const lists = await Promise.all(chargers.map((charger) => api.get('/reservations', { chargerId: charger.id, status: statusFilter, limit: LIST_LIMIT })));
    const reservations = lists.flatMap((list) => list.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    draw(reservations);
  }

  async function tagOptions() {
    // Suggestions for the id tag field: the fleet cards the user may see (typing any tag still works).
    try {
      return (await api.get('/id-tags', { limit: 1000 })).items.map((tag) => tag.idTag);
    } catch {
      return [];
    }
  }

  async function create() {
    const tags = await tagOptions();
    const listId = `reservation-tags-${siteId}`;
    formDialog({
      title: t('load.reservations.createTitle'),
      fields: [
        field({ label: t('load.reservations.charger'), name: 'chargerId', type: 'select', options: chargers.map((charger) => ({ value: charger.id, label: charger.online ? charger.id : `${charger.id} (${t('status.offline')})` })) }),
        field({ label: t('load.reservations.connector'), name: 'connectorId', type: 'number', min: 0, max: 1000, step: 1, value: 1, help: t('load.reservations.connectorHelp') }),
        field({ label: t('load.reservations.idTag'), name: 'idTag', maxlength: 20, required: true, list: listId, autocomplete: 'off', help: t('load.reservations.idTagHelp') }),
        h('datalist', { id: listId }, tags.map((tag) => h('option', { value: tag }))),
        field({ label: t('load.reservations.expiry'), name: 'expiryDate', type: 'datetime-local', value: localInputValue(new Date(Date.now() + 3600000).toISOString()), help: t('load.reservations.expiryHelp') }),
      ],
      submitLabel: t('load.reservations.reserve'),
      submit: async (values) => {
        try {
          return await api.post('/reservations', values);
        } catch (error) {
          throw explain(error);
        }
      },
      done: (reservation) => {
        notify(t('load.reservations.created', { id: reservation.id }), 'success');
        reload().catch((error) => notify(error.message, 'error'));
      },
    });
  }

  async function cancel(reservation) {
    const confirmed = await confirmAction({
      title: t('load.reservations.cancelTitle', { id: reservation.id }),
      message: t('load.reservations.cancelMessage', { idTag: reservation.idTag, charger: reservation.chargerId }),
      confirmLabel: t('load.reservations.cancel'),
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api.delete(`/reservations/${reservation.id}`);
      notify(t('load.reservations.cancelled', { id: reservation.id }), 'success');
    } catch (error) {
      notify(explain(error).message, 'error');
    }
    reload().catch((error) => notify(error.message, 'error'));
  }

  function draw(reservations) {
    const filter = h(
      'label',
      { class: 'inline-field' },
      t('load.reservations.statusFilter'),
      ' ',
      h(
        'select',
        { name: 'status', onchange: (event) => ctx.setQuery({ tab: 'reservations', status: event.target.value }) },
        h('option', { value: '' }, t('common.all')),
        STATUSES.map((status) => h('option', { value: status, selected: status === statusFilter }, tOr(`load.reservations.status.${status}`, status))),
      ),
    );
    const columns = [
      { label: t('load.reservations.id'), numeric: true, cell: (reservation) => String(reservation.id) },
      { label: t('load.reservations.charger'), cell: (reservation) => h('a', { href: hrefOf(`/chargers/${encodeURIComponent(reservation.chargerId)}`) }, reservation.chargerId) },
      { label: t('load.reservations.connector'), numeric: true, cell: (reservation) => (reservation.connectorId === 0 ? t('load.reservations.anyConnector') : `#${reservation.connectorId}`) },
      { label: t('load.reservations.idTag'), cell: (reservation) => reservation.idTag },
      { label: t('load.reservations.expiry'), cell: (reservation) => formatDateTime(reservation.expiryDate) },
      {
        label: t('load.reservations.state'),
        cell: (reservation) =>
          h(
            'span',
            {},
            statusBadge(reservation.status),
            reservation.status === 'rejected' && reservation.chargerStatus ? h('small', { class: 'muted' }, ` ${chargerStatusText(reservation.chargerStatus)}`) : null,
            reservation.transactionId ? [' ', h('a', { href: hrefOf(`/sessions/${reservation.transactionId}`) }, `#${reservation.transactionId}`)] : null,
          ),
      },
      { label: t('load.reservations.createdBy'), cell: (reservation) => h('span', {}, reservation.createdBy ?? '–', h('small', { class: 'muted load-measured' }, formatDateTime(reservation.createdAt))) },
    ];
    if (operate) {
      columns.push({
        label: t('common.actions'),
        cell: (reservation) =>
          reservation.status === 'active' || reservation.status === 'requested'
            ? h('button', { type: 'button', 'aria-label': t('load.reservations.cancelFor', { id: reservation.id }), onclick: () => cancel(reservation) }, t('load.reservations.cancel'))
            : null,
      });
    }
    element.replaceChildren(
      h(
        'div',
        { class: 'toolbar' },
        filter,
        operate && chargers.length ? h('button', { type: 'button', class: 'primary', onclick: create }, t('load.reservations.create')) : null,
      ),
      chargers.length
        ? dataTable({ columns, rows: reservations, caption: t('load.reservations.caption'), empty: t('load.reservations.empty') })
        : emptyState(t('load.reservations.noChargers')),
    );
  }

  return { element, reload };
}
