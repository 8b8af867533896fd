// The chargers of a site with their electrical settings (circuit, rated and minimum current, phases and
// phase wiring), whether ParkGrid controls them, and their load flag. Operators edit the settings and
// clear a flag once the charger is fixed.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDateTime, formatNumber, t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { confirmAction, formDialog } from './dialog.js';
import { field } from './form.js';
import { flagBadge } from './load_format.js';
import { withDepth } from './load_circuits.js';
import { dataTable } from './table.js';
import { notify } from './toast.js';

const WIRINGS = { 1: ['L1', 'L2', 'L3'], 3: ['L1L2L3', 'L2L3L1', 'L3L1L2', 'L1L3L2', 'L2L1L3', 'L3L2L1'] };

const wiringOptions = (phases) => WIRINGS[phases].map((wiring) => ({ value: wiring, label: wiring }));

// Whether the scheduler limits the charger: it needs a circuit and a rated current, and must not be
// flagged (the plan says `controlled` per connector).
function controlBadge(charger, planned) {
  if (charger.circuitId === null || charger.maxCurrentA === null) {
    return h('span', { class: 'badge muted', title: t('load.chargers.unmanagedHelp') }, t('load.chargers.unmanaged'));
  }
  if (charger.loadFlag || planned?.some((connector) => connector.controlled === false)) {
    return h('span', { class: 'badge warn', title: t('load.reasonHelp.uncontrolled') }, t('load.chargers.uncontrolled'));
  }
  return h('span', { class: 'badge ok' }, t('load.chargers.controlled'));
}

function settingsFields(charger, circuits) {
  const phasesField = field({
    label: t('load.chargers.phases'),
    name: 'phases',
    type: 'select',
    'data-type': 'number',
    value: charger.phases,
    options: [{ value: 3, label: t('load.phases.3') }, { value: 1, label: t('load.phases.1') }],
  });
  const wiringField = field({
    label: t('load.chargers.wiring'),
    name: 'phaseWiring',
    type: 'select',
    value: charger.phaseWiring,
    options: wiringOptions(charger.phases === 1 ? 1 : 3),
    help: t('load.chargers.wiringHelp'),
  });
  // The wiring choices follow the phase count (one grid phase, or an order of all three).
  const wiring = wiringField.querySelector('select');
  phasesField.querySelector('select').addEventListener('change', (event) => {
    wiring.replaceChildren(...wiringOptions(Number(event.target.value)).map((option) => h('option', { value: option.value }, option.label)));
  });
  return [
    field({
      label: t('load.chargers.circuit'),
      name: 'circuitId',
      type: 'select',
      'data-type': 'number',
      value: charger.circuitId ?? '',
      options: [{ value: '', label: t('load.chargers.noCircuit') }, ...withDepth(circuits).map((circuit) => ({ value: circuit.id, label: `${'— '.repeat(circuit.depth)}${circuit.name}` }))],
    }),
    h(
      'div',
      { class: 'form-grid' },
      field({ label: t('load.chargers.maxCurrent'), name: 'maxCurrentA', type: 'number', min: 6, max: 80, step: 'any', value: charger.maxCurrentA, help: t('load.chargers.maxCurrentHelp') }),
      field({ label: t('load.chargers.minCurrent'), name: 'minCurrentA', type: 'number', min: 1, max: 32, step: 'any', value: charger.minCurrentA, help: t('load.chargers.minCurrentHelp') }),
      phasesField,
      wiringField,
    ),
  ];
}

