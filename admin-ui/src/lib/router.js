// Hash routing (#/chargers/CP-1?status=Faulted): the server serves one page, and links, the back button
// and bookmarks work without it knowing the UI's routes.
//
// A page module exports `render(view, ctx)`. `view` is the element to fill; `ctx` has:
//   params     path parameters (/chargers/:id -> params.id), decoded
//   query      URLSearchParams of the part after '?'
//   navigate(path, query)  go elsewhere (query: an object; empty values are left out)
//   setQuery(query)        replace the current route's query (filters), re-rendering the page
//   replaceQuery(query)    replace the query in the address only, for a page that redraws itself (the
//                          address is replaced, not pushed: Back leaves the page, reload restores the view)
//   onCleanup(fn)          run fn when the page is left (timers, charts)
//   subscribe(types, fn)   live events for as long as the page is shown
//   rerender()             render the page again (after a change)
import { subscribe, onReconnect } from './events.js';

export function parseHash(hash = location.hash) {
  const raw = hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(search) };
}

export function hrefOf(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  }
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

export function navigate(path, query = {}) {
  const target = hrefOf(path, query);
  if (location.hash === target) {
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    location.hash = target;
  }
}

function match(pattern, path) {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params = {};
  for (let i = 0; i < patternParts.length; i++) {
    if (patternParts[i].startsWith(':')) {
      try {
        params[patternParts[i].slice(1)] = decodeURIComponent(pathParts[i]);
      } catch {
        return null; // a malformed address matches no page
      }
    } else if (patternParts[i] !== pathParts[i]) {
      return null;
    }
  }
  return params;
}

export function findRoute(routes, path) {
  for (const route of routes) {
    const params = match(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

// Runs one page at a time in `view`: leaving a page runs its cleanups before the next one renders.
export class PageRunner {
  constructor(view, onError) {
    this.view = view;
    this.onError = onError;
    this.cleanups = [];
    this.generation = 0;
  }

  leave() {
    this.generation++;
    for (const cleanup of this.cleanups.splice(0)) {
      try {
        cleanup();
      } catch (error) {
        console.error(error);
      }
    }
  }

  async run(loadPage, params, query, path) {
    this.leave();
    const generation = this.generation;
    const ctx = {
      params,
      query,
      navigate,
      setQuery: (next) => navigate(path, next),
      replaceQuery: (next) => history.replaceState(history.state, '', hrefOf(path, next)),
      onCleanup: (fn) => {
        if (generation === this.generation) this.cleanups.push(fn);
        else fn();
      },
      subscribe: (types, fn) => ctx.onCleanup(subscribe(types, fn)),
      onReconnect: (fn) => ctx.onCleanup(onReconnect(fn)),
      isCurrent: () => generation === this.generation,
      rerender: () => this.run(loadPage, params, query, path),
    };
    this.view.replaceChildren();
    try {
      const page = await loadPage();
      if (generation !== this.generation) return;
      await page.render(this.view, ctx);
    } catch (error) {
      if (generation === this.generation) this.onError(error);
      else console.debug('error on a page already left', error);
    }
  }
}
