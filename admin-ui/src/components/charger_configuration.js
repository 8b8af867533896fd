// A charger's configuration keys as ParkGrid last read them, the desired value that applies to each (from the
// site, the model or all chargers) and whether the charger follows it. Operators change a key either on this
// charger only (ChangeConfiguration now) or as the desired value of its site, model or all chargers, which
// ParkGrid keeps in force at every boot and synchronisation; "Synchronise now" reads the keys again and sends
// what differs.
import { api } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { formatDateTime, t } from '../lib/i18n.js';
import { isAdmin, mayOperate } from '../lib/session.js';
import { dataTable } from './table.js';
import { field } from './form.js';
import { emptyState, errorBox, loading } from './page.js';
import { notify } from './toast.js';
import { chargerApiPath } from './charger_address.js';
import { askForm } from './charger_dialogs.js';
import { answerBadgeText, sendCommand, sendRequest } from './charger_commands.js';

const SPECIFICITY = { site: 3, model: 2, all: 1 };

// The desired entries that apply to this charger, most specific per key.
function applyingEntries(entries, charger) {
  const boot = charger.bootInfo ?? {};
  const applies = (entry) =>
    entry.scope === 'all' ||
    (entry.scope === 'site' && entry.siteId === charger.siteId) ||
    (entry.scope === 'model' && entry.chargePointVendor === boot.chargePointVendor && entry.chargePointModel === boot.chargePointModel);
  const byKey = new Map();
  for (const entry of entries.filter(applies)) {
    const known = byKey.get(entry.key);
    if (!known || SPECIFICITY[entry.scope] > SPECIFICITY[known.scope]) byKey.set(entry.key, entry);
  }
  return byKey;
}

function syncText(result) {
  return t('chargers.configuration.synchronised', { sent: result.changesSent ?? 0, accepted: result.changesAccepted ?? 0 });
}

