// A charger's security (OCPP Security Whitepaper): the security profile it must connect with, whether an
// AuthorizationKey is set, recent failed authentications, and its security events (paged, live). Admins set
// the profile and rotate the key. Not shown to energy offices, who may not read security data.
import { api } from '../lib/api.js';
import { h, replace } from '../lib/dom.js';
import { formatDateTime, formatNumber, t, tOr } from '../lib/i18n.js';
import { isAdmin } from '../lib/session.js';
import { confirmAction } from './dialog.js';
import { field } from './form.js';
import { errorBox, keyValues, loading } from './page.js';
import { pagedTable } from './table.js';
import { notify } from './toast.js';
import { chargerApiPath } from './charger_address.js';
import { askForm } from './charger_dialogs.js';
import { chargerErrorText, sendRequest } from './charger_commands.js';

export function securityTab(panel, { chargerId, charger, line }) {
  const summary = h('div', {}, loading());
  const events = pagedTable({
    pageSize: 25,
    caption: t('chargers.security.events'),
    empty: t('chargers.security.noEvents'),
    columns: [
      { label: t('chargers.security.receivedAt'), cell: (e) => formatDateTime(e.receivedAt) },
      { label: t('chargers.security.type'), cell: (e) => h('span', {}, e.critical ? h('span', { class: 'badge bad' }, t('chargers.security.critical')) : null, ' ', tOr(`chargers.securityEvent.${e.type}`, e.type)) },
      { label: t('chargers.security.source'), cell: (e) => tOr(`chargers.security.source.${e.source}`, e.source) },
      { label: t('chargers.security.techInfo'), cell: (e) => e.techInfo ?? '–' },
      { label: t('chargers.security.remoteAddress'), cell: (e) => e.remoteAddress ?? '–' },
    ],
    load: (limit, offset) => api.get(chargerApiPath(chargerId, '/security-events'), { limit, offset }),
  });
  replace(panel, summary, h('h3', {}, t('chargers.security.events')), events.element);

  async function load() {
    try {
      const security = await api.get(chargerApiPath(chargerId, '/security'));
      const failures = security.authenticationFailures ?? { items: [], total: 0 };
      replace(summary,
        keyValues([
          [t('chargers.security.profile'), t(`chargers.security.profile${security.securityProfile}`)],
          [t('chargers.security.key'), security.authorizationKeySet ? t('chargers.security.keySet', { time: formatDateTime(security.authorizationKeySetAt) }) : t('chargers.security.keyNotSet')],
          [
            t('chargers.security.failures'),
            failures.total
              ? t('chargers.security.failuresRecent', { count: formatNumber(failures.total, 0), time: formatDateTime(failures.items[0]?.receivedAt) })
              : t('chargers.security.noFailures'),
          ],
        ]),
        isAdmin()
          ? h(
              'div',
              { class: 'toolbar charger-security-actions' },
              h('button', { type: 'button', onclick: () => changeProfile(security) }, t('chargers.security.changeProfile')),
              security.securityProfile === 1 || security.securityProfile === 2
                ? h('button', { type: 'button', onclick: rotateKey, disabled: !charger().online }, t('chargers.security.rotate'))
                : null,
            )
          : null,
      );
    } catch (error) {
      replace(summary, errorBox(error));
    }
  }

  async function changeProfile(security) {
    const values = await askForm({
      title: t('chargers.security.changeProfileTitle', { id: chargerId }),
      message: t('chargers.security.changeProfileMessage'),
      submitLabel: t('common.save'),
      danger: true,
      fields: [
        field({
          label: t('chargers.security.profile'),
          name: 'securityProfile',
          type: 'select',
          value: security.securityProfile,
          'data-type': 'number',
          options: [0, 1, 2, 3].map((n) => ({ value: n, label: t(`chargers.security.profile${n}`) })),
        }),
        field({ label: t('chargers.security.newKey'), name: 'authorizationKey', type: 'password', autocomplete: 'new-password', minlength: 16, maxlength: 40, help: t('chargers.security.newKeyHelp') }),
      ],
    });
    if (!values) return;
    const body = { securityProfile: values.securityProfile };
    if (values.authorizationKey) body.authorizationKey = values.authorizationKey;
    try {
      await api.put(chargerApiPath(chargerId, '/security'), body);
      notify(t('common.saved'), 'success');
    } catch (error) {
      notify(chargerErrorText(error), 'error');
    }
    await load();
    events.reload();
  }

  async function rotateKey() {
    const confirmed = await confirmAction({
      title: t('chargers.security.rotateTitle', { id: chargerId }),
      message: t('chargers.security.rotateMessage'),
      confirmLabel: t('chargers.security.rotate'),
      danger: true,
    });
    if (!confirmed) return;
    await sendRequest({
      label: t('chargers.security.rotate'),
      line,
      request: () => api.post(chargerApiPath(chargerId, '/authorization-key')),
      describe: () => ['ok', t('chargers.security.rotated')],
    });
    await load();
  }

  load();
  return {
    onEvent(type) {
      if (type === 'security.event') {
        load();
        events.reload();
      }
    },
  };
}
