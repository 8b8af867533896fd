// The audit log (admin only, docs/api.md "Audit log"): every change made through the API, every login and
// every command sent to a charger, newest first. The filters the API offers (who, method or OCPP action,
// area of the API, time range) live in the address, so a view can be bookmarked or sent to a colleague.
import { api } from '../lib/api.js';
import { h, uniqueId } from '../lib/dom.js';
import { formatDateTime, t } from '../lib/i18n.js';
import { field, localInputValue, readForm } from '../components/form.js';
import { pageHeader, section } from '../components/page.js';
import { pagedTable } from '../components/table.js';
import { actionOf, detailsOf, objectOf, outcomeBadge, subjectLink, who } from '../components/admin_audit_entry.js';

const FILTERS = ['subject', 'method', 'pathPrefix', 'from', 'to'];
const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE', 'Reset', 'RemoteStartTransaction', 'RemoteStopTransaction', 'ChangeConfiguration', 'SetChargingProfile', 'UnlockConnector'];
// The parts of the API people look for; pathPrefix is a plain prefix.
const AREAS = [
  ['/api/v1/auth/', 'auth'],
  ['/api/v1/users', 'users'],
  ['/api/v1/api-tokens', 'tokens'],
  ['/api/v1/institutions', 'institutions'],
  ['/api/v1/sites', 'sites'],
  ['/api/v1/chargers', 'chargers'],
  ['/ocpp/', 'ocpp'],
  ['/api/v1/id-tags', 'idTags'],
  ['/api/v1/vehicles', 'vehicles'],
];

export async function render(view, ctx) {
  const [userList, tokenList] = await Promise.all([api.get('/users', { limit: 1000 }), api.get('/api-tokens', { limit: 1000 })]);
  if (!ctx.isCurrent()) return;
  const usersByName = new Map(userList.items.map((user) => [user.username.toLowerCase(), user]));
  const filter = Object.fromEntries(FILTERS.map((name) => [name, ctx.query.get(name) ?? '']));

  const table = pagedTable({
    load: (limit, offset) => api.get('/audit-log', { ...filter, limit, offset }),
    empty: t('admin.audit.empty'),
    columns: [
      { label: t('admin.audit.when'), cell: (entry) => h('time', { datetime: entry.at }, formatDateTime(entry.at)) },
      {
        label: t('admin.audit.who'),
        cell: (entry) => {
          const person = who(entry.subject, usersByName);
          return h('div', { class: 'admin-audit-who' }, subjectLink(person, ctx.query), h('small', { class: 'muted' }, entry.subject));
        },
      },
      { label: t('admin.audit.what'), cell: (entry) => h('div', { class: 'admin-audit-what' }, actionOf(entry), h('code', { class: 'admin-audit-request' }, `${entry.method} ${entry.path}`)) },
      { label: t('admin.audit.outcome'), cell: outcomeBadge },
      // The details unfold under the object, in the widest column.
      { label: t('admin.audit.object'), cell: (entry) => h('div', { class: 'admin-audit-object' }, objectOf(entry), detailsOf(entry)) },
    ],
  });

  view.append(
    h(
      'div',
      { class: 'admin-page' },
      pageHeader(t('nav.audit'), h('button', { type: 'button', onclick: () => table.reload() }, t('common.refresh'))),
      section(null, filterForm(filter, userList.items, tokenList.items, ctx), table.element),
    ),
  );
}

function filterForm(filter, users, tokens, ctx) {
  const subjects = uniqueId('subjects');
  const methods = uniqueId('methods');
  const areaOptions = [{ value: '', label: t('common.all') }, ...AREAS.map(([prefix, key]) => ({ value: prefix, label: t(`admin.audit.area.${key}`) }))];
  if (filter.pathPrefix && !AREAS.some(([prefix]) => prefix === filter.pathPrefix)) areaOptions.push({ value: filter.pathPrefix, label: filter.pathPrefix });
  const form = h(
    'form',
    { class: 'toolbar admin-audit-filters', 'aria-label': t('admin.audit.filters') },
    field({ label: t('admin.audit.who'), name: 'subject', value: filter.subject, list: subjects, placeholder: 'user:…', autocomplete: 'off' }),
    h('datalist', { id: subjects }, [
      ...users.map((user) => h('option', { value: `user:${user.username}` }, user.displayName)),
      ...tokens.map((token) => h('option', { value: `token:${token.name}` }, t('admin.audit.who.token', { name: token.name }))),
    ]),
    field({ label: t('admin.audit.method'), name: 'method', value: filter.method, list: methods, autocomplete: 'off' }),
    h('datalist', { id: methods }, METHODS.map((method) => h('option', { value: method }))),
    field({ label: t('admin.audit.area'), name: 'pathPrefix', type: 'select', value: filter.pathPrefix, options: areaOptions }),
    field({ label: t('admin.audit.from'), name: 'from', type: 'datetime-local', value: localInputValue(filter.from) }),
    field({ label: t('admin.audit.to'), name: 'to', type: 'datetime-local', value: localInputValue(filter.to) }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'primary' }, t('common.apply')), h('button', { type: 'button', onclick: () => ctx.setQuery({}) }, t('common.reset'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = readForm(form);
    ctx.setQuery(Object.fromEntries(FILTERS.map((name) => [name, values[name] ?? ''])));
  });
  return form;
}

