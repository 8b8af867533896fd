// How the sessions pages name a charging session's parts, in the same words and formats on the list and on
// the detail page: its state, energy, duration, stop reason and links.
import { h } from '../lib/dom.js';
import { formatDuration, formatNumber, t, tOr } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';

export const isOpen = (transaction) => !transaction.stopTime;

// "Charging" while open, "Finished" once stopped: coloured and worded, so colour is never the only signal.
export function stateBadge(transaction) {
  return isOpen(transaction)
    ? h('span', { class: 'badge busy' }, t('sessions.state.open'))
    : h('span', { class: 'badge ok' }, t('sessions.state.finished'));
}

// Energy in Wh as "12.35 kWh"; two decimals, the resolution operators compare with their bills.
export function kwhText(wh) {
  if (wh === null || wh === undefined || Number.isNaN(wh)) return '–';
  return `${formatNumber(wh / 1000, 2, 2)} ${t('common.unit.kwh')}`;
}

// How long the session ran, or has run so far while it is open.
export function durationSeconds(transaction, now = Date.now()) {
  const start = Date.parse(transaction.startTime);
  const end = transaction.stopTime ? Date.parse(transaction.stopTime) : now;
  if (Number.isNaN(start) || Number.isNaN(end)) return null;
  return Math.max(0, (end - start) / 1000);
}

export function durationText(transaction, now = Date.now()) {
  return formatDuration(durationSeconds(transaction, now));
}

// OCPP stop reasons (Local is what a charger that gives none means).
export function stopReasonText(reason) {
  return reason ? tOr(`sessions.reason.${reason}`, reason) : '–';
}

export function sessionHref(id) {
  return hrefOf(`/sessions/${id}`);
}

export function chargerHref(chargerId) {
  return hrefOf(`/chargers/${encodeURIComponent(chargerId)}`);
}

// "CP-1 · connector 2" as a link to the charger; `stacked` puts the connector under the charger, for
// narrow table columns.
export function chargerLink(transaction, { stacked = false } = {}) {
  const name = t('sessions.chargerConnector', { charger: transaction.chargerId, connector: transaction.connectorId });
  if (!stacked) return h('a', { href: chargerHref(transaction.chargerId) }, name);
  return h(
    'a',
    { href: chargerHref(transaction.chargerId), class: 'session-charger', 'aria-label': name },
    h('span', {}, transaction.chargerId),
    h('span', {}, t('sessions.connector', { connector: transaction.connectorId })),
  );
}
