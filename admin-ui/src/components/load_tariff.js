// A site's time-of-use tariff (峰谷分时电价): the day as a coloured bar, and the periods as a table of rows
// (from, to, kind, price) that operators edit and save at once. Problems are shown at the row and field
// they concern, checked here first (load_tariff_rules.js) and by the server on saving.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatNumber, t } from '../lib/i18n.js';
import { confirmAction } from './dialog.js';
import { tariffKindLabel } from './load_format.js';
import { checkTariff, halfHours, KINDS, MAX_PERIODS, minuteOf } from './load_tariff_rules.js';
import { emptyState, errorBox } from './page.js';
import { dataTable } from './table.js';
import { notify } from './toast.js';

const FIELDS = ['start', 'end', 'kind', 'pricePerKwh'];

// A Beijing-like pattern (docs/load-management.md) to start from; prices are left for the user, since they
// differ by province and voltage level.
const TYPICAL_DAY = [
  ['23:00', '07:00', 'valley'],
  ['07:00', '10:00', 'flat'],
  ['10:00', '11:00', 'peak'],
  ['11:00', '13:00', 'sharp_peak'],
  ['13:00', '15:00', 'peak'],
  ['15:00', '18:00', 'flat'],
  ['18:00', '21:00', 'peak'],
  ['21:00', '23:00', 'flat'],
];

export function formatPrice(price) {
  return t('load.tariff.price', { price: formatNumber(price, 4, 2) });
}

// The day from 00:00 to 24:00 in half hours, coloured by kind, with a legend; one text alternative for
// screen readers.
export function tariffDayBar(periods) {
  const slots = halfHours(periods);
  const described = [...periods]
    .filter((period) => minuteOf(period.start) !== null)
    .sort((a, b) => minuteOf(a.start) - minuteOf(b.start))
    .map((period) => t('load.tariff.describe', { kind: tariffKindLabel(period.kind), from: period.start, to: period.end }))
    .join('; ');
  const kinds = KINDS.filter((kind) => periods.some((period) => period.kind === kind));
  return h(
    'figure',
    { class: 'tariff-day' },
    h(
      'div',
      { class: 'tariff-bar', role: 'img', 'aria-label': t('load.tariff.barLabel', { periods: described || t('load.tariff.none') }) },
      slots.map((period, slot) =>
        h('span', {
          class: `tariff-slot ${period ? `kind-${period.kind}` : 'kind-none'}`,
          title: `${String(Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'} ${period ? tariffKindLabel(period.kind) : t('load.tariff.uncovered')}`,
        }),
      ),
    ),
    h('div', { class: 'tariff-hours', 'aria-hidden': 'true' }, ['00:00', '06:00', '12:00', '18:00', '24:00'].map((label) => h('span', {}, label))),
    h(
      'figcaption',
      { class: 'tariff-legend' },
      kinds.map((kind) => {
        const price = periods.find((period) => period.kind === kind)?.pricePerKwh;
        return h(
          'span',
          { class: 'tariff-legend-item' },
          h('span', { class: `tariff-swatch kind-${kind}`, 'aria-hidden': 'true' }),
          tariffKindLabel(kind),
          price !== '' && price !== null && price !== undefined && Number.isFinite(Number(price)) ? ` ${formatPrice(Number(price))}` : null,
        );
      }),
    ),
  );
}

