// API tokens (admin only, docs/api.md "API tokens"): credentials for other systems, such as a provincial
// energy-statistics platform. A new token's secret is shown once, right after it is created; revoking
// takes effect with the token's next request, and revoked tokens stay listed.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDateTime, t } from '../lib/i18n.js';
import { confirmAction, formDialog } from '../components/dialog.js';
import { field } from '../components/form.js';
import { errorTitle, pageHeader, section } from '../components/page.js';
import { pagedTable } from '../components/table.js';
import { notify } from '../components/toast.js';
import { localiseFieldError } from '../components/admin_field_errors.js';
import { institutionNames, institutionPicker } from '../components/admin_institution_picker.js';
import { who } from '../components/admin_audit_entry.js';
import { revealToken } from '../components/admin_token_reveal.js';
import { ACCOUNT_ERRORS, roleField, scopeFor } from '../components/admin_user_forms.js';

const TOKEN_ERRORS = [...ACCOUNT_ERRORS, { field: 'expiresAt', pattern: /future/, key: 'admin.tokens.expiryPast' }];

export async function render(view, ctx) {
  const [institutionList, userList] = await Promise.all([api.get('/institutions', { limit: 1000 }), api.get('/users', { limit: 1000 })]);
  if (!ctx.isCurrent()) return;
  const institutions = institutionList.items;
  const institutionsById = new Map(institutions.map((institution) => [institution.id, institution]));
  const usersByName = new Map(userList.items.map((user) => [user.username.toLowerCase(), user]));

  const table = pagedTable({
    load: (limit, offset) => api.get('/api-tokens', { limit, offset }),
    empty: t('admin.tokens.empty'),
    columns: [
      { label: t('admin.tokens.name'), cell: (token) => h('code', {}, token.name) },
      { label: t('admin.role'), cell: (token) => h('span', { class: 'admin-nowrap' }, t(`role.${token.role}`)) },
      { label: t('admin.institutions.label'), cell: (token) => (token.role === 'admin' ? h('span', { class: 'muted' }, t('admin.institutions.all')) : h('span', { class: 'admin-scope' }, institutionNames(token.institutionIds, institutionsById) ?? '–')) },
      {
        label: t('admin.tokens.created'),
        cell: (token) =>
          h(
            'div',
            { class: 'admin-stacked' },
            h('span', { class: 'admin-nowrap' }, formatDateTime(token.createdAt)),
            token.createdBy ? h('small', { class: 'muted' }, t('admin.tokens.createdBy', { name: who(token.createdBy, usersByName).name })) : null,
          ),
      },
      { label: t('admin.tokens.expires'), cell: (token) => h('span', { class: 'admin-nowrap' }, token.expiresAt ? formatDateTime(token.expiresAt) : t('admin.tokens.never')) },
      { label: t('admin.tokens.lastUsed'), cell: (token) => h('span', { class: 'admin-nowrap' }, token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('admin.tokens.notUsed')) },
      { label: t('admin.tokens.state'), cell: stateBadge },
      {
        label: t('common.actions'),
        cell: (token) =>
          token.revokedAt
            ? null
            : h('div', { class: 'admin-row-actions' }, h('button', { type: 'button', class: 'danger', 'aria-label': t('admin.tokens.revokeNamed', { name: token.name }), onclick: () => revoke(token) }, t('admin.tokens.revoke'))),
      },
    ],
  });

  function stateBadge(token) {
    if (token.revokedAt) return h('span', { class: 'badge bad', title: formatDateTime(token.revokedAt) }, t('admin.tokens.revoked'));
    if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return h('span', { class: 'badge muted' }, t('admin.tokens.expired'));
    return h('span', { class: 'badge ok' }, t('admin.tokens.active'));
  }

  async function revoke(token) {
    const confirmed = await confirmAction({
      title: t('admin.tokens.revokeTitle', { name: token.name }),
      message: t('admin.tokens.revokeMessage'),
      confirmLabel: t('admin.tokens.revoke'),
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api.delete(`/api-tokens/${token.id}`);
      notify(t('admin.tokens.revokedDone', { name: token.name }), 'success');
      await table.reload();
    } catch (error) {
      notify(`${errorTitle(error)} ${error.message}`, 'error');
    }
  }

  function create() {
    const picker = institutionPicker({ institutions, adminRole: false });
    formDialog({
      title: t('admin.tokens.create'),
      submitLabel: t('common.create'),
      fields: [
        field({ label: t('admin.tokens.name'), name: 'name', required: true, maxlength: 64, autocomplete: 'off', help: t('admin.tokens.name.help') }),
        roleField('energy_office', picker),
        picker.element,
        field({ label: t('admin.tokens.expiresAt'), name: 'expiresAt', type: 'datetime-local', help: t('admin.tokens.expiresAt.help') }),
      ],
      submit: async (values) => {
        const body = { name: values.name ?? '', role: values.role, institutionIds: scopeFor(values.role, picker) };
        if (values.expiresAt) body.expiresAt = values.expiresAt;
        try {
          return await api.post('/api-tokens', body);
        } catch (error) {
          throw localiseFieldError(error, { known: TOKEN_ERRORS, conflictField: 'name' });
        }
      },
      done: async (created) => {
        table.reload();
        await revealToken(created);
      },
    });
  }

  view.append(
    h(
      'div',
      { class: 'admin-page' },
      pageHeader(t('nav.tokens'), h('button', { type: 'button', class: 'primary', onclick: create }, t('admin.tokens.create'))),
      h('p', { class: 'muted admin-intro' }, t('admin.tokens.intro')),
      section(null, table.element),
    ),
  );
}
