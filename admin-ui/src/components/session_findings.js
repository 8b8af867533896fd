// What is doubtful about a session's data: the anomalies ParkGrid recorded while the charger reported it
// (the transaction's `anomalies`) and the data-quality findings about it (GET /data-quality/findings), in
// one list, newest first, with their kinds in words (docs/energy-statistics.md "Data-quality checks").
import { api } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { formatDateTime, t, tOr } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { emptyState, errorBox, loading } from './page.js';
import { findingKind, severityBadge } from './report_quality.js';

// Findings are named as on the data-quality page; anomalies (what the server noticed while the charger
// reported) have names of their own.
export const anomalyText = (kind) => tOr(`sessions.kind.${kind}`, kind);

function item({ badge, label, message, at }) {
  return h(
    'li',
    {},
    badge,
    ' ',
    h('strong', {}, label),
    h('small', { class: 'muted' }, ` ${formatDateTime(at)}`),
    message ? h('div', { class: 'session-finding-message' }, message) : null,
  );
}

// Fills `element`; call again after the session changed (a stop runs the checks).
export async function showSessionFindings(element, transaction, isCurrent = () => true) {
  if (!element.firstChild) element.append(loading());
  let findings;
  try {
    findings = await api.get('/data-quality/findings', { transactionId: transaction.id, limit: 100 });
  } catch (error) {
    if (isCurrent()) replace(element, errorBox(error));
    return;
  }
  if (!isCurrent()) return;
  const entries = [
    ...findings.items.map((finding) => ({
      at: finding.detectedAt,
      label: findingKind(finding.kind),
      message: finding.message,
      badge: severityBadge(finding.severity),
    })),
    ...(transaction.anomalies ?? []).map((anomaly) => ({
      at: anomaly.at,
      label: anomalyText(anomaly.kind),
      message: anomaly.detail,
      badge: h('span', { class: 'badge warn' }, t('sessions.findings.anomaly')),
    })),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  replace(
    element,
    entries.length ? h('ul', { class: 'alerts session-findings' }, entries.map(item)) : emptyState(t('sessions.findings.none')),
    findings.total > findings.items.length
      ? h('p', { class: 'muted' }, t('sessions.findings.more', { total: findings.total }), ' ', h('a', { href: hrefOf('/data-quality') }, t('nav.dataQuality')))
      : null,
  );
}
