// The building blocks every page is made of, so that pages look and behave alike.
import { h } from '../lib/dom.js';
import { t } from '../lib/i18n.js';

export function pageHeader(title, ...actions) {
  document.title = `${title} · ParkGrid`;
  return h('header', { class: 'page-header' }, h('h1', {}, title), h('div', { class: 'actions' }, actions));
}

export function section(title, ...content) {
  return h('section', { class: 'panel' }, title ? h('h2', {}, title) : null, content);
}

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, t('common.loading'));
}

export function emptyState(text) {
  return h('p', { class: 'empty' }, text);
}

// An error as the user should read it: the server's message (it names the field) and what happened.
export function errorBox(error) {
  return h(
    'div',
    { class: 'error-box', role: 'alert' },
    h('strong', {}, errorTitle(error)),
    error?.message ? h('span', {}, ` ${error.message}`) : null,
  );
}

export function errorTitle(error) {
  switch (error?.status) {
    case 403:
      return t('common.error.forbidden');
    case 404:
      return t('common.error.notFound');
    case 409:
      return t('common.error.conflict');
    case 422:
      return t('common.error.invalid');
    case 502:
    case 504:
      return t('common.error.charger');
    default:
      return error?.status ? t('common.error.failed') : t('common.error.network');
  }
}

// Label/value pairs as a description list; pairs with value undefined are left out.
export function keyValues(pairs) {
  return h(
    'dl',
    { class: 'key-values' },
    pairs
      .filter(([, value]) => value !== undefined)
      .map(([label, value]) => [h('dt', {}, label), h('dd', {}, value ?? '–')]),
  );
}

// Runs `load` and shows a loading note meanwhile and the error if it fails; `show(data)` fills the element.
export async function loadInto(element, load, show) {
  element.replaceChildren(loading());
  try {
    const data = await load();
    element.replaceChildren();
    show(data);
  } catch (error) {
    element.replaceChildren(errorBox(error));
    if (!error?.status) console.error(error);
  }
}