export function configurationTab(panel, { chargerId, charger, line }) {
  const operate = mayOperate();
  let filterText = '';
  let configuration = null;
  let applying = new Map();
  let entries = [];
  const head = h('div', { class: 'charger-config-head' });
  const body = h('div', {}, loading());
  const search = field({
    label: t('chargers.configuration.search'),
    name: 'key',
    type: 'search',
    oninput: (event) => {
      filterText = event.target.value.trim().toLowerCase();
      drawKeys();
    },
  });
  replace(panel, head, h('div', { class: 'toolbar' }, search), body);

  async function load() {
    try {
      const [loaded, desired] = await Promise.all([
        api.get(chargerApiPath(chargerId, '/configuration')),
        api.get('/desired-configuration').catch(() => ({ items: [] })),
      ]);
      configuration = loaded;
      entries = desired.items;
      applying = applyingEntries(entries, charger());
      draw();
    } catch (error) {
      replace(body, errorBox(error));
    }
  }

  function draw() {
    replace(head,
      h('p', { class: 'muted' }, configuration.fetchedAt ? t('chargers.configuration.fetchedAt', { time: formatDateTime(configuration.fetchedAt) }) : t('chargers.configuration.neverFetched')),
      configuration.rebootRequired ? h('p', { class: 'notice' }, t('chargers.configuration.rebootRequired')) : null,
      operate ? h('button', { type: 'button', onclick: synchronise }, t('chargers.configuration.sync')) : null,
    );
    drawKeys();
  }

  function desiredCell(key) {
    if (key.desiredValue === null || key.desiredValue === undefined) return h('span', { class: 'muted' }, '–');
    const entry = applying.get(key.key);
    return h('span', {}, key.desiredValue, entry ? h('small', { class: 'muted' }, ` (${t(`chargers.configuration.scope.${entry.scope}`)})`) : null);
  }

  function drawKeys() {
    if (!configuration) return; // typed into the search before the configuration has loaded
    const keys = configuration.keys.filter((key) => !filterText || key.key.toLowerCase().includes(filterText));
    if (!configuration.keys.length) {
      replace(body, emptyState(t('chargers.configuration.empty')));
      return;
    }
    replace(body,
      dataTable({
        caption: t('chargers.configuration.caption'),
        empty: t('chargers.configuration.noMatch'),
        rows: keys,
        columns: [
          { label: t('chargers.configuration.key'), cell: (key) => h('code', {}, key.key) },
          { label: t('chargers.configuration.value'), cell: (key) => (key.value === null ? h('span', { class: 'muted' }, t('chargers.configuration.notReported')) : h('span', { class: 'charger-config-value' }, key.value)) },
          { label: t('chargers.configuration.desired'), cell: desiredCell },
          {
            label: t('chargers.configuration.state'),
            cell: (key) =>
              key.readonly
                ? h('span', { class: 'badge muted' }, t('chargers.configuration.readonly'))
                : h('span', { class: `badge ${key.inSync ? 'ok' : 'warn'}` }, t(key.inSync ? 'chargers.configuration.inSync' : 'chargers.configuration.outOfSync')),
          },
          {
            label: t('chargers.configuration.lastChange'),
            cell: (key) =>
              key.lastChange
                ? h(
                    'span',
                    {},
                    `${key.lastChange.value ?? ''} `,
                    h('span', { class: `badge ${key.lastChange.status === 'Accepted' ? 'ok' : key.lastChange.status === 'RebootRequired' ? 'warn' : 'bad'}` }, answerBadgeText(key.lastChange.status)),
                    h('small', { class: 'muted' }, ` ${formatDateTime(key.lastChange.at)}`),
                  )
                : '–',
          },
          operate
            ? {
                label: t('common.actions'),
                cell: (key) =>
                  key.readonly || key.key === 'AuthorizationKey'
                    ? null
                    : h('button', { type: 'button', class: 'link', onclick: () => change(key), 'aria-label': t('chargers.configuration.changeKey', { key: key.key }) }, t('chargers.configuration.change')),
              }
            : null,
        ].filter(Boolean),
      }),
    );
  }

  async function synchronise() {
    const result = await sendRequest({
      label: t('chargers.configuration.syncAction'),
      line,
      request: () => api.post(chargerApiPath(chargerId, '/configuration/sync')),
      describe: (answer) => ['ok', syncText(answer)],
    });
    if (result) {
      configuration = result;
      draw();
    }
  }

  // Where a new value may go: this charger now, or the desired value of its site, its model or all chargers.
  function targets() {
    const current = charger();
    const boot = current.bootInfo ?? {};
    const options = [{ value: 'charger', label: t('chargers.configuration.target.charger') }];
    if (current.siteId) options.push({ value: 'site', label: t('chargers.configuration.target.site') });
    if (isAdmin() && boot.chargePointVendor && boot.chargePointModel) {
      options.push({ value: 'model', label: t('chargers.configuration.target.model', { vendor: boot.chargePointVendor, model: boot.chargePointModel }) });
    }
    if (isAdmin()) options.push({ value: 'all', label: t('chargers.configuration.target.all') });
    return options;
  }

  async function change(key) {
    const current = charger();
    const entry = applying.get(key.key);
    const values = await askForm({
      title: t('chargers.configuration.changeTitle', { key: key.key }),
      message: entry ? t('chargers.configuration.desiredApplies', { value: entry.value, scope: t(`chargers.configuration.scope.${entry.scope}`) }) : null,
      submitLabel: t('chargers.configuration.apply'),
      fields: [
        field({ label: t('chargers.configuration.newValue'), name: 'value', value: key.desiredValue ?? key.value ?? '', maxlength: 500, required: true }),
        field({ label: t('chargers.configuration.targetLabel'), name: 'target', type: 'select', value: entry ? entry.scope : 'charger', options: targets(), help: t('chargers.configuration.targetHelp') }),
      ],
      check: (form) => (form.value === null ? { field: 'value', message: t('chargers.configuration.valueRequired') } : null),
    });
    if (!values) return;
    if (values.target === 'charger') {
      const answer = await sendCommand(current.id, 'ChangeConfiguration', { key: key.key, value: values.value }, { label: t('chargers.action.configure', { key: key.key }), line });
      // The command API keeps no record of the new value: read the keys again so the table shows it.
      if (answer && !entry) await refreshFromCharger();
      return;
    }
    try {
      await saveDesired(key.key, values.value, values.target, current);
    } catch (error) {
      notify(`${t('chargers.configuration.desiredFailed')} ${error.message ?? ''}`, 'error');
      return;
    }
    notify(t('chargers.configuration.desiredSaved', { key: key.key }), 'success');
    if (current.online) await synchronise();
    else await load();
  }

  async function saveDesired(key, value, scope, current) {
    const boot = current.bootInfo ?? {};
    const same = entries.find(
      (entry) =>
        entry.key === key &&
        entry.scope === scope &&
        (scope !== 'site' || entry.siteId === current.siteId) &&
        (scope !== 'model' || (entry.chargePointVendor === boot.chargePointVendor && entry.chargePointModel === boot.chargePointModel)),
    );
    if (same) return api.patch(`/desired-configuration/${same.id}`, { value });
    const body = { key, value };
    if (scope === 'site') body.siteId = current.siteId;
    if (scope === 'model') Object.assign(body, { chargePointVendor: boot.chargePointVendor, chargePointModel: boot.chargePointModel });
    return api.post('/desired-configuration', body);
  }

  async function refreshFromCharger() {
    try {
      configuration = await api.post(chargerApiPath(chargerId, '/configuration/sync'));
      draw();
    } catch {
      await load();
    }
  }

  load();
  return {
    onEvent(type) {
      if (type === 'configuration.synchronised') load();
    },
  };
}

