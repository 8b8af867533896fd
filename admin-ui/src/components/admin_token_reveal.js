// Shows a new API token's secret the one time the API gives it (docs/api.md "API tokens": only its hash is
// stored), with a copy button and a plain warning. Closing the dialog drops the secret from the page.
import { h, uniqueId } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { openDialog } from './dialog.js';

export function revealToken(created) {
  return new Promise((resolve) => {
    const titleId = uniqueId('token-title');
    const valueId = uniqueId('token-value');
    const status = h('span', { class: 'admin-copy-status', role: 'status', 'aria-live': 'polite' });
    const value = h('input', {
      id: valueId,
      class: 'admin-token-value',
      type: 'text',
      readonly: true,
      spellcheck: 'false',
      autocomplete: 'off',
      value: created.token,
      onfocus: (event) => event.target.select(),
    });

    async function copy() {
      try {
        // navigator.clipboard exists only in secure contexts (https, or localhost).
        if (!navigator.clipboard) throw new Error('no clipboard');
        await navigator.clipboard.writeText(value.value);
        status.textContent = t('admin.tokens.copied');
      } catch {
        value.focus();
        value.select();
        status.textContent = t('admin.tokens.copyFailed');
      }
    }

    const dialog = openDialog(
      h(
        'form',
        { method: 'dialog', class: 'dialog-body' },
        h('h2', { id: titleId }, t('admin.tokens.newTitle', { name: created.name })),
        h('p', { class: 'notice admin-once', role: 'alert' }, t('admin.tokens.onlyOnce')),
        h('div', { class: 'field' }, h('label', { for: valueId }, t('admin.tokens.value')), h('div', { class: 'admin-token-row' }, value, h('button', { type: 'button', class: 'primary', onclick: copy }, t('admin.tokens.copy')))),
        status,
        h('p', { class: 'muted' }, t('admin.tokens.howToUse')),
        h('div', { class: 'form-actions' }, h('button', { type: 'submit' }, t('admin.tokens.done'))),
      ),
      titleId,
      'admin-token-dialog',
    );
    dialog.addEventListener('close', () => {
      value.value = '';
      resolve();
    });
  });
}
