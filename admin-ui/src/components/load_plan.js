// The plan of a site per connector, as fleet admins read it: what each charger may draw now and why, which
// vehicle charges, what it still needs, when it leaves, what it will get by then and whether it will be
// ready. Drawn again from the plan feed whenever the scheduler runs.
import { h } from '../lib/dom.js';
import { formatDate, formatDateTime, formatNumber, formatTime, t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { amperes, DEFAULT_VOLTAGE, flagBadge, hasSession, powerKw, readinessBadge, reasonBadge, redrawKeepingFocus } from './load_format.js';
import { editChargingNeed } from './load_need.js';
import { dataTable } from './table.js';

const sameDay = (a, b) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

// A departure today as its time, another day with its date.
export function formatWhen(value) {
  if (!value) return '–';
  const date = new Date(value);
  return sameDay(date, new Date()) ? formatTime(value) : `${formatDate(value)} ${formatTime(value)}`;
}

// chargers: Map id -> charger (phases, circuitId); circuits: Map id -> circuit (voltageV); owners: from
// sessionOwners(); operate: whether the user may change charging needs; changed(): after a change.
export function planTable({ chargers, circuits, owners, operate, changed }) {
  const element = h('div', { class: 'load-plan' });

  function limitCell(connector) {
    const charger = chargers.get(connector.chargerId);
    const voltage = circuits.get(charger?.circuitId)?.voltageV ?? DEFAULT_VOLTAGE;
    const kw = powerKw(connector.limitA ?? 0, charger?.phases ?? 3, voltage);
    return h(
      'span',
      { class: 'load-limit' },
      h('strong', {}, amperes(connector.limitA)),
      h('small', { class: 'muted load-measured' }, t('load.plan.aboutKw', { kw: formatNumber(kw) })),
      connector.measuredA !== null && connector.measuredA !== undefined
        ? h('small', { class: 'muted load-measured' }, t('load.plan.measured', { current: formatNumber(connector.measuredA) }))
        : null,
    );
  }

  function needCell(connector) {
    if (!hasSession(connector)) return null;
    const remaining = connector.remainingKwh === null || connector.remainingKwh === undefined
      ? t('load.plan.needUnknown')
      : t('load.plan.remaining', { energy: formatNumber(connector.remainingKwh) });
    return h(
      'span',
      { class: 'load-need' },
      remaining,
      connector.deliveredKwh !== undefined ? h('small', { class: 'muted load-measured' }, t('load.plan.delivered', { energy: formatNumber(connector.deliveredKwh) })) : null,
      connector.socPercent !== null && connector.socPercent !== undefined ? h('small', { class: 'muted load-measured' }, t('load.plan.soc', { soc: formatNumber(connector.socPercent, 0) })) : null,
    );
  }

  function actionsCell(connector) {
    if (!operate || !hasSession(connector)) return null;
    const name = `${connector.chargerId} #${connector.connectorId}`;
    return h(
      'button',
      {
        type: 'button',
        class: 'link',
        dataset: { focusKey: `need-${connector.transactionId}` },
        'aria-label': t('load.need.buttonFor', { session: name }),
        onclick: async () => {
          const { transaction } = await owners.owner(connector.chargerId, connector.transactionId).catch(() => ({}));
          editChargingNeed({
            transactionId: connector.transactionId,
            label: name,
            need: transaction?.chargingNeed,
            done: () => {
              owners.forget(connector.transactionId);
              changed();
            },
          });
        },
      },
      t('load.need.button'),
    );
  }

  const columns = [
    {
      label: t('load.plan.connector'),
      cell: (connector) =>
        h(
          'span',
          { class: 'load-connector' },
          h('a', { href: hrefOf(`/chargers/${encodeURIComponent(connector.chargerId)}`) }, connector.chargerId),
          ` #${connector.connectorId}`,
          connector.online === false ? [' ', h('span', { class: 'badge muted' }, t('status.offline'))] : null,
        ),
    },
    { label: t('load.plan.state'), cell: (connector) => h('span', { class: 'load-state' }, reasonBadge(connector.reason), ' ', flagBadge(connector.loadFlag)) },
    { label: t('load.plan.limit'), numeric: true, cell: limitCell },
    {
      label: t('load.plan.vehicle'),
      cell: (connector) =>
        hasSession(connector)
          ? h(
              'span',
              {},
              owners.label(connector.chargerId, connector.transactionId),
              connector.priority !== undefined ? h('small', { class: 'muted load-measured' }, t('load.plan.priorityOf', { priority: formatNumber(connector.priority, 0) })) : null,
            )
          : h('span', { class: 'muted' }, t('load.plan.noSession')),
    },
    { label: t('load.plan.need'), numeric: true, cell: needCell },
    { label: t('load.plan.departure'), cell: (connector) => (hasSession(connector) ? formatWhen(connector.departureTime) : null) },
    {
      label: t('load.plan.ready'),
      cell: (connector) =>
        hasSession(connector)
          ? h(
              'span',
              { class: 'load-readiness' },
              readinessBadge(connector),
              h('small', { class: 'muted load-measured' }, t('load.plan.expectedEnergy', { energy: formatNumber(connector.expectedEnergyKwh) })),
            )
          : null,
    },
  ];
  if (operate) columns.push({ label: t('common.actions'), cell: actionsCell });

  function show(plan) {
    const rows = [...(plan.connectors ?? [])].sort(
      (a, b) => Number(hasSession(b)) - Number(hasSession(a)) || a.chargerId.localeCompare(b.chargerId) || a.connectorId - b.connectorId,
    );
    redrawKeepingFocus(element, () =>
      element.replaceChildren(
        dataTable({
          columns,
          rows,
          caption: t('load.plan.caption', { time: formatDateTime(plan.computedAt) }),
          empty: t('load.plan.noConnectors'),
        }),
      ),
    );
  }

  return { element, show };
}
