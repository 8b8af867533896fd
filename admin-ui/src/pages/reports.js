// Energy reports for energy offices (公共机构能源资源消费统计): the energy report explorer (kWh, cost,
// standard coal, CO2 and petrol displaced by institution, site, department, vehicle or charger and by
// day, month, quarter or year, with the findings that qualify the figures), the standard reports as CSV
// or XLSX downloads, the fleet inventory, and the conversion factors the figures use.
// The filters live in the address, so a report can be bookmarked and sent to a colleague.
import { api } from '../lib/api.js';
import { h, uniqueId } from '../lib/dom.js';
import { formatMoney, formatNumber, t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { emptyState, errorBox, loadInto, loading, pageHeader, section } from '../components/page.js';
import { dataTable } from '../components/table.js';
import { drawEnergyCharts, groupName } from '../components/report_charts.js';
import { standardReportsPanel } from '../components/report_exports.js';
import { factorColumns, factorsPanel } from '../components/report_factors.js';
import { fleetInventoryTable } from '../components/report_inventory.js';
import {
  addDays, calendarLabelOfRange, formatPeriod, isDate, PERIODS, periodLabelOf, RANGE_PRESETS, rangeOfPeriod, rangeOfQuery,
} from '../components/report_periods.js';
import { qualityCounts } from '../components/report_quality.js';

const GROUPS = ['institution', 'site', 'department', 'vehicle', 'charger'];
// Tables that ask the API once per institution show at most this many.
const PER_INSTITUTION_LIMIT = 20;

// The control that changed a filter gets the focus back after the page has been drawn again.
let focusAfterRender = null;

function filtersOf(query) {
  const range = rangeOfQuery(query);
  return {
    groupBy: GROUPS.includes(query.get('group')) ? query.get('group') : 'institution',
    period: PERIODS.includes(query.get('period')) ? query.get('period') : 'month',
    range,
    institutionId: /^\d+$/.test(query.get('institution') ?? '') ? query.get('institution') : '',
  };
}

function queryOf(filters) {
  const custom = filters.range.preset === 'custom';
  return {
    group: filters.groupBy,
    period: filters.period,
    range: filters.range.preset,
    from: custom ? filters.range.from : null,
    until: custom ? addDays(filters.range.to, -1) : null,
    institution: filters.institutionId,
  };
}

// "12.3 kgce" below one tonne (a month of a small fleet), "4.56 tce" above.
function standardCoal(tce) {
  if (tce === null || tce === undefined) return '–';
  return tce < 1 ? `${formatNumber(tce * 1000, 3)} kgce` : `${formatNumber(tce, 3)} tce`;
}

function kilograms(kg) {
  if (kg === null || kg === undefined) return '–';
  return kg < 1000 ? `${formatNumber(kg, 1)} kg` : `${formatNumber(kg / 1000, 2)} t`;
}

function filterForm(ctx, filters, institutions) {
  const change = (name, value) => {
    focusAfterRender = name;
    const next = { ...filters, range: { ...filters.range } };
    if (name === 'group') next.groupBy = value;
    if (name === 'period') next.period = value;
    if (name === 'institution') next.institutionId = value;
    if (name === 'range') next.range.preset = value;
    if (name === 'from' && isDate(value)) next.range = { preset: 'custom', from: value, to: filters.range.to };
    if (name === 'until' && isDate(value)) next.range = { preset: 'custom', from: filters.range.from, to: addDays(value, 1) };
    ctx.setQuery(queryOf(next));
  };
  const select = (name, label, value, options) => {
    const id = uniqueId(name);
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      h(
        'select',
        { id, name, onchange: (event) => change(name, event.target.value) },
        options.map((option) => h('option', { value: option.value, selected: String(option.value) === String(value) }, option.label)),
      ),
    );
  };
  const date = (name, label, value) => {
    const id = uniqueId(name);
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      h('input', { id, name, type: 'date', value, required: true, onchange: (event) => change(name, event.target.value) }),
    );
  };
  return h(
    'form',
    { class: 'toolbar report-filters', role: 'search', 'aria-label': t('reports.filters'), onsubmit: (event) => event.preventDefault() },
    select('group', t('reports.groupByLabel'), filters.groupBy, GROUPS.map((group) => ({ value: group, label: t(`reports.groupBy.${group}`) }))),
    select('period', t('reports.periodLabel'), filters.period, PERIODS.map((period) => ({ value: period, label: t(`reports.period.${period}`) }))),
    select('range', t('reports.rangeLabel'), filters.range.preset, RANGE_PRESETS.map((preset) => ({ value: preset, label: t(`reports.range.${preset}`) }))),
    date('from', t('reports.from'), filters.range.from),
    date('until', t('reports.until'), addDays(filters.range.to, -1)),
    select('institution', t('reports.institution'), filters.institutionId, [
      { value: '', label: t('reports.allInstitutions') },
      ...institutions.map((institution) => ({ value: institution.id, label: institution.name })),
    ]),
  );
}

