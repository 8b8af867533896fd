// Asking for a few values before a charger command, in the shared form dialog: resolves with the values when
// the user confirms and null when the dialog is cancelled or closed, so the caller sends nothing then.
// `check(values)` validates in the browser and returns an error {field, message} or null.
import { formDialog } from './dialog.js';

export function askForm({ title, message, fields, submitLabel, danger = false, check = () => null }) {
  return new Promise((resolve) => {
    let answer = null;
    const dialog = formDialog({
      title,
      message,
      fields,
      submitLabel,
      danger,
      submit: async (values) => {
        const problem = check(values);
        if (problem) throw problem;
        answer = values;
        return values;
      },
    });
    dialog.addEventListener('close', () => resolve(answer));
  });
}
