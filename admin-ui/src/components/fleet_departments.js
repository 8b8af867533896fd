// The departments tab of the fleet page: the departments as a tree (by parentId) with their vehicles and
// drivers counted, sub-departments created where they belong, and editing, moving and deleting.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatNumber, t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { formDialog } from './dialog.js';
import { field } from './form.js';
import { emptyState } from './page.js';
import { notify } from './toast.js';
import { departmentOptions, departmentTree, subtreeIds } from './fleet_data.js';
import { actionButton, deleteWithConfirm, fixedInstitutionId, institutionField, institutionName, rowActions, searchToolbar, setOptions } from './fleet_ui.js';

function departmentFields(scope, department, parent) {
  const institutionId = department?.institutionId ?? parent?.institutionId ?? fixedInstitutionId(scope) ?? scope.institutions[0]?.id;
  const exclude = department ? subtreeIds(scope.departments, department.id) : new Set();
  const parentField = field({
    label: t('fleet.department.parent'),
    name: 'parentId',
    type: 'select',
    'data-type': 'number',
    options: departmentOptions(scope.departments, institutionId, exclude).map((option) =>
      option.value === '' ? { ...option, label: t('fleet.department.topLevel') } : option,
    ),
    value: department?.parentId ?? parent?.id ?? '',
  });
  const institution =
    department || parent
      ? null
      : institutionField(scope, (id) =>
          setOptions(
            parentField,
            departmentOptions(scope.departments, id).map((option) => (option.value === '' ? { ...option, label: t('fleet.department.topLevel') } : option)),
          ),
        );
  return h(
    'div',
    {},
    institution,
    field({ label: t('fleet.department.name'), name: 'name', value: department?.name ?? '', required: true, autocomplete: 'off' }),
    parentField,
  );
}

function openDepartmentDialog(scope, { department = null, parent = null }) {
  formDialog({
    title: department
      ? t('fleet.department.editTitle', { name: department.name })
      : parent
        ? t('fleet.department.newSubTitle', { parent: parent.name })
        : t('fleet.department.new'),
    fields: departmentFields(scope, department, parent),
    submitLabel: department ? t('common.save') : t('common.create'),
    submit: (values) => {
      if (department) return api.patch(`/departments/${department.id}`, values);
      const institutionId = values.institutionId ?? parent?.institutionId ?? fixedInstitutionId(scope);
      return api.post('/departments', { ...values, institutionId });
    },
    done: async (saved) => {
      notify(department ? t('common.saved') : t('fleet.department.created', { name: saved.name }), 'success');
      scope.reloadPage();
    },
  });
}

export async function renderDepartmentsTab(container, scope) {
  const q = (scope.query.get('q') ?? '').toLowerCase();
  const { vehicles, drivers } = await scope.owners();
  const count = (list, id) => list.filter((item) => item.departmentId === id).length;

  // A search keeps the matching departments and the branches that lead to them.
  const all = departmentTree(scope.departments, scope.institutionId);
  const byId = new Map(all.map((d) => [d.id, d]));
  const visible = new Set();
  for (const department of all) {
    if (q && !department.name.toLowerCase().includes(q)) continue;
    for (let node = department; node; node = byId.get(node.parentId)) visible.add(node.id);
  }

  const node = (department) => {
    const vehicleCount = count(vehicles, department.id);
    const driverCount = count(drivers, department.id);
    const children = department.children.filter((child) => visible.has(child.id)).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return h(
      'li',
      {},
      h(
        'div',
        { class: `fleet-node${q && department.name.toLowerCase().includes(q) ? ' match' : ''}` },
        h('span', { class: 'fleet-node-name' }, department.name),
        h(
          'span',
          { class: 'fleet-node-counts' },
          h('a', { href: hrefOf('/fleet', { tab: 'vehicles', institution: scope.query.get('institution'), department: department.id }) }, t('fleet.department.vehicleCount', { count: formatNumber(vehicleCount, 0) })),
          h('a', { href: hrefOf('/fleet', { tab: 'drivers', institution: scope.query.get('institution'), department: department.id }) }, t('fleet.department.driverCount', { count: formatNumber(driverCount, 0) })),
        ),
        scope.canOperate
          ? rowActions(
              actionButton(t('fleet.department.addSub'), () => openDepartmentDialog(scope, { parent: department }), { label: t('fleet.department.addSubLabel', { name: department.name }) }),
              actionButton(t('common.edit'), () => openDepartmentDialog(scope, { department }), { label: t('fleet.department.editLabel', { name: department.name }) }),
              actionButton(
                t('common.delete'),
                () =>
                  deleteWithConfirm({
                    title: t('fleet.department.deleteTitle', { name: department.name }),
                    message: t('fleet.department.deleteMessage'),
                    remove: () => api.delete(`/departments/${department.id}`),
                    done: () => scope.reloadPage(),
                  }),
                { danger: true, label: t('fleet.department.deleteLabel', { name: department.name }) },
              ),
            )
          : null,
      ),
      children.length ? h('ul', { class: 'fleet-tree' }, children.map((child) => node(byId.get(child.id)))) : null,
    );
  };

  const roots = all.filter((d) => d.depth === 0 && visible.has(d.id));
  const institutionsShown = [...new Set(roots.map((d) => d.institutionId))];
  const trees = !roots.length
    ? emptyState(q ? t('fleet.noMatch') : t('fleet.department.empty'))
    : institutionsShown.length > 1 || (scope.institutions.length > 1 && !scope.institutionId)
      ? institutionsShown.map((id) =>
          h('div', { class: 'fleet-tree-group' }, h('h3', {}, institutionName(scope, id)), h('ul', { class: 'fleet-tree root' }, roots.filter((d) => d.institutionId === id).map(node))),
        )
      : h('ul', { class: 'fleet-tree root', 'aria-label': t('fleet.department.treeLabel') }, roots.map(node));

  const createButton = scope.canOperate
    ? h('button', { type: 'button', class: 'primary', onclick: () => openDepartmentDialog(scope, {}) }, t('fleet.department.new'))
    : null;
  container.replaceChildren(searchToolbar(scope, { label: t('fleet.department.search'), actions: [createButton] }), trees);
}
