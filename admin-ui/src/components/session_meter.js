// A charging session's meter curve: power (kW), current (A) and energy delivered (kWh) over time, drawn
// from the session's stored meter values and extended live from `meter_values` events.
import { h, replace } from '../lib/dom.js';
import { formatNumber, formatTime, t } from '../lib/i18n.js';
import { colours, createChart } from './chart.js';

const ENERGY = 'Energy.Active.Import.Register';
const POWER = 'Power.Active.Import';
const CURRENT = 'Current.Import';
const KILO_UNITS = { kWh: 'Wh', kW: 'W', kvarh: 'varh', kvar: 'var', kVA: 'VA' };
// The accounting's rule (docs/energy-statistics.md): meterStart anchors the register curve only if reaching
// the first sample from it needs no more than this power; otherwise the charger's transaction values have
// another basis than its register (e.g. meterStart 0 with a register at 52,000 kWh).
const MAX_PLAUSIBLE_W = 400000;
const CURRENT_COLOUR = '#b45309';

// A sampled value with OCPP 1.6's defaults made explicit and kilo units in base units, as the server
// stores it (server/src/meter_value_conversion.cpp). Stored values carry normalizedValue already; the
// samples of a live event are as the charger sent them.
export function normaliseSample(sample) {
  const measurand = sample.measurand ?? ENERGY;
  const phase = sample.phase ?? null;
  if ('normalizedValue' in sample) {
    return { measurand, phase, value: sample.normalizedValue ?? null, unit: sample.normalizedUnit ?? null };
  }
  const unit = sample.unit ?? 'Wh';
  const text = String(sample.value ?? '').trim();
  const number = Number(text);
  if ((sample.format ?? 'Raw') !== 'Raw' || text === '' || !Number.isFinite(number)) {
    return { measurand, phase, value: null, unit: null };
  }
  return unit in KILO_UNITS
    ? { measurand, phase, value: number * 1000, unit: KILO_UNITS[unit] }
    : { measurand, phase, value: number, unit };
}

// The conductor a phase names (L1, L1-N and L1-L2 are all on L1), or null for no phase or N.
function conductorOf(phase) {
  const match = /^L([123])/.exec(phase ?? '');
  return match ? match[1] : null;
}

// One meter value as a reading: {at, registerWh, powerW, currentA}, each null when not sampled.
//
// Power is the unphased sample when the charger sends one, else the sum of its phases (power adds up).
// Current is the most loaded phase (or the unphased sample): the scheduler's limits are amperes per phase,
// so that is the figure to compare with them, and a single-phase car shows its real current instead of a
// sum that mixes in idle phases. Only the unphased register counts as the session's energy.
export function readingOf(meterValue) {
  const at = Date.parse(meterValue.timestamp);
  if (Number.isNaN(at)) return null;
  let registerWh = null;
  let powerW = null;
  let currentA = null;
  const powerByConductor = new Map();
  const currentByConductor = new Map();
  for (const raw of meterValue.sampledValue ?? []) {
    const sample = normaliseSample(raw);
    if (sample.value === null) continue;
    const conductor = conductorOf(sample.phase);
    if (sample.measurand === ENERGY && sample.unit === 'Wh' && !sample.phase) {
      registerWh = sample.value;
    } else if (sample.measurand === POWER && sample.unit === 'W') {
      if (!sample.phase) powerW = sample.value;
      else if (conductor && !powerByConductor.has(conductor)) powerByConductor.set(conductor, sample.value);
    } else if (sample.measurand === CURRENT && sample.unit === 'A') {
      if (!sample.phase) currentA = sample.value;
      else if (conductor && !currentByConductor.has(conductor)) currentByConductor.set(conductor, sample.value);
    }
  }
  if (powerW === null && powerByConductor.size) powerW = [...powerByConductor.values()].reduce((sum, value) => sum + value, 0);
  if (currentA === null && currentByConductor.size) currentA = Math.max(...currentByConductor.values());
  if (registerWh === null && powerW === null && currentA === null) return null;
  return { at, registerWh, powerW, currentA };
}

