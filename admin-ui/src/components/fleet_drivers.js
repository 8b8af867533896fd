// The drivers tab of the fleet page: a searchable list with their department and charging cards, and
// creating, editing and deleting drivers.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { formDialog } from './dialog.js';
import { field } from './form.js';
import { notify } from './toast.js';
import { departmentOptions, departmentTree, tagsByOwner } from './fleet_data.js';
import { tagChips } from './fleet_id_tags.js';
import { pagedTable } from './table.js';
import { actionButton, deleteWithConfirm, fixedInstitutionId, institutionField, institutionName, rowActions, searchToolbar, setOptions } from './fleet_ui.js';

function driverFields(scope, driver) {
  const fixed = driver ? driver.institutionId : fixedInstitutionId(scope);
  const department = field({
    label: t('fleet.driver.department'),
    name: 'departmentId',
    type: 'select',
    'data-type': 'number',
    options: departmentOptions(scope.departments, fixed ?? scope.institutions[0]?.id),
    value: driver?.departmentId ?? scope.query.get('department') ?? '',
  });
  const institution = driver ? null : institutionField(scope, (id) => setOptions(department, departmentOptions(scope.departments, id)));
  return h(
    'div',
    { class: 'form-grid' },
    institution,
    field({ label: t('fleet.driver.name'), name: 'name', value: driver?.name ?? '', required: true, autocomplete: 'off' }),
    field({ label: t('fleet.driver.employeeNumber'), name: 'employeeNumber', value: driver?.employeeNumber ?? '', autocomplete: 'off' }),
    field({ label: t('fleet.driver.phone'), name: 'phone', type: 'tel', value: driver?.phone ?? '', autocomplete: 'off', help: t('fleet.driver.phoneHelp') }),
    department,
  );
}

function openDriverDialog(scope, driver, done) {
  formDialog({
    title: driver ? t('fleet.driver.editTitle', { name: driver.name }) : t('fleet.driver.new'),
    fields: driverFields(scope, driver),
    submitLabel: driver ? t('common.save') : t('common.create'),
    submit: (values) =>
      driver
        ? api.patch(`/drivers/${driver.id}`, values)
        : api.post('/drivers', { ...values, institutionId: values.institutionId ?? fixedInstitutionId(scope) }),
    done: async (saved) => {
      notify(driver ? t('common.saved') : t('fleet.driver.created', { name: saved.name }), 'success');
      await done?.(saved);
    },
  });
}

export function renderDriversTab(container, scope) {
  const departments = new Map(departmentTree(scope.departments).map((d) => [d.id, d]));
  const q = scope.query.get('q') ?? '';
  const departmentId = scope.query.get('department') ?? '';

  const filters = [
    field({
      label: t('fleet.driver.department'),
      name: 'department',
      type: 'select',
      value: departmentId,
      options: [{ value: '', label: t('common.all') }, ...departmentOptions(scope.departments, scope.institutionId).slice(1)],
    }),
  ];
  const createButton = scope.canOperate
    ? h('button', { type: 'button', class: 'primary', onclick: () => openDriverDialog(scope, null, () => table.reload()) }, t('fleet.driver.new'))
    : null;

  const columns = [
    { label: t('fleet.driver.name'), cell: (d) => h('strong', {}, d.name) },
    { label: t('fleet.driver.employeeNumber'), cell: (d) => d.employeeNumber },
    { label: t('fleet.driver.phone'), cell: (d) => (d.phone ? h('a', { href: `tel:${d.phone.replace(/[^0-9+]/g, '')}` }, d.phone) : null) },
    { label: t('fleet.driver.department'), cell: (d) => departments.get(d.departmentId)?.path },
    scope.institutions.length > 1 ? { label: t('fleet.institution'), cell: (d) => institutionName(scope, d.institutionId) } : null,
    { label: t('fleet.driver.tags'), cell: (d) => tagChips(d.tags) },
    scope.canOperate
      ? {
          label: t('common.actions'),
          cell: (d) =>
            rowActions(
              actionButton(t('common.edit'), () => openDriverDialog(scope, d, () => table.reload()), { label: t('fleet.driver.editLabel', { name: d.name }) }),
              actionButton(
                t('common.delete'),
                () =>
                  deleteWithConfirm({
                    title: t('fleet.driver.deleteTitle', { name: d.name }),
                    message: t('fleet.driver.deleteMessage'),
                    remove: () => api.delete(`/drivers/${d.id}`),
                    done: () => table.reload(),
                  }),
                { danger: true, label: t('fleet.driver.deleteLabel', { name: d.name }) },
              ),
            ),
        }
      : null,
  ].filter(Boolean);

  const table = pagedTable({
    columns,
    pageSize: 25,
    caption: t('fleet.driver.caption'),
    empty: q || departmentId ? t('fleet.noMatch') : t('fleet.driver.empty'),
    load: async (limit, offset) => {
      const page = await api.get('/drivers', { institutionId: scope.institutionId, departmentId, q, limit, offset });
      const tags = await tagsByOwner('driverId', page.items);
      return { items: page.items.map((driver) => ({ ...driver, tags: tags.get(driver.id) })), total: page.total };
    },
  });
  scope.onTagsChanged(() => table.reload());

  container.replaceChildren(searchToolbar(scope, { label: t('fleet.driver.search'), filters, actions: [createButton] }), table.element);
}
