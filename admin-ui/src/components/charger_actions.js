// What operators can make a charger do from its page: start and stop charging remotely, reset it, unlock a
// connector, take a connector or the whole charger out of service and back, ask it to send a message,
// update its firmware and upload its diagnostics. Each asks first (and says what will happen when it is
// disruptive), then shows the charger's answer in the page's result line and a toast.
import { api } from '../lib/api.js';
import { h, uniqueId } from '../lib/dom.js';
import { t, tOr } from '../lib/i18n.js';
import { confirmAction } from './dialog.js';
import { field } from './form.js';
import { chargerApiPath } from './charger_address.js';
import { askForm } from './charger_dialogs.js';
import { realConnectors } from './charger_connectors.js';
import { remoteStart, sendCommand, sendRequest } from './charger_commands.js';

const TRIGGERS = ['BootNotification', 'StatusNotification', 'Heartbeat', 'MeterValues', 'FirmwareStatusNotification', 'DiagnosticsStatusNotification'];
const STARTABLE = new Set(['Available', 'Preparing', 'Reserved', 'Finishing', 'SuspendedEV', 'SuspendedEVSE']);

function connectorLabel(connector) {
  return t('chargers.connectors.option', { n: connector.connectorId, status: tOr(`status.${connector.status}`, connector.status) });
}

// A choice of the charger's connectors; `whole` adds the charger as a whole (connector 0) and `any` lets
// the charger choose.
function connectorField(charger, { name = 'connectorId', label, value, whole = false, any = false }) {
  const connectors = realConnectors(charger);
  if (!connectors.length) {
    return field({ label, name, type: 'number', min: whole ? 0 : 1, max: 1000, step: 1, value: value ?? (whole ? 0 : 1), required: true });
  }
  const options = [
    ...(any ? [{ value: '', label: t('chargers.connectors.any') }] : []),
    ...(whole ? [{ value: 0, label: t('chargers.connectors.wholeOption') }] : []),
    ...connectors.map((connector) => ({ value: connector.connectorId, label: connectorLabel(connector) })),
  ];
  return field({ label, name, type: 'select', value: value ?? options[0].value, options, 'data-type': 'number' });
}

// Accepted id tags in the user's scope, named by their vehicle or driver, as suggestions for remote start.
async function idTagSuggestions() {
  try {
    const [tags, vehicles, drivers] = await Promise.all([
      api.get('/id-tags', { limit: 1000 }),
      api.get('/vehicles', { limit: 1000 }).catch(() => ({ items: [] })),
      api.get('/drivers', { limit: 1000 }).catch(() => ({ items: [] })),
    ]);
    const plates = new Map(vehicles.items.map((vehicle) => [vehicle.id, vehicle.plateNumber]));
    const names = new Map(drivers.items.map((driver) => [driver.id, driver.name]));
    return tags.items
      .filter((tag) => tag.status === 'Accepted')
      .map((tag) => ({ value: tag.idTag, label: plates.get(tag.vehicleId) ?? names.get(tag.driverId) ?? '' }));
  } catch {
    return []; // suggestions only: the tag can still be typed
  }
}