function summaryCards(totals, filters) {
  const card = (kind, value, label) => h('div', { class: `card ${kind}` }, h('span', { class: 'value' }, value), h('span', { class: 'label' }, label));
  const flagged = (totals.dataQuality?.errors ?? 0) + (totals.dataQuality?.warnings ?? 0);
  return h(
    'div',
    { class: 'cards report-cards' },
    card('busy', formatNumber(totals.kwh, 1), t('reports.card.kwh')),
    card('', formatNumber(totals.sessions, 0), t('reports.card.sessions', { hours: formatNumber(totals.chargingHours, 1) })),
    card('', formatMoney(totals.costFen), t('reports.card.cost', { fee: formatMoney(totals.serviceFeeFen) })),
    card('', standardCoal(totals.tce), t('reports.card.coal')),
    card('', kilograms(totals.co2Kg), t('reports.card.co2')),
    card('ok', kilograms(totals.co2AvoidedKg), t('reports.card.avoided', { litres: formatNumber(totals.petrolDisplacedL, 1) })),
    h(
      'a',
      { class: `card ${flagged ? 'bad' : 'ok'}`, href: hrefOf('/data-quality', findingsQuery(filters)) },
      h('span', { class: 'value' }, formatNumber(flagged, 0)),
      h('span', { class: 'label' }, t('reports.card.findings', { info: formatNumber(totals.dataQuality?.info ?? 0, 0) })),
    ),
  );
}

// The data-quality page's filters for the findings behind the whole report or one row of it.
function findingsQuery(filters, row = null) {
  const range = row ? (/^\d{4}-\d{2}-\d{2}$/.test(row.period) ? { from: row.period, to: addDays(row.period, 1) } : rangeOfPeriod(row.period)) : filters.range;
  const query = { from: range?.from, until: range ? addDays(range.to, -1) : null, institution: filters.institutionId };
  if (row?.id) {
    if (filters.groupBy === 'institution') query.institution = row.id;
    if (filters.groupBy === 'charger') query.charger = row.id;
    if (filters.groupBy === 'vehicle') query.vehicle = row.id;
  }
  return query;
}

function groupCell(row, groupBy) {
  const name = groupName(row, groupBy);
  if (row.id && groupBy === 'vehicle') return h('a', { href: hrefOf(`/fleet/vehicles/${encodeURIComponent(row.id)}`) }, name);
  if (row.id && groupBy === 'charger') return h('a', { href: hrefOf(`/chargers/${encodeURIComponent(row.id)}`) }, name);
  return name;
}

// The columns of the report table; `cell` reads a row or the totals, `total` says what the totals row shows.
function reportColumns(filters) {
  const number = (key, label, digits, fixed = 0) => ({
    key,
    label,
    numeric: true,
    cell: (row) => formatNumber(row[key], digits, fixed),
  });
  const columns = [
    { key: 'group', label: t(`reports.groupBy.${filters.groupBy}`), cell: (row) => groupCell(row, filters.groupBy) },
    { key: 'period', label: t('reports.column.period'), cell: (row) => formatPeriod(row.period) },
    number('kwh', t('reports.column.kwh'), 3, 3),
    number('sessions', t('reports.column.sessions'), 0),
    number('chargingHours', t('reports.column.hours'), 2, 2),
    { key: 'cost', label: t('reports.column.cost'), numeric: true, cell: (row) => formatMoney(row.costFen) },
    { key: 'serviceFee', label: t('reports.column.serviceFee'), numeric: true, cell: (row) => formatMoney(row.serviceFeeFen) },
    number('tce', t('reports.column.tce'), 6, 6),
    number('co2Kg', t('reports.column.co2'), 3),
    number('petrolDisplacedL', t('reports.column.petrol'), 3),
    number('co2AvoidedKg', t('reports.column.avoided'), 3),
  ];
  if (filters.groupBy === 'vehicle') {
    columns.push(number('distanceKm', t('reports.column.distance'), 1), number('kwhPer100km', t('reports.column.consumption'), 2));
  }
  columns.push({
    key: 'quality',
    label: t('reports.column.quality'),
    cell: (row) => h('a', { href: hrefOf('/data-quality', findingsQuery(filters, row)), class: 'quality-link' }, qualityCounts(row.dataQuality)),
  });
  return columns;
}

