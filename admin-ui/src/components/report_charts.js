// The energy report's two charts: kWh per period stacked by time-of-use kind (尖峰/峰/平/谷/未分类), every
// period of the range on the axis so that quiet periods show as gaps; and kWh per group (institution,
// site, ...), largest first. The table under them holds the same figures for screen readers.
import { h } from '../lib/dom.js';
import { formatNumber, t } from '../lib/i18n.js';
import { colours, createChart } from './chart.js';
import { formatPeriodShort, periodsBetween } from './report_periods.js';
import { TOU_COLOURS, TOU_PERIODS, touLabel } from './tou.js';

const GROUPS_SHOWN = 15;

const kwhText = (value) => `${formatNumber(value, 3)} ${t('common.unit.kwh')}`;
const round3 = (value) => Math.round(value * 1000) / 1000;

// The label of a report row's group, for people: the name, or "(none)" for sessions without one.
export function groupName(row, groupBy) {
  if (row.id === '') return t(`reports.group.none.${groupBy}`);
  if (groupBy === 'charger') return row.name ? `${row.id} · ${row.name}` : row.id;
  return row.name || row.id;
}

function byPeriodOption(report) {
  const periods = periodsBetween(report.from, report.to, report.period);
  const index = new Map(periods.map((label, position) => [label, position]));
  const sums = Object.fromEntries(TOU_PERIODS.map((kind) => [kind, periods.map(() => 0)]));
  for (const row of report.rows) {
    const position = index.get(row.period);
    if (position === undefined) continue;
    for (const kind of TOU_PERIODS) sums[kind][position] += row.kwhByPeriod?.[kind] ?? 0;
  }
  return {
    tooltip: { trigger: 'axis', valueFormatter: kwhText },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 60, right: 16, top: 56, bottom: 40 },
    xAxis: { type: 'category', data: periods.map(formatPeriodShort) },
    yAxis: { type: 'value', name: t('common.unit.kwh') },
    dataZoom: periods.length > 40 ? [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 4 }] : [],
    series: TOU_PERIODS.map((kind) => ({
      id: kind,
      name: touLabel(kind),
      type: 'bar',
      stack: 'tou',
      barMaxWidth: 48,
      color: TOU_COLOURS[kind],
      data: sums[kind].map(round3),
    })),
  };
}

function byGroupOption(report) {
  const groups = new Map();
  for (const row of report.rows) {
    const entry = groups.get(row.id) ?? { name: groupName(row, report.groupBy), kwh: 0 };
    entry.kwh += row.kwh;
    groups.set(row.id, entry);
  }
  // Largest at the top: ECharts draws a category axis from the bottom.
  const shown = [...groups.values()].sort((a, b) => b.kwh - a.kwh).slice(0, GROUPS_SHOWN).reverse();
  return {
    tooltip: { trigger: 'axis', valueFormatter: kwhText },
    grid: { left: 10, right: 24, top: 10, bottom: 30, containLabel: true },
    xAxis: { type: 'value', name: t('common.unit.kwh'), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'category', data: shown.map((group) => group.name), axisLabel: { width: 160, overflow: 'truncate' } },
    series: [{ id: 'kwh', name: t('reports.column.kwh'), type: 'bar', barMaxWidth: 28, color: colours.energy, data: shown.map((group) => round3(group.kwh)) }],
  };
}

// Draws both charts into `element` (replacing what was there).
export async function drawEnergyCharts(element, ctx, report) {
  const byPeriod = h('div', { class: 'chart', role: 'img', 'aria-label': t('reports.chart.byPeriodLabel') });
  const byGroup = h('div', { class: 'chart', role: 'img', 'aria-label': t('reports.chart.byGroupLabel', { group: t(`reports.groupBy.${report.groupBy}`) }) });
  element.replaceChildren(
    h('div', { class: 'grid report-charts' },
      h('figure', { class: 'report-chart' }, h('figcaption', {}, t('reports.chart.byPeriod')), byPeriod),
      h('figure', { class: 'report-chart' }, h('figcaption', {}, t('reports.chart.byGroup', { group: t(`reports.groupBy.${report.groupBy}`) })), byGroup),
    ),
  );
  await createChart(byPeriod, ctx, byPeriodOption(report));
  if (!ctx.isCurrent()) return;
  await createChart(byGroup, ctx, byGroupOption(report));
}