// `charger()` answers the charger as currently shown; `line` is the page's result line; `changed()` runs
// after something that changes what the page shows (the events stream updates most of it anyway).
export function chargerActions({ charger, line, changed = () => {} }) {
  const id = () => charger().id;

  async function startCharging(connectorId = null) {
    const current = charger();
    const listId = uniqueId('id-tags');
    const suggestions = h('datalist', { id: listId });
    idTagSuggestions().then((tags) => suggestions.replaceChildren(...tags.map((tag) => h('option', { value: tag.value, label: tag.label }))));
    const firstFree = realConnectors(current).find((connector) => STARTABLE.has(connector.status));
    const values = await askForm({
      title: t('chargers.remoteStart.title', { id: current.id }),
      message: t('chargers.remoteStart.message'),
      submitLabel: t('chargers.remoteStart.submit'),
      fields: [
        field({ label: t('chargers.field.idTag'), name: 'idTag', required: true, maxlength: 20, autocomplete: 'off', list: listId, help: t('chargers.remoteStart.idTagHelp') }),
        suggestions,
        connectorField(current, { label: t('chargers.field.connector'), value: connectorId ?? firstFree?.connectorId, any: true }),
      ],
      check: (form) => (form.idTag ? null : { field: 'idTag', message: t('chargers.remoteStart.idTagRequired') }),
    });
    if (!values) return;
    const body = { idTag: values.idTag };
    if (values.connectorId !== null && values.connectorId !== undefined) body.connectorId = values.connectorId;
    await remoteStart(id(), body, { line });
    changed();
  }

  async function stopCharging(connector, transaction) {
    const confirmed = await confirmAction({
      title: t('chargers.remoteStop.title', { n: connector.connectorId }),
      message: t('chargers.remoteStop.message', { transactionId: transaction.id, idTag: transaction.idTag }),
      confirmLabel: t('chargers.remoteStop.confirm'),
      danger: true,
    });
    if (!confirmed) return;
    await sendCommand(id(), 'RemoteStopTransaction', { transactionId: transaction.id }, { label: t('chargers.action.remoteStop'), line });
    changed();
  }

  async function reset() {
    const values = await askForm({
      title: t('chargers.reset.title', { id: id() }),
      message: t('chargers.reset.message'),
      submitLabel: t('chargers.reset.submit'),
      danger: true,
      fields: [
        field({
          label: t('chargers.reset.type'),
          name: 'type',
          type: 'select',
          value: 'Soft',
          options: [
            { value: 'Soft', label: t('chargers.reset.Soft') },
            { value: 'Hard', label: t('chargers.reset.Hard') },
          ],
          help: t('chargers.reset.typeHelp'),
        }),
      ],
    });
    if (!values) return;
    await sendCommand(id(), 'Reset', { type: values.type }, { label: t(`chargers.action.reset${values.type}`), line });
  }

  async function unlock(connector) {
    const confirmed = await confirmAction({
      title: t('chargers.unlock.title', { n: connector.connectorId }),
      message: t('chargers.unlock.message'),
      confirmLabel: t('chargers.unlock.confirm'),
      danger: true,
    });
    if (!confirmed) return;
    await sendCommand(id(), 'UnlockConnector', { connectorId: connector.connectorId }, { label: t('chargers.action.unlock', { n: connector.connectorId }), line });
  }

  async function availability(connector = null) {
    const current = charger();
    const makeOperative = connector?.status === 'Unavailable';
    const values = await askForm({
      title: t('chargers.availability.title', { id: current.id }),
      message: t('chargers.availability.message'),
      submitLabel: t('chargers.availability.submit'),
      fields: [
        connectorField(current, { label: t('chargers.availability.target'), value: connector?.connectorId ?? 0, whole: true }),
        field({
          label: t('chargers.availability.type'),
          name: 'type',
          type: 'select',
          value: makeOperative ? 'Operative' : 'Inoperative',
          options: [
            { value: 'Inoperative', label: t('chargers.availability.Inoperative') },
            { value: 'Operative', label: t('chargers.availability.Operative') },
          ],
        }),
      ],
    });
    if (!values) return;
    const target = values.connectorId === 0 ? t('chargers.connectors.wholeOption') : t('chargers.connectors.title', { n: values.connectorId });
    await sendCommand(id(), 'ChangeAvailability', { connectorId: values.connectorId, type: values.type }, {
      label: t('chargers.action.availability', { target, type: t(`chargers.availability.${values.type}`) }),
      line,
    });
  }

  async function trigger() {
    const current = charger();
    const values = await askForm({
      title: t('chargers.trigger.title', { id: current.id }),
      message: t('chargers.trigger.message'),
      submitLabel: t('chargers.trigger.submit'),
      fields: [
        field({ label: t('chargers.trigger.messageField'), name: 'requestedMessage', type: 'select', value: 'StatusNotification', options: TRIGGERS.map((name) => ({ value: name, label: t(`chargers.trigger.${name}`) })) }),
        connectorField(current, { label: t('chargers.field.connector'), any: true }),
      ],
    });
    if (!values) return;
    const payload = { requestedMessage: values.requestedMessage };
    if (values.connectorId) payload.connectorId = values.connectorId;
    await sendCommand(id(), 'TriggerMessage', payload, { label: t('chargers.action.trigger', { message: t(`chargers.trigger.${values.requestedMessage}`) }), line });
  }

  async function updateFirmware() {
    const values = await askForm({
      title: t('chargers.firmware.title', { id: id() }),
      message: t('chargers.firmware.message'),
      submitLabel: t('chargers.firmware.submit'),
      danger: true,
      fields: [
        field({ label: t('chargers.firmware.location'), name: 'location', type: 'url', required: true, maxlength: 2000, placeholder: 'https://', help: t('chargers.firmware.locationHelp') }),
        field({ label: t('chargers.firmware.retrieveDate'), name: 'retrieveDate', type: 'datetime-local', help: t('chargers.firmware.retrieveDateHelp') }),
        h(
          'div',
          { class: 'form-grid' },
          field({ label: t('chargers.field.retries'), name: 'retries', type: 'number', min: 0, max: 1000000, step: 1 }),
          field({ label: t('chargers.field.retryInterval'), name: 'retryInterval', type: 'number', min: 0, max: 1000000, step: 1 }),
        ),
      ],
      check: (form) => (form.location ? null : { field: 'location', message: t('chargers.firmware.locationRequired') }),
    });
    if (!values) return;
    await sendRequest({
      label: t('chargers.action.firmware'),
      line,
      request: () => api.post(chargerApiPath(id(), '/firmware-updates'), withoutEmpty(values)),
      describe: () => ['ok', t('chargers.firmware.sent')],
    });
    changed();
  }

  async function uploadDiagnostics() {
    const values = await askForm({
      title: t('chargers.diagnostics.title', { id: id() }),
      message: t('chargers.diagnostics.message'),
      submitLabel: t('chargers.diagnostics.submit'),
      fields: [
        field({ label: t('chargers.diagnostics.location'), name: 'location', type: 'url', maxlength: 2000, help: t('chargers.diagnostics.locationHelp') }),
        h(
          'div',
          { class: 'form-grid' },
          field({ label: t('chargers.diagnostics.startTime'), name: 'startTime', type: 'datetime-local' }),
          field({ label: t('chargers.diagnostics.stopTime'), name: 'stopTime', type: 'datetime-local' }),
        ),
      ],
    });
    if (!values) return;
    await sendRequest({
      label: t('chargers.action.diagnostics'),
      line,
      request: () => api.post(chargerApiPath(id(), '/diagnostics'), withoutEmpty(values)),
      describe: (request) =>
        request.status === 'no_file'
          ? ['info', t('chargers.diagnostics.noFile')]
          : ['ok', request.fileName ? t('chargers.diagnostics.sentFile', { fileName: request.fileName }) : t('chargers.diagnostics.sent')],
    });
    changed();
  }

  return { startCharging, stopCharging, reset, unlock, availability, trigger, updateFirmware, uploadDiagnostics, STARTABLE };
}

// Optional fields left empty are not sent (the API fills in its defaults).
function withoutEmpty(values) {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null && value !== ''));
}
