// Starts the admin UI: the login page without a session, otherwise the shell (header, navigation, live
// stream state) around the page the address names.
import './messages/index.js';
import { setUnauthorizedHandler } from './lib/api.js';
import { h, replace } from './lib/dom.js';
import { connect, disconnect, onStreamState, streamState } from './lib/events.js';
import { language, onLanguageChange, t } from './lib/i18n.js';
import { findRoute, parseHash, PageRunner } from './lib/router.js';
import { currentUser, forget, loadSession, logout, role } from './lib/session.js';
import { languageSelect } from './components/language_select.js';
import { errorBox } from './components/page.js';
import { changePasswordDialog } from './components/password_dialog.js';
import { notify } from './components/toast.js';
import { routes } from './routes.js';
import { renderLogin } from './pages/login.js';

const root = document.getElementById('app');
let runner = null;

function streamIndicator() {
  const indicator = h('span', { class: 'stream', role: 'status' });
  const show = (state) => {
    indicator.className = `stream ${state}`;
    indicator.textContent = t(`app.stream.${state}`);
  };
  show(streamState());
  const unsubscribe = onStreamState(show);
  return { indicator, unsubscribe };
}

let shellCleanup = () => {};

function renderShell() {
  shellCleanup();
  const user = currentUser();
  const main = h('main', { id: 'main', tabindex: '-1' });
  const navigation = h(
    'nav',
    { class: 'sidebar', 'aria-label': t('nav.main') },
    h(
      'ul',
      {},
      routes
        .filter((route) => route.nav && route.roles.includes(role()))
        .map((route) => h('li', {}, h('a', { href: `#${route.path}`, dataset: { path: route.path } }, t(route.nav)))),
    ),
  );
  const { indicator, unsubscribe } = streamIndicator();
  shellCleanup = unsubscribe;
  replace(
    root,
    h('button', { type: 'button', class: 'skip', onclick: () => main.focus() }, t('app.skip')),
    h(
      'header',
      { class: 'topbar' },
      h('a', { class: 'brand', href: '#/' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '⚡'), t('app.name')),
      h('span', { class: 'tagline' }, t('app.tagline')),
      h('div', { class: 'spacer' }),
      indicator,
      languageSelect(),
      h(
        'span',
        { class: 'user', title: user.subject },
        h('span', { class: 'user-name' }, user.user?.displayName || user.user?.username || user.subject),
        h('span', { class: 'user-role' }, t(`role.${user.role}`)),
      ),
      user.session ? h('button', { type: 'button', class: 'password', onclick: () => changePasswordDialog({ done: () => endSession(t('app.password.changed')) }) }, t('app.password.open')) : null,
      h('button', { type: 'button', class: 'logout', onclick: signOut }, t('app.logout')),
    ),
    h('div', { class: 'layout' }, navigation, main),
  );
  runner?.leave();
  runner = new PageRunner(main, (error) => {
    main.replaceChildren(errorBox(error));
    if (!error?.status) console.error(error);
  });
  showRoute();
}

function showRoute() {
  if (!runner) return;
  const { path, query } = parseHash();
  const found = findRoute(routes, path);
  for (const item of root.querySelectorAll('.sidebar a')) {
    const active = item.dataset.path === '/' ? path === '/' : path === item.dataset.path || path.startsWith(`${item.dataset.path}/`);
    if (active) item.setAttribute('aria-current', 'page');
    else item.removeAttribute('aria-current');
  }
  if (!found || !found.route.roles.includes(role())) {
    runner.leave();
    runner.view.replaceChildren(errorBox({ status: 404, message: path }));
    return;
  }
  runner.run(found.route.page, found.params, query, path).then(() => {
    // Keyboard and screen-reader users land on the new page, not on the link they left.
    if (document.activeElement?.closest('.sidebar')) runner?.view.focus();
  });
}

async function signOut() {
  try {
    await logout();
  } catch (error) {
    console.warn('logout failed', error);
  }
  showLogin();
}

// The server has ended the session (a password change ends them all): back to the login page.
function endSession(message) {
  forget();
  showLogin(message);
}

function showLogin(message) {
  runner?.leave();
  runner = null;
  shellCleanup();
  disconnect();
  document.title = t('app.name');
  renderLogin(root, { message, onLoggedIn: startSession });
}

function startSession() {
  connect();
  renderShell();
}

async function boot() {
  document.documentElement.lang = language();
  setUnauthorizedHandler(() => {
    if (currentUser()) endSession(t('app.sessionEnded'));
  });
  window.addEventListener('hashchange', showRoute);
  onLanguageChange(() => (currentUser() ? renderShell() : showLogin()));
  try {
    if (await loadSession()) startSession();
    else showLogin();
  } catch (error) {
    replace(root, errorBox(error));
    notify(t('common.error.network'), 'error');
  }
}

boot();
