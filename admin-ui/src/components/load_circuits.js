// A site's circuits as a tree (grid connection, feeders, boards) with their limits and, live from the plan,
// the load on each; operators create, edit and delete them. A circuit's limits are what the scheduler
// keeps every phase under, so a change is followed by the plan being fetched again.
import { api } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { formatNumber, t } from '../lib/i18n.js';
import { confirmAction, formDialog } from './dialog.js';
import { field } from './form.js';
import { loadMeter, phaseFigures, redrawKeepingFocus } from './load_format.js';
import { emptyState } from './page.js';
import { dataTable } from './table.js';
import { notify } from './toast.js';

const MAX_DEPTH = 5; // deeper circuits are indented like the fifth level (CSS classes load-depth-0..5)

// The circuits in the API's tree order, each with its depth.
export function withDepth(circuits) {
  const depth = new Map();
  return circuits.map((circuit) => {
    const level = circuit.parentId === null ? 0 : (depth.get(circuit.parentId) ?? 0) + 1;
    depth.set(circuit.id, level);
    return { ...circuit, depth: level };
  });
}

// The ids of `id` and of every circuit below it: a circuit cannot hang below any of them.
function subtreeOf(circuits, id) {
  const ids = new Set([id]);
  for (const circuit of circuits) if (ids.has(circuit.parentId)) ids.add(circuit.id);
  return ids;
}

function circuitFields(circuits, circuit, parentId) {
  const isRoot = circuit ? circuit.parentId === null : circuits.length === 0;
  const excluded = circuit ? subtreeOf(circuits, circuit.id) : new Set();
  const parents = withDepth(circuits).filter((candidate) => !excluded.has(candidate.id));
  return [
    isRoot ? h('p', { class: 'notice' }, t('load.circuits.rootNote')) : null,
    field({ label: t('load.circuits.nameField'), name: 'name', value: circuit?.name ?? (isRoot ? t('load.circuits.rootName') : ''), required: true, maxlength: 200 }),
    isRoot
      ? null
      : field({
          label: t('load.circuits.parent'),
          name: 'parentId',
          type: 'select',
          'data-type': 'number',
          value: circuit?.parentId ?? parentId ?? parents[0]?.id,
          options: parents.map((candidate) => ({ value: candidate.id, label: `${'— '.repeat(candidate.depth)}${candidate.name}` })),
        }),
    h(
      'div',
      { class: 'form-grid' },
      field({ label: t('load.circuits.limitA'), name: 'limitA', type: 'number', min: 0, max: 10000, step: 'any', required: true, value: circuit?.limitA, help: t('load.circuits.limitAHelp') }),
      field({ label: t('load.circuits.limitKw'), name: 'limitKw', type: 'number', min: 0, max: 100000, step: 'any', value: circuit?.limitKw, help: t('load.circuits.limitKwHelp') }),
      field({ label: t('load.circuits.marginA'), name: 'marginA', type: 'number', min: 0, step: 'any', value: circuit?.marginA ?? 0, help: t('load.circuits.marginHelp') }),
      field({
        label: t('load.circuits.phases'),
        name: 'phases',
        type: 'select',
        'data-type': 'number',
        value: circuit?.phases ?? 3,
        options: [{ value: 3, label: t('load.phases.3') }, { value: 1, label: t('load.phases.1') }],
      }),
      field({ label: t('load.circuits.voltage'), name: 'voltageV', type: 'number', min: 100, max: 400, step: 'any', value: circuit?.voltageV ?? 230, help: t('load.circuits.voltageHelp') }),
    ),
    checkboxField({ label: t('load.circuits.hasBuildingLoad'), name: 'hasBuildingLoad', value: circuit?.hasBuildingLoad ?? true, help: t('load.circuits.hasBuildingLoadHelp') }),
  ];
}

// A checkbox field laid out for dialogs (whose inputs are otherwise stretched to the full width).
function checkboxField(options) {
  const element = field({ ...options, type: 'checkbox' });
  element.classList.add('load-checkbox');
  return element;
}

// What a PATCH must carry: the fields that differ from the stored circuit.
function changedFields(values, circuit) {
  return Object.fromEntries(Object.entries(values).filter(([name, value]) => (circuit[name] ?? null) !== value));
}

const withoutEmpty = (values) => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));

