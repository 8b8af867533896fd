// A site's load at its grid connection over time: building load and charging load stacked, against the
// usable limit, from GET /sites/{id}/load and then live from `load.plan_computed` events. Per time it shows
// the most loaded phase, which is the one that would trip the breaker.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatNumber, formatTime, t } from '../lib/i18n.js';
import { colours, createChart } from './chart.js';
import { emptyState, errorBox } from './page.js';

const maxOf = (values) => (values?.length ? Math.max(...values) : null);
const minOf = (values) => (values?.length ? Math.min(...values) : null);

// The root circuit's figures as one chart point: [time, building, charging, usable]. History entries name
// no parents, so the root is known by its id from the current circuits.
function pointOf(at, circuits, rootId) {
  const root = circuits.find((circuit) => circuit.circuitId === rootId);
  if (!root) return null;
  return { at: Date.parse(at), building: maxOf(root.buildingA), charging: maxOf(root.chargingA), usable: minOf(root.usableA) };
}

// Fills `element` with the chart and returns {points} (for tests and summaries) or null when the site has
// no load management. `minutes` of history are shown; older points scroll out.
export async function siteLoadChart(element, ctx, siteId, { minutes = 120, onPoint = () => {} } = {}) {
  let load;
  try {
    load = await api.get(`/sites/${siteId}/load`, { minutes });
  } catch (error) {
    element.replaceChildren(error.code === 'not_managed' ? emptyState(t('dashboard.load.notManaged')) : errorBox(error));
    return null;
  }
  if (!ctx.isCurrent()) return null;
  const rootId = load.circuits.find((circuit) => circuit.parentId === null)?.circuitId;
  const points = (load.history ?? []).map((entry) => pointOf(entry.at, entry.circuits, rootId)).filter(Boolean);
  const latest = pointOf(load.computedAt, load.circuits, rootId);
  if (latest && !points.some((point) => point.at === latest.at)) points.push(latest);

  const canvas = h('div', { class: 'chart', role: 'img', 'aria-label': t('dashboard.load.chartLabel') });
  const summary = h('p', { class: 'muted chart-summary' });
  element.replaceChildren(canvas, summary);
  const chart = await createChart(canvas, ctx, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: t('common.unit.a') },
  });

  function draw() {
    const series = (key) => points.map((point) => [point.at, point[key]]);
    const newest = points.at(-1)?.at ?? Date.now();
    const oldest = points.length > 1 ? points[0].at : newest - 5 * 60000;
    chart.setOption({
      // The axis spans what there is, up to the window watched: a history only minutes old (the server
      // keeps it in memory) fills the chart instead of being a sliver at its right edge.
      xAxis: { min: Math.max(oldest, newest - minutes * 60000), max: newest },
      series: [
        { id: 'building', name: t('dashboard.load.building'), type: 'line', stack: 'load', areaStyle: {}, showSymbol: points.length < 3, color: colours.building, data: series('building') },
        { id: 'charging', name: t('dashboard.load.charging'), type: 'line', stack: 'load', areaStyle: {}, showSymbol: points.length < 3, color: colours.charging, data: series('charging') },
        { id: 'usable', name: t('dashboard.load.limit'), type: 'line', step: 'end', showSymbol: points.length < 3, color: colours.limit, lineStyle: { type: 'dashed', width: 2 }, data: series('usable') },
      ],
    });
    const last = points.at(-1);
    summary.textContent = last
      ? t('dashboard.load.summary', {
          time: formatTime(last.at),
          building: formatNumber(last.building),
          charging: formatNumber(last.charging),
          limit: formatNumber(last.usable),
        })
      : t('dashboard.load.noData');
    element.dataset.points = String(points.length);
  }

  ctx.subscribe(['load.plan_computed'], (event) => {
    if (event.siteId !== Number(siteId)) return;
    const point = pointOf(event.computedAt, event.circuits, rootId);
    if (!point) return;
    if (points.length && points.at(-1).at >= point.at) points[points.length - 1] = point;
    else points.push(point);
    const horizon = point.at - minutes * 60000;
    while (points.length && points[0].at < horizon) points.shift();
    draw();
    onPoint(point, event);
  });
  draw();
  return { points };
}
