// Connector and charger states as coloured badges with text (colour is never the only signal).
import { h } from '../lib/dom.js';
import { tOr } from '../lib/i18n.js';

const kinds = {
  Available: 'ok',
  Preparing: 'busy',
  Charging: 'busy',
  SuspendedEV: 'busy',
  SuspendedEVSE: 'warn',
  Finishing: 'busy',
  Reserved: 'info',
  Unavailable: 'muted',
  Faulted: 'bad',
  online: 'ok',
  offline: 'muted',
  Accepted: 'ok',
  Pending: 'warn',
  Rejected: 'bad',
};

export function statusBadge(status, prefix = 'status') {
  if (!status) return h('span', { class: 'badge muted' }, '–');
  return h('span', { class: `badge ${kinds[status] ?? 'info'}` }, tOr(`${prefix}.${status}`, status));
}
