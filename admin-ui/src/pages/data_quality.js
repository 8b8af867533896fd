// Data quality: the findings of the plausibility checks that an energy-statistics review (会审) would
// make (zero-energy sessions, clock skew, overlapping sessions, ...), filtered and paged, each with its
// evidence and links to the session and charger; the quality score of each institution for a period; and
// running the checks now. The filters live in the address, so the reports page can link to the findings
// behind one of its rows.
import { api } from '../lib/api.js';
import { h, uniqueId } from '../lib/dom.js';
import { formatDateTime, formatNumber, t } from '../lib/i18n.js';
import { hrefOf } from '../lib/router.js';
import { isAdmin } from '../lib/session.js';
import { emptyState, errorBox, loadInto, pageHeader, section } from '../components/page.js';
import { dataTable, pagedTable } from '../components/table.js';
import { addDays, formatPeriod, isDate, recentPeriods } from '../components/report_periods.js';
import { evidenceList, FINDING_KINDS, findingKind, scoreBadge, sessionLink, SEVERITIES, severityBadge } from '../components/report_quality.js';

const FILTERS = ['kind', 'severity', 'institution', 'charger', 'vehicle', 'from', 'until', 'scorePeriod'];
const PAGE_SIZE = 25;
// The score table asks the API once per institution, for at most this many.
const PER_INSTITUTION_LIMIT = 20;

// The control that changed a filter gets the focus back after the page has been drawn again.
let focusAfterRender = null;

function filtersOf(query) {
  const filters = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? '']));
  if (!isDate(filters.from)) filters.from = '';
  if (!isDate(filters.until)) filters.until = '';
  if (!/^\d+$/.test(filters.institution)) filters.institution = '';
  if (!/^\d+$/.test(filters.vehicle)) filters.vehicle = '';
  return filters;
}

// Months (this one and the last 11), quarters and years the score and the checks can be about.
function scorePeriods() {
  return [
    ['month', recentPeriods('month', 12)],
    ['quarter', recentPeriods('quarter', 4)],
    ['year', recentPeriods('year', 3)],
  ];
}

function labelled(control, text) {
  return h('div', { class: 'field' }, h('label', { for: control.id }, text), control);
}

function findingFilters(ctx, filters, { institutions, chargers, vehicle }) {
  const change = (name, value) => {
    focusAfterRender = name;
    ctx.setQuery({ ...filters, [name]: value });
  };
  const select = (name, label, options) =>
    labelled(
      h(
        'select',
        { id: uniqueId(name), name, onchange: (event) => change(name, event.target.value) },
        [{ value: '', label: t('common.all') }, ...options].map((option) =>
          h('option', { value: option.value, selected: String(option.value) === String(filters[name]) }, option.label),
        ),
      ),
      label,
    );
  const date = (name, label) =>
    labelled(h('input', { id: uniqueId(name), name, type: 'date', value: filters[name], onchange: (event) => change(name, event.target.value) }), label);
  const active = FILTERS.some((name) => name !== 'scorePeriod' && filters[name]);
  return h(
    'form',
    { class: 'toolbar quality-filters', role: 'search', 'aria-label': t('quality.filters'), onsubmit: (event) => event.preventDefault() },
    select('kind', t('quality.kind'), FINDING_KINDS.map((kind) => ({ value: kind, label: findingKind(kind) }))),
    select('severity', t('quality.severity'), SEVERITIES.map((severity) => ({ value: severity, label: t(`severity.${severity}`) }))),
    select('institution', t('quality.institution'), institutions.map((institution) => ({ value: institution.id, label: institution.name }))),
    select('charger', t('quality.charger'), chargers.map((charger) => ({ value: charger.id, label: charger.description ? `${charger.id} · ${charger.description}` : charger.id }))),
    date('from', t('quality.from')),
    date('until', t('quality.until')),
    vehicle
      ? h('p', { class: 'quality-vehicle' }, t('quality.onlyVehicle', { vehicle: vehicle.plateNumber ?? `#${filters.vehicle}` }), ' ',
          h('button', { type: 'button', class: 'link', onclick: () => change('vehicle', '') }, t('quality.showAllVehicles')))
      : null,
    active
      ? h('button', { type: 'button', onclick: () => ctx.setQuery({ scorePeriod: filters.scorePeriod }) }, t('quality.clearFilters'))
      : null,
  );
}

