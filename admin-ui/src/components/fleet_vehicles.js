// The vehicles tab of the fleet page, and the vehicle form it shares with the vehicle page: plate number,
// kind, battery, department, and what load management plans with (usual departure time, priority).
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDate, formatNumber, t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { formDialog } from './dialog.js';
import { field } from './form.js';
import { notify } from './toast.js';
import { departmentOptions, departmentTree, formatPlate, normalisePlate, tagsByOwner, VEHICLE_KINDS } from './fleet_data.js';
import { pagedTable } from './table.js';
import { actionButton, deleteWithConfirm, fixedInstitutionId, institutionField, institutionName, rowActions, searchToolbar, setOptions } from './fleet_ui.js';
import { tagChips } from './fleet_id_tags.js';

const PRIORITIES = Array.from({ length: 11 }, (_, i) => 10 - i);

function priorityLabel(priority) {
  if (priority === 10) return t('fleet.vehicle.priorityHighest', { priority });
  if (priority === 5) return t('fleet.vehicle.priorityNormal', { priority });
  if (priority === 0) return t('fleet.vehicle.priorityLowest', { priority });
  return String(priority);
}

// The priority as a number with a word for its band, so that "8" reads as "high" at a glance.
export function priorityBadge(priority) {
  const band = priority >= 8 ? 'high' : priority >= 6 ? 'raised' : priority === 5 ? 'normal' : priority >= 3 ? 'lowered' : 'low';
  const kind = { high: 'bad', raised: 'warn', normal: 'info', lowered: 'muted', low: 'muted' }[band];
  return h('span', { class: `badge ${kind}` }, t('fleet.vehicle.priorityBand', { priority, band: t(`fleet.priority.${band}`) }));
}

export function kindLabel(kind) {
  return t(`fleet.kind.${kind}`);
}

const electric = (kind) => kind === 'BEV' || kind === 'PHEV';

// The form's fields. `vehicle` is null for a new one; `scope` gives the institutions and departments.
export function vehicleFields(scope, vehicle = null) {
  const fixed = vehicle ? vehicle.institutionId : fixedInstitutionId(scope);
  const department = field({
    label: t('fleet.vehicle.department'),
    name: 'departmentId',
    type: 'select',
    'data-type': 'number',
    options: departmentOptions(scope.departments, fixed ?? scope.institutions[0]?.id),
    value: vehicle?.departmentId ?? scope.query?.get('department') ?? '',
  });
  const institution = vehicle ? null : institutionField(scope, (id) => setOptions(department, departmentOptions(scope.departments, id)));
  const kind = field({
    label: t('fleet.vehicle.kind'),
    name: 'kind',
    type: 'select',
    options: VEHICLE_KINDS.map((value) => ({ value, label: kindLabel(value) })),
    value: vehicle?.kind ?? 'BEV',
  });
  const battery = field({
    label: t('fleet.vehicle.batteryKwh'),
    name: 'batteryKwh',
    type: 'number',
    step: '0.1',
    min: '0.1',
    max: '1000',
    inputmode: 'decimal',
    value: vehicle?.batteryKwh ?? '',
    help: t('fleet.vehicle.batteryHelp'),
  });
  // Petrol and diesel cars have no traction battery: the field empties (the API clears it) and locks.
  const batteryInput = battery.querySelector('input');
  const followKind = (value) => {
    batteryInput.readOnly = !electric(value);
    if (!electric(value)) batteryInput.value = '';
  };
  kind.querySelector('select').addEventListener('change', (event) => followKind(event.target.value));
  followKind(vehicle?.kind ?? 'BEV');

  return h(
    'div',
    { class: 'form-grid' },
    institution,
    field({
      label: t('fleet.vehicle.plate'),
      name: 'plateNumber',
      value: vehicle ? formatPlate(vehicle.plateNumber) : '',
      autocomplete: 'off',
      required: true,
      help: t('fleet.vehicle.plateHelp'),
    }),
    kind,
    field({ label: t('fleet.vehicle.make'), name: 'make', value: vehicle?.make ?? '', autocomplete: 'off' }),
    field({ label: t('fleet.vehicle.model'), name: 'model', value: vehicle?.model ?? '', autocomplete: 'off' }),
    department,
    battery,
    field({
      label: t('fleet.vehicle.departure'),
      name: 'usualDepartureTime',
      type: 'time',
      value: vehicle?.usualDepartureTime ?? '',
      help: t('fleet.vehicle.departureHelp'),
    }),
    field({
      label: t('fleet.vehicle.priority'),
      name: 'priority',
      type: 'select',
      'data-type': 'number',
      options: PRIORITIES.map((value) => ({ value, label: priorityLabel(value) })),
      value: vehicle?.priority ?? 5,
      help: t('fleet.vehicle.priorityHelp'),
    }),
    field({ label: t('fleet.vehicle.acquired'), name: 'acquiredDate', type: 'date', value: vehicle?.acquiredDate ?? '', required: true }),
    field({ label: t('fleet.vehicle.retired'), name: 'retiredDate', type: 'date', value: vehicle?.retiredDate ?? '' }),
  );
}

