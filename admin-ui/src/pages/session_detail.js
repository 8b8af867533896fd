// One charging session (#/sessions/:id): what it is (charger, card, times, meter, energy, state), its meter
// curve, its charging need and whether the car will be ready, its energy split by time-of-use period with
// cost, and what is doubtful about its data. While it runs, meter values extend the curve live and the stop
// turns it into a finished session, without reloading the page.
import { api } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { formatDateTime, formatMoney, formatNumber, t, tOr } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { mayOperate } from '../lib/session.js';
import { confirmAction } from '../components/dialog.js';
import { keyValues, pageHeader, section } from '../components/page.js';
import { notify } from '../components/toast.js';
import { sessionEnergy } from '../components/session_energy.js';
import { showSessionFindings } from '../components/session_findings.js';
import { sessionMeterChart } from '../components/session_meter.js';
import { chargingNeedPanel } from '../components/session_need.js';
import { chargerLink, durationText, isOpen, kwhText, stateBadge, stopReasonText } from '../components/session_labels.js';

const MINUTE = 60000;
// The scheduler publishes its plan at least every 15 s (--load-period). Without a plan event for this long
// the server sends none (a version before `load.plan_computed`), and the page asks for the plan itself.
const PLAN_EVENTS_QUIET = 35000;
const PLAN_POLL = 15000;
// The scheduler recomputes as soon as a charging need changes; this is time enough for it.
const PLAN_AFTER_NEED = 2000;

