// One vehicle (#/fleet/vehicles/:id): its data with edit, its charging cards (link, unlink, new), its
// recent charging sessions, its energy this month and this year, and its odometer readings. Sessions and
// energy follow the live transaction events of the vehicle's cards.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDate, formatDateTime, formatDuration, formatNumber, t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { isAdmin, mayOperate } from '../lib/session.js';
import { keyValues, pageHeader, section, errorBox, loading } from '../components/page.js';
import { dataTable } from '../components/table.js';
import { departmentTree, formatPlate, loadAll } from '../components/fleet_data.js';
import { odometerReadings } from '../components/fleet_odometer.js';
import { vehicleEnergy } from '../components/fleet_vehicle_energy.js';
import { vehicleTags } from '../components/fleet_vehicle_tags.js';
import { deleteVehicle, kindLabel, openVehicleDialog, priorityBadge } from '../components/fleet_vehicles.js';

const RECENT_SESSIONS = 10;

export async function render(view, ctx) {
  const vehicle = await api.get(`/vehicles/${encodeURIComponent(ctx.params.id)}`);
  const [institution, departments] = await Promise.all([
    api.get(`/institutions/${vehicle.institutionId}`),
    loadAll('/departments', { institutionId: vehicle.institutionId }),
  ]);
  if (!ctx.isCurrent()) return;
  const canOperate = mayOperate();
  const department = departmentTree(departments).find((d) => d.id === vehicle.departmentId);
  // What the shared fleet forms need to know about where this vehicle belongs.
  const scope = { institutions: [institution], institutionId: institution.id, departments, isAdmin: isAdmin(), canOperate };
  const backToList = () => ctx.navigate('/fleet', { tab: 'vehicles' });

  const title = [formatPlate(vehicle.plateNumber), [vehicle.make, vehicle.model].filter(Boolean).join(' ')].filter(Boolean).join(' · ');
  view.append(
    h('p', { class: 'fleet-breadcrumb' }, h('a', { href: hrefOf('/fleet', { tab: 'vehicles' }) }, t('fleet.vehicle.back'))),
    pageHeader(
      title,
      canOperate ? h('button', { type: 'button', class: 'primary', onclick: () => openVehicleDialog(scope, vehicle, () => ctx.rerender()) }, t('fleet.vehicle.edit')) : null,
      canOperate ? h('button', { type: 'button', class: 'fleet-danger', onclick: () => deleteVehicle(vehicle, backToList) }, t('fleet.vehicle.delete')) : null,
    ),
  );

  const energyCards = h('div', { class: 'cards fleet-energy-cards', 'aria-live': 'polite' });
  const energyChart = h('div', { class: 'fleet-energy-chart' });
  const tagsArea = h('div');
  const sessionsArea = h('div', {}, loading());
  const odometerArea = h('div');

  view.append(
    energyCards,
    h(
      'div',
      { class: 'grid fleet-detail-grid' },
      section(
        t('fleet.vehicle.data'),
        keyValues([
          [t('fleet.vehicle.plate'), h('span', { class: 'fleet-plate' }, formatPlate(vehicle.plateNumber))],
          [t('fleet.institution'), institution.name],
          [t('fleet.vehicle.department'), department?.path ?? null],
          [t('fleet.vehicle.kind'), kindLabel(vehicle.kind)],
          [t('fleet.vehicle.makeModel'), [vehicle.make, vehicle.model].filter(Boolean).join(' ') || null],
          [t('fleet.vehicle.batteryKwh'), vehicle.batteryKwh ? `${formatNumber(vehicle.batteryKwh)} ${t('common.unit.kwh')}` : null],
          [t('fleet.vehicle.departure'), vehicle.usualDepartureTime ?? t('fleet.vehicle.noDeparture')],
          [t('fleet.vehicle.priority'), priorityBadge(vehicle.priority)],
          [t('fleet.vehicle.acquired'), formatDate(vehicle.acquiredDate)],
          [t('fleet.vehicle.retired'), vehicle.retiredDate ? formatDate(vehicle.retiredDate) : t('fleet.vehicle.inService')],
          [t('fleet.vehicle.updated'), formatDateTime(vehicle.updatedAt)],
        ]),
      ),
      section(t('fleet.vehicle.tags'), tagsArea),
    ),
    section(t('fleet.energy.title', { year: new Date().getFullYear() }), energyChart),
    section(t('fleet.sessions.title'), sessionsArea),
    section(t('fleet.odometer.title'), odometerArea),
  );

  const energy = vehicleEnergy({ cards: energyCards, chartArea: energyChart, ctx, vehicle });
  let tagNames = new Set();
  let shownSessions = new Set();

  async function showSessions() {
    try {
      // The sessions attributed to this vehicle when they started, whichever card it had then.
      const { items: sessions } = await api.get('/transactions', { vehicleId: vehicle.id, limit: RECENT_SESSIONS });
      if (!ctx.isCurrent()) return;
      if (!sessions.length && !tagNames.size) {
        sessionsArea.replaceChildren(h('p', { class: 'empty' }, t('fleet.sessions.noTags')));
        return;
      }
      shownSessions = new Set(sessions.map((session) => session.id));
      sessionsArea.replaceChildren(sessionsTable(sessions));
    } catch (error) {
      sessionsArea.replaceChildren(errorBox(error));
    }
  }

  vehicleTags(tagsArea, {
    vehicle,
    scope,
    canOperate,
    changed: (tags) => {
      tagNames = new Set(tags.map((tag) => tag.idTag.toUpperCase()));
      showSessions();
    },
  });
  odometerReadings(odometerArea, { vehicle, canOperate, changed: () => energy.refresh() });
  energy.refresh();

  ctx.subscribe(['transaction.started'], (event) => {
    if (tagNames.has(String(event.idTag).toUpperCase())) showSessions();
  });
  ctx.subscribe(['transaction.stopped'], (event) => {
    if (!shownSessions.has(event.transactionId)) return;
    showSessions();
    energy.refresh();
  });
  ctx.onReconnect(() => {
    showSessions();
    energy.refresh();
  });
}

function sessionsTable(sessions) {
  const duration = (session) => {
    const end = session.stopTime ? Date.parse(session.stopTime) : Date.now();
    return formatDuration(Math.max(0, (end - Date.parse(session.startTime)) / 1000));
  };
  return dataTable({
    caption: t('fleet.sessions.caption', { count: sessions.length }),
    empty: t('fleet.sessions.empty'),
    rows: sessions,
    columns: [
      { label: t('fleet.sessions.start'), cell: (s) => h('a', { href: hrefOf(`/sessions/${s.id}`) }, formatDateTime(s.startTime)) },
      { label: t('fleet.sessions.charger'), cell: (s) => h('a', { href: hrefOf(`/chargers/${encodeURIComponent(s.chargerId)}`) }, `${s.chargerId} #${s.connectorId}`) },
      { label: t('fleet.tag.idTag'), cell: (s) => h('code', {}, s.idTag) },
      { label: t('fleet.sessions.energy'), numeric: true, cell: (s) => (s.energyWh === null || s.energyWh === undefined ? '–' : formatNumber(s.energyWh / 1000, 2)) },
      { label: t('fleet.sessions.duration'), numeric: true, cell: duration },
      {
        label: t('fleet.sessions.status'),
        cell: (s) =>
          s.status === 'open'
            ? h('span', { class: 'badge busy' }, t('fleet.sessions.open'))
            : h('span', { class: 'badge muted' }, t('fleet.sessions.finished')),
      },
    ],
  });
}
