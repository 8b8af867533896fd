// One audit-log record (docs/api.md "Audit log") as people read it: who (a user's display name rather than
// `user:…`), what they did in words ("Create user") with the request below it, the outcome, the object,
// and every detail as key/value text on demand. Everything is text: a record cannot inject markup.
import { h } from '../lib/dom.js';
import { t, tOr } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';

const VERBS = ['POST', 'PUT', 'PATCH', 'DELETE'];

// Who made the request: {name, subject}. `usersByName` maps usernames to users (display names).
export function who(subject, usersByName) {
  const [kind, ...rest] = String(subject ?? '').split(':');
  const name = rest.join(':');
  switch (kind) {
    case 'user':
      return { name: usersByName.get(name.toLowerCase())?.displayName ?? name, subject };
    case 'token':
      return { name: t('admin.audit.who.token', { name }), subject };
    case 'system':
      return { name: t('admin.audit.who.system', { purpose: tOr(`admin.audit.system.${name}`, name) }), subject };
    case 'anonymous':
      return { name: t('admin.audit.who.anonymous'), subject };
    default:
      return { name: subject ?? '–', subject };
  }
}

// Collections whose next path part is an item's id (numeric or not: a charger's id, an id tag).
const ITEM_COLLECTIONS = new Set([
  'users', 'api-tokens', 'institutions', 'sites', 'departments', 'vehicles', 'drivers', 'id-tags', 'chargers',
  'reservations', 'desired-configuration', 'circuits', 'energy-factors', 'odometer-readings',
  'certificate-requests', 'transactions',
]);

// What was done, in words: "Create user", "Remote start". Falls back to the method and path when the
// request is not one we can name.
export function actionOf(entry) {
  const path = entry.path ?? '';
  const raw = `${entry.method} ${path}`;
  if (path.startsWith('/ocpp/')) return t('admin.audit.action.ocpp', { action: entry.method, charger: decodeSegment(path.slice(6)) });
  const parts = path.replace(/^\/api\/v1\//, '').split('/').filter(Boolean).map(decodeSegment);
  if (parts[0] === 'auth' && parts[1]) return tOr(`admin.audit.action.auth.${parts[1]}`, raw);
  if (parts[0] === 'chargers' && parts[2] === 'commands' && parts[3]) return t('admin.audit.action.command', { action: parts[3], charger: parts[1] });
  if (!VERBS.includes(entry.method)) return raw;
  const thing = thingOf(parts);
  if (!thing) return raw;
  const action = tOr(`admin.audit.do.${thing}`, '');
  if (action) return action;
  const noun = tOr(`admin.audit.thing.${thing}`, '');
  return noun ? t('admin.audit.action.generic', { verb: t(`admin.audit.verb.${entry.method}`), thing: noun }) : raw;
}

// The last thing a path names, skipping ids: /sites/3/circuits/5 -> circuits, /chargers/CP-1/configuration/sync
// -> configuration-sync.
function thingOf(parts) {
  let thing = null;
  for (let i = 0; i < parts.length; i++) {
    thing = parts[i];
    if (ITEM_COLLECTIONS.has(parts[i]) && i + 1 < parts.length) i++;
  }
  if (thing === 'sync' && parts.length >= 2) thing = `${parts[parts.length - 2]}-sync`;
  return thing;
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// The outcome as a badge with words and the HTTP status (colour is never the only signal).
export function outcomeBadge(entry) {
  const status = Number(entry.status);
  const loginOutcome = entry.detail?.outcome;
  let kind = 'bad';
  let key = 'failed';
  if (status >= 200 && status < 300) [kind, key] = ['ok', 'succeeded'];
  else if (status === 401 || status === 403) [kind, key] = ['bad', 'refused'];
  else if (status === 404) [kind, key] = ['warn', 'notFound'];
  else if (status === 409) [kind, key] = ['warn', 'conflict'];
  else if (status === 422 || status === 400) [kind, key] = ['warn', 'invalid'];
  else if (status === 429) [kind, key] = ['warn', 'throttled'];
  const words = typeof loginOutcome === 'string' ? tOr(`admin.audit.outcome.${loginOutcome}`, loginOutcome) : t(`admin.audit.result.${key}`);
  return h('span', { class: `badge ${kind}` }, `${words} · ${Number.isFinite(status) ? status : '–'}`);
}

// The object concerned, from the record's detail: a username or name, and the id.
export function objectOf(entry) {
  const detail = entry.detail;
  if (!detail || typeof detail !== 'object') return null;
  const parts = [];
  const label = detail.username ?? detail.name ?? detail.idTag ?? null;
  if (label !== null) parts.push(String(label));
  if (detail.id !== undefined && detail.id !== null) parts.push(`#${detail.id}`);
  if (Array.isArray(detail.changed) && detail.changed.length) parts.push(t('admin.audit.changed', { fields: detail.changed.map((name) => tOr(`admin.audit.field.${name}`, name)).join(', ') }));
  if (detail.error) parts.push(tOr(`admin.audit.error.${detail.error}`, detail.error) + (detail.field ? ` (${detail.field})` : ''));
  return parts.length ? parts.join(' · ') : null;
}

// Every detail as label/value text, folded away until asked for.
export function detailsOf(entry) {
  const rows = [
    [t('admin.audit.key.record'), `#${entry.id}`],
    [t('admin.audit.key.subject'), entry.subject],
    [t('admin.audit.key.subjectRole'), entry.role ? tOr(`role.${entry.role}`, entry.role) : '–'],
    [t('admin.audit.key.request'), `${entry.method} ${entry.path}`],
    [t('admin.audit.key.status'), String(entry.status)],
    [t('admin.audit.key.remoteAddress'), entry.remoteAddress ?? '–'],
  ];
  if (entry.detail && typeof entry.detail === 'object') {
    for (const [key, value] of Object.entries(entry.detail)) {
      const text = key === 'role' ? tOr(`role.${value}`, value) : key === 'changed' && Array.isArray(value) ? value.map((name) => tOr(`admin.audit.field.${name}`, name)).join(', ') : textOf(value);
      rows.push([tOr(`admin.audit.key.${key}`, key), text]);
    }
  } else if (entry.detail !== null && entry.detail !== undefined) {
    rows.push([t('admin.audit.key.detail'), textOf(entry.detail)]);
  }
  return h(
    'details',
    { class: 'admin-audit-details' },
    h('summary', {}, t('common.details')),
    h('dl', { class: 'key-values' }, rows.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])),
  );
}

function textOf(value) {
  if (value === null || value === undefined) return '–';
  if (Array.isArray(value)) return value.map(textOf).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// A link that narrows the log to one subject, keeping the other filters.
export function subjectLink(person, query) {
  return h(
    'a',
    { href: hrefOf('/admin/audit', { ...Object.fromEntries(query), subject: person.subject }), title: t('admin.audit.onlySubject', { subject: person.subject }) },
    person.name,
  );
}