function reportTable(report, filters) {
  const columns = reportColumns(filters);
  // The totals under the columns they sum; per-row columns stay empty.
  const totals = report.totals ?? {};
  const footer = columns.map((column, index) => {
    if (index === 0) return h('th', { scope: 'row' }, t('reports.total'));
    if (column.key === 'period' || column.key === 'distanceKm' || column.key === 'kwhPer100km') return h('td', {});
    if (column.key === 'quality') return h('td', {}, qualityCounts(totals.dataQuality));
    return h('td', { class: `num total-${column.key}` }, column.cell(totals));
  });
  return dataTable({
    caption: t('reports.table.caption', {
      group: t(`reports.groupBy.${filters.groupBy}`),
      period: t(`reports.period.${filters.period}`),
      from: formatPeriod(report.from),
      until: formatPeriod(addDays(report.to, -1)),
    }),
    columns,
    rows: report.rows,
    empty: t('reports.table.empty'),
    footer,
  });
}

export async function render(view, ctx) {
  const filters = filtersOf(ctx.query);
  const institutions = (await api.get('/institutions', { limit: 1000 })).items;
  if (!ctx.isCurrent()) return;

  const cards = h('div', { class: 'report-summary' });
  const charts = h('div', {}, loading());
  const table = h('div', { class: 'report-table' });
  const factorsUsed = h('div', { class: 'factor-table' });
  const inventory = h('div', { class: 'inventory-table' });
  const calendarLabel = calendarLabelOfRange(filters.range.from, filters.range.to);
  // The fleet inventory wants a month, quarter or year: the range's, else the year it ends in.
  const inventoryPeriod = calendarLabel ?? periodLabelOf(addDays(filters.range.to, -1), 'year');
  const inScope = filters.institutionId ? institutions.filter((institution) => String(institution.id) === filters.institutionId) : institutions;
  const initialPeriods = {};
  if (calendarLabel) {
    const start = filters.range.from;
    if (/^\d{4}-\d{2}$/.test(calendarLabel)) initialPeriods.month = calendarLabel;
    if (!/^\d{4}$/.test(calendarLabel)) initialPeriods.quarter = periodLabelOf(start, 'quarter');
    initialPeriods.year = periodLabelOf(start, 'year');
  }

  view.append(
    pageHeader(t('reports.title')),
    section(null, filterForm(ctx, filters, institutions), h('p', { class: 'muted report-note' }, t('reports.note'))),
    cards,
    section(t('reports.chart.title'), charts),
    section(t('reports.table.title'), table, h('h3', {}, t('reports.factorsUsed')), factorsUsed),
    section(
      t('reports.standard.title'),
      standardReportsPanel(ctx, { institutions, initial: { institutionId: filters.institutionId || institutions[0]?.id, periods: initialPeriods } }),
    ),
    section(t('reports.inventory.title', { period: formatPeriod(inventoryPeriod) }), inventory),
    section(t('reports.factor.title'), factorsPanel({ institutions, selected: filters.institutionId || institutions[0]?.id })),
  );
  if (focusAfterRender) {
    view.querySelector(`.report-filters [name="${focusAfterRender}"]`)?.focus();
    focusAfterRender = null;
  }

  // One request per institution: an admin over many institutions picks one first.
  if (!inScope.length) inventory.append(emptyState(t('reports.noInstitution')));
  else if (inScope.length > PER_INSTITUTION_LIMIT) inventory.append(emptyState(t('reports.chooseInstitution')));
  else loadInto(inventory, () => fleetInventoryTable(inScope, inventoryPeriod), (element) => inventory.append(element));

  let report;
  try {
    report = await api.get('/reports/energy', {
      groupBy: filters.groupBy,
      period: filters.period,
      from: filters.range.from,
      to: filters.range.to,
      institutionId: filters.institutionId,
    });
  } catch (error) {
    if (!ctx.isCurrent()) return;
    charts.replaceChildren(errorBox(error));
    return;
  }
  if (!ctx.isCurrent()) return;
  cards.replaceChildren(summaryCards(report.totals ?? {}, filters));
  table.replaceChildren(reportTable(report, filters));
  factorsUsed.replaceChildren(dataTable({ columns: factorColumns(), rows: report.factors ?? [], empty: t('reports.noFactors') }));
  if (report.rows.length) await drawEnergyCharts(charts, ctx, report);
  else charts.replaceChildren(emptyState(t('reports.table.empty')));

  // New sessions change the figures: offer to reload rather than redraw under the reader's eyes.
  ctx.subscribe(['transaction.stopped'], () => {
    if (view.querySelector('.report-stale')) return;
    cards.before(
      h('p', { class: 'notice report-stale', role: 'status' }, t('reports.stale'), ' ', h('button', { type: 'button', class: 'link', onclick: () => ctx.rerender() }, t('common.refresh'))),
    );
  });
}
