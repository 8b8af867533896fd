// One charger (#/chargers/:id): its overview and connectors with their live status, what operators can make
// it do (with the charger's answer shown in place), and tabs for its status history, command log,
// configuration, security, connection log and firmware/diagnostics. The tab is kept in the address
// (?tab=configuration), so a reload or a shared link opens the same view. Everything follows the events
// stream; nothing needs a reload.
import { api } from '../lib/api.js';
import { append, h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { isAdmin, mayOperate } from '../lib/session.js';
import { pageHeader, section } from '../components/page.js';
import { chargerApiPath } from '../components/charger_address.js';
import { chargerActions } from '../components/charger_actions.js';
import { resultLine } from '../components/charger_commands.js';
import { applyStatusEvent, connectorCards } from '../components/charger_connectors.js';
import { chargerOverview } from '../components/charger_overview.js';
import { editChargerDialog, registrationButtons } from '../components/charger_registration.js';
import { commandLogTab } from '../components/charger_command_log.js';
import { configurationTab } from '../components/charger_configuration.js';
import { connectionLogTab, statusHistoryTab } from '../components/charger_history.js';
import { maintenanceTab } from '../components/charger_maintenance.js';
import { securityTab } from '../components/charger_security.js';

const EVENTS = [
  'charger.connected', 'charger.disconnected', 'charger.booted', 'connector.status', 'transaction.started',
  'transaction.stopped', 'command.completed', 'configuration.synchronised', 'firmware.status',
  'diagnostics.status', 'security.event', 'load.charger_flagged',
];

const TABS = [
  { id: 'history', label: 'chargers.tab.history', open: statusHistoryTab },
  { id: 'commands', label: 'chargers.tab.commands', open: commandLogTab },
  { id: 'configuration', label: 'chargers.tab.configuration', open: configurationTab },
  { id: 'security', label: 'chargers.tab.security', open: securityTab, visible: mayOperate },
  { id: 'connections', label: 'chargers.tab.connections', open: connectionLogTab },
  { id: 'maintenance', label: 'chargers.tab.maintenance', open: maintenanceTab },
];

async function openTransactions(chargerId) {
  const open = await api.get('/transactions', { chargerId, status: 'open', limit: 100 });
  const byConnector = new Map();
  // Newest first: the first open transaction of a connector is its current one.
  for (const transaction of open.items) if (!byConnector.has(transaction.connectorId)) byConnector.set(transaction.connectorId, transaction);
  return byConnector;
}

function notFound(chargerId) {
  return h(
    'div',
    { class: 'error-box', role: 'alert' },
    h('strong', {}, t('chargers.detail.notFound', { id: chargerId })),
    ' ',
    h('a', { href: hrefOf('/chargers') }, t('chargers.detail.back')),
  );
}

export async function render(view, ctx) {
  const chargerId = ctx.params.id;
  let charger;
  try {
    charger = await api.get(chargerApiPath(chargerId));
  } catch (error) {
    if (error.status !== 404) throw error;
    if (ctx.isCurrent()) view.append(pageHeader(t('chargers.detail.title', { id: chargerId })), notFound(chargerId));
    return;
  }
  const [sitePage, transactionsNow] = await Promise.all([api.get('/sites', { limit: 1000 }).catch(() => ({ items: [] })), openTransactions(chargerId)]);
  if (!ctx.isCurrent()) return;
  let transactions = transactionsNow;
  const sites = sitePage.items;
  const operate = mayOperate();
  let circuitName = null;

  const line = resultLine();
  const actions = chargerActions({ charger: () => charger, line, changed: () => refreshTransactions() });

  // --- Header, overview, connectors -------------------------------------------------------------------------
  const headerActions = h('span', { class: 'charger-header-actions' });
  const offlineNote = h('p', { class: 'notice error charger-offline-note', role: 'note' });
  const overviewBox = h('div');
  const connectorsBox = h('div');
  const actionBar = h('div', { class: 'toolbar charger-actions' });

  function drawHeader() {
    replace(headerActions,
      isAdmin() ? registrationButtons(charger, chargerChanged) : null,
      operate ? h('button', { type: 'button', onclick: () => editChargerDialog(charger, sites, chargerChanged) }, t('chargers.edit.button')) : null,
    );
  }

  function drawOverview() {
    const site = sites.find((candidate) => candidate.id === charger.siteId) ?? null;
    replace(overviewBox, chargerOverview(charger, { site, circuitName }));
    offlineNote.textContent = t('chargers.detail.offlineNote');
    offlineNote.hidden = !operate || charger.online;
  }

  // A connector's buttons; each names its connector for screen readers ("Unlock connector 2").
  function connectorButtons(connector, transaction) {
    if (!operate) return null;
    const offline = !charger.online;
    const n = connector.connectorId;
    const button = (text, label, onclick, { kind = null, disabled = offline } = {}) =>
      h('button', { type: 'button', class: kind, disabled, onclick, 'aria-label': t(label, { n }) }, t(text));
    const unavailable = connector.status === 'Unavailable';
    return [
      transaction
        ? button('chargers.action.remoteStop', 'chargers.connectors.stopLabel', () => actions.stopCharging(connector, transaction), { kind: 'danger' })
        : button('chargers.action.remoteStart', 'chargers.connectors.startLabel', () => actions.startCharging(n), {
            kind: 'primary',
            disabled: offline || !actions.STARTABLE.has(connector.status),
          }),
      button('chargers.action.unlockShort', 'chargers.connectors.unlockLabel', () => actions.unlock(connector)),
      button(
        unavailable ? 'chargers.action.enable' : 'chargers.action.disable',
        unavailable ? 'chargers.connectors.enableLabel' : 'chargers.connectors.disableLabel',
        () => actions.availability(connector),
      ),
    ];
  }

  function drawConnectors() {
    replace(connectorsBox, connectorCards(charger, transactions, connectorButtons));
  }

  function drawActions() {
    const offline = !charger.online;
    const button = (label, onclick, kind = null) => h('button', { type: 'button', class: kind, disabled: offline, onclick }, label);
    replace(actionBar,
      button(t('chargers.action.remoteStart'), () => actions.startCharging(), 'primary'),
      button(t('chargers.action.reset'), actions.reset),
      button(t('chargers.action.availabilityButton'), () => actions.availability()),
      button(t('chargers.action.triggerButton'), actions.trigger),
      button(t('chargers.action.firmware'), async () => {
        await actions.updateFirmware();
        refreshCharger();
      }),
      button(t('chargers.action.diagnostics'), async () => {
        await actions.uploadDiagnostics();
        refreshCharger();
      }),
    );
  }

  function drawAll() {
    drawHeader();
    drawOverview();
    drawConnectors();
    if (operate) drawActions();
  }

  async function chargerChanged(changed) {
    charger = { ...charger, ...changed };
    drawAll();
  }

  async function refreshCharger() {
    try {
      const fresh = await api.get(chargerApiPath(chargerId));
      if (!ctx.isCurrent()) return;
      charger = fresh;
      await loadCircuitName();
      drawAll();
    } catch (error) {
      if (error.status === 404 && ctx.isCurrent()) replace(view, pageHeader(t('chargers.detail.title', { id: chargerId })), notFound(chargerId));
    }
  }

  // The boot's serial numbers and firmware version; the states may already be newer from later events.
  async function refreshBootInfo() {
    try {
      const fresh = await api.get(chargerApiPath(chargerId));
      if (!ctx.isCurrent()) return;
      charger = { ...charger, bootInfo: fresh.bootInfo, securityProfile: fresh.securityProfile };
      drawOverview();
    } catch (error) {
      console.warn('reloading the charger failed', error);
    }
  }

  async function refreshTransactions() {
    try {
      const fresh = await openTransactions(chargerId);
      if (!ctx.isCurrent()) return;
      transactions = fresh;
      drawConnectors();
    } catch (error) {
      console.warn('reloading open transactions failed', error);
    }
  }

  async function loadCircuitName() {
    circuitName = null;
    if (!charger.circuitId || !charger.siteId) return;
    try {
      const circuits = await api.get(`/sites/${charger.siteId}/circuits`);
      circuitName = circuits.items.find((circuit) => circuit.id === charger.circuitId)?.name ?? null;
    } catch {
      // the id is shown instead
    }
  }

  // --- Tabs -------------------------------------------------------------------------------------------------
  const tabs = TABS.filter((tab) => !tab.visible || tab.visible());
  let currentId = tabs.some((tab) => tab.id === ctx.query.get('tab')) ? ctx.query.get('tab') : tabs[0].id;
  let currentTab = null;
  const tabPanel = h('div', { class: 'charger-tab-panel', role: 'tabpanel', id: 'charger-tab-panel', tabindex: '0' });
  const tabButtons = tabs.map((tab) =>
    h(
      'button',
      { type: 'button', role: 'tab', id: `charger-tab-${tab.id}`, 'aria-controls': 'charger-tab-panel', onclick: () => openTab(tab.id), onkeydown: tabKeys },
      t(tab.label),
    ),
  );
  const tabList = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('chargers.tab.label') }, tabButtons);

  function openTab(id) {
    currentId = id;
    tabs.forEach((tab, index) => {
      const selected = tab.id === id;
      tabButtons[index].setAttribute('aria-selected', String(selected));
      tabButtons[index].tabIndex = selected ? 0 : -1;
    });
    tabPanel.setAttribute('aria-labelledby', `charger-tab-${id}`);
    ctx.replaceQuery(id === tabs[0].id ? {} : { tab: id });
    const tab = tabs.find((candidate) => candidate.id === id);
    currentTab = tab.open(tabPanel, { ctx, chargerId, charger: () => charger, line });
  }

  // Arrow keys move between tabs, as in every tab list.
  function tabKeys(event) {
    const index = tabs.findIndex((tab) => tab.id === currentId);
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    const target = event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : step ? (index + step + tabs.length) % tabs.length : null;
    if (target === null) return;
    event.preventDefault();
    openTab(tabs[target].id);
    tabButtons[target].focus();
  }

  // --- Live ---------------------------------------------------------------------------------------------------
  ctx.subscribe(EVENTS, (event, type) => {
    if (event.chargerId !== chargerId) return;
    if (event.at && !type.startsWith('security.')) charger.lastSeenAt = event.at;
    switch (type) {
      case 'charger.connected':
        charger.online = true;
        drawAll();
        break;
      case 'charger.disconnected':
        charger.online = false;
        drawAll();
        break;
      case 'charger.booted':
        charger.online = true;
        charger.registrationStatus = event.status ?? charger.registrationStatus;
        charger.lastBootAt = event.at;
        drawAll();
        refreshBootInfo();
        break;
      case 'connector.status':
        applyStatusEvent(charger, event);
        drawConnectors();
        drawOverview();
        break;
      case 'transaction.started':
      case 'transaction.stopped':
        refreshTransactions();
        break;
      case 'firmware.status':
        charger.firmwareStatus = event.status;
        drawOverview();
        break;
      case 'diagnostics.status':
        charger.diagnosticsStatus = event.status;
        drawOverview();
        break;
      case 'load.charger_flagged':
        refreshCharger();
        break;
      default:
        break;
    }
    currentTab?.onEvent?.(type, event);
  });
  ctx.onReconnect(async () => {
    await Promise.all([refreshCharger(), refreshTransactions()]);
    if (ctx.isCurrent()) openTab(currentId);
  });

  await loadCircuitName();
  if (!ctx.isCurrent()) return;
  append(view, [
    h('p', { class: 'charger-back' }, h('a', { href: hrefOf('/chargers') }, t('chargers.detail.back'))),
    pageHeader(t('chargers.detail.title', { id: charger.id }), headerActions),
    offlineNote,
    h('div', { class: 'grid charger-top' }, section(t('chargers.detail.overview'), overviewBox), section(t('chargers.detail.connectors'), connectorsBox)),
    operate ? section(t('chargers.detail.actions'), actionBar, line.element) : null,
    h('section', { class: 'panel charger-tabs' }, tabList, tabPanel),
  ]);
  drawAll();
  openTab(currentId);
}
