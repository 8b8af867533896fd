// The standard reports (monthly ledger 月度台账, quarterly and annual report) as CSV or XLSX files in the
// UI's language. Each download is an export job (POST /reports/exports) that the server builds in the
// background: the list below the form shows the job's state and the ledger lines built, then the bytes
// received, then the file name, each on a labelled <progress>.
import { api, download } from '../lib/api.js';
import { h, uniqueId } from '../lib/dom.js';
import { formatNumber, language, t } from '../lib/i18n.js';
import { errorBox } from './page.js';
import { formatPeriod, recentPeriods } from './report_periods.js';

export const STANDARD_REPORTS = [
  { report: 'monthly-ledger', kind: 'month', count: 24 },
  { report: 'quarterly', kind: 'quarter', count: 12 },
  { report: 'annual', kind: 'year', count: 6 },
];
const FORMATS = ['csv', 'xlsx'];
const POLL_MS = [300, 500, 800, 1200, 2000];

const apiLanguage = () => (language() === 'zh-CN' ? 'zh' : 'en');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function formatBytes(bytes) {
  if (bytes < 1024) return t('reports.bytes', { value: formatNumber(bytes, 0) });
  if (bytes < 1024 * 1024) return t('reports.kilobytes', { value: formatNumber(bytes / 1024, 1) });
  return t('reports.megabytes', { value: formatNumber(bytes / 1024 / 1024, 1) });
}

// One export's line in the list: a title, a labelled <progress> and room for an error.
function exportItem(title) {
  const id = uniqueId('export');
  const label = h('label', { for: id, class: 'export-state' }, t('reports.export.starting'));
  const progress = h('progress', { id, class: 'progress' });
  const problem = h('div');
  const element = h('li', { class: 'export-job' }, h('span', { class: 'export-title' }, title), label, progress, problem);
  return {
    element,
    // value/max null: an indeterminate bar (the size is not known yet).
    show(text, value = null, max = null, state = 'running') {
      label.textContent = text;
      element.dataset.state = state;
      if (value === null || !max) progress.removeAttribute('value');
      else {
        progress.max = max;
        progress.value = value;
      }
    },
    fail(error) {
      element.dataset.state = 'failed';
      label.textContent = t('reports.export.failed');
      progress.max = 1;
      progress.value = 0;
      problem.replaceChildren(errorBox(error));
    },
  };
}

// Runs one export to the end: creates the job, follows it while the server builds the file, downloads it.
async function runExport(request, item, ctx) {
  let job = await api.post('/reports/exports', request);
  for (let attempt = 0; job.status === 'running'; attempt++) {
    const { done, total } = job.progress ?? {};
    item.show(total ? t('reports.export.building', { done: formatNumber(done, 0), total: formatNumber(total, 0) }) : t('reports.export.queued'), total ? done : null, total || null);
    await sleep(POLL_MS[Math.min(attempt, POLL_MS.length - 1)]);
    if (!ctx.isCurrent()) return;
    job = await api.get(`/reports/exports/${encodeURIComponent(job.id)}`);
  }
  if (job.status !== 'done') throw Object.assign(new Error(job.error ?? job.status), { status: 500 });
  item.show(t('reports.export.downloading', { received: formatBytes(0) }), null, null, 'downloading');
  const path = job.fileUrl.replace(/^\/api\/v1/, '');
  const file = await download(path, {}, (received, total) => {
    item.show(t('reports.export.downloading', { received: formatBytes(received) }), total ? received : null, total, 'downloading');
  });
  item.show(t('reports.export.done', { name: file.name, size: formatBytes(file.size) }), 1, 1, 'done');
}

// The form and the list of exports. `institutions`: those in scope; `initial`: {institutionId, periods:
// {month, quarter, year}} to preselect (the explorer's range).
export function standardReportsPanel(ctx, { institutions, initial = {} }) {
  const jobs = h('ul', { class: 'export-jobs', 'aria-live': 'polite' });
  if (!institutions.length) return h('p', { class: 'empty' }, t('reports.noInstitution'));

  const institutionSelect = h(
    'select',
    { id: uniqueId('export-institution'), name: 'institutionId' },
    institutions.map((institution) =>
      h('option', { value: institution.id, selected: String(institution.id) === String(initial.institutionId ?? '') }, institution.name),
    ),
  );
  const periodSelect = h('select', { id: uniqueId('export-period'), name: 'period' });
  const reportSelect = h(
    'select',
    { id: uniqueId('export-report'), name: 'report', onchange: fillPeriods },
    STANDARD_REPORTS.map(({ report }) => h('option', { value: report }, t(`reports.standard.${report}`))),
  );

  function fillPeriods() {
    const { kind, count } = STANDARD_REPORTS.find(({ report }) => report === reportSelect.value);
    const labels = recentPeriods(kind, count);
    const preferred = initial.periods?.[kind];
    // The explorer's period when it is one; else the last complete one (what is reported), not the current.
    const selected = labels.includes(preferred) ? preferred : labels[1] ?? labels[0];
    periodSelect.replaceChildren(...labels.map((label) => h('option', { value: label, selected: label === selected }, formatPeriod(label))));
  }
  fillPeriods();

  const labelled = (control, text) => h('div', { class: 'field' }, h('label', { for: control.id }, text), control);

  async function start(format) {
    const request = {
      report: reportSelect.value,
      institutionId: Number(institutionSelect.value),
      period: periodSelect.value,
      format,
      lang: apiLanguage(),
    };
    const institution = institutionSelect.selectedOptions[0]?.textContent ?? '';
    const item = exportItem(
      t('reports.export.title', {
        report: t(`reports.standard.${request.report}`),
        institution,
        period: formatPeriod(request.period),
        format: t(`reports.format.${format}`),
      }),
    );
    jobs.prepend(item.element);
    try {
      await runExport(request, item, ctx);
    } catch (error) {
      item.fail(error);
    }
  }

  return h(
    'div',
    { class: 'standard-reports' },
    h('p', { class: 'muted' }, t('reports.standard.help')),
    h(
      'div',
      { class: 'toolbar' },
      labelled(institutionSelect, t('reports.institution')),
      labelled(reportSelect, t('reports.standard.report')),
      labelled(periodSelect, t('reports.standard.period')),
      FORMATS.map((format) =>
        h('button', { type: 'button', class: format === 'csv' ? 'primary' : null, onclick: () => start(format) }, t(`reports.download.${format}`)),
      ),
    ),
    jobs,
  );
}
