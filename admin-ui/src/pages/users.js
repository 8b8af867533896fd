// Users (admin only, docs/api.md "Users"): who may log in, with which role and for which institutions.
// Filters (role, disabled) live in the address. Disabling a user or giving a new password ends their
// sessions at once, which the dialogs say before it happens.
import { api } from '../lib/api.js';
import { h } from '../lib/dom.js';
import { formatDateTime, t } from '../lib/i18n.js';
import { currentUser, ROLES } from '../lib/session.js';
import { confirmAction } from '../components/dialog.js';
import { errorTitle, pageHeader, section } from '../components/page.js';
import { pagedTable } from '../components/table.js';
import { notify } from '../components/toast.js';
import { institutionNames } from '../components/admin_institution_picker.js';
import { createUserDialog, editUserDialog } from '../components/admin_user_forms.js';

export async function render(view, ctx) {
  const institutions = (await api.get('/institutions', { limit: 1000 })).items;
  if (!ctx.isCurrent()) return;
  const institutionsById = new Map(institutions.map((institution) => [institution.id, institution]));
  const role = ctx.query.get('role') ?? '';
  const disabled = ctx.query.get('disabled') ?? '';
  const myId = currentUser()?.user?.id ?? null;

  const filters = h(
    'div',
    { class: 'toolbar' },
    filterSelect(t('admin.role'), 'role', role, [
      { value: '', label: t('common.all') },
      ...ROLES.map((name) => ({ value: name, label: t(`role.${name}`) })),
    ]),
    filterSelect(t('admin.users.state'), 'disabled', disabled, [
      { value: '', label: t('common.all') },
      { value: 'false', label: t('admin.users.active') },
      { value: 'true', label: t('admin.users.disabled') },
    ]),
  );

  function filterSelect(label, name, value, options) {
    return h(
      'label',
      { class: 'inline-field' },
      label,
      h(
        'select',
        { name, onchange: (event) => ctx.setQuery({ role, disabled, [name]: event.target.value }) },
        options.map((option) => h('option', { value: option.value, selected: option.value === value }, option.label)),
      ),
    );
  }

  const table = pagedTable({
    load: (limit, offset) => api.get('/users', { role, disabled, limit, offset }),
    empty: t('admin.users.empty'),
    columns: [
      {
        label: t('admin.users.user'),
        cell: (user) =>
          h(
            'div',
            { class: 'admin-user' },
            h('span', { class: 'admin-user-name' }, user.displayName, user.id === myId ? h('span', { class: 'badge info' }, t('admin.users.you')) : null),
            h('small', { class: 'muted' }, user.username),
          ),
      },
      { label: t('admin.role'), cell: (user) => h('span', { class: 'admin-nowrap' }, t(`role.${user.role}`)) },
      { label: t('admin.institutions.label'), cell: scope },
      { label: t('admin.users.state'), cell: (user) => (user.disabled ? h('span', { class: 'badge muted' }, t('admin.users.disabled')) : h('span', { class: 'badge ok' }, t('admin.users.active'))) },
      { label: t('admin.users.lastLogin'), cell: (user) => h('span', { class: 'admin-nowrap' }, formatDateTime(user.lastLoginAt)) },
      { label: t('common.actions'), cell: actions },
    ],
  });

  // What the user may see: everything (admins), the listed institutions, or nothing (flagged).
  function scope(user) {
    if (user.role === 'admin') return h('span', { class: 'muted' }, t('admin.institutions.all'));
    const names = institutionNames(user.institutionIds, institutionsById);
    return names ? h('span', { class: 'admin-scope' }, names) : h('span', { class: 'badge warn' }, t('admin.institutions.noneChosen'));
  }

  function actions(user) {
    const self = user.id === myId;
    return h(
      'div',
      { class: 'admin-row-actions' },
      h('button', { type: 'button', 'aria-label': t('admin.users.editNamed', { username: user.username }), onclick: () => editUserDialog({ user, institutions, isSelf: self, done: changed(t('common.saved')) }) }, t('common.edit')),
      user.disabled
        ? h('button', { type: 'button', 'aria-label': t('admin.users.enableNamed', { username: user.username }), onclick: () => setDisabled(user, false) }, t('admin.users.enable'))
        : h('button', { type: 'button', 'aria-label': t('admin.users.disableNamed', { username: user.username }), onclick: () => setDisabled(user, true) }, t('admin.users.disable')),
      h('button', { type: 'button', class: 'danger', 'aria-label': t('admin.users.deleteNamed', { username: user.username }), onclick: () => remove(user) }, t('common.delete')),
    );
  }

  const changed = (message) => async () => {
    notify(message, 'success');
    await table.reload();
  };

  async function setDisabled(user, disable) {
    const self = user.id === myId;
    if (disable) {
      const confirmed = await confirmAction({
        title: t('admin.users.disableTitle', { username: user.username }),
        message: t(self ? 'admin.users.disableSelf' : 'admin.users.disableMessage', { name: user.displayName }),
        confirmLabel: t('admin.users.disable'),
        danger: true,
      });
      if (!confirmed) return;
    }
    try {
      await api.patch(`/users/${user.id}`, { disabled: disable });
      await changed(t(disable ? 'admin.users.disabledDone' : 'admin.users.enabledDone', { username: user.username }))();
    } catch (error) {
      notify(`${errorTitle(error)} ${error.message}`, 'error');
    }
  }

  async function remove(user) {
    const confirmed = await confirmAction({
      title: t('admin.users.deleteTitle', { username: user.username }),
      message: t(user.id === myId ? 'admin.users.deleteSelf' : 'admin.users.deleteMessage', { name: user.displayName }),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!confirmed) return;
    try {
      await api.delete(`/users/${user.id}`);
      await changed(t('admin.users.deleted', { username: user.username }))();
    } catch (error) {
      notify(`${errorTitle(error)} ${error.message}`, 'error');
    }
  }

  view.append(
    h(
      'div',
      { class: 'admin-page' },
      pageHeader(
        t('nav.users'),
        h('button', { type: 'button', class: 'primary', onclick: () => createUserDialog({ institutions, done: (user) => changed(t('admin.users.created', { username: user.username }))() }) }, t('admin.users.create')),
      ),
      h('p', { class: 'muted admin-intro' }, t('admin.users.intro')),
      section(null, filters, table.element),
    ),
  );
}
