// A charger's firmware updates and diagnostics uploads, newest first, with the status the charger last
// reported for each; an uploaded diagnostics file can be downloaded. Refreshed by firmware.status and
// diagnostics.status events.
import { api, download } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { formatDateTime, formatNumber, t, tOr } from '../lib/i18n.js';
import { dataTable } from './table.js';
import { errorBox, loading } from './page.js';
import { notify } from './toast.js';
import { chargerApiPath } from './charger_address.js';
import { requesterText } from './charger_command_log.js';

const BAD = new Set(['failed', 'DownloadFailed', 'InstallationFailed', 'UploadFailed', 'no_file']);
const DONE = new Set(['Installed', 'Uploaded']);

export function maintenanceStatusBadge(status) {
  if (!status) return h('span', { class: 'badge muted' }, '–');
  const kind = BAD.has(status) ? 'bad' : DONE.has(status) ? 'ok' : 'busy';
  return h('span', { class: `badge ${kind}` }, tOr(`chargers.maintenanceStatus.${status}`, status));
}

async function downloadFile(request) {
  try {
    const saved = await download(request.file.download.replace(/^\/api\/v1/, ''));
    notify(t('common.downloaded', { name: saved.name }), 'success');
  } catch (error) {
    notify(error.message ?? t('common.error.failed'), 'error');
  }
}

export function maintenanceTab(panel, { chargerId }) {
  const firmware = h('div', {}, loading());
  const diagnostics = h('div', {}, loading());
  replace(panel, h('h3', {}, t('chargers.maintenance.firmware')), firmware, h('h3', {}, t('chargers.maintenance.diagnostics')), diagnostics);

  async function loadFirmware() {
    try {
      const updates = await api.get(chargerApiPath(chargerId, '/firmware-updates'), { limit: 50 });
      replace(firmware,
        dataTable({
          caption: t('chargers.maintenance.firmware'),
          empty: t('chargers.maintenance.noFirmware'),
          rows: updates.items,
          columns: [
            { label: t('chargers.maintenance.requestedAt'), cell: (u) => formatDateTime(u.requestedAt) },
            { label: t('chargers.firmware.location'), cell: (u) => h('span', { class: 'charger-location' }, u.location) },
            { label: t('chargers.firmware.retrieveDate'), cell: (u) => formatDateTime(u.retrieveDate) },
            { label: t('chargers.maintenance.status'), cell: (u) => maintenanceStatusBadge(u.status) },
            { label: t('chargers.maintenance.statusAt'), cell: (u) => formatDateTime(u.statusAt) },
            { label: t('chargers.commands.requestedBy'), cell: (u) => requesterText(u.requestedBy) },
          ],
        }),
      );
    } catch (error) {
      replace(firmware, errorBox(error));
    }
  }

  async function loadDiagnostics() {
    try {
      const requests = await api.get(chargerApiPath(chargerId, '/diagnostics'), { limit: 50 });
      replace(diagnostics,
        dataTable({
          caption: t('chargers.maintenance.diagnostics'),
          empty: t('chargers.maintenance.noDiagnostics'),
          rows: requests.items,
          columns: [
            { label: t('chargers.maintenance.requestedAt'), cell: (r) => formatDateTime(r.requestedAt) },
            { label: t('chargers.maintenance.period'), cell: (r) => (r.startTime || r.stopTime ? `${formatDateTime(r.startTime)} – ${formatDateTime(r.stopTime)}` : t('chargers.maintenance.allTime')) },
            { label: t('chargers.maintenance.status'), cell: (r) => maintenanceStatusBadge(r.status) },
            { label: t('chargers.maintenance.file'), cell: (r) => r.fileName ?? '–' },
            {
              label: t('common.download'),
              cell: (r) =>
                r.file
                  ? h('button', { type: 'button', class: 'link', onclick: () => downloadFile(r) }, t('chargers.maintenance.download', { size: formatNumber((r.file.bytes ?? 0) / 1024, 1) }))
                  : '–',
            },
          ],
        }),
      );
    } catch (error) {
      replace(diagnostics, errorBox(error));
    }
  }

  loadFirmware();
  loadDiagnostics();
  return {
    reload() {
      loadFirmware();
      loadDiagnostics();
    },
    onEvent(type) {
      if (type === 'firmware.status') loadFirmware();
      if (type === 'diagnostics.status') loadDiagnostics();
    },
  };
}
