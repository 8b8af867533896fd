// The charging sessions (GET /transactions), newest first, filtered by charger, card, state and dates kept
// in the address (so a filtered list can be bookmarked and survives a reload). Sessions starting or
// stopping anywhere refresh the list live, keeping the filters.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDate, formatDateTime, formatNumber, formatTime, t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { field, showFormError } from '../components/form.js';
import { pageHeader, section } from '../components/page.js';
import { pagedTable } from '../components/table.js';
import { chargerLink, durationText, isOpen, kwhText, sessionHref, stateBadge, stopReasonText } from '../components/session_labels.js';

const STATUSES = ['open', 'finished'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LIVE_EVENTS = ['transaction.started', 'transaction.stopped'];
const MINUTE = 60000;

// A local date as the instant its day starts, `days` later (the API compares start times with instants).
function dayStart(date, days = 0) {
  const day = new Date(`${date}T00:00:00`);
  day.setDate(day.getDate() + days);
  return day.toISOString();
}

// A time as its date over its time, so that the columns stay narrow on a tablet; a stop on the day of its
// start shows only the time.
function when(time, sameDayAs = null) {
  const date = formatDate(time);
  return h(
    'span',
    { class: 'session-when', title: formatDateTime(time) },
    sameDayAs && formatDate(sameDayAs) === date ? null : h('span', {}, date),
    h('span', {}, formatTime(time)),
  );
}

// The filters of the address, each valid or empty.
function filtersOf(query) {
  const text = (name) => (query.get(name) ?? '').trim();
  const date = (name) => (DATE.test(text(name)) ? text(name) : '');
  return {
    charger: text('charger'),
    idTag: text('idTag'),
    status: STATUSES.includes(text('status')) ? text('status') : '',
    from: date('from'),
    to: date('to'),
  };
}

// The filters as GET /transactions parameters; `to` is the last day shown, so the API's exclusive end is
// the day after it.
function apiQuery(filters) {
  return {
    chargerId: filters.charger,
    idTag: filters.idTag,
    status: filters.status,
    from: filters.from ? dayStart(filters.from) : '',
    to: filters.to ? dayStart(filters.to, 1) : '',
  };
}

export async function render(view, ctx) {
  const filters = filtersOf(ctx.query);
  const chargers = await api.get('/chargers').catch(() => null);
  if (!ctx.isCurrent()) return;

  const chargerField = chargers
    ? field({
        label: t('sessions.filter.charger'),
        name: 'charger',
        type: 'select',
        value: filters.charger,
        options: [
          { value: '', label: t('common.all') },
          ...chargers.items.map((charger) => ({ value: charger.id, label: charger.description ? `${charger.id} · ${charger.description}` : charger.id })),
          // A charger named in the address that is not (or no longer) in the list still shows as chosen.
          ...(filters.charger && !chargers.items.some((charger) => charger.id === filters.charger) ? [{ value: filters.charger, label: filters.charger }] : []),
        ],
      })
    : field({ label: t('sessions.filter.charger'), name: 'charger', value: filters.charger });
  const form = h(
    'form',
    { class: 'toolbar session-filters', novalidate: true, role: 'search', 'aria-label': t('sessions.filter.label') },
    chargerField,
    field({ label: t('sessions.filter.idTag'), name: 'idTag', value: filters.idTag, maxlength: 20, autocomplete: 'off' }),
    field({
      label: t('sessions.filter.status'),
      name: 'status',
      type: 'select',
      value: filters.status,
      options: [
        { value: '', label: t('common.all') },
        { value: 'open', label: t('sessions.state.open') },
        { value: 'finished', label: t('sessions.state.finished') },
      ],
    }),
    field({ label: t('sessions.filter.from'), name: 'from', type: 'date', value: filters.from }),
    field({ label: t('sessions.filter.to'), name: 'to', type: 'date', value: filters.to }),
    h(
      'div',
      { class: 'form-actions' },
      h('button', { type: 'submit', class: 'primary' }, t('common.apply')),
      h('button', { type: 'button', onclick: () => ctx.setQuery({}) }, t('common.reset')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = Object.fromEntries(['charger', 'idTag', 'status', 'from', 'to'].map((name) => [name, form.elements.namedItem(name).value.trim()]));
    if (next.from && next.to && next.from > next.to) {
      showFormError(form, { field: 'to', message: t('sessions.filter.toBeforeFrom') });
      return;
    }
    ctx.setQuery(next);
  });

  const chargingNow = h('a', { class: 'button session-charging-now', href: hrefOf('/sessions', { status: 'open' }) });
  const columns = [
    { label: t('sessions.column.id'), cell: (row) => h('a', { href: sessionHref(row.id), 'aria-label': t('sessions.open', { id: row.id }) }, `#${row.id}`) },
    { label: t('sessions.column.charger'), cell: (row) => chargerLink(row, { stacked: true }) },
    { label: t('sessions.column.idTag'), cell: (row) => h('span', { class: 'session-tag' }, row.idTag) },
    { label: t('sessions.column.start'), cell: (row) => when(row.startTime) },
    { label: t('sessions.column.stop'), cell: (row) => (isOpen(row) ? stateBadge(row) : when(row.stopTime, row.startTime)) },
    { label: t('sessions.column.duration'), numeric: true, cell: (row) => durationText(row) },
    { label: t('sessions.column.energy'), numeric: true, cell: (row) => (isOpen(row) ? '–' : kwhText(row.energyWh)) },
    { label: t('sessions.column.stopReason'), cell: (row) => (isOpen(row) ? '–' : stopReasonText(row.stopReason)) },
  ];

  let showsOpen = false;
  const table = pagedTable({
    columns,
    caption: t('sessions.caption'),
    empty: Object.values(filters).some(Boolean) ? t('sessions.emptyFiltered') : t('sessions.empty'),
    load: async (limit, offset) => {
      const page = await api.get('/transactions', { ...apiQuery(filters), limit, offset });
      showsOpen = page.items.some(isOpen);
      return page;
    },
  });

  async function countCharging() {
    try {
      const open = await api.get('/transactions', { status: 'open', limit: 1 });
      chargingNow.textContent = t('sessions.chargingNow', { count: formatNumber(open.total, 0) });
    } catch {
      chargingNow.textContent = t('sessions.chargingNowUnknown');
    }
  }

  function refresh() {
    table.reload();
    countCharging();
  }

  ctx.subscribe(LIVE_EVENTS, refresh);
  ctx.onReconnect(refresh);
  // Durations of running sessions move on without any event.
  const ticker = setInterval(() => {
    if (showsOpen) refresh();
  }, MINUTE);
  ctx.onCleanup(() => clearInterval(ticker));

  table.element.classList.add('session-list');
  view.append(pageHeader(t('nav.sessions'), chargingNow), section(null, form), section(null, table.element));
  countCharging();
}
