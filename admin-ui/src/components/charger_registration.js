// Registering chargers and deciding about those waiting for approval (admins), and changing a charger's
// description and site (admins and fleet admins). Approving a connected Pending charger makes ParkGrid ask it
// to boot again (TriggerMessage BootNotification), after which it works normally.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { confirmAction, formDialog } from './dialog.js';
import { field } from './form.js';
import { notify } from './toast.js';
import { chargerApiPath } from './charger_address.js';
import { chargerErrorText } from './charger_commands.js';

function siteOptions(sites, { none }) {
  return [{ value: '', label: none }, ...sites.map((site) => ({ value: site.id, label: site.name }))];
}

// Asks, then sets the registration status; resolves with the changed charger or null.
export async function decideRegistration(charger, registrationStatus) {
  const approve = registrationStatus === 'Accepted';
  const confirmed = await confirmAction({
    title: t(approve ? 'chargers.approve.title' : 'chargers.reject.title', { id: charger.id }),
    message: t(approve ? 'chargers.approve.message' : 'chargers.reject.message', { id: charger.id }),
    confirmLabel: t(approve ? 'chargers.approve.confirm' : 'chargers.reject.confirm'),
    danger: !approve,
  });
  if (!confirmed) return null;
  try {
    const changed = await api.patch(chargerApiPath(charger.id), { registrationStatus });
    notify(t(approve ? 'chargers.approve.done' : 'chargers.reject.done', { id: charger.id }), 'success');
    return changed;
  } catch (error) {
    notify(chargerErrorText(error), 'error');
    return null;
  }
}

// Approve and reject buttons for a charger waiting for approval; `changed(charger)` after a decision.
export function registrationButtons(charger, changed) {
  if (charger.registrationStatus !== 'Pending') return null;
  const decide = async (status) => {
    const result = await decideRegistration(charger, status);
    if (result) await changed(result);
  };
  return h(
    'span',
    { class: 'charger-registration-actions' },
    h('button', { type: 'button', class: 'primary', onclick: () => decide('Accepted'), 'aria-label': t('chargers.approve.label', { id: charger.id }) }, t('chargers.approve.button')),
    h('button', { type: 'button', onclick: () => decide('Rejected'), 'aria-label': t('chargers.reject.label', { id: charger.id }) }, t('chargers.reject.button')),
  );
}

// Admins register a charger before it first connects (its OCPP identity, what it is, where it stands).
export function registerChargerDialog(sites, done) {
  formDialog({
    title: t('chargers.register.title'),
    submitLabel: t('chargers.register.submit'),
    fields: [
      field({ label: t('chargers.field.id'), name: 'id', required: true, maxlength: 48, autocomplete: 'off', help: t('chargers.register.idHelp') }),
      field({ label: t('chargers.field.description'), name: 'description', maxlength: 500 }),
      field({ label: t('chargers.field.site'), name: 'siteId', type: 'select', options: siteOptions(sites, { none: t('chargers.site.none') }), 'data-type': 'number' }),
    ],
    submit: (values) => {
      if (!values.id) throw { field: 'id', message: t('chargers.register.idRequired') };
      const body = { id: values.id };
      if (values.description) body.description = values.description;
      if (values.siteId) body.siteId = values.siteId;
      return api.post('/chargers', body);
    },
    done: async (charger) => {
      notify(t('chargers.register.done', { id: charger.id }), 'success');
      await done(charger);
    },
  });
}

// Description and site of a charger. Fleet admins may only choose their own sites (the list is theirs).
export function editChargerDialog(charger, sites, done) {
  formDialog({
    title: t('chargers.edit.title', { id: charger.id }),
    fields: [
      field({ label: t('chargers.field.description'), name: 'description', value: charger.description ?? '', maxlength: 500 }),
      field({
        label: t('chargers.field.site'),
        name: 'siteId',
        type: 'select',
        value: charger.siteId ?? '',
        options: siteOptions(sites, { none: t('chargers.site.none') }),
        'data-type': 'number',
        help: t('chargers.edit.siteHelp'),
      }),
    ],
    submit: (values) => {
      const body = { description: values.description };
      if ((values.siteId ?? null) !== (charger.siteId ?? null)) body.siteId = values.siteId;
      return api.patch(chargerApiPath(charger.id), body);
    },
    done: async (changed) => {
      notify(t('common.saved'), 'success');
      await done(changed);
    },
  });
}
