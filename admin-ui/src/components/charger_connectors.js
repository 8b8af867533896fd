// A charger's connectors (充电枪) with their latest status: compact chips for the charger list, and one card
// per connector with its fault, its charging session and its actions on the charger's page. Connector 0 is
// the charger as a whole in OCPP; it is shown only when it reports a problem.
import { h } from '../lib/dom.js';
import { formatDateTime, t, tOr } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { emptyState } from './page.js';
import { statusBadge } from './status.js';

export const OCPP_STATUSES = ['Available', 'Preparing', 'Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing', 'Reserved', 'Unavailable', 'Faulted'];

export function realConnectors(charger) {
  return (charger.connectors ?? []).filter((connector) => connector.connectorId > 0).sort((a, b) => a.connectorId - b.connectorId);
}

// The whole charger's own status (connector 0) when it is something to look at.
export function chargerLevelProblem(charger) {
  const whole = (charger.connectors ?? []).find((connector) => connector.connectorId === 0);
  return whole && whole.status !== 'Available' ? whole : null;
}

export function hasFault(connector) {
  return connector.status === 'Faulted' || (connector.errorCode && connector.errorCode !== 'NoError');
}

export function errorCodeText(connector) {
  if (!connector.errorCode || connector.errorCode === 'NoError') return null;
  const text = tOr(`chargers.errorCode.${connector.errorCode}`, connector.errorCode);
  return connector.vendorErrorCode ? `${text} (${connector.vendorErrorCode})` : text;
}

// Takes a connector.status event into a charger object.
export function applyStatusEvent(charger, event) {
  const others = (charger.connectors ?? []).filter((connector) => connector.connectorId !== event.connectorId);
  others.push({
    connectorId: event.connectorId,
    status: event.status,
    errorCode: event.errorCode,
    info: event.info ?? null,
    vendorId: event.vendorId ?? null,
    vendorErrorCode: event.vendorErrorCode ?? null,
    timestamp: event.timestamp ?? event.at,
    receivedAt: event.at,
  });
  charger.connectors = others.sort((a, b) => a.connectorId - b.connectorId);
}

function chip(label, connector) {
  const fault = errorCodeText(connector);
  return h(
    'li',
    { class: 'charger-connector-chip', dataset: { connector: String(connector.connectorId), status: connector.status } },
    h('span', { class: 'charger-connector-number' }, label),
    ' ',
    statusBadge(connector.status),
    fault ? h('small', { class: 'charger-connector-fault' }, ` ${fault}`) : null,
  );
}

// The list's cell: every connector's status, the charger's own problem first.
export function connectorChips(charger) {
  const connectors = realConnectors(charger);
  const whole = chargerLevelProblem(charger);
  if (!connectors.length && !whole) return h('span', { class: 'muted' }, t('chargers.connectors.none'));
  return h(
    'ul',
    { class: 'charger-connector-chips' },
    whole ? chip(t('chargers.connectors.whole'), whole) : null,
    connectors.map((connector) => chip(t('chargers.connectors.short', { n: connector.connectorId }), connector)),
  );
}

// The charger page's cards. `transactions` maps connectorId to its open transaction; `actionsFor(connector,
// transaction)` gives the buttons (none for those who only read).
export function connectorCards(charger, transactions, actionsFor) {
  const connectors = realConnectors(charger);
  const whole = chargerLevelProblem(charger);
  if (!connectors.length && !whole) return emptyState(t('chargers.connectors.noneYet'));
  const card = (connector, title) => {
    const transaction = transactions.get(connector.connectorId);
    const fault = errorCodeText(connector);
    return h(
      'article',
      { class: `charger-connector-card ${hasFault(connector) ? 'faulted' : ''}`, 'aria-label': title, dataset: { connector: String(connector.connectorId) } },
      h('header', {}, h('h3', {}, title), statusBadge(connector.status)),
      fault ? h('p', { class: 'charger-connector-fault' }, fault) : null,
      connector.info ? h('p', { class: 'muted' }, connector.info) : null,
      h('p', { class: 'muted charger-connector-since' }, t('chargers.connectors.since', { time: formatDateTime(connector.timestamp ?? connector.receivedAt) })),
      transaction
        ? h(
            'p',
            { class: 'charger-connector-session' },
            h('a', { href: hrefOf(`/sessions/${transaction.id}`) }, t('chargers.connectors.session', { transactionId: transaction.id })),
            ' ',
            t('chargers.connectors.sessionDetail', { idTag: transaction.idTag, time: formatDateTime(transaction.startTime) }),
          )
        : null,
      connector.connectorId > 0 ? h('div', { class: 'charger-connector-actions' }, actionsFor(connector, transaction)) : null,
    );
  };
  return h(
    'div',
    { class: 'charger-connector-cards' },
    whole ? card(whole, t('chargers.connectors.whole')) : null,
    connectors.map((connector) => card(connector, t('chargers.connectors.title', { n: connector.connectorId }))),
  );
}