function findingColumns(institutionNames, plates) {
  const columns = [
    {
      label: t('quality.column.when'),
      cell: (finding) => [
        h('span', {}, formatPeriod(finding.localDate ?? finding.period)),
        h('small', { class: 'muted finding-detected' }, t('quality.detected', { time: formatDateTime(finding.detectedAt) })),
      ],
    },
    {
      label: t('quality.column.finding'),
      cell: (finding) => [
        severityBadge(finding.severity),
        ' ',
        h('strong', { class: 'finding-kind' }, findingKind(finding.kind)),
        // The server writes its messages in English.
        h('p', { class: 'finding-message', lang: 'en' }, finding.message),
      ],
    },
    { label: t('quality.column.evidence'), cell: (finding) => evidenceList(finding.evidence) },
    {
      label: t('quality.column.concerns'),
      cell: (finding) =>
        h(
          'ul',
          { class: 'finding-links' },
          finding.transactionId ? h('li', {}, sessionLink(finding.transactionId)) : null,
          finding.chargerId
            ? h('li', {}, h('a', { href: hrefOf(`/chargers/${encodeURIComponent(finding.chargerId)}`) },
                finding.connectorId ? t('quality.chargerConnector', { charger: finding.chargerId, connector: finding.connectorId }) : finding.chargerId))
            : null,
          finding.vehicleId
            ? h('li', {}, h('a', { href: hrefOf(`/fleet/vehicles/${finding.vehicleId}`) }, plates.get(finding.vehicleId) ?? t('quality.vehicleNumber', { id: finding.vehicleId })))
            : null,
          finding.institutionId && institutionNames.size > 1 ? h('li', { class: 'muted' }, institutionNames.get(finding.institutionId) ?? `#${finding.institutionId}`) : null,
        ),
    },
  ];
  return columns;
}

// Scores of the institutions for a period, one row each.
async function scoreTable(institutions, period, filters) {
  const scores = await Promise.all(
    institutions.map((institution) =>
      api
        .get('/data-quality/score', { institutionId: institution.id, period })
        .then((score) => ({ institution, score }))
        .catch((error) => ({ institution, error })),
    ),
  );
  return dataTable({
    caption: t('quality.score.caption', { period: formatPeriod(period) }),
    columns: [
      { label: t('quality.institution'), cell: (row) => [row.institution.name, row.error ? errorBox(row.error) : null] },
      { label: t('quality.score.title'), cell: (row) => (row.error ? null : scoreBadge(row.score.score)) },
      { label: t('quality.score.sessions'), numeric: true, cell: (row) => (row.error ? null : formatNumber(row.score.sessions, 0)) },
      { label: t('quality.score.flagged'), numeric: true, cell: (row) => (row.error ? null : formatNumber(row.score.flaggedSessions, 0)) },
      { label: t('quality.score.periodFindings'), numeric: true, cell: (row) => (row.error ? null : formatNumber(row.score.periodFindings, 0)) },
      {
        label: t('common.details'),
        cell: (row) =>
          row.error
            ? null
            : h('a', { href: hrefOf('/data-quality', { ...filters, institution: row.institution.id, from: row.score.from, until: addDays(row.score.to, -1) }) }, t('quality.score.showFindings')),
      },
    ],
    rows: scores,
    empty: t('quality.noInstitution'),
  });
}

