// One site's load management (#/load/:siteId?tab=...): live, its load against the grid connection's limit,
// the plan per connector (who charges, at what current, why, and whether each vehicle will be ready) and
// the circuit tree with its live load; then the chargers' electrical settings, the building load, the
// time-of-use tariff and the reservations, one tab each. Energy offices read; operators change.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatNumber, t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { mayOperate } from '../lib/session.js';
import { siteLoadChart } from '../components/load_chart.js';
import { buildingPanel } from '../components/load_building.js';
import { chargersPanel } from '../components/load_chargers.js';
import { circuitsPanel } from '../components/load_circuits.js';
import { circuitLoad, countConnectors, reasonLegend, rootCircuit, tariffKindLabel } from '../components/load_format.js';
import { planTable } from '../components/load_plan.js';
import { planFeed } from '../components/load_plan_feed.js';
import { reservationsPanel } from '../components/load_reservations.js';
import { tariffPanel } from '../components/load_tariff.js';
import { sessionOwners } from '../components/load_vehicles.js';
import { emptyState, errorBox, loading, pageHeader, section } from '../components/page.js';

const TABS = ['live', 'chargers', 'building', 'tariff', 'reservations'];

export async function render(view, ctx) {
  const siteId = ctx.params.siteId;
  const site = await api.get(`/sites/${encodeURIComponent(siteId)}`);
  if (!ctx.isCurrent()) return;
  const tab = TABS.includes(ctx.query.get('tab')) ? ctx.query.get('tab') : 'live';
  const operate = mayOperate();
  const content = h('div', { class: 'load-tab' });

  view.append(
    pageHeader(site.name, h('a', { class: 'button', href: hrefOf('/load') }, t('load.site.allSites'))),
    h('p', { class: 'muted load-site-intro' }, t('load.site.intro'), operate ? null : [' ', h('span', { class: 'badge muted' }, t('load.site.readOnly'))]),
    h(
      'nav',
      { class: 'tabs', 'aria-label': t('load.site.sections') },
      TABS.map((name) => h('a', { href: hrefOf(`/load/${site.id}`, { tab: name === 'live' ? '' : name }), 'aria-current': name === tab ? 'page' : null }, t(`load.tab.${name}`))),
    ),
    content,
  );

  // Only the live tab shows the plan; the other tabs change what it will be, and the live tab fetches it
  // when opened, so they have nothing to refresh after a change.
  const noPlanShown = () => {};
  const panels = {
    live: () => renderLive(content, ctx, site, operate),
    chargers: () => chargersPanel({ siteId: site.id, operate, changed: noPlanShown }),
    building: () => buildingPanel({ ctx, siteId: site.id, operate, changed: noPlanShown }),
    tariff: () => tariffPanel({ siteId: site.id, operate, changed: noPlanShown }),
    reservations: () => reservationsPanel({ ctx, siteId: site.id, operate }),
  };
  if (tab === 'live') {
    await panels.live();
    return;
  }
  const panel = panels[tab]();
  const wrapped = tab === 'building' ? panel.element : section(t(`load.tab.${tab}`), panel.element);
  const status = loading();
  content.append(status, wrapped);
  try {
    await panel.reload();
    status.remove();
  } catch (error) {
    if (ctx.isCurrent()) status.replaceWith(errorBox(error));
  }
}

// The live tab: summary cards, the load chart, the plan and the circuits, all following the plan feed.
async function renderLive(content, ctx, site, operate) {
  const cards = h('div', { class: 'cards load-cards' });
  const chartArea = h('div', { class: 'load-chart' }, loading());
  const planNote = h('div');
  const chargers = new Map();
  const circuitsById = new Map();
  const owners = sessionOwners();

  const circuits = circuitsPanel({ siteId: site.id, operate, changed: afterChange });
  const plan = planTable({ chargers, circuits: circuitsById, owners, operate, changed: afterChange });
  content.append(
    cards,
    section(t('load.site.chartTitle'), chartArea),
    section(t('load.plan.title'), h('p', { class: 'muted' }, t('load.plan.intro')), planNote, plan.element, reasonLegend()),
    section(t('load.circuits.title'), h('p', { class: 'muted' }, t('load.circuits.intro')), circuits.element),
  );

  async function loadChargers() {
    const list = await api.get('/chargers', { siteId: site.id, limit: 1000 });
    chargers.clear();
    for (const charger of list.items) chargers.set(charger.id, charger);
  }

  async function loadCircuits() {
    circuitsById.clear();
    for (const circuit of await circuits.reload()) circuitsById.set(circuit.id, circuit);
  }

  // After a change made here the scheduler runs again at once, and its plan arrives as an event.
  function afterChange() {
    Promise.all([loadChargers(), loadCircuits()]).catch((error) => console.warn('reloading the site failed', error));
  }

  let chartShown = false;
  function showChart() {
    chartShown = true;
    siteLoadChart(chartArea, ctx, site.id).catch((error) => chartArea.replaceChildren(errorBox(error)));
  }

  function showCards(current) {
    const root = rootCircuit(current?.circuits);
    const load = root ? circuitLoad(root) : null;
    const counts = countConnectors(current?.connectors);
    const card = (kind, value, label) => h('div', { class: `card ${kind}` }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
    cards.replaceChildren(
      card(
        load && load.share >= 0.95 ? 'bad' : load && load.share >= 0.8 ? 'warn' : 'ok',
        load ? `${formatNumber(load.share * 100, 0)}%` : '–',
        load ? t('load.cards.gridOf', { load: formatNumber(load.load), usable: formatNumber(load.usable) }) : t('load.cards.grid'),
      ),
      card('busy', formatNumber(counts.charging, 0), t('load.cards.charging')),
      card('info', formatNumber(counts.deferred, 0), t('load.cards.deferred')),
      card(counts.paused ? 'warn' : 'muted', formatNumber(counts.paused, 0), t('load.cards.paused')),
      card(counts.notReady ? 'bad' : 'ok', formatNumber(counts.notReady, 0), t('load.cards.notReady')),
      card('muted', current ? tariffKindLabel(current.tariffPeriod) : '–', t('load.cards.tariff')),
    );
  }

  function show(current) {
    showCards(current?.plan);
    if (current.error) {
      planNote.replaceChildren(errorBox(current.error));
      return;
    }
    planNote.replaceChildren();
    if (current.plan === null) {
      plan.element.replaceChildren(emptyState(operate ? t('load.plan.notManagedOperate') : t('load.plan.notManaged')));
      circuits.showLoad(null);
      return;
    }
    plan.show(current.plan);
    circuits.showLoad(current.plan);
    if (!chartShown) showChart();
  }

  const feed = planFeed(ctx, site.id, { onChange: show });
  await Promise.all([loadChargers(), loadCircuits()]);
  if (!ctx.isCurrent()) return;
  await feed.refresh();
  if (feed.plan === null) chartArea.replaceChildren(emptyState(t('load.site.chartNotManaged')));
}
