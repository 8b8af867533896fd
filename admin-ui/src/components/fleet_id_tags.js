// Id tags (charging cards) of the fleet: the tab that lists, creates, edits and deletes them, and the tag
// form the vehicle page reuses. A tag belongs to a vehicle or to a driver (the API allows one owner).
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDateTime, t } from '../lib/i18n.js';
import { formDialog } from './dialog.js';
import { field, localInputValue } from './form.js';
import { notify } from './toast.js';
import { formatPlate, TAG_STATUSES } from './fleet_data.js';
import { pagedTable } from './table.js';
import { actionButton, deleteWithConfirm, fixedInstitutionId, institutionField, institutionName, rowActions, searchToolbar, setOptions } from './fleet_ui.js';
import { hrefOf } from '../lib/router.js';

const STATUS_KINDS = { Accepted: 'ok', Blocked: 'bad', Expired: 'warn', Invalid: 'muted' };

const expired = (tag) => tag.expiryDate && Date.parse(tag.expiryDate) < Date.now();

export function tagStatusBadge(tag) {
  // A tag past its expiry date is answered Expired whatever its stored status, so it is shown as such.
  const status = tag.status === 'Accepted' && expired(tag) ? 'Expired' : tag.status;
  return h('span', { class: `badge ${STATUS_KINDS[status] ?? 'info'}` }, t(`fleet.tagStatus.${status}`));
}

// A vehicle's or driver's tags as small chips with their state.
export function tagChips(tags) {
  if (!tags?.length) return h('span', { class: 'muted' }, t('fleet.tag.noneLinked'));
  return h(
    'ul',
    { class: 'fleet-chips' },
    tags.map((tag) =>
      h('li', { class: `fleet-chip ${tag.status === 'Accepted' && !expired(tag) ? '' : 'inactive'}`, title: t(`fleet.tagStatus.${tag.status}`) }, tag.idTag),
    ),
  );
}

function vehicleOptions(vehicles, institutionId) {
  return [
    { value: '', label: t('fleet.tag.noVehicle') },
    ...vehicles
      .filter((vehicle) => vehicle.institutionId === institutionId)
      .map((vehicle) => ({ value: vehicle.id, label: [formatPlate(vehicle.plateNumber), vehicle.model].filter(Boolean).join(' ') })),
  ];
}

function driverOptions(drivers, institutionId) {
  return [
    { value: '', label: t('fleet.tag.noDriver') },
    ...drivers
      .filter((driver) => driver.institutionId === institutionId)
      .map((driver) => ({ value: driver.id, label: driver.employeeNumber ? `${driver.name} (${driver.employeeNumber})` : driver.name })),
  ];
}

// The tag form. `owners` = {vehicles, drivers} of the visible institutions; `preset` fills a new tag
// (e.g. {vehicleId} from the vehicle page).
function tagFields(scope, owners, tag, preset = {}) {
  const institutionId = tag ? tag.institutionId : (preset.institutionId ?? fixedInstitutionId(scope) ?? scope.institutions[0]?.id ?? null);
  const vehicle = field({
    label: t('fleet.tag.vehicle'),
    name: 'vehicleId',
    type: 'select',
    'data-type': 'number',
    options: vehicleOptions(owners.vehicles, institutionId),
    value: tag?.vehicleId ?? preset.vehicleId ?? '',
    help: t('fleet.tag.ownerHelp'),
  });
  const driver = field({
    label: t('fleet.tag.driver'),
    name: 'driverId',
    type: 'select',
    'data-type': 'number',
    options: driverOptions(owners.drivers, institutionId),
    value: tag?.driverId ?? preset.driverId ?? '',
  });
  // One owner at most: choosing a vehicle lets go of the driver and the other way round.
  const vehicleSelect = vehicle.querySelector('select');
  const driverSelect = driver.querySelector('select');
  vehicleSelect.addEventListener('change', () => vehicleSelect.value && (driverSelect.value = ''));
  driverSelect.addEventListener('change', () => driverSelect.value && (vehicleSelect.value = ''));

  const institution =
    tag || preset.institutionId
      ? null
      : institutionField(
          scope,
          (id) => {
            setOptions(vehicle, vehicleOptions(owners.vehicles, id));
            setOptions(driver, driverOptions(owners.drivers, id));
          },
          { allowGlobal: scope.isAdmin },
        );

  return h(
    'div',
    { class: 'form-grid' },
    tag
      ? null
      : field({ label: t('fleet.tag.idTag'), name: 'idTag', autocomplete: 'off', required: true, maxlength: '20', help: t('fleet.tag.idTagHelp') }),
    institution,
    field({
      label: t('fleet.tag.status'),
      name: 'status',
      type: 'select',
      options: TAG_STATUSES.map((value) => ({ value, label: t(`fleet.tagStatus.${value}`) })),
      value: tag?.status ?? 'Accepted',
    }),
    field({ label: t('fleet.tag.expiry'), name: 'expiryDate', type: 'datetime-local', value: localInputValue(tag?.expiryDate), help: t('fleet.tag.expiryHelp') }),
    field({ label: t('fleet.tag.parent'), name: 'parentIdTag', value: tag?.parentIdTag ?? '', autocomplete: 'off', maxlength: '20', help: t('fleet.tag.parentHelp') }),
    vehicle,
    driver,
  );
}

