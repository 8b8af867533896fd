// The charger list: every charger the user may see with its connection, registration and connectors' states,
// filtered by site, connection, connector status, registration or a search text (kept in the address, so the
// dashboard can link to "faulted at site 1" and a reload keeps the view). It follows the events stream: rows
// change in place when a charger connects, boots or reports a status, and a charger not yet listed (one that
// just booted for the first time) reloads the list. Admins register chargers and approve pending ones here.
import { api } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { formatDateTime, formatNumber, t } from '../lib/i18n.js';
import { isAdmin } from '../lib/session.js';
import { emptyState, pageHeader } from '../components/page.js';
import { field } from '../components/form.js';
import { statusBadge } from '../components/status.js';
import { chargerApiPath, chargerHref } from '../components/charger_address.js';
import { applyStatusEvent, connectorChips, OCPP_STATUSES, realConnectors } from '../components/charger_connectors.js';
import { registerChargerDialog, registrationButtons } from '../components/charger_registration.js';

const CHARGER_EVENTS = ['charger.connected', 'charger.disconnected', 'charger.booted', 'connector.status'];
const FILTERS = ['q', 'site', 'online', 'status', 'registration'];
const REGISTRATIONS = ['Accepted', 'Pending', 'Rejected'];
const PAGE = 1000; // the API's largest page

// Every charger in the caller's scope, page after page.
async function loadAllChargers() {
  const items = [];
  for (;;) {
    const page = await api.get('/chargers', { limit: PAGE, offset: items.length });
    items.push(...page.items);
    if (!page.items.length || items.length >= page.total) return items;
  }
}

function filtersOf(query) {
  return Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? '']));
}

function matches(charger, filters) {
  if (filters.site === 'none' ? charger.siteId !== null && charger.siteId !== undefined : filters.site && String(charger.siteId) !== filters.site) return false;
  if (filters.online && String(Boolean(charger.online)) !== filters.online) return false;
  if (filters.registration && charger.registrationStatus !== filters.registration) return false;
  if (filters.status && !realConnectors(charger).some((connector) => connector.status === filters.status)) return false;
  if (filters.q) {
    const needle = filters.q.toLowerCase();
    if (!charger.id.toLowerCase().includes(needle) && !(charger.description ?? '').toLowerCase().includes(needle)) return false;
  }
  return true;
}

