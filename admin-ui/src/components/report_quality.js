// Data-quality findings as people read them: the kind in the user's language, the severity as a badge
// with text, the evidence (the figures that triggered a check) as a key/value list with units, and the
// quality score as a badge. Kinds and evidence keys come from the server, so unknown ones show as sent.
import { h } from '../lib/dom.js';
import { formatDateTime, formatDuration, formatNumber, t, tOr } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { formatPeriod } from './report_periods.js';

// The kinds of docs/energy-statistics.md "Data-quality checks", in the order of that table.
export const FINDING_KINDS = [
  'register_decrease', 'register_reset', 'energy_above_rated_power', 'energy_above_battery', 'zero_energy',
  'open_too_long', 'sample_gap', 'late_upload', 'overlapping_transactions', 'duplicate_transaction', 'clock_skew',
  'tou_parts_mismatch', 'unattributed_energy', 'period_change', 'consumption_outlier', 'phev_not_charged',
  'round_values', 'repeated_values', 'unknown_id_tag', 'rejected_id_tag',
];
export const SEVERITIES = ['error', 'warning', 'info'];

const SEVERITY_BADGES = { error: 'bad', warning: 'warn', info: 'info' };

export function findingKind(kind) {
  return tOr(`quality.kind.${kind}`, kind);
}

export function severityBadge(severity) {
  return h('span', { class: `badge ${SEVERITY_BADGES[severity] ?? 'muted'}` }, tOr(`severity.${severity}`, severity));
}

// The score (0-100, or null without sessions) as a badge: 95 and above is good, below 80 needs work.
export function scoreBadge(score) {
  if (score === null || score === undefined) return h('span', { class: 'badge muted' }, t('quality.score.none'));
  const kind = score >= 95 ? 'ok' : score >= 80 ? 'warn' : 'bad';
  return h('span', { class: `badge ${kind} quality-score` }, t('quality.score.value', { score: formatNumber(score, 0) }));
}

// Counts of a report row's findings ({errors, warnings, info}) as badges; nothing when all are zero.
export function qualityCounts(counts) {
  const parts = [
    ['errors', 'error', counts?.errors],
    ['warnings', 'warning', counts?.warnings],
    ['info', 'info', counts?.info],
  ].filter(([, , count]) => count > 0);
  if (!parts.length) return h('span', { class: 'muted' }, t('quality.counts.none'));
  return h(
    'span',
    { class: 'quality-counts' },
    parts.map(([key, severity, count]) =>
      h('span', { class: `badge ${SEVERITY_BADGES[severity]}` }, t(`quality.counts.${key}`, { count: formatNumber(count, 0) })),
    ),
  );
}

const TIME_KEYS = new Set(['at', 'until', 'start']);

// A duration in the unit that reads best: seconds, minutes, hours and minutes, or days and hours.
function milliseconds(value) {
  const seconds = Math.abs(value) / 1000;
  if (seconds < 60) return t('quality.unit.seconds', { value: formatNumber(value / 1000, 1) });
  if (seconds < 3600) return t('quality.unit.minutes', { value: formatNumber(seconds / 60, 0) });
  if (seconds < 48 * 3600) return formatDuration(seconds);
  const hours = Math.round(seconds / 3600);
  return t('quality.unit.days', { days: formatNumber(Math.floor(hours / 24), 0), hours: hours % 24 });
}

function watthours(value) {
  if (Math.abs(value) >= 1000) return `${formatNumber(value / 1000, 3)} ${t('common.unit.kwh')}`;
  return `${formatNumber(value, 0)} Wh`;
}

// One evidence value, formatted by what its key says it is (…Wh, …Ms, …At, …Kw, …Km, …Percent, …Share).
function evidenceValue(key, value) {
  if (value === null || value === undefined) return '–';
  if (/transactionIds?$/i.test(key)) {
    const ids = [value].flat().filter(Number.isInteger);
    if (ids.length) return ids.flatMap((id, index) => [index ? ', ' : null, sessionLink(id)]);
  }
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) {
      return value.map((item) => (typeof item === 'string' ? tOr(`quality.value.${item}`, item) : evidenceValue(key, item))).join(', ');
    }
    return h('ol', { class: 'finding-evidence-items' }, value.map((item) => h('li', {}, evidenceValue(key, item))));
  }
  if (typeof value === 'object') return evidenceList(value);
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no');
  if (typeof value === 'string') {
    if (/period$/i.test(key)) return formatPeriod(value);
    if ((/At$/.test(key) || TIME_KEYS.has(key)) && !Number.isNaN(Date.parse(value)) && /T/.test(value)) return formatDateTime(value);
    return tOr(`quality.value.${value}`, value);
  }
  if (typeof value !== 'number') return String(value);
  if (/Wh$/.test(key)) return watthours(value);
  if (/Ms$/.test(key)) return milliseconds(value);
  if (/Kwh$/.test(key)) return `${formatNumber(value, 2)} ${t('common.unit.kwh')}`;
  if (/Kw$/.test(key)) return `${formatNumber(value, 2)} ${t('common.unit.kw')}`;
  if (/Km$/.test(key)) return `${formatNumber(value, 1)} km`;
  if (/Per100km$/.test(key) || key === 'q1' || key === 'q3' || key === 'lower' || key === 'upper') {
    return `${formatNumber(value, 2)} kWh/100 km`;
  }
  if (/Percent$/.test(key)) return `${formatNumber(value, 1)} %`;
  if (/(Share|Tolerance)$/.test(key)) return `${formatNumber(value * 100, 1)} %`;
  return formatNumber(value, 3);
}

export function sessionLink(id) {
  return h('a', { href: hrefOf(`/sessions/${id}`) }, t('quality.sessionNumber', { id }));
}

// A finding's evidence as a description list (never markup from the server: every value is text).
export function evidenceList(evidence) {
  const entries = Object.entries(evidence ?? {});
  if (!entries.length) return h('span', { class: 'muted' }, '–');
  return h(
    'dl',
    { class: 'finding-evidence' },
    entries.map(([key, value]) => [h('dt', {}, tOr(`quality.evidence.${key}`, key)), h('dd', {}, evidenceValue(key, value))]),
  );
}