// Creates (vehicle null) or edits a vehicle in a dialog; done(vehicle) after the save.
export function openVehicleDialog(scope, vehicle, done) {
  formDialog({
    title: vehicle ? t('fleet.vehicle.editTitle', { plate: formatPlate(vehicle.plateNumber) }) : t('fleet.vehicle.new'),
    fields: vehicleFields(scope, vehicle),
    submitLabel: vehicle ? t('common.save') : t('common.create'),
    submit: (values) => {
      const body = { ...values, plateNumber: normalisePlate(values.plateNumber) };
      if (vehicle) return api.patch(`/vehicles/${vehicle.id}`, body);
      return api.post('/vehicles', { ...body, institutionId: body.institutionId ?? fixedInstitutionId(scope) });
    },
    done: async (saved) => {
      notify(vehicle ? t('common.saved') : t('fleet.vehicle.created', { plate: formatPlate(saved.plateNumber) }), 'success');
      await done?.(saved);
    },
  });
}

export function deleteVehicle(vehicle, done) {
  return deleteWithConfirm({
    title: t('fleet.vehicle.deleteTitle', { plate: formatPlate(vehicle.plateNumber) }),
    message: t('fleet.vehicle.deleteMessage'),
    remove: () => api.delete(`/vehicles/${vehicle.id}`),
    done,
  });
}

const detailLine = (text) => (text ? h('small', { class: 'fleet-detail-line' }, text) : null);

export function vehicleLink(vehicle) {
  return h('a', { href: hrefOf(`/fleet/vehicles/${vehicle.id}`), class: 'fleet-plate' }, formatPlate(vehicle.plateNumber));
}

export function renderVehiclesTab(container, scope) {
  const departments = new Map(departmentTree(scope.departments).map((d) => [d.id, d]));
  const q = normalisePlate(scope.query.get('q') ?? '');
  const departmentId = scope.query.get('department') ?? '';
  const kind = scope.query.get('kind') ?? '';

  const filters = [
    field({
      label: t('fleet.vehicle.department'),
      name: 'department',
      type: 'select',
      value: departmentId,
      options: [{ value: '', label: t('common.all') }, ...departmentOptions(scope.departments, scope.institutionId).slice(1)],
    }),
    field({
      label: t('fleet.vehicle.kind'),
      name: 'kind',
      type: 'select',
      value: kind,
      options: [{ value: '', label: t('common.all') }, ...VEHICLE_KINDS.map((value) => ({ value, label: kindLabel(value) }))],
    }),
  ];
  const createButton = scope.canOperate
    ? h('button', { type: 'button', class: 'primary', onclick: () => openVehicleDialog(scope, null, () => table.reload()) }, t('fleet.vehicle.new'))
    : null;

  // Few columns, each with a detail line, so that the table fits a tablet held upright.
  const columns = [
    {
      label: t('fleet.vehicle.plate'),
      cell: (v) => [
        vehicleLink(v),
        v.retiredDate ? [' ', h('span', { class: 'badge muted' }, t('fleet.vehicle.retiredOn', { date: formatDate(v.retiredDate) }))] : null,
        detailLine([v.make, v.model].filter(Boolean).join(' ')),
      ],
    },
    {
      label: t('fleet.vehicle.kind'),
      cell: (v) => [
        h('span', { class: `badge ${electric(v.kind) ? 'ok' : 'muted'}` }, kindLabel(v.kind)),
        v.batteryKwh ? detailLine(`${formatNumber(v.batteryKwh)} ${t('common.unit.kwh')}`) : null,
      ],
    },
    {
      label: t('fleet.vehicle.department'),
      cell: (v) => {
        const department = departments.get(v.departmentId);
        if (!department) return '–';
        return [h('span', { class: 'fleet-nowrap' }, department.name), department.depth ? detailLine(department.path.split(' › ').slice(0, -1).join(' › ')) : null];
      },
    },
    scope.institutions.length > 1 ? { label: t('fleet.institution'), cell: (v) => institutionName(scope, v.institutionId) } : null,
    { label: t('fleet.vehicle.departure'), cell: (v) => v.usualDepartureTime ?? '–' },
    { label: t('fleet.vehicle.priority'), cell: (v) => priorityBadge(v.priority) },
    { label: t('fleet.vehicle.tags'), cell: (v) => tagChips(v.tags) },
    scope.canOperate
      ? {
          label: t('common.actions'),
          cell: (v) =>
            rowActions(
              actionButton(t('common.edit'), () => openVehicleDialog(scope, v, () => table.reload()), { label: t('fleet.vehicle.editLabel', { plate: formatPlate(v.plateNumber) }) }),
              actionButton(t('common.delete'), () => deleteVehicle(v, () => table.reload()), { danger: true, label: t('fleet.vehicle.deleteLabel', { plate: formatPlate(v.plateNumber) }) }),
            ),
        }
      : null,
  ].filter(Boolean);

  const table = pagedTable({
    columns,
    pageSize: 25,
    caption: t('fleet.vehicle.caption'),
    empty: q || departmentId || kind ? t('fleet.noMatch') : t('fleet.vehicle.empty'),
    load: async (limit, offset) => {
      const page = await api.get('/vehicles', { institutionId: scope.institutionId, departmentId, kind, q, limit, offset });
      const tags = await tagsByOwner('vehicleId', page.items);
      return { items: page.items.map((vehicle) => ({ ...vehicle, tags: tags.get(vehicle.id) })), total: page.total };
    },
  });
  scope.onTagsChanged(() => table.reload());

  container.replaceChildren(
    searchToolbar(scope, { label: t('fleet.vehicle.search'), filters, actions: [createButton] }),
    table.element,
  );
}
