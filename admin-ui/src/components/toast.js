// Short notes about what just happened ("Reset accepted"), announced to screen readers.
import { h } from '../lib/dom.js';

let region = null;

export function notify(text, kind = 'info') {
  if (!region) {
    region = h('div', { class: 'toasts', role: 'status', 'aria-live': 'polite' });
    document.body.append(region);
  }
  const toast = h('div', { class: `toast ${kind}` }, text);
  region.append(toast);
  setTimeout(() => toast.remove(), kind === 'error' ? 10000 : 5000);
}