export async function render(view, ctx) {
  const filters = filtersOf(ctx.query);
  const [institutionList, chargerList, vehicleList] = await Promise.all([
    api.get('/institutions', { limit: 1000 }),
    api.get('/chargers', { limit: 1000 }),
    api.get('/vehicles', { limit: 1000 }),
  ]);
  if (!ctx.isCurrent()) return;
  const institutions = institutionList.items;
  const institutionNames = new Map(institutions.map((institution) => [institution.id, institution.name]));
  const plates = new Map(vehicleList.items.map((vehicle) => [vehicle.id, vehicle.plateNumber]));
  const vehicle = filters.vehicle ? { plateNumber: plates.get(Number(filters.vehicle)) } : null;
  const scoreInstitutions = filters.institution ? institutions.filter((institution) => String(institution.id) === filters.institution) : institutions;

  // The score and the checks are about one period; the last complete month unless the address names one.
  const periodGroups = scorePeriods();
  const allPeriods = periodGroups.flatMap(([, labels]) => labels);
  const scorePeriod = allPeriods.includes(filters.scorePeriod) ? filters.scorePeriod : periodGroups[0][1][1];
  const periodSelect = h(
    'select',
    {
      id: uniqueId('score-period'),
      name: 'scorePeriod',
      onchange: (event) => {
        focusAfterRender = 'scorePeriod';
        ctx.setQuery({ ...filters, scorePeriod: event.target.value });
      },
    },
    periodGroups.map(([kind, labels]) =>
      h('optgroup', { label: t(`reports.period.${kind}`) }, labels.map((label) => h('option', { value: label, selected: label === scorePeriod }, formatPeriod(label)))),
    ),
  );
  const scores = h('div');
  const runResult = h('div', { role: 'status', class: 'run-result' });
  const runButton = h('button', { type: 'button', class: 'primary', onclick: runChecks }, t('quality.run.button'));

  const findings = pagedTable({
    columns: findingColumns(institutionNames, plates),
    pageSize: PAGE_SIZE,
    empty: t('quality.noFindings'),
    load: (limit, offset) =>
      api.get('/data-quality/findings', {
        kind: filters.kind,
        severity: filters.severity,
        institutionId: filters.institution,
        chargerId: filters.charger,
        vehicleId: filters.vehicle,
        from: filters.from,
        to: filters.until ? addDays(filters.until, 1) : '',
        limit,
        offset,
      }),
  });

  // One request per institution: an admin over many institutions picks one first.
  const showScores = () => {
    if (!scoreInstitutions.length) scores.replaceChildren(emptyState(t('quality.noInstitution')));
    else if (scoreInstitutions.length > PER_INSTITUTION_LIMIT) scores.replaceChildren(emptyState(t('quality.chooseInstitution')));
    else loadInto(scores, () => scoreTable(scoreInstitutions, scorePeriod, filters), (table) => scores.append(table));
  };

  // Runs the checks of the period: for every institution shown (an admin looking at all of them runs the
  // checks of every institution in one request).
  async function runChecks() {
    runButton.disabled = true;
    runResult.replaceChildren(h('p', { class: 'loading' }, t('quality.run.running')));
    try {
      const bodies = isAdmin() && !filters.institution ? [{ period: scorePeriod }] : scoreInstitutions.map((institution) => ({ period: scorePeriod, institutionId: institution.id }));
      if (!bodies.length) throw Object.assign(new Error(t('quality.noInstitution')), { status: 422 });
      const results = [];
      for (const body of bodies) results.push(await api.post('/data-quality/runs', body));
      const sum = (key) => results.reduce((total, result) => total + (result[key] ?? 0), 0);
      const text = t('quality.run.done', {
        period: formatPeriod(scorePeriod),
        accounted: formatNumber(sum('accounted'), 0),
        findings: formatNumber(sum('findings'), 0),
        newFindings: formatNumber(sum('newFindings'), 0),
      });
      runResult.replaceChildren(h('p', { class: 'notice' }, text));
      findings.reload();
      showScores();
    } catch (error) {
      runResult.replaceChildren(errorBox(error));
    } finally {
      runButton.disabled = false;
    }
  }

  view.append(
    pageHeader(t('quality.title')),
    section(
      t('quality.score.heading'),
      h('p', { class: 'muted' }, t('quality.score.help')),
      h('div', { class: 'toolbar' }, labelled(periodSelect, t('quality.period')), runButton),
      runResult,
      scores,
    ),
    section(t('quality.findings'), findingFilters(ctx, filters, { institutions, chargers: chargerList.items, vehicle }), findings.element),
  );
  if (focusAfterRender) {
    view.querySelector(`[name="${focusAfterRender}"]`)?.focus();
    focusAfterRender = null;
  }
  showScores();

  // A finished session is checked when it is stored: its findings appear without reloading the page.
  ctx.subscribe(['transaction.stopped'], () => findings.reload());
  ctx.onReconnect(() => {
    findings.reload();
    showScores();
  });
}
