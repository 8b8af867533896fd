// Modal dialogs on the native <dialog> element: it traps focus, closes on Escape and returns focus where
// it was, so keyboard users get the same as mouse users.
import { h, uniqueId } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { apiForm } from './form.js';

// Shows `content` in a modal dialog labelled by the element with id `labelId`; it is removed when closed.
export function openDialog(content, labelId, className = null) {
  const dialog = h('dialog', { 'aria-labelledby': labelId, class: className }, content);
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  dialog.showModal();
  return dialog;
}

// Asks before something destructive or disruptive; resolves true when confirmed.
export function confirmAction({ title, message, confirmLabel, danger = false }) {
  return new Promise((resolve) => {
    const titleId = uniqueId('dialog-title');
    let confirmed = false;
    const dialog = openDialog(
      h(
        'form',
        { method: 'dialog', class: 'dialog-body' },
        h('h2', { id: titleId }, title),
        message ? h('p', {}, message) : null,
        h(
          'div',
          { class: 'form-actions' },
          h('button', { type: 'submit', class: danger ? 'danger' : 'primary', onclick: () => (confirmed = true) }, confirmLabel ?? t('common.confirm')),
          h('button', { type: 'submit', value: 'cancel', autofocus: true }, t('common.cancel')),
        ),
      ),
      titleId,
    );
    dialog.addEventListener('close', () => resolve(confirmed));
  });
}

// A form in a dialog: `submit(values)` sends it; the dialog stays open showing the error until it succeeds.
// `message` explains above the fields what will happen; `danger` marks a disruptive action.
export function formDialog({ title, message, fields, submitLabel, submit, done, danger = false }) {
  const titleId = uniqueId('dialog-title');
  let dialog = null;
  const form = apiForm({
    fields: [message ? h('p', { class: 'dialog-message' }, message) : null, fields],
    submitLabel,
    danger,
    submit,
    done: async (result) => {
      dialog.close();
      await done?.(result);
    },
    cancel: () => dialog.close(),
  });
  dialog = openDialog(h('div', { class: 'dialog-body' }, h('h2', { id: titleId }, title), form), titleId);
  return dialog;
}