// The chart's series from the readings of a transaction: [time, value] pairs in kW, A and kWh. Energy is
// what the register rose by since the session's start, summing only rises as the accounting does (a
// register reset adds nothing), so the curve ends at the session's accounted energy.
export function seriesOf(transaction, readings) {
  const sorted = [...readings].sort((a, b) => a.at - b.at);
  const power = sorted.filter((r) => r.powerW !== null).map((r) => [r.at, r.powerW / 1000]);
  const current = sorted.filter((r) => r.currentA !== null).map((r) => [r.at, r.currentA]);
  const registers = sorted.filter((r) => r.registerWh !== null);
  const startAt = Date.parse(transaction.startTime);
  const stopAt = transaction.stopTime ? Date.parse(transaction.stopTime) : null;
  const agrees = (fromAt, fromWh, toAt, toWh) => {
    if (fromWh === null || fromWh === undefined || toWh === null || toWh === undefined || toWh < fromWh) return false;
    const hours = Math.max(1, (toAt - fromAt) / 1000) / 3600;
    return (toWh - fromWh) / hours <= MAX_PLAUSIBLE_W;
  };

  const energy = [];
  let deliveredWh = 0;
  let previousWh = null;
  if (!registers.length) {
    // No register samples: all there is, is meterStart and meterStop.
    energy.push([startAt, 0]);
    if (stopAt !== null && transaction.meterStop !== null && transaction.meterStop !== undefined) {
      energy.push([stopAt, Math.max(0, transaction.meterStop - transaction.meterStart) / 1000]);
    }
    // While it runs, nothing says how much it has taken so far.
    return { power, current, energy, deliveredWh: energy.length > 1 ? energy.at(-1)[1] * 1000 : null };
  }
  if (agrees(startAt, transaction.meterStart, registers[0].at, registers[0].registerWh)) {
    energy.push([startAt, 0]);
    previousWh = transaction.meterStart;
  }
  for (const reading of registers) {
    if (previousWh !== null) deliveredWh += Math.max(0, reading.registerWh - previousWh);
    previousWh = reading.registerWh;
    energy.push([reading.at, deliveredWh / 1000]);
  }
  const last = registers.at(-1);
  if (stopAt !== null && stopAt > last.at && agrees(last.at, last.registerWh, stopAt, transaction.meterStop)) {
    deliveredWh += transaction.meterStop - last.registerWh;
    energy.push([stopAt, deliveredWh / 1000]);
  }
  return { power, current, energy, deliveredWh };
}

// The meter chart in `element`. Returns {setTransaction(transaction), addLive(meterValues), latest()}:
// a reloaded transaction replaces every reading, live meter values add theirs (a reading at a time already
// shown replaces it, so an event that the reload already contained is not drawn twice).
export async function sessionMeterChart(element, ctx, transaction) {
  const readings = new Map(); // time (ms) -> reading
  let current = transaction;
  const canvas = h('div', { class: 'chart', role: 'img', 'aria-label': t('sessions.chart.label') });
  const summary = h('p', { class: 'muted chart-summary', 'aria-live': 'polite' });
  replace(element, canvas, summary);
  const kw = t('common.unit.kw');
  const amperes = t('common.unit.a');
  const kwh = t('common.unit.kwh');
  const chart = await createChart(canvas, ctx, {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 64, top: 48, bottom: 32 },
    xAxis: { type: 'time' },
    yAxis: [
      { type: 'value', name: `${kw} / ${amperes}`, position: 'left' },
      { type: 'value', name: kwh, position: 'right', splitLine: { show: false } },
    ],
  });
  let latestFigures = null;

  function add(meterValues) {
    for (const meterValue of meterValues ?? []) {
      const reading = readingOf(meterValue);
      if (reading) readings.set(reading.at, reading);
    }
  }

  function draw() {
    const series = seriesOf(current, [...readings.values()]);
    const symbols = (data) => data.length <= 60;
    chart.setOption({
      series: [
        { id: 'power', name: t('sessions.chart.power'), type: 'line', yAxisIndex: 0, color: colours.charging, showSymbol: symbols(series.power),
          tooltip: { valueFormatter: (value) => `${formatNumber(value, 2)} ${kw}` }, data: series.power },
        { id: 'current', name: t('sessions.chart.current'), type: 'line', yAxisIndex: 0, color: CURRENT_COLOUR, showSymbol: symbols(series.current),
          lineStyle: { type: 'dashed' }, tooltip: { valueFormatter: (value) => `${formatNumber(value, 1)} ${amperes}` }, data: series.current },
        { id: 'energy', name: t('sessions.chart.energy'), type: 'line', yAxisIndex: 1, color: colours.energy, showSymbol: symbols(series.energy),
          areaStyle: { opacity: 0.12 }, tooltip: { valueFormatter: (value) => `${formatNumber(value, 2, 2)} ${kwh}` }, data: series.energy },
      ],
    });
    const lastPower = series.power.at(-1);
    const lastCurrent = series.current.at(-1);
    const lastReading = [...readings.values()].reduce((latest, reading) => (!latest || reading.at > latest.at ? reading : latest), null);
    latestFigures = {
      at: lastReading?.at ?? null,
      powerKw: lastPower ? lastPower[1] : null,
      currentA: lastCurrent ? lastCurrent[1] : null,
      deliveredWh: series.deliveredWh,
    };
    summary.textContent = lastReading
      ? t('sessions.chart.summary', {
          time: formatTime(lastReading.at),
          power: formatNumber(latestFigures.powerKw, 2),
          current: formatNumber(latestFigures.currentA, 1),
          energy: series.deliveredWh === null ? '–' : formatNumber(series.deliveredWh / 1000, 2, 2),
        })
      : t('sessions.chart.noData');
    element.dataset.readings = String(readings.size);
  }

  function setTransaction(next) {
    current = next;
    readings.clear();
    add(next.meterValues);
    draw();
  }

  setTransaction(transaction);
  return {
    setTransaction,
    addLive(meterValues) {
      add(meterValues);
      draw();
    },
    latest: () => latestFigures,
  };
}
