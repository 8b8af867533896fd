// A charger's command log: every CALL sent to it (by users through the API and by ParkGrid itself for
// configuration, local lists, firmware and diagnostics), newest first, paged, and refreshed when a command
// completes.
import { api } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { formatDateTime, t, tOr } from '../lib/i18n.js';
import { pagedTable } from './table.js';
import { chargerApiPath } from './charger_address.js';
import { answerBadgeText } from './charger_commands.js';

const GOOD = new Set(['Accepted', 'Scheduled', 'Unlocked', 'RebootRequired']);

// A request or answer payload as short text ("type: Soft"; lists by their length); the full JSON is in the
// cell's title.
export function payloadText(payload) {
  if (payload === null || payload === undefined) return '';
  if (typeof payload !== 'object') return String(payload);
  const valueText = (value) => {
    if (Array.isArray(value)) return t('chargers.commands.entries', { count: value.length });
    if (value !== null && typeof value === 'object') return JSON.stringify(value);
    return String(value);
  };
  const text = Object.entries(payload).map(([key, value]) => `${key}: ${valueText(value)}`).join(', ');
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

export function requesterText(requestedBy) {
  if (!requestedBy) return '–';
  if (requestedBy.startsWith('system:')) return tOr(`chargers.requester.${requestedBy.slice(7)}`, requestedBy);
  return requestedBy.replace(/^user:/, '').replace(/^token:/, t('chargers.requester.token'));
}

function outcome(command) {
  if (command.status === 'result') {
    const answer = command.response?.status;
    if (!answer) return h('span', { class: 'badge ok' }, t('chargers.commandStatus.result'));
    return h('span', { class: `badge ${GOOD.has(answer) ? 'ok' : 'bad'}` }, answerBadgeText(answer));
  }
  const kind = command.status === 'pending' ? 'busy' : 'bad';
  return h('span', { class: `badge ${kind}` }, tOr(`chargers.commandStatus.${command.status}`, command.status));
}

export function commandLogTab(panel, { chargerId }) {
  const table = pagedTable({
    pageSize: 25,
    empty: t('chargers.commands.empty'),
    caption: t('chargers.commands.caption'),
    columns: [
      { label: t('chargers.commands.requestedAt'), cell: (c) => formatDateTime(c.requestedAt) },
      { label: t('chargers.commands.action'), cell: (c) => h('span', { class: 'charger-action-name' }, tOr(`chargers.ocppAction.${c.action}`, c.action)) },
      { label: t('chargers.commands.request'), cell: (c) => h('code', { class: 'charger-payload', title: JSON.stringify(c.request) }, payloadText(c.request)) },
      { label: t('chargers.commands.requestedBy'), cell: (c) => requesterText(c.requestedBy) },
      { label: t('chargers.commands.outcome'), cell: outcome },
      {
        label: t('chargers.commands.detail'),
        cell: (c) =>
          c.errorCode || c.errorDescription
            ? h('span', { class: 'charger-command-error' }, [c.errorCode, c.errorDescription].filter(Boolean).join(': '))
            : h('code', { class: 'charger-payload', title: JSON.stringify(c.response) }, payloadText(c.response)),
      },
      { label: t('chargers.commands.completedAt'), cell: (c) => formatDateTime(c.completedAt) },
    ],
    load: (limit, offset) => api.get(chargerApiPath(chargerId, '/commands'), { limit, offset }),
  });
  replace(panel, table.element);
  return {
    onEvent(type) {
      if (type === 'command.completed') table.reload();
    },
    reload: table.reload,
  };
}
