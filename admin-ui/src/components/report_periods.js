// Calendar arithmetic of the report pages: the date-range presets (this month, last month, ...), every
// period label of a range, period labels as people read them ("2026年第1季度", "Q1 2026"), and the
// months, quarters and years offered for the standard reports. Dates are 'YYYY-MM-DD' text of the
// browser's calendar; the API's `to` is exclusive, while the page shows an inclusive "until" date.
import { formatDate, language, t } from '../lib/i18n.js';

export const RANGE_PRESETS = ['thisMonth', 'lastMonth', 'thisQuarter', 'thisYear', 'lastYear', 'custom'];
export const PERIODS = ['day', 'month', 'quarter', 'year'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

// 'YYYY-MM-DD' of a (year, zero-based month, day) that may run over (month 12 is next January).
export function isoDate(year, month, day = 1) {
  return new Date(Date.UTC(year, month, day)).toISOString().slice(0, 10);
}

export function isDate(text) {
  return typeof text === 'string' && DATE.test(text) && isoDate(...partsOf(text)) === text;
}

function partsOf(date) {
  const [year, month, day] = date.split('-').map(Number);
  return [year, month - 1, day];
}

export function addDays(date, days) {
  const [year, month, day] = partsOf(date);
  return isoDate(year, month, day + days);
}

// The range of a preset as {from, to} with `to` exclusive, relative to `today` (a Date, local calendar).
export function presetRange(preset, today = new Date()) {
  const year = today.getFullYear();
  const month = today.getMonth();
  const quarterStart = month - (month % 3);
  switch (preset) {
    case 'thisMonth':
      return { from: isoDate(year, month), to: isoDate(year, month + 1) };
    case 'lastMonth':
      return { from: isoDate(year, month - 1), to: isoDate(year, month) };
    case 'thisQuarter':
      return { from: isoDate(year, quarterStart), to: isoDate(year, quarterStart + 3) };
    case 'lastYear':
      return { from: isoDate(year - 1, 0), to: isoDate(year, 0) };
    case 'thisYear':
    default:
      return { from: isoDate(year, 0), to: isoDate(year + 1, 0) };
  }
}

// The range the address asks for: a preset (`range`), or `from` and `until` (inclusive) for 'custom'.
// An incomplete custom range starts from this month, so the date fields have something to change.
export function rangeOfQuery(query, fallback = 'thisYear') {
  const preset = RANGE_PRESETS.includes(query.get('range')) ? query.get('range') : fallback;
  if (preset !== 'custom') return { preset, ...presetRange(preset) };
  const month = presetRange('thisMonth');
  const from = isDate(query.get('from')) ? query.get('from') : month.from;
  const until = isDate(query.get('until')) ? query.get('until') : addDays(month.to, -1);
  return { preset, from, to: addDays(until, 1) };
}

// The label of the calendar month, quarter or year a range is exactly, else null.
export function calendarLabelOfRange(from, to) {
  const [year, month, day] = partsOf(from);
  if (day !== 1) return null;
  if (to === isoDate(year, month + 1)) return from.slice(0, 7);
  if (month % 3 === 0 && to === isoDate(year, month + 3)) return `${year}-Q${month / 3 + 1}`;
  if (month === 0 && to === isoDate(year + 1, 0)) return String(year);
  return null;
}

// The API's label of the period of `kind` that contains `date`.
export function periodLabelOf(date, kind) {
  const [year, month] = partsOf(date);
  switch (kind) {
    case 'day':
      return date;
    case 'quarter':
      return `${year}-Q${Math.floor(month / 3) + 1}`;
    case 'year':
      return String(year);
    default:
      return date.slice(0, 7);
  }
}

// Every period label of `kind` in [from, to), in order: the chart's axis has no holes.
export function periodsBetween(from, to, kind) {
  const labels = [];
  let [year, month, day] = partsOf(from);
  for (let date = from; date < to && labels.length < 10000; ) {
    const label = periodLabelOf(date, kind);
    if (labels.at(-1) !== label) labels.push(label);
    if (kind === 'day') day += 1;
    else if (kind === 'month') [month, day] = [month + 1, 1];
    else if (kind === 'quarter') [month, day] = [month - (month % 3) + 3, 1];
    else [year, month, day] = [year + 1, 0, 1];
    date = isoDate(year, month, day);
  }
  return labels;
}

// A period label for people: a day, "2026年10月" / "Oct 2026", a quarter, a year.
export function formatPeriod(label) {
  if (typeof label !== 'string') return '–';
  let match = /^(\d{4})$/.exec(label);
  if (match) return t('reports.label.year', { year: match[1] });
  match = /^(\d{4})-Q([1-4])$/.exec(label);
  if (match) return t('reports.label.quarter', { year: match[1], quarter: match[2] });
  match = /^(\d{4})-(\d{2})$/.exec(label);
  if (match) {
    return new Intl.DateTimeFormat(language(), { year: 'numeric', month: 'short' }).format(new Date(Number(match[1]), Number(match[2]) - 1, 1));
  }
  if (isDate(label)) {
    const [year, month, day] = partsOf(label);
    return formatDate(new Date(year, month, day));
  }
  return label;
}

// A shorter label for a chart's axis: days as "10/15" or "10月15日", other periods as formatPeriod.
export function formatPeriodShort(label) {
  if (!isDate(label)) return formatPeriod(label);
  const [year, month, day] = partsOf(label);
  return new Intl.DateTimeFormat(language(), { month: 'numeric', day: 'numeric' }).format(new Date(year, month, day));
}

// The newest `count` periods of `kind` ('month', 'quarter', 'year') up to the current one, newest first.
export function recentPeriods(kind, count, today = new Date()) {
  const labels = [];
  const year = today.getFullYear();
  const month = today.getMonth();
  for (let back = 0; back < count; back++) {
    if (kind === 'year') labels.push(String(year - back));
    else if (kind === 'quarter') labels.push(periodLabelOf(isoDate(year, month - (month % 3) - 3 * back), 'quarter'));
    else labels.push(isoDate(year, month - back).slice(0, 7));
  }
  return labels;
}

// The [from, to) dates of a period label ('2026-03', '2026-Q1', '2026').
export function rangeOfPeriod(label) {
  let match = /^(\d{4})$/.exec(label);
  if (match) return { from: isoDate(Number(match[1]), 0), to: isoDate(Number(match[1]) + 1, 0) };
  match = /^(\d{4})-Q([1-4])$/.exec(label);
  if (match) {
    const start = (Number(match[2]) - 1) * 3;
    return { from: isoDate(Number(match[1]), start), to: isoDate(Number(match[1]), start + 3) };
  }
  match = /^(\d{4})-(\d{2})$/.exec(label);
  if (match) return { from: isoDate(Number(match[1]), Number(match[2]) - 1), to: isoDate(Number(match[1]), Number(match[2])) };
  return null;
}