export async function render(view, ctx) {
  const [chargerItems, sitePage] = await Promise.all([loadAllChargers(), api.get('/sites', { limit: 1000 })]);
  if (!ctx.isCurrent()) return;
  const chargers = new Map(chargerItems.map((charger) => [charger.id, charger]));
  const sites = new Map(sitePage.items.map((site) => [site.id, site]));
  const filters = filtersOf(ctx.query);
  const admin = isAdmin();

  const columns = [
    { key: 'id', label: t('chargers.column.id'), cell: (c) => h('a', { href: chargerHref(c.id), class: 'charger-id' }, c.id) },
    { key: 'description', label: t('chargers.column.description'), cell: (c) => c.description || h('span', { class: 'muted' }, '–') },
    { key: 'site', label: t('chargers.column.site'), cell: (c) => siteName(c) },
    { key: 'online', label: t('chargers.column.online'), cell: (c) => statusBadge(c.online ? 'online' : 'offline') },
    { key: 'registration', label: t('chargers.column.registration'), cell: (c) => statusBadge(c.registrationStatus) },
    { key: 'connectors', label: t('chargers.column.connectors'), cell: (c) => connectorChips(c) },
    { key: 'model', label: t('chargers.column.model'), cell: modelCell },
    { key: 'lastSeen', label: t('chargers.column.lastSeen'), cell: (c) => formatDateTime(c.lastSeenAt) },
    admin ? { key: 'actions', label: t('common.actions'), cell: (c) => registrationButtons(c, replaceCharger) } : null,
  ].filter(Boolean);

  function siteName(charger) {
    if (charger.siteId === null || charger.siteId === undefined) return h('span', { class: 'muted' }, t('chargers.site.none'));
    return sites.get(charger.siteId)?.name ?? `#${charger.siteId}`;
  }

  function modelCell(charger) {
    const boot = charger.bootInfo;
    if (!boot) return h('span', { class: 'muted' }, t('chargers.neverBooted'));
    return h(
      'span',
      { class: 'charger-model' },
      [boot.chargePointVendor, boot.chargePointModel].filter(Boolean).join(' '),
      boot.firmwareVersion ? h('small', { class: 'muted' }, t('chargers.firmwareShort', { version: boot.firmwareVersion })) : null,
    );
  }

  // --- Filters -------------------------------------------------------------------------------------------
  const select = (name, label, options) =>
    field({
      label,
      name,
      type: 'select',
      value: filters[name],
      options: [{ value: '', label: t('common.all') }, ...options],
      onchange: (event) => setFilter(name, event.target.value),
    });
  const search = field({
    label: t('chargers.filter.q'),
    name: 'q',
    type: 'search',
    value: filters.q,
    placeholder: t('chargers.filter.qPlaceholder'),
    oninput: (event) => setFilter('q', event.target.value.trim()),
  });
  const siteChoices = [...sites.values()].map((site) => ({ value: site.id, label: site.name }));
  if (admin) siteChoices.push({ value: 'none', label: t('chargers.site.none') });
  const filterBar = h(
    'form',
    { class: 'toolbar chargers-filters', role: 'search', 'aria-label': t('chargers.filter.label'), onsubmit: (event) => event.preventDefault() },
    search,
    select('site', t('chargers.filter.site'), siteChoices),
    select('online', t('chargers.filter.online'), [
      { value: 'true', label: t('status.online') },
      { value: 'false', label: t('status.offline') },
    ]),
    select('status', t('chargers.filter.status'), OCPP_STATUSES.map((status) => ({ value: status, label: t(`status.${status}`) }))),
    select('registration', t('chargers.filter.registration'), REGISTRATIONS.map((status) => ({ value: status, label: t(`status.${status}`) }))),
    h('button', { type: 'button', class: 'link chargers-clear', onclick: clearFilters }, t('chargers.filter.clear')),
  );

  function setFilter(name, value) {
    filters[name] = value;
    ctx.replaceQuery(filters);
    draw();
  }

  function clearFilters() {
    for (const name of FILTERS) {
      filters[name] = '';
      const control = filterBar.elements.namedItem(name);
      if (control) control.value = '';
    }
    ctx.replaceQuery(filters);
    draw();
  }

  // --- The table, kept row by row -----------------------------------------------------------------------
  const summary = h('p', { class: 'chargers-summary', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const table = h(
    'div',
    { class: 'table-wrap chargers-table-wrap' },
    h(
      'table',
      { class: 'chargers-table', 'aria-label': t('chargers.caption') },
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col' }, column.label)))),
      tbody,
    ),
  );
  const empty = h('div', { class: 'chargers-empty' });
  const rows = new Map(); // charger id -> <tr>
  const dirty = new Set(); // charger ids whose row must be built again

  function buildRow(charger) {
    return h(
      'tr',
      { class: charger.registrationStatus === 'Pending' ? 'pending' : null, dataset: { charger: charger.id } },
      columns.map((column) => h('td', { dataset: { label: column.label }, class: `col-${column.key}` }, column.cell(charger) ?? '–')),
    );
  }

  function rowOf(charger) {
    let row = rows.get(charger.id);
    if (!row || dirty.has(charger.id)) {
      const fresh = buildRow(charger);
      row?.replaceWith(fresh); // in place, without moving its neighbours
      rows.set(charger.id, fresh);
      dirty.delete(charger.id);
      row = fresh;
    }
    return row;
  }

  function draw() {
    const all = [...chargers.values()];
    const visible = all.filter((charger) => matches(charger, filters));
    // Changed rows are rebuilt where they stand first; then only rows that change position are moved, so a
    // focused button elsewhere in the table keeps its focus.
    const wanted = visible.map(rowOf);
    let cursor = tbody.firstChild;
    for (const row of wanted) {
      if (row === cursor) cursor = cursor.nextSibling;
      else tbody.insertBefore(row, cursor);
    }
    while (cursor) {
      const next = cursor.nextSibling;
      cursor.remove();
      cursor = next;
    }
    for (const id of rows.keys()) if (!chargers.has(id)) rows.delete(id);
    table.hidden = visible.length === 0;
    replace(empty,
      visible.length
        ? ''
        : all.length
          ? h('div', {}, emptyState(t('chargers.noMatch')), h('button', { type: 'button', onclick: clearFilters }, t('chargers.filter.clear')))
          : emptyState(admin ? t('chargers.noneAdmin') : t('chargers.none')),
    );
    const online = all.filter((charger) => charger.online).length;
    const pending = all.filter((charger) => charger.registrationStatus === 'Pending').length;
    summary.textContent = [
      t('chargers.summary.shown', { shown: formatNumber(visible.length, 0), total: formatNumber(all.length, 0) }),
      t('chargers.summary.online', { count: formatNumber(online, 0) }),
      pending ? t('chargers.summary.pending', { count: formatNumber(pending, 0) }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
  }

  function replaceCharger(charger) {
    chargers.set(charger.id, { ...chargers.get(charger.id), ...charger });
    dirty.add(charger.id);
    draw();
  }

  // --- Live ---------------------------------------------------------------------------------------------
  // Events that arrive while the whole list is being fetched again are applied to the fresh list too, as
  // it may have been read before them. Applying an event twice changes nothing.
  let refetching = null;
  let refetchAgain = false;
  const replay = [];

  async function refetch() {
    if (refetching) {
      refetchAgain = true;
      return refetching;
    }
    refetching = (async () => {
      do {
        refetchAgain = false;
        const fresh = await loadAllChargers();
        if (!ctx.isCurrent()) return;
        chargers.clear();
        for (const charger of fresh) chargers.set(charger.id, charger);
        for (const [event, type] of replay.splice(0)) applyEvent(event, type);
        for (const id of chargers.keys()) dirty.add(id);
        draw();
      } while (refetchAgain);
    })();
    try {
      await refetching;
    } catch (error) {
      console.warn('reloading the chargers failed', error);
    } finally {
      refetching = null;
      replay.length = 0;
    }
  }

  // Takes an event into the charger it names; false when that charger is not listed.
  function applyEvent(event, type) {
    const charger = chargers.get(event.chargerId);
    if (!charger) return false;
    if (event.at) charger.lastSeenAt = event.at;
    if (type === 'charger.connected') charger.online = true;
    if (type === 'charger.disconnected') charger.online = false;
    if (type === 'charger.booted') {
      charger.online = true;
      charger.registrationStatus = event.status ?? charger.registrationStatus;
      charger.lastBootAt = event.at;
      charger.bootInfo = { ...(charger.bootInfo ?? {}), chargePointVendor: event.chargePointVendor, chargePointModel: event.chargePointModel };
    }
    if (type === 'connector.status') applyStatusEvent(charger, event);
    dirty.add(charger.id);
    return true;
  }

  ctx.subscribe(CHARGER_EVENTS, (event, type) => {
    if (refetching) replay.push([event, type]);
    if (!applyEvent(event, type)) {
      refetch(); // a charger not listed yet, e.g. one that just booted for the first time
      return;
    }
    draw();
    // A boot may bring new firmware or serial numbers, which the event does not carry.
    if (type === 'charger.booted') refreshBootInfo(event.chargerId);
  });

  // Only the boot's own data is taken from the answer: the states may already be newer from later events.
  async function refreshBootInfo(chargerId) {
    try {
      const fresh = await api.get(chargerApiPath(chargerId));
      if (ctx.isCurrent()) replaceCharger({ id: fresh.id, bootInfo: fresh.bootInfo });
    } catch (error) {
      if (error.status === 404) refetch(); // moved out of scope or deleted
    }
  }
  ctx.onReconnect(refetch);

  view.append(
    pageHeader(
      t('nav.chargers'),
      admin
        ? h('button', { type: 'button', class: 'primary', onclick: () => registerChargerDialog([...sites.values()], refetch) }, t('chargers.register.button'))
        : null,
    ),
    h('section', { class: 'panel' }, filterBar, summary, table, empty),
  );
  draw();
}