// siteId; operate: may change; changed(): after a change (the plan and the chargers' view follow).
export function circuitsPanel({ siteId, operate, changed }) {
  const element = h('div', { class: 'load-circuits' });
  let circuits = [];
  let figures = new Map(); // circuitId -> figures of the latest plan

  async function reload() {
    circuits = (await api.get(`/sites/${siteId}/circuits`)).items;
    draw();
    return circuits;
  }

  function afterChange(message) {
    notify(message, 'success');
    reload().catch((error) => notify(error.message, 'error'));
    changed();
  }

  function openEditor(circuit, parentId) {
    formDialog({
      title: circuit ? t('load.circuits.editTitle', { name: circuit.name }) : t('load.circuits.createTitle'),
      fields: circuitFields(circuits, circuit, parentId),
      submitLabel: circuit ? t('common.save') : t('common.create'),
      submit: (values) =>
        circuit
          ? api.patch(`/sites/${siteId}/circuits/${circuit.id}`, changedFields(values, circuit))
          : api.post(`/sites/${siteId}/circuits`, withoutEmpty(values)),
      done: () => afterChange(t('common.saved')),
    });
  }

  async function remove(circuit) {
    const confirmed = await confirmAction({
      title: t('load.circuits.deleteTitle', { name: circuit.name }),
      message: t('load.circuits.deleteMessage'),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api.delete(`/sites/${siteId}/circuits/${circuit.id}`);
      afterChange(t('common.deleted'));
    } catch (error) {
      notify(error.status === 409 ? t('load.circuits.inUse', { message: error.message }) : error.message, 'error');
    }
  }

  const columns = [
    {
      label: t('load.circuits.name'),
      cell: (circuit) =>
        h(
          'span',
          { class: `load-tree load-depth-${Math.min(circuit.depth, MAX_DEPTH)}` },
          circuit.depth > 0 ? h('span', { class: 'load-tree-branch', 'aria-hidden': 'true' }, '└ ') : null,
          h('strong', {}, circuit.name),
          circuit.parentId === null ? [' ', h('span', { class: 'badge info' }, t('load.circuits.root'))] : null,
        ),
    },
    { label: t('load.circuits.limitA'), numeric: true, cell: (circuit) => formatNumber(circuit.limitA) },
    { label: t('load.circuits.limitKw'), numeric: true, cell: (circuit) => (circuit.limitKw === null ? t('load.circuits.noKwLimit') : formatNumber(circuit.limitKw)) },
    { label: t('load.circuits.marginA'), numeric: true, cell: (circuit) => formatNumber(circuit.marginA) },
    { label: t('load.circuits.supply'), numeric: true, cell: (circuit) => t('load.circuits.supplyValue', { phases: formatNumber(circuit.phases, 0), voltage: formatNumber(circuit.voltageV) }) },
    {
      label: t('load.circuits.loadNow'),
      cell: (circuit) => {
        const live = figures.get(circuit.id);
        if (!live) return h('span', { class: 'muted' }, t('load.circuits.noFigures'));
        return h('span', { class: 'load-circuit-load' }, loadMeter(live), h('small', { class: 'muted' }, phaseFigures(live)));
      },
    },
  ];
  if (operate) {
    columns.push({
      label: t('common.actions'),
      cell: (circuit) =>
        h(
          'span',
          { class: 'load-actions' },
          h('button', { type: 'button', dataset: { focusKey: `edit-${circuit.id}` }, 'aria-label': t('load.circuits.editFor', { name: circuit.name }), onclick: () => openEditor(circuit) }, t('common.edit')),
          h('button', { type: 'button', dataset: { focusKey: `add-${circuit.id}` }, 'aria-label': t('load.circuits.addBelow', { name: circuit.name }), onclick: () => openEditor(null, circuit.id) }, t('load.circuits.addSub')),
          h('button', { type: 'button', class: 'link load-delete', dataset: { focusKey: `delete-${circuit.id}` }, 'aria-label': t('load.circuits.deleteFor', { name: circuit.name }), onclick: () => remove(circuit) }, t('common.delete')),
        ),
    });
  }

  function draw() {
    redrawKeepingFocus(element, () =>
      replace(
        element,
        circuits.length
          ? dataTable({ columns, rows: withDepth(circuits), caption: t('load.circuits.caption') })
          : emptyState(operate ? t('load.circuits.emptyOperate') : t('load.circuits.empty')),
        operate && !circuits.length
          ? h('button', { type: 'button', class: 'primary', onclick: () => openEditor(null) }, t('load.circuits.createRoot'))
          : null,
      ),
    );
  }

  // The latest plan's figures per circuit (null: no plan).
  function showLoad(plan) {
    figures = new Map((plan?.circuits ?? []).map((circuit) => [circuit.circuitId, circuit]));
    draw();
  }

  return { element, reload, showLoad, get circuits() { return circuits; } };
}
