// "Fleets & vehicles": the vehicles, departments, drivers and id tags of the user's institutions, one tab
// each (tab=vehicles|departments|drivers|idtags in the address), with an institution filter for users who
// see several. Operators create, edit and delete; energy offices read.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatNumber, t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { isAdmin, mayOperate } from '../lib/session.js';
import { emptyState, pageHeader, section } from '../components/page.js';
import { loadAll } from '../components/fleet_data.js';
import { renderDepartmentsTab } from '../components/fleet_departments.js';
import { renderDriversTab } from '../components/fleet_drivers.js';
import { renderIdTagsTab } from '../components/fleet_id_tags.js';
import { renderVehiclesTab } from '../components/fleet_vehicles.js';

const TABS = {
  vehicles: { label: 'fleet.tab.vehicles', render: renderVehiclesTab },
  departments: { label: 'fleet.tab.departments', render: renderDepartmentsTab },
  drivers: { label: 'fleet.tab.drivers', render: renderDriversTab },
  idtags: { label: 'fleet.tab.idtags', render: renderIdTagsTab },
};

export async function render(view, ctx) {
  const institutions = await loadAll('/institutions');
  if (!ctx.isCurrent()) return;
  const tab = TABS[ctx.query.get('tab')] ? ctx.query.get('tab') : 'vehicles';
  const requested = Number(ctx.query.get('institution'));
  const institutionId = institutions.some((institution) => institution.id === requested) ? requested : null;

  const institutionFilter =
    institutions.length > 1
      ? h(
          'label',
          { class: 'inline-field' },
          t('fleet.institution'),
          h(
            'select',
            { name: 'institution', onchange: (event) => ctx.setQuery({ tab, institution: event.target.value }) },
            h('option', { value: '' }, t('fleet.allInstitutions')),
            institutions.map((institution) => h('option', { value: institution.id, selected: institution.id === institutionId }, institution.name)),
          ),
        )
      : null;

  view.append(pageHeader(t('nav.fleet'), institutionFilter));
  if (!institutions.length) {
    view.append(section(null, emptyState(t('fleet.noInstitution'))));
    return;
  }

  const departments = await loadAll('/departments', { institutionId });
  if (!ctx.isCurrent()) return;

  // Reloads that several tabs need are shared: lists of everything are loaded once per visit.
  let owners = null;
  const tagListeners = new Set();
  let tagTimer = null;
  const tagsChanged = () => {
    clearTimeout(tagTimer);
    tagTimer = setTimeout(() => tagListeners.forEach((listener) => listener()), 300);
  };
  ctx.onCleanup(() => clearTimeout(tagTimer));
  // Only admins receive id_tags.changed (it names no institution); other users see their own changes
  // because every dialog reloads its list.
  ctx.subscribe(['id_tags.changed'], tagsChanged);
  ctx.onReconnect(tagsChanged);

  const scope = {
    ctx,
    query: ctx.query,
    institutions,
    institutionId,
    departments,
    canOperate: mayOperate(),
    isAdmin: isAdmin(),
    setQuery: (changes) => ctx.setQuery({ ...Object.fromEntries(ctx.query), ...changes }),
    reloadPage: () => ctx.rerender(),
    owners: () =>
      (owners ??= Promise.all([loadAll('/vehicles', { institutionId }), loadAll('/drivers', { institutionId })]).then(
        ([vehicles, drivers]) => ({ vehicles, drivers }),
        (error) => {
          owners = null; // the next attempt asks again
          throw error;
        },
      )),
    allTags: () => loadAll('/id-tags', { institutionId }),
    onTagsChanged: (listener) => tagListeners.add(listener),
  };

  const summary = h('div', { class: 'cards fleet-summary', 'aria-live': 'polite' });
  const tabs = h(
    'nav',
    { class: 'tabs', 'aria-label': t('fleet.tabsLabel') },
    Object.entries(TABS).map(([key, { label }]) =>
      h('a', { href: hrefOf('/fleet', { tab: key, institution: institutionId }), 'aria-current': key === tab ? 'page' : null }, t(label)),
    ),
  );
  const content = h('div', { class: 'fleet-tab' });
  view.append(summary, tabs, section(null, content));

  showSummary(summary, institutionId);
  await TABS[tab].render(content, scope);
}

// The fleet at a glance: vehicles, how many are electric, drivers and cards in use.
async function showSummary(element, institutionId) {
  const total = (path, query = {}) => api.get(path, { institutionId, limit: 1, ...query }).then((page) => page.total);
  try {
    const [vehicles, bev, phev, drivers, tags] = await Promise.all([
      total('/vehicles'),
      total('/vehicles', { kind: 'BEV' }),
      total('/vehicles', { kind: 'PHEV' }),
      total('/drivers'),
      total('/id-tags'),
    ]);
    const card = (value, label, tab, kind = '') =>
      h('a', { class: `card ${kind}`, href: hrefOf('/fleet', { tab, institution: institutionId }) }, h('span', { class: 'value' }, formatNumber(value, 0)), h('span', { class: 'label' }, label));
    element.replaceChildren(
      card(vehicles, t('fleet.summary.vehicles'), 'vehicles'),
      card(bev + phev, t('fleet.summary.nev', { share: vehicles ? formatNumber(((bev + phev) / vehicles) * 100, 0) : '0' }), 'vehicles', 'ok'),
      card(drivers, t('fleet.summary.drivers'), 'drivers'),
      card(tags, t('fleet.summary.tags'), 'idtags', 'busy'),
    );
  } catch (error) {
    element.replaceChildren();
    console.warn('fleet summary failed', error);
  }
}
