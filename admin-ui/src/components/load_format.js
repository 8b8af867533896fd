// Shared pieces of the load pages: the scheduler's reasons and readiness as badges with plain-word
// explanations, a circuit's load against its usable limit, counts of connectors by state, and the power of
// a current.
import { h } from '../lib/dom.js';
import { formatNumber, t, tOr } from '../lib/i18n.js';
import { touLabel } from './tou.js';

export const REASONS = ['charging', 'deferred', 'capacity_exhausted', 'building_load_unknown', 'complete', 'held', 'idle', 'uncontrolled'];

const REASON_KINDS = {
  charging: 'busy',
  held: 'busy',
  deferred: 'info',
  complete: 'ok',
  idle: 'muted',
  capacity_exhausted: 'warn',
  uncontrolled: 'warn',
  building_load_unknown: 'bad',
};

export const DEFAULT_VOLTAGE = 230;

// Why the connector has its limit: a badge whose title explains it (the legend below the plan explains
// them all, for touch screens where titles do not show).
export function reasonBadge(reason) {
  const help = tOr(`load.reasonHelp.${reason}`, '');
  return h('span', { class: `badge ${REASON_KINDS[reason] ?? 'muted'}`, title: help || null }, tOr(`load.reason.${reason}`, reason));
}

export function reasonLegend() {
  return h(
    'details',
    { class: 'load-legend' },
    h('summary', {}, t('load.plan.legend')),
    h('dl', {}, REASONS.map((reason) => [h('dt', {}, reasonBadge(reason)), h('dd', {}, t(`load.reasonHelp.${reason}`))])),
  );
}

// Why ParkGrid does not trust a charger to follow limits (docs/api.md "Charger electrical settings").
export function flagBadge(flag) {
  if (!flag) return null;
  return h('span', { class: 'badge warn', title: flag.detail ?? null }, `⚠ ${tOr(`load.flag.${flag.reason}`, flag.reason)}`);
}

// Will the vehicle have what it needs by its departure? Only connectors with a session have an answer.
export function readinessBadge(connector) {
  if (connector.transactionId === null || connector.transactionId === undefined) return null;
  if (connector.deadlineMet === true) return h('span', { class: 'badge ok load-ready' }, `✓ ${t('load.ready.yes')}`);
  if (connector.deadlineMet === false) return h('span', { class: 'badge bad load-ready' }, `✗ ${t('load.ready.no')}`);
  return h('span', { class: 'badge muted load-ready', title: t('load.ready.unknownHelp') }, `? ${t('load.ready.unknown')}`);
}

export function rootCircuit(circuits = []) {
  return circuits.find((circuit) => circuit.parentId === null || circuit.parentId === undefined) ?? null;
}

// A circuit's load on its most loaded phase (building + charging, as the scheduler counts them) against the
// usable limit of that phase.
export function circuitLoad(circuit) {
  const building = circuit.buildingA ?? [];
  const charging = circuit.chargingA ?? [];
  const usable = circuit.usableA ?? [];
  let worst = null;
  for (let phase = 0; phase < Math.max(building.length, charging.length); phase++) {
    const load = (building[phase] ?? 0) + (charging[phase] ?? 0);
    const limit = usable[phase] ?? usable[0] ?? 0;
    const share = limit > 0 ? load / limit : 1;
    if (!worst || share > worst.share) worst = { load, usable: limit, share, building: building[phase] ?? 0, charging: charging[phase] ?? 0 };
  }
  return worst;
}

// "52 / 60 A" with a meter that turns amber and red as the circuit fills up.
export function loadMeter(circuit) {
  const load = circuitLoad(circuit);
  if (!load) return h('span', { class: 'muted' }, '–');
  const label = t('load.loadOf', { load: formatNumber(load.load), usable: formatNumber(load.usable) });
  return h(
    'span',
    { class: 'load-meter' },
    h('meter', { min: 0, max: Math.max(load.usable, load.load, 1), low: load.usable * 0.8, high: load.usable * 0.95, optimum: 0, value: load.load, 'aria-label': label }),
    h('span', { class: 'load-meter-text' }, label),
    circuit.buildingLoadKnown === false ? h('span', { class: 'badge bad', title: t('load.reasonHelp.building_load_unknown') }, t('load.buildingUnknown')) : null,
  );
}

// Per phase, one line each: "L1: building 20 + charging 32 A".
export function phaseFigures(circuit) {
  const building = circuit.buildingA ?? [];
  const charging = circuit.chargingA ?? [];
  return h(
    'span',
    { class: 'load-phases' },
    building.map((value, phase) =>
      h('span', {}, t('load.phaseFigure', { phase: `L${phase + 1}`, building: formatNumber(value), charging: formatNumber(charging[phase] ?? 0) })),
    ),
  );
}

export function hasSession(connector) {
  return connector.transactionId !== null && connector.transactionId !== undefined;
}

// Connectors by what they do now: charging (with current), deferred to cheaper hours, paused for lack of
// capacity or of a building reading, and sessions that will not be ready by their departure.
export function countConnectors(connectors = []) {
  const counts = { charging: 0, deferred: 0, paused: 0, notReady: 0, sessions: 0 };
  for (const connector of connectors) {
    if (hasSession(connector)) counts.sessions++;
    if ((connector.reason === 'charging' || connector.reason === 'held') && connector.limitA > 0) counts.charging++;
    else if (connector.reason === 'deferred') counts.deferred++;
    else if (connector.reason === 'capacity_exhausted' || connector.reason === 'building_load_unknown') counts.paused++;
    if (hasSession(connector) && connector.deadlineMet === false) counts.notReady++;
  }
  return counts;
}

// The power of `amperes` per phase on `phases` phases at `voltage` (phase to neutral), in kW.
export function powerKw(amperes, phases = 3, voltage = DEFAULT_VOLTAGE) {
  return (amperes * phases * voltage) / 1000;
}

export function amperes(value) {
  return value === null || value === undefined ? '–' : `${formatNumber(value)} ${t('common.unit.a')}`;
}

export function tariffKindLabel(kind) {
  return kind ? touLabel(kind) : t('load.tariff.none');
}

// Keeps keyboard focus across a redraw: the focused control's data-focus-key is looked up again in the
// new content. Live tables redraw every few seconds; without this a keyboard user would lose their place.
export function redrawKeepingFocus(container, draw) {
  const active = document.activeElement;
  const key = container.contains(active) ? active?.dataset?.focusKey : null;
  draw();
  if (key) container.querySelector(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
}