// siteId; operate: may change; changed(): after a save.
export function tariffPanel({ siteId, operate, changed }) {
  const element = h('div', { class: 'load-tariff' });
  let saved = [];
  let rows = [];
  let problems = { fields: [], table: null };

  async function reload() {
    saved = (await api.get(`/sites/${siteId}/tariff`)).periods;
    rows = saved.map((period) => ({ ...period }));
    problems = { fields: [], table: null };
    draw();
  }

  const problemAt = (index, field) => problems.fields.find((problem) => problem.index === index && problem.field === field);

  function control(row, index, name) {
    const label = t(`load.tariff.fieldLabel.${name}`, { row: index + 1 });
    const problem = problemAt(index, name);
    const errorId = problem ? `tariff-error-${index}-${name}` : null;
    const common = {
      'aria-label': label,
      'aria-invalid': problem ? 'true' : null,
      'aria-describedby': errorId,
      dataset: { row: String(index), field: name },
      oninput: (event) => {
        row[name] = event.target.value;
        bar.replaceChildren(tariffDayBar(rows));
        showDirty();
      },
    };
    let input;
    if (name === 'kind') {
      input = h('select', { ...common, onchange: common.oninput }, h('option', { value: '' }, t('load.tariff.chooseKind')), KINDS.map((kind) => h('option', { value: kind, selected: row.kind === kind }, tariffKindLabel(kind))));
    } else if (name === 'pricePerKwh') {
      input = h('input', { ...common, type: 'number', min: 0, max: 100, step: 'any', inputmode: 'decimal', value: row.pricePerKwh ?? '' });
    } else {
      input = h('input', { ...common, type: 'time', step: 60, value: row[name] ?? '' });
    }
    return h(
      'div',
      { class: 'field tariff-field' },
      input,
      problem ? h('small', { class: 'field-error', id: errorId, role: 'alert' }, problem.message ?? t(`load.tariff.error.${problem.key}`, problem.params)) : null,
    );
  }

  function addRow() {
    const last = rows.at(-1);
    rows.push({ start: last?.end ?? '00:00', end: '', kind: '', pricePerKwh: '' });
    draw();
    element.querySelector(`[data-row="${rows.length - 1}"][data-field="end"]`)?.focus();
  }

  function removeRow(index) {
    rows.splice(index, 1);
    problems = { fields: [], table: null };
    draw();
  }

  async function save() {
    problems = checkTariff(rows);
    if (problems.fields.length || problems.table) {
      draw();
      focusFirstProblem();
      return;
    }
    const periods = rows.map((row) => ({ kind: row.kind, start: row.start, end: row.end, pricePerKwh: Number(row.pricePerKwh) }));
    try {
      saved = (await api.put(`/sites/${siteId}/tariff`, { periods })).periods;
      rows = saved.map((period) => ({ ...period }));
      problems = { fields: [], table: null };
      draw();
      notify(t('load.tariff.saved'), 'success');
      changed();
    } catch (error) {
      // periods[2].pricePerKwh names a row and field; `periods` the whole table.
      const match = /^periods\[(\d+)\](?:\.(\w+))?$/.exec(error.field ?? '');
      problems = match && FIELDS.includes(match[2])
        ? { fields: [{ index: Number(match[1]), field: match[2], message: error.message }], table: null }
        : { fields: [], table: { error } };
      draw();
      focusFirstProblem();
    }
  }

  async function clearTariff() {
    const confirmed = await confirmAction({
      title: t('load.tariff.clearTitle'),
      message: t('load.tariff.clearMessage'),
      confirmLabel: t('load.tariff.clear'),
      danger: true,
    });
    if (!confirmed) return;
    try {
      saved = (await api.put(`/sites/${siteId}/tariff`, { periods: [] })).periods;
      rows = [];
      problems = { fields: [], table: null };
      draw();
      notify(t('load.tariff.cleared'), 'success');
      changed();
    } catch (error) {
      notify(error.message, 'error');
    }
  }

  function focusFirstProblem() {
    element.querySelector('[aria-invalid="true"]')?.focus();
  }

  const bar = h('div');
  const saveButton = h('button', { type: 'button', class: 'primary', onclick: save }, t('load.tariff.save'));
  const undoButton = h('button', { type: 'button', onclick: () => reload().catch((error) => notify(error.message, 'error')) }, t('load.tariff.undo'));

  // Whether the rows differ from the stored tariff (prices compared as numbers: "0.30" is 0.3).
  function isDirty() {
    const normal = (periods) => JSON.stringify(periods.map((period) => [period.start, period.end, period.kind, Number(period.pricePerKwh)]));
    return normal(rows) !== normal(saved);
  }

  function showDirty() {
    const dirty = isDirty();
    saveButton.disabled = !dirty;
    undoButton.hidden = !dirty;
  }

  function tableProblem() {
    if (!problems.table) return null;
    if (problems.table.error) return errorBox(problems.table.error);
    return h('div', { class: 'error-box', role: 'alert' }, t(`load.tariff.error.${problems.table.key}`, problems.table.params));
  }

  function editor() {
    return h(
      'div',
      {},
      h('p', { class: 'muted' }, t('load.tariff.editHelp')),
      tableProblem(),
      rows.length
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'tariff-table' },
              h('caption', {}, t('load.tariff.caption')),
              h('thead', {}, h('tr', {}, ['from', 'to', 'kind', 'priceHeader'].map((key) => h('th', { scope: 'col' }, t(`load.tariff.${key}`))), h('th', { scope: 'col' }, t('common.actions')))),
              h(
                'tbody',
                {},
                rows.map((row, index) =>
                  h(
                    'tr',
                    {},
                    FIELDS.map((name) => h('td', {}, control(row, index, name))),
                    h('td', {}, h('button', { type: 'button', class: 'link load-delete', 'aria-label': t('load.tariff.removeRow', { row: index + 1 }), onclick: () => removeRow(index) }, t('load.tariff.remove'))),
                  ),
                ),
              ),
            ),
          )
        : emptyState(t('load.tariff.empty')),
      h(
        'div',
        { class: 'form-actions load-tariff-actions' },
        h('button', { type: 'button', onclick: addRow, disabled: rows.length >= MAX_PERIODS }, t('load.tariff.add')),
        rows.length ? null : h('button', { type: 'button', onclick: () => {
          rows = TYPICAL_DAY.map(([start, end, kind]) => ({ start, end, kind, pricePerKwh: '' }));
          draw();
        } }, t('load.tariff.typical')),
        h('span', { class: 'spacer' }),
        undoButton,
        saved.length ? h('button', { type: 'button', class: 'danger', onclick: clearTariff }, t('load.tariff.clear')) : null,
        saveButton,
      ),
    );
  }

  function readOnly() {
    return saved.length
      ? dataTable({
          columns: [
            { label: t('load.tariff.from'), cell: (period) => period.start },
            { label: t('load.tariff.to'), cell: (period) => period.end },
            { label: t('load.tariff.kind'), cell: (period) => h('span', { class: `tariff-kind kind-${period.kind}` }, tariffKindLabel(period.kind)) },
            { label: t('load.tariff.priceHeader'), numeric: true, cell: (period) => formatPrice(period.pricePerKwh) },
          ],
          rows: saved,
          caption: t('load.tariff.caption'),
        })
      : emptyState(t('load.tariff.emptyReadOnly'));
  }

  function draw() {
    bar.replaceChildren(tariffDayBar(operate ? rows : saved));
    element.replaceChildren(bar, operate ? editor() : readOnly());
    showDirty();
  }

  return { element, reload };
}
