// A session's energy as it was accounted: split by local day and time-of-use period (尖峰/峰/平/谷), with
// the price, cost and service fee of each part (docs/energy-statistics.md), as a table and a small pie.
import { h, replace } from '../lib/dom.js';
import { formatDate, formatDateTime, formatDuration, formatMoney, formatNumber, t, tOr } from '../lib/i18n.js';
import { createChart } from './chart.js';
import { dataTable } from './table.js';
import { keyValues } from './page.js';
import { kwhText } from './session_labels.js';
import { TOU_COLOURS, TOU_PERIODS, touLabel, touPeriod } from './tou.js';


// Returns {element, update(transaction)}. The pie is created once and redrawn, since late meter values
// can account a session again.
export function sessionEnergy(ctx) {
  const body = h('div', { class: 'session-energy-body' });
  const canvas = h('div', { class: 'chart small session-energy-chart', role: 'img', 'aria-label': t('sessions.energy.chartLabel') });
  const element = h('div', { class: 'session-energy' }, body);
  let chart = null;

  async function drawPie(parts) {
    const byPeriod = new Map();
    for (const part of parts) {
      const period = touPeriod(part.period);
      byPeriod.set(period, (byPeriod.get(period) ?? 0) + part.wh);
    }
    const data = TOU_PERIODS.filter((period) => byPeriod.get(period) > 0).map((period) => ({
      name: touLabel(period),
      value: byPeriod.get(period) / 1000,
      itemStyle: { color: TOU_COLOURS[period] },
    }));
    chart ??= await createChart(canvas, ctx, {
      tooltip: { trigger: 'item' },
      legend: { bottom: 0 },
    });
    chart.setOption({
      series: [{
        id: 'periods', type: 'pie', radius: ['38%', '68%'], center: ['50%', '45%'],
        label: { formatter: '{b} {d}%' },
        tooltip: { valueFormatter: (value) => `${formatNumber(value, 2, 2)} ${t('common.unit.kwh')}` },
        data,
      }],
    });
  }

  function update(transaction) {
    if (!('energy' in transaction)) {
      // A server from before the ledger was part of the transaction's answer.
      replace(body, h('p', { class: 'notice' }, t('sessions.energy.unsupported')));
      return;
    }
    const energy = transaction.energy;
    if (!energy) {
      replace(body, h('p', { class: 'notice' }, transaction.stopTime ? t('sessions.energy.pending') : t('sessions.energy.whenFinished')));
      return;
    }
    const parts = energy.parts ?? [];
    const total = (key) => parts.reduce((sum, part) => sum + (part[key] ?? 0), 0);
    const costFen = energy.costFen ?? total('costFen');
    const serviceFeeFen = energy.serviceFeeFen ?? total('serviceFeeFen');
    const rows = [...parts, { total: true, wh: energy.wh, seconds: total('seconds'), costFen, serviceFeeFen }];
    replace(
      body,
      h(
        'div',
        { class: 'session-energy-layout' },
        h(
          'div',
          {},
          keyValues([
            [t('sessions.energy.total'), kwhText(energy.wh)],
            [t('sessions.energy.cost'), formatMoney(costFen)],
            [t('sessions.energy.serviceFee'), formatMoney(serviceFeeFen)],
            [t('sessions.energy.payable'), h('strong', {}, formatMoney(costFen + serviceFeeFen))],
            [t('sessions.energy.source'), tOr(`sessions.energy.source.${energy.source}`, energy.source ?? '–')],
            [t('sessions.energy.accountedAt'), formatDateTime(energy.accountedAt)],
          ]),
        ),
        parts.length ? canvas : null,
      ),
      dataTable({
        caption: t('sessions.energy.partsCaption'),
        empty: t('sessions.energy.noParts'),
        rows: parts.length ? rows : [],
        columns: [
          { label: t('sessions.energy.date'), cell: (row) => (row.total ? h('strong', {}, t('sessions.energy.sum')) : formatDate(`${row.localDate}T12:00:00`)) },
          { label: t('sessions.energy.period'), cell: (row) => (row.total ? '' : h('span', { class: `session-tou session-tou-${touPeriod(row.period)}` }, touLabel(row.period))) },
          { label: t('sessions.energy.kwh'), numeric: true, cell: (row) => formatNumber(row.wh / 1000, 3, 3) },
          { label: t('sessions.energy.time'), numeric: true, cell: (row) => formatDuration(row.seconds) },
          { label: t('sessions.energy.price'), numeric: true, cell: (row) => (row.total ? '' : t('sessions.energy.pricePerKwh', { price: formatNumber(row.pricePerKwh, 4, 2) })) },
          { label: t('sessions.energy.cost'), numeric: true, cell: (row) => formatMoney(row.costFen) },
          { label: t('sessions.energy.serviceFee'), numeric: true, cell: (row) => formatMoney(row.serviceFeeFen) },
        ],
      }),
    );
    if (parts.length) drawPie(parts);
  }

  return { element, update };
}
