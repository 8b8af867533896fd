// Load management across the sites the user sees: per site whether its load is managed, the load at its
// grid connection against the usable limit, and how many connectors charge, wait for cheaper hours, are
// paused, or will not be ready by their departure. Live from `load.plan_computed`, and fetched again when
// the events stream (re)opens.
import { api } from '../lib/api.js';
import { append, h } from '../lib/dom.js';
import { formatDateTime, formatNumber, t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { countConnectors, loadMeter, rootCircuit, tariffKindLabel } from '../components/load_format.js';
import { emptyState, errorBox, loading, pageHeader, section } from '../components/page.js';
import { dataTable } from '../components/table.js';

const PARALLEL = 4; // plan requests at a time, so that many sites do not flood the server

// A site's state: {site, plan} when managed, {site, plan: null, circuits: n} when not (yet), {site, error}.
async function stateOf(site) {
  try {
    return { site, plan: await api.get(`/sites/${site.id}/plan`) };
  } catch (error) {
    if (error.code !== 'not_managed') return { site, error };
    // No plan: either no circuits (load management off) or the scheduler has not run since the first.
    const circuits = await api.get(`/sites/${site.id}/circuits`).catch(() => ({ total: 0 }));
    return { site, plan: null, circuits: circuits.total ?? 0 };
  }
}

async function statesOf(sites) {
  const states = new Array(sites.length);
  let next = 0;
  async function worker() {
    while (next < sites.length) {
      const index = next++;
      states[index] = await stateOf(sites[index]);
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, sites.length) }, worker));
  return states;
}

function managedBadge(state) {
  if (state.error) return errorBox(state.error);
  if (state.plan) return h('span', { class: 'badge ok' }, t('load.overview.on'));
  if (state.circuits > 0) return h('span', { class: 'badge info', title: t('load.overview.startingHelp') }, t('load.overview.starting'));
  return h('span', { class: 'badge muted', title: t('load.overview.offHelp') }, t('load.overview.off'));
}

export async function render(view, ctx) {
  const sites = (await api.get('/sites', { limit: 1000 })).items;
  if (!ctx.isCurrent()) return;
  const states = new Map(sites.map((site) => [site.id, { site }]));
  const totals = h('div', { class: 'cards load-cards' });
  const table = h('div', { class: 'load-overview' }, loading());

  append(view, [
    pageHeader(t('nav.load')),
    h('p', { class: 'muted load-site-intro' }, t('load.overview.intro')),
    sites.length ? totals : null,
    section(t('load.overview.sites'), sites.length ? table : emptyState(t('load.overview.noSites'))),
  ]);
  if (!sites.length) return;

  const count = (connectors, key) => countConnectors(connectors)[key];
  const columns = [
    { label: t('load.overview.site'), cell: ({ site }) => h('a', { href: hrefOf(`/load/${site.id}`) }, site.name) },
    { label: t('load.overview.managed'), cell: managedBadge },
    { label: t('load.overview.grid'), cell: ({ plan }) => (plan && rootCircuit(plan.circuits) ? loadMeter(rootCircuit(plan.circuits)) : null) },
    { label: t('load.cards.charging'), numeric: true, cell: ({ plan }) => (plan ? formatNumber(count(plan.connectors, 'charging'), 0) : null) },
    { label: t('load.cards.deferred'), numeric: true, cell: ({ plan }) => (plan ? formatNumber(count(plan.connectors, 'deferred'), 0) : null) },
    { label: t('load.cards.paused'), numeric: true, cell: ({ plan }) => (plan ? formatNumber(count(plan.connectors, 'paused'), 0) : null) },
    {
      label: t('load.cards.notReady'),
      numeric: true,
      cell: ({ plan }) => {
        if (!plan) return null;
        const notReady = count(plan.connectors, 'notReady');
        return notReady ? h('span', { class: 'badge bad' }, formatNumber(notReady, 0)) : formatNumber(0, 0);
      },
    },
    { label: t('load.cards.tariff'), cell: ({ plan }) => (plan ? tariffKindLabel(plan.tariffPeriod) : null) },
    { label: t('load.overview.updated'), cell: ({ plan }) => (plan ? formatDateTime(plan.computedAt) : null) },
  ];

  function draw() {
    const rows = sites.map((site) => states.get(site.id));
    const connectors = rows.flatMap((state) => state.plan?.connectors ?? []);
    const counts = countConnectors(connectors);
    const managed = rows.filter((state) => state.plan).length;
    const card = (kind, value, label) => h('div', { class: `card ${kind}` }, h('span', { class: 'value' }, formatNumber(value, 0)), h('span', { class: 'label' }, label));
    totals.replaceChildren(
      card('ok', managed, t('load.overview.managedSites', { total: formatNumber(sites.length, 0) })),
      card('busy', counts.charging, t('load.cards.charging')),
      card('info', counts.deferred, t('load.cards.deferred')),
      card(counts.paused ? 'warn' : 'muted', counts.paused, t('load.cards.paused')),
      card(counts.notReady ? 'bad' : 'ok', counts.notReady, t('load.cards.notReady')),
    );
    table.replaceChildren(dataTable({ columns, rows, caption: t('load.overview.caption') }));
  }

  let refreshing = false;
  async function refresh() {
    if (refreshing) return;
    refreshing = true;
    try {
      for (const state of await statesOf(sites)) {
        // A live plan newer than this answer stays.
        const shown = states.get(state.site.id);
        if (shown?.plan && state.plan && Date.parse(shown.plan.computedAt) > Date.parse(state.plan.computedAt)) continue;
        states.set(state.site.id, state);
      }
      if (ctx.isCurrent()) draw();
    } finally {
      refreshing = false;
    }
  }

  ctx.subscribe(['load.plan_computed'], (event) => {
    const state = states.get(Number(event.siteId));
    if (!state) return;
    state.plan = event;
    delete state.error;
    draw();
  });
  ctx.onReconnect(refresh);
  await refresh();
}
