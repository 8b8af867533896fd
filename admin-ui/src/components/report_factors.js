// Conversion factors (折标系数, emission factors): which ones the figures of this year use, an
// institution's own factors (added and deleted by its fleet admins and energy office; the API has no
// editing, so a correction is a new factor of the same kind and a later year, or delete and add), and
// the defaults, which only admins change.
import { api } from '../lib/api.js';
import { append, h, uniqueId } from '../lib/dom.js';
import { formatNumber, t, tOr } from '../lib/i18n.js';
import { isAdmin } from '../lib/session.js';
import { confirmAction, formDialog } from './dialog.js';
import { field } from './form.js';
import { loadInto } from './page.js';
import { dataTable } from './table.js';
import { notify } from './toast.js';

export const FACTOR_KINDS = [
  'coal_kgce_per_kwh', 'grid_co2_kg_per_kwh', 'petrol_reference_l_per_100km', 'ev_reference_kwh_per_100km',
  'petrol_co2_kg_per_l', 'petrol_kgce_per_l',
];
const DEFAULTS = 'defaults';

export const factorKind = (kind) => tOr(`reports.factor.kind.${kind}`, kind);
const basisOf = (basis) => (basis ? tOr(`reports.factor.basis.${basis}`, basis) : '–');

// The columns every factor table shows; `actions` adds a last column.
export function factorColumns(actions) {
  return [
    { label: t('reports.factor.kind'), cell: (factor) => factorKind(factor.kind) },
    { label: t('reports.factor.value'), numeric: true, cell: (factor) => `${formatNumber(factor.value, 6)} ${factor.unit ?? ''}` },
    { label: t('reports.factor.year'), cell: (factor) => String(factor.year) },
    { label: t('reports.factor.basis'), cell: (factor) => basisOf(factor.basis) },
    { label: t('reports.factor.source'), cell: (factor) => factor.source },
    {
      label: t('reports.factor.owner'),
      cell: (factor) =>
        factor.institutionSpecific || factor.institutionId
          ? h('span', { class: 'badge info' }, t('reports.factor.own'))
          : h('span', { class: 'badge muted' }, t('reports.factor.default')),
    },
    actions ? { label: t('common.actions'), cell: actions } : null,
  ].filter(Boolean);
}

function addFactorDialog(institutionId, done) {
  formDialog({
    title: institutionId ? t('reports.factor.addTitle') : t('reports.factor.addDefaultTitle'),
    submitLabel: t('common.create'),
    fields: h(
      'div',
      { class: 'form-grid' },
      field({
        label: t('reports.factor.kind'),
        name: 'kind',
        type: 'select',
        options: FACTOR_KINDS.map((kind) => ({ value: kind, label: factorKind(kind) })),
      }),
      field({ label: t('reports.factor.value'), name: 'value', type: 'number', step: 'any', min: '0', required: true }),
      field({ label: t('reports.factor.unit'), name: 'unit', help: t('reports.factor.unitHelp') }),
      field({ label: t('reports.factor.year'), name: 'year', type: 'number', min: '2000', max: '2100', step: '1', value: new Date().getFullYear(), required: true }),
      field({
        label: t('reports.factor.basis'),
        name: 'basis',
        type: 'select',
        help: t('reports.factor.basisHelp'),
        options: [
          { value: '', label: t('common.none') },
          { value: 'equivalent', label: basisOf('equivalent') },
          { value: 'equal_value', label: basisOf('equal_value') },
        ],
      }),
      field({ label: t('reports.factor.source'), name: 'source', required: true, maxlength: '300', help: t('reports.factor.sourceHelp') }),
    ),
    // Empty optional fields are left out: the API refuses a basis for kinds other than standard coal.
    submit: (values) => {
      const body = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
      if (institutionId) body.institutionId = institutionId;
      return api.post('/energy-factors', body);
    },
    done: async () => {
      notify(t('common.saved'), 'success');
      await done();
    },
  });
}

async function deleteFactor(factor, done) {
  const confirmed = await confirmAction({
    title: t('reports.factor.deleteTitle'),
    message: t('reports.factor.deleteMessage', { kind: factorKind(factor.kind), year: factor.year, value: formatNumber(factor.value, 6) }),
    confirmLabel: t('common.delete'),
    danger: true,
  });
  if (!confirmed) return;
  try {
    await api.delete(`/energy-factors/${factor.id}`);
    notify(t('common.deleted'), 'success');
    await done();
  } catch (error) {
    notify(`${t('common.error.failed')} ${error.message}`, 'error');
  }
}

// The section's content. `institutions`: those in scope; `selected`: the institution to show first.
export function factorsPanel({ institutions, selected }) {
  const owners = [
    ...institutions.map((institution) => ({ value: String(institution.id), label: institution.name })),
    ...(isAdmin() ? [{ value: DEFAULTS, label: t('reports.factor.defaults') }] : []),
  ];
  if (!owners.length) return h('p', { class: 'empty' }, t('reports.noInstitution'));
  let owner = owners.some((option) => option.value === String(selected ?? '')) ? String(selected) : owners[0].value;
  const body = h('div', { class: 'factor-table' });
  const ownerId = uniqueId('factor-owner');
  const ownerSelect = h(
    'select',
    { id: ownerId, onchange: (event) => ((owner = event.target.value), show()) },
    owners.map((option) => h('option', { value: option.value, selected: option.value === owner }, option.label)),
  );

  function deleteButton(factor) {
    return h('button', { type: 'button', class: 'link', onclick: () => deleteFactor(factor, show) }, t('common.delete'));
  }

  function show() {
    const institutionId = owner === DEFAULTS ? null : Number(owner);
    return loadInto(
      body,
      () => api.get('/energy-factors', institutionId ? { institutionId } : {}),
      (factors) => {
        const effective = FACTOR_KINDS.map((kind) => factors.effective?.[kind]).filter(Boolean);
        const mayChangeDefaults = isAdmin();
        const addButton = h(
          'button',
          { type: 'button', class: 'primary', onclick: () => addFactorDialog(institutionId, show) },
          institutionId ? t('reports.factor.add') : t('reports.factor.addDefault'),
        );
        append(
          body,
          institutionId
            ? [
                h('h3', {}, t('reports.factor.effective', { year: factors.effectiveYear })),
                dataTable({ columns: factorColumns(), rows: effective }),
                h('div', { class: 'report-section-heading' }, h('h3', {}, t('reports.factor.ownTitle')), addButton),
                dataTable({ columns: factorColumns(deleteButton), rows: factors.institution ?? [], empty: t('reports.factor.noOwn') }),
                h(
                  'details',
                  { class: 'factor-defaults' },
                  h('summary', {}, t('reports.factor.defaultsTitle')),
                  dataTable({ columns: factorColumns(mayChangeDefaults ? deleteButton : null), rows: factors.defaults }),
                ),
              ]
            : [
                h('div', { class: 'report-section-heading' }, h('h3', {}, t('reports.factor.defaultsTitle')), addButton),
                dataTable({ columns: factorColumns(deleteButton), rows: factors.defaults }),
              ],
        );
      },
    );
  }
  show();

  return h(
    'div',
    { class: 'factors' },
    h('p', { class: 'muted' }, t('reports.factor.help')),
    h('div', { class: 'toolbar' }, h('div', { class: 'field' }, h('label', { for: ownerId }, t('reports.factor.ownerSelect')), ownerSelect)),
    body,
  );
}
