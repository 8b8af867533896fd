// The dialogs that create and change users (docs/api.md "Users"): who they are, their role, the institutions
// they may see and their password. Errors are shown at their field; a non-admin without institutions would
// see nothing at all, so the form asks for at least one before anything is sent.
import { api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { ROLES } from '../lib/session.js';
import { formDialog } from './dialog.js';
import { field } from './form.js';
import { fieldError, localiseFieldError } from './admin_field_errors.js';
import { institutionPicker } from './admin_institution_picker.js';

// The server's messages about passwords and scopes, in the user's language.
export const ACCOUNT_ERRORS = [
  { field: 'password', pattern: /at least/, key: 'admin.password.tooShort' },
  { field: 'password', pattern: /at most/, key: 'admin.password.tooLong' },
  { field: 'institutionIds', pattern: /must be empty/, key: 'admin.institutions.adminHasNone' },
  { field: 'institutionIds', pattern: /no institution/, key: 'admin.institutions.unknown' },
];

export function roleField(value, picker) {
  return field({
    label: t('admin.role'),
    name: 'role',
    type: 'select',
    value,
    options: ROLES.map((role) => ({ value: role, label: t(`role.${role}`) })),
    help: t('admin.role.help'),
    onchange: (event) => picker.setAdminRole(event.target.value === 'admin'),
  });
}

// The scope to send for `role`, refused here when a non-admin would get none.
export function scopeFor(role, picker) {
  if (role === 'admin') return [];
  const ids = picker.selectedIds();
  if (!ids.length) throw fieldError('institutionIds', t('admin.institutions.required'));
  return ids;
}

export function createUserDialog({ institutions, done }) {
  const initialRole = 'fleet_admin';
  const picker = institutionPicker({ institutions, adminRole: false });
  return formDialog({
    title: t('admin.users.create'),
    submitLabel: t('common.create'),
    fields: [
      field({ label: t('admin.users.username'), name: 'username', required: true, autocomplete: 'off', maxlength: 64, help: t('admin.users.username.help') }),
      field({ label: t('admin.users.displayName'), name: 'displayName', maxlength: 128, help: t('admin.users.displayName.help') }),
      roleField(initialRole, picker),
      picker.element,
      field({ label: t('admin.users.password'), name: 'password', type: 'password', required: true, autocomplete: 'new-password', minlength: 12, help: t('admin.password.rule') }),
    ],
    submit: async (values) => {
      const body = {
        username: values.username ?? '',
        role: values.role,
        institutionIds: scopeFor(values.role, picker),
        password: values.password ?? '',
      };
      if (values.displayName) body.displayName = values.displayName;
      try {
        return await api.post('/users', body);
      } catch (error) {
        throw localiseFieldError(error, { known: ACCOUNT_ERRORS, conflictField: 'username' });
      }
    },
    done,
  });
}

export function editUserDialog({ user, institutions, isSelf, done }) {
  const picker = institutionPicker({ institutions, selected: user.institutionIds, adminRole: user.role === 'admin' });
  return formDialog({
    title: t('admin.users.editTitle', { username: user.username }),
    fields: [
      field({ label: t('admin.users.displayName'), name: 'displayName', value: user.displayName, maxlength: 128 }),
      roleField(user.role, picker),
      picker.element,
      field({
        label: t('admin.users.newPassword'),
        name: 'password',
        type: 'password',
        autocomplete: 'new-password',
        minlength: 12,
        help: `${t('admin.password.rule')} ${t(isSelf ? 'admin.users.newPassword.helpSelf' : 'admin.users.newPassword.help')}`,
      }),
    ],
    submit: async (values) => {
      const body = { role: values.role, institutionIds: scopeFor(values.role, picker) };
      if (values.displayName) body.displayName = values.displayName;
      if (values.password) body.password = values.password;
      try {
        return await api.patch(`/users/${user.id}`, body);
      } catch (error) {
        throw localiseFieldError(error, { known: ACCOUNT_ERRORS });
      }
    },
    done,
  });
}