export async function render(view, ctx) {
  const id = Number(ctx.params.id);
  // Events that arrive while the page loads are kept and applied once the chart exists; readings are keyed
  // by time, so one the load already contained is not counted twice.
  const early = [];
  let meter = null;
  // While a reload runs: the readings that arrived meanwhile. Its answer may have been read before they were
  // stored, and replacing the chart's readings with it would drop them.
  let arrivedDuringReload = null;
  ctx.subscribe(['meter_values'], (event) => {
    if (event.transactionId !== id) return;
    arrivedDuringReload?.push(event.meterValue);
    if (meter) {
      meter.addLive(event.meterValue);
      drawCards();
      drawSummary();
    } else {
      early.push(event.meterValue);
    }
  });

  // A stop while the page loads is remembered and shown once the page can reload itself.
  let onStopped = () => {
    stoppedWhileLoading = true;
  };
  let stoppedWhileLoading = false;
  ctx.subscribe(['transaction.stopped'], (event) => {
    if (event.transactionId === id) onStopped();
  });

  let transaction = await api.get(`/transactions/${encodeURIComponent(ctx.params.id)}`);
  if (!ctx.isCurrent()) return;
  // The charger names the site whose plan says whether the car will be ready; a charger the caller cannot
  // read leaves that out.
  const charger = await api.get(`/chargers/${encodeURIComponent(transaction.chargerId)}`).catch(() => null);
  if (!ctx.isCurrent()) return;
  const siteId = charger?.siteId ?? null;

  const headerActions = h('div', { class: 'session-header-actions' });
  // Not a live region: the chart's summary already announces each new reading.
  const cards = h('div', { class: 'cards session-cards' });
  const summary = h('div');
  const chartArea = h('div', { class: 'session-chart' });
  const need = chargingNeedPanel(transaction);
  const needSection = section(t('sessions.need.title'), need.element);
  const energy = sessionEnergy(ctx);
  const findings = h('div');

  view.append(
    pageHeader(t('sessions.detail.title', { id }), headerActions),
    h('p', { class: 'session-back' }, h('a', { href: hrefOf('/sessions') }, t('sessions.detail.back'))),
    cards,
    h('div', { class: 'grid session-top' }, section(t('sessions.detail.summary'), summary), needSection),
    section(t('sessions.chart.title'), chartArea),
    section(t('sessions.energy.title'), energy.element),
    section(t('sessions.findings.title'), findings),
  );

  function drawHeader() {
    replace(
      headerActions,
      stateBadge(transaction),
      isOpen(transaction) && mayOperate()
        ? h('button', { type: 'button', class: 'danger', onclick: stopCharging }, t('sessions.detail.stop'))
        : null,
    );
  }

  // Who and when in one list, the meter in the other: side by side where the panel is wide.
  function drawSummary() {
    const open = isOpen(transaction);
    const authorised = transaction.authorizationStatus === 'Accepted';
    const stoppedWithOtherCard = transaction.stopIdTag && transaction.stopIdTag.toLowerCase() !== transaction.idTag.toLowerCase();
    replace(
      summary,
      h(
        'div',
        { class: 'session-summary' },
        keyValues([
          [t('sessions.field.state'), stateBadge(transaction)],
          [t('sessions.field.charger'), chargerLink(transaction)],
          [t('sessions.field.idTag'), [
            transaction.idTag,
            authorised ? null : [' ', h('span', { class: 'badge bad' }, tOr(`sessions.authorization.${transaction.authorizationStatus}`, transaction.authorizationStatus))],
          ]],
          [t('sessions.field.start'), formatDateTime(transaction.startTime)],
          [t('sessions.field.stop'), open ? t('sessions.state.open') : formatDateTime(transaction.stopTime)],
          [t('sessions.field.duration'), durationText(transaction)],
        ]),
        keyValues([
          [t('sessions.field.meterStart'), kwhText(transaction.meterStart)],
          [t('sessions.field.meterStop'), open ? '–' : kwhText(transaction.meterStop)],
          [t('sessions.field.energy'), open ? t('sessions.detail.soFar', { energy: kwhText(meter?.latest()?.deliveredWh) }) : kwhText(transaction.energyWh)],
          [t('sessions.field.stopReason'), open ? '–' : stopReasonText(transaction.stopReason)],
          [t('sessions.field.stopIdTag'), stoppedWithOtherCard ? transaction.stopIdTag : undefined],
          [t('sessions.field.reservation'), transaction.reservationId ? `#${transaction.reservationId}` : undefined],
        ]),
      ),
    );
  }

  // The figures a fleet admin looks at first: energy, time, power now (or on average), cost.
  function drawCards() {
    const latest = meter?.latest();
    const open = isOpen(transaction);
    const energyWh = open ? latest?.deliveredWh : transaction.energyWh;
    const hours = (Date.parse(transaction.stopTime) - Date.parse(transaction.startTime)) / 3600000;
    const averageKw = !open && hours > 0 ? transaction.energyWh / 1000 / hours : null;
    const accounted = transaction.energy;
    const card = (value, label, kind = '') => h('div', { class: `card ${kind}` }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
    replace(
      cards,
      card(kwhText(energyWh), open ? t('sessions.card.energySoFar') : t('sessions.card.energy'), 'ok'),
      card(durationText(transaction), open ? t('sessions.card.durationSoFar') : t('sessions.card.duration')),
      open
        ? card(latest?.powerKw === null || latest?.powerKw === undefined ? '–' : `${formatNumber(latest.powerKw, 2)} ${t('common.unit.kw')}`, t('sessions.card.powerNow'), 'busy')
        : card(averageKw === null ? '–' : `${formatNumber(averageKw, 2)} ${t('common.unit.kw')}`, t('sessions.card.powerAverage')),
      card(accounted ? formatMoney((accounted.costFen ?? 0) + (accounted.serviceFeeFen ?? 0)) : '–', t('sessions.card.cost')),
    );
  }

  async function stopCharging() {
    const confirmed = await confirmAction({
      title: t('sessions.detail.stopTitle', { id }),
      message: t('sessions.detail.stopMessage', { charger: transaction.chargerId, connector: transaction.connectorId }),
      confirmLabel: t('sessions.detail.stop'),
      danger: true,
    });
    if (!confirmed) return;
    try {
      const answer = await api.post(`/chargers/${encodeURIComponent(transaction.chargerId)}/commands/RemoteStopTransaction`, { transactionId: id });
      if (answer?.status === 'Accepted') notify(t('sessions.detail.stopAccepted'), 'success');
      else notify(t('sessions.detail.stopRejected'), 'error');
    } catch (error) {
      notify(`${t('sessions.detail.stopFailed')} ${error.message}`, 'error');
    }
  }

  // Whether the charger's site has a plan; a site without load management has none, and the readiness is
  // then left out, as for a charger at no site.
  let managed = siteId !== null;
  async function loadPlan() {
    if (!managed || !isOpen(transaction)) {
      need.updatePlan(null);
      return;
    }
    try {
      const plan = await api.get(`/sites/${siteId}/plan`);
      if (!ctx.isCurrent()) return;
      need.updatePlan(plan.connectors?.find((connector) => connector.transactionId === id) ?? null);
    } catch (error) {
      if (error.code === 'not_managed' || error.status === 404) managed = false;
      else console.warn('site plan', error);
      need.updatePlan(null);
    }
  }

  function drawAll() {
    drawHeader();
    drawSummary();
    drawCards();
    energy.update(transaction);
    need.update(transaction);
    // A finished session that was given no need has nothing to show there.
    const needGiven = transaction.chargingNeed && (transaction.chargingNeed.energyKwh !== null || transaction.chargingNeed.departureTime !== null);
    needSection.hidden = !isOpen(transaction) && !needGiven;
  }

  // Reloads the session (after its stop, or after the stream reconnected and may have missed events). A
  // reload asked for while one runs runs again after it, since the running one may have read too early.
  let reloading = false;
  let reloadAgain = false;
  async function reload() {
    if (reloading) {
      reloadAgain = true;
      return;
    }
    reloading = true;
    arrivedDuringReload = [];
    try {
      const fresh = await api.get(`/transactions/${id}`);
      if (!ctx.isCurrent()) return;
      transaction = fresh;
      if (meter) {
        meter.setTransaction(transaction);
        if (arrivedDuringReload.length) meter.addLive(arrivedDuringReload.flat());
      }
      drawAll();
      showSessionFindings(findings, transaction, ctx.isCurrent);
      loadPlan();
    } catch (error) {
      notify(`${t('sessions.detail.reloadFailed')} ${error.message}`, 'error');
    } finally {
      reloading = false;
      arrivedDuringReload = null;
      if (reloadAgain && ctx.isCurrent()) {
        reloadAgain = false;
        reload();
      }
    }
  }

  onStopped = reload;
  if (stoppedWhileLoading) reload();
  let planEventAt = 0;
  const plansAreLive = () => Date.now() - planEventAt < PLAN_EVENTS_QUIET;
  ctx.subscribe(['charging_need.changed'], (event) => {
    if (event.transactionId !== id) return;
    need.applyNeed(event);
    if (!plansAreLive()) {
      const timer = setTimeout(loadPlan, PLAN_AFTER_NEED);
      ctx.onCleanup(() => clearTimeout(timer));
    }
  });
  ctx.subscribe(['load.plan_computed'], (event) => {
    if (!siteId || event.siteId !== siteId || !isOpen(transaction)) return;
    planEventAt = Date.now();
    managed = true;
    need.updatePlan(event.connectors?.find((connector) => connector.transactionId === id) ?? null);
  });
  const planPoll = setInterval(() => {
    if (managed && isOpen(transaction) && !plansAreLive()) loadPlan();
  }, PLAN_POLL);
  ctx.onCleanup(() => clearInterval(planPoll));
  ctx.onReconnect(reload);
  // The duration of a running session moves on without any event.
  const ticker = setInterval(() => {
    if (!isOpen(transaction)) return;
    drawCards();
    drawSummary();
  }, MINUTE);
  ctx.onCleanup(() => clearInterval(ticker));

  drawAll();
  const drawn = transaction;
  meter = await sessionMeterChart(chartArea, ctx, transaction);
  if (!ctx.isCurrent()) return;
  if (transaction !== drawn) meter.setTransaction(transaction); // reloaded meanwhile
  if (early.length) meter.addLive(early.flat());
  drawSummary();
  drawCards();
  showSessionFindings(findings, transaction, ctx.isCurrent);
  loadPlan();
}
