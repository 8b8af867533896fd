// The API's field errors as a form shows them next to the field: the field's label already names it, so the
// server's "field: " prefix is dropped, and the problems people meet most often are said in their language.
// An error the user's own input causes but the API reports without a field (a duplicate name is a 409)
// is tied to the field that caused it.
import { t } from '../lib/i18n.js';

// known: [{field, pattern, key}] — when the error is at `field` and its message matches `pattern`, the
// message becomes t(key). conflictField: the field a 409 without a field is about.
export function localiseFieldError(error, { known = [], conflictField = null } = {}) {
  if (!error || typeof error.message !== 'string') return error;
  if (error.status === 409 && !error.field && conflictField) error.field = conflictField;
  if (!error.field) return error;
  for (const { field, pattern, key } of known) {
    if (error.field === field && pattern.test(error.message)) {
      error.message = t(key);
      return error;
    }
  }
  const prefix = `${error.field}: `;
  if (error.message.startsWith(prefix)) error.message = error.message.slice(prefix.length);
  return error;
}

// An error found before anything is sent, shown at `field` like the API's own.
export function fieldError(field, message) {
  const error = new Error(message);
  error.field = field;
  error.status = 422;
  return error;
}
