// A vehicle's charged energy this month and this year, from the energy report grouped by vehicle (the
// session's institution, site-local months), as cards and a chart of the months split by tariff period.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatMoney, formatNumber, language, t } from '../lib/i18n.js';
import { createChart } from './chart.js';
import { emptyState, errorBox, loading } from './page.js';
import { TOU_COLOURS, TOU_PERIODS, touLabel } from './tou.js';


const pad = (n) => String(n).padStart(2, '0');

// Fills `cards` and `chartArea`; answers refresh() (after a session of the vehicle stops), which keeps the
// chart and updates its data.
export function vehicleEnergy({ cards, chartArea, ctx, vehicle }) {
  let chart = null;
  const summary = h('p', { class: 'muted chart-summary' });
  const refresh = () => show({ cards, chartArea, ctx, vehicle, summary, chart: () => chart, setChart: (made) => (chart = made) });
  return { refresh };
}

async function show({ cards, chartArea, ctx, vehicle, summary, chart, setChart }) {
  const now = new Date();
  const year = now.getFullYear();
  const monthLabel = `${year}-${pad(now.getMonth() + 1)}`;
  const query = { groupBy: 'vehicle', from: `${year}-01-01`, to: `${year + 1}-01-01`, institutionId: vehicle.institutionId };
  if (!cards.firstChild) cards.replaceChildren(loading());
  let monthly;
  let yearly;
  try {
    [monthly, yearly] = await Promise.all([api.get('/reports/energy', { ...query, period: 'month' }), api.get('/reports/energy', { ...query, period: 'year' })]);
  } catch (error) {
    cards.replaceChildren(errorBox(error));
    return;
  }
  if (!ctx.isCurrent()) return;
  const mine = (row) => row.id === String(vehicle.id);
  const months = monthly.rows.filter(mine);
  const month = months.find((row) => row.period === monthLabel);
  const whole = yearly.rows.find(mine);

  const card = (kind, value, label, detail, unit = null) =>
    h(
      'div',
      { class: `card ${kind}` },
      h('span', { class: 'value' }, value, unit ? h('small', { class: 'fleet-unit' }, ` ${unit}`) : null),
      h('span', { class: 'label' }, label),
      detail ? h('small', { class: 'muted fleet-card-detail' }, detail) : null,
    );
  const kwh = t('common.unit.kwh');
  const cost = (row) => (row ? formatMoney((row.costFen ?? 0) + (row.serviceFeeFen ?? 0)) : formatMoney(0));
  cards.replaceChildren(
    card('busy', formatNumber(month?.kwh ?? 0), t('fleet.energy.month'), t('fleet.energy.sessionsCost', { sessions: formatNumber(month?.sessions ?? 0, 0), cost: cost(month) }), kwh),
    card('ok', formatNumber(whole?.kwh ?? 0), t('fleet.energy.year', { year }), t('fleet.energy.sessionsCost', { sessions: formatNumber(whole?.sessions ?? 0, 0), cost: cost(whole) }), kwh),
    card(
      '',
      whole?.kwhPer100km !== null && whole?.kwhPer100km !== undefined ? formatNumber(whole.kwhPer100km) : '–',
      t('fleet.energy.consumption'),
      whole?.distanceKm !== null && whole?.distanceKm !== undefined ? t('fleet.energy.distance', { km: formatNumber(whole.distanceKm, 0) }) : t('fleet.energy.needReadings'),
    ),
    card('', whole?.co2AvoidedKg !== null && whole?.co2AvoidedKg !== undefined ? formatNumber(whole.co2AvoidedKg, 0) : '–', t('fleet.energy.co2Avoided')),
  );

  if (!months.length) {
    chartArea.replaceChildren(emptyState(t('fleet.energy.none', { year })));
    return;
  }
  const labels = Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`);
  const byLabel = new Map(months.map((row) => [row.period, row]));
  summary.textContent = t('fleet.energy.chartSummary', { year, kwh: formatNumber(whole?.kwh ?? 0), months: formatNumber(months.length, 0) });
  if (!chart()) {
    const canvas = h('div', { class: 'chart small', role: 'img', 'aria-label': t('fleet.energy.chartLabel', { year }) });
    chartArea.replaceChildren(canvas, summary);
    const monthName = new Intl.DateTimeFormat(language(), { month: 'short' });
    setChart(
      await createChart(canvas, ctx, {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 50, right: 16, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: labels.map((label) => monthName.format(new Date(`${label}-15T00:00:00`))) },
        yAxis: { type: 'value', name: t('common.unit.kwh') },
      }),
    );
  }
  chart().setOption({
    series: TOU_PERIODS.map((key) => ({
      id: key,
      name: touLabel(key),
      type: 'bar',
      stack: 'kwh',
      color: TOU_COLOURS[key],
      data: labels.map((label) => byLabel.get(label)?.kwhByPeriod?.[key] ?? 0),
    })),
  });
  chartArea.dataset.months = String(months.length);
}