// Creates (tag null) or edits a tag in a dialog.
export function openTagDialog(scope, owners, tag, { preset = {}, done } = {}) {
  formDialog({
    title: tag ? t('fleet.tag.editTitle', { idTag: tag.idTag }) : t('fleet.tag.new'),
    fields: tagFields(scope, owners, tag, preset),
    submitLabel: tag ? t('common.save') : t('common.create'),
    submit: (values) => {
      if (tag) return api.patch(`/id-tags/${encodeURIComponent(tag.idTag)}`, values);
      const institutionId = 'institutionId' in values ? values.institutionId : (preset.institutionId ?? fixedInstitutionId(scope));
      return api.post('/id-tags', { ...values, institutionId });
    },
    done: async (saved) => {
      notify(tag ? t('common.saved') : t('fleet.tag.created', { idTag: saved.idTag }), 'success');
      await done?.(saved);
    },
  });
}

export function deleteTag(tag, done) {
  return deleteWithConfirm({
    title: t('fleet.tag.deleteTitle', { idTag: tag.idTag }),
    message: t('fleet.tag.deleteMessage'),
    remove: () => api.delete(`/id-tags/${encodeURIComponent(tag.idTag)}`),
    done,
  });
}

export function renderIdTagsTab(container, scope) {
  const q = (scope.query.get('q') ?? '').toLowerCase();
  let owners = null;
  const loadOwners = async () => (owners ??= await scope.owners());

  const openDialog = async (tag) => openTagDialog(scope, await loadOwners(), tag, { done: () => table.reload() });
  const createButton = scope.canOperate ? h('button', { type: 'button', class: 'primary', onclick: () => openDialog(null) }, t('fleet.tag.new')) : null;

  const ownerCell = (tag) => {
    const vehicle = owners.vehicles.find((v) => v.id === tag.vehicleId);
    if (vehicle) return h('a', { href: hrefOf(`/fleet/vehicles/${vehicle.id}`), class: 'fleet-plate' }, formatPlate(vehicle.plateNumber));
    const driver = owners.drivers.find((d) => d.id === tag.driverId);
    if (driver) return h('span', {}, `${t('fleet.tag.driverPrefix')} ${driver.name}`);
    return h('span', { class: 'muted' }, t('fleet.tag.unassigned'));
  };

  const columns = [
    { label: t('fleet.tag.idTag'), cell: (tag) => h('code', {}, tag.idTag) },
    { label: t('fleet.tag.status'), cell: tagStatusBadge },
    { label: t('fleet.tag.owner'), cell: ownerCell },
    { label: t('fleet.tag.parent'), cell: (tag) => (tag.parentIdTag ? h('code', {}, tag.parentIdTag) : null) },
    { label: t('fleet.tag.expiry'), cell: (tag) => (tag.expiryDate ? formatDateTime(tag.expiryDate) : t('fleet.tag.noExpiry')) },
    scope.institutions.length > 1 || scope.isAdmin
      ? { label: t('fleet.institution'), cell: (tag) => (tag.institutionId ? institutionName(scope, tag.institutionId) : t('fleet.tag.global')) }
      : null,
    scope.canOperate
      ? {
          label: t('common.actions'),
          cell: (tag) =>
            rowActions(
              actionButton(t('common.edit'), () => openDialog(tag), { label: t('fleet.tag.editLabel', { idTag: tag.idTag }) }),
              actionButton(t('common.delete'), () => deleteTag(tag, () => table.reload()), { danger: true, label: t('fleet.tag.deleteLabel', { idTag: tag.idTag }) }),
            ),
        }
      : null,
  ].filter(Boolean);

  // The API has no text search for tags: a search looks through the scope's tags here.
  const table = pagedTable({
    columns,
    pageSize: 25,
    caption: t('fleet.tag.caption'),
    empty: q ? t('fleet.noMatch') : t('fleet.tag.empty'),
    load: async (limit, offset) => {
      await loadOwners();
      if (!q) return api.get('/id-tags', { institutionId: scope.institutionId, limit, offset });
      const all = await scope.allTags();
      const matches = all.filter((tag) => tag.idTag.toLowerCase().includes(q) || tag.parentIdTag?.toLowerCase().includes(q));
      return { items: matches.slice(offset, offset + limit), total: matches.length };
    },
  });
  scope.onTagsChanged(() => table.reload());

  container.replaceChildren(searchToolbar(scope, { label: t('fleet.tag.search'), actions: [createButton] }), table.element);
}
