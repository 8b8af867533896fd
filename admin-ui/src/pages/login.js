// The login page: username and password, the server's answer shown in the user's language.
import { h, replace } from '../lib/dom.js';
import { t } from '../lib/i18n.js';
import { login } from '../lib/session.js';
import { field } from '../components/form.js';
import { languageSelect } from '../components/language_select.js';

export function renderLogin(root, { message, onLoggedIn }) {
  const status = h('p', { class: message ? 'notice' : 'hidden', role: 'alert' }, message ?? '');
  const button = h('button', { type: 'submit', class: 'primary' }, t('login.submit'));
  const form = h(
    'form',
    { class: 'login-form', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, t('login.title')),
    h('p', { class: 'muted' }, t('app.tagline')),
    status,
    field({ label: t('login.username'), name: 'username', autocomplete: 'username', required: true, autofocus: true }),
    field({ label: t('login.password'), name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = form.elements.namedItem('username').value.trim();
    const password = form.elements.namedItem('password').value;
    if (!username || !password) {
      showStatus(t('login.missing'));
      return;
    }
    button.disabled = true;
    try {
      await login(username, password);
      onLoggedIn();
    } catch (error) {
      showStatus(loginError(error));
      button.disabled = false;
    }
  });

  function showStatus(text) {
    status.className = 'notice error';
    status.textContent = text;
  }

  replace(
    root,
    h(
      'div',
      { class: 'login-page' },
      h('div', { class: 'login-language' }, languageSelect()),
      h('main', { id: 'main', class: 'login-card' }, h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '⚡'), t('app.name')), form),
    ),
  );
}

function loginError(error) {
  switch (error?.status) {
    case 401:
      return t('login.invalid');
    case 429:
      return t('login.throttled');
    case 503:
      return t('login.busy');
    default:
      return error?.status ? t('common.error.failed') : t('common.error.network');
  }
}