// siteId; operate: may change; changed(): after a change (the plan follows).
export function chargersPanel({ siteId, operate, changed }) {
  const element = h('div', { class: 'load-chargers' });
  let chargers = [];
  let circuits = [];
  let planned = new Map(); // chargerId -> plan connectors

  async function reload() {
    const [chargerList, circuitList, plan] = await Promise.all([
      api.get('/chargers', { siteId, limit: 1000 }),
      api.get(`/sites/${siteId}/circuits`),
      api.get(`/sites/${siteId}/plan`).catch(() => null),
    ]);
    chargers = chargerList.items;
    circuits = circuitList.items;
    planned = new Map();
    for (const connector of plan?.connectors ?? []) {
      if (!planned.has(connector.chargerId)) planned.set(connector.chargerId, []);
      planned.get(connector.chargerId).push(connector);
    }
    draw();
  }

  function afterChange(message) {
    notify(message, 'success');
    changed();
    reload().catch((error) => notify(error.message, 'error'));
  }

  function edit(charger) {
    formDialog({
      title: t('load.chargers.editTitle', { id: charger.id }),
      fields: settingsFields(charger, circuits),
      submit: (values) => api.patch(`/chargers/${encodeURIComponent(charger.id)}`, Object.fromEntries(Object.entries(values).filter(([name, value]) => (charger[name] ?? null) !== value))),
      done: () => afterChange(t('common.saved')),
    });
  }

  async function clearFlag(charger) {
    const confirmed = await confirmAction({
      title: t('load.chargers.clearFlagTitle', { id: charger.id }),
      message: t('load.chargers.clearFlagMessage'),
      confirmLabel: t('load.chargers.clearFlag'),
    });
    if (!confirmed) return;
    try {
      await api.delete(`/chargers/${encodeURIComponent(charger.id)}/load-flag`);
      afterChange(t('load.chargers.flagCleared'));
    } catch (error) {
      notify(error.message, 'error');
    }
  }

  const circuitName = (id) => circuits.find((circuit) => circuit.id === id)?.name;
  const columns = [
    {
      label: t('load.chargers.charger'),
      cell: (charger) =>
        h(
          'span',
          {},
          h('a', { href: hrefOf(`/chargers/${encodeURIComponent(charger.id)}`) }, charger.id),
          ' ',
          h('span', { class: `badge ${charger.online ? 'ok' : 'muted'}` }, t(charger.online ? 'status.online' : 'status.offline')),
        ),
    },
    { label: t('load.chargers.circuit'), cell: (charger) => h('span', { class: `load-nowrap${charger.circuitId === null ? ' muted' : ''}` }, circuitName(charger.circuitId) ?? t('load.chargers.noCircuit')) },
    { label: t('load.chargers.maxCurrent'), numeric: true, cell: (charger) => (charger.maxCurrentA === null ? '–' : formatNumber(charger.maxCurrentA)) },
    { label: t('load.chargers.minCurrent'), numeric: true, cell: (charger) => formatNumber(charger.minCurrentA) },
    { label: t('load.chargers.phases'), numeric: true, cell: (charger) => formatNumber(charger.phases, 0) },
    { label: t('load.chargers.wiring'), cell: (charger) => charger.phaseWiring },
    { label: t('load.chargers.control'), cell: (charger) => controlBadge(charger, planned.get(charger.id)) },
    {
      label: t('load.chargers.flag'),
      cell: (charger) =>
        charger.loadFlag
          ? h(
              'span',
              { class: 'load-flag' },
              flagBadge(charger.loadFlag),
              charger.loadFlag.since ? h('small', { class: 'muted' }, t('load.chargers.flagSince', { time: formatDateTime(charger.loadFlag.since) })) : null,
              operate
                ? h('button', { type: 'button', 'aria-label': t('load.chargers.clearFlagFor', { id: charger.id }), onclick: () => clearFlag(charger) }, t('load.chargers.clearFlag'))
                : null,
            )
          : h('span', { class: 'muted' }, t('common.none')),
    },
  ];
  if (operate) {
    columns.push({
      label: t('common.actions'),
      cell: (charger) => h('button', { type: 'button', 'aria-label': t('load.chargers.editFor', { id: charger.id }), onclick: () => edit(charger) }, t('common.edit')),
    });
  }

  function draw() {
    element.replaceChildren(dataTable({ columns, rows: chargers, caption: t('load.chargers.caption'), empty: t('load.chargers.empty') }));
  }

  return { element, reload };
}
