// Changing one's own password (POST /auth/password). The server ends every session of the user when it
// succeeds, so the app returns to the login page afterwards.
import { api, ApiError } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { formDialog } from './dialog.js';
import { field } from './form.js';

export function changePasswordDialog({ done }) {
  return formDialog({
    title: t('app.password.title'),
    submitLabel: t('app.password.submit'),
    fields: [
      field({ label: t('app.password.current'), name: 'currentPassword', type: 'password', autocomplete: 'current-password', required: true }),
      field({ label: t('app.password.new'), name: 'newPassword', type: 'password', autocomplete: 'new-password', required: true, minlength: 12, help: t('app.password.rule') }),
      field({ label: t('app.password.repeat'), name: 'repeatPassword', type: 'password', autocomplete: 'new-password', required: true }),
    ],
    submit: async ({ currentPassword, newPassword, repeatPassword }) => {
      if (newPassword !== repeatPassword) {
        throw new ApiError(422, { error: 'invalid_field', field: 'repeatPassword', message: t('app.password.mismatch') });
      }
      try {
        return await api.post('/auth/password', { currentPassword: currentPassword ?? '', newPassword: newPassword ?? '' });
      } catch (error) {
        // The server's words are English; the two cases a user meets are said in their language.
        if (error.field === 'currentPassword') error.message = t('app.password.wrong');
        if (error.field === 'newPassword') error.message = t('app.password.rule');
        throw error;
      }
    },
    done,
  });
}
