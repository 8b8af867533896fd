// Charts with Apache ECharts (npm, copied to vendor/ by `npm run build`), loaded when a page first draws
// one. Tooltips are drawn on the canvas (renderMode 'richText'), so names from the data are never parsed as
// HTML, and ECharts' aria description is on for screen readers.
import { language } from '../lib/i18n.js';

let library = null;

export function echartsLibrary() {
  library ??= import('../../vendor/echarts.js');
  return library;
}

// A chart in `container`, resized with it and disposed when the page is left (ctx.onCleanup).
export async function createChart(container, ctx, option = {}) {
  const echarts = await echartsLibrary();
  const chart = echarts.init(container, null, { renderer: 'canvas', locale: language() === 'zh-CN' ? 'ZH' : 'EN' });
  const observer = new ResizeObserver(() => chart.resize());
  observer.observe(container);
  ctx.onCleanup(() => {
    observer.disconnect();
    chart.dispose();
  });
  const setOption = chart.setOption.bind(chart);
  chart.setOption = (next, ...rest) => setOption(safe(next), ...rest);
  chart.setOption({ aria: { enabled: true }, animation: false, ...option });
  return chart;
}

function safe(option) {
  if (option?.tooltip) option.tooltip = { ...option.tooltip, renderMode: 'richText' };
  return option;
}

// The palette the stylesheet uses, for series that mean the same thing on every page.
export const colours = {
  building: '#6b7280',
  charging: '#2563eb',
  limit: '#dc2626',
  energy: '#059669',
  peak: '#dc2626',
  flat: '#d97706',
  valley: '#2563eb',
  sharp: '#7c3aed',
};
