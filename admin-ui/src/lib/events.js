// The live events stream (GET /api/v1/events, Server-Sent Events): one connection for the whole app,
// shared by every page. Pages subscribe to the event types they show; the stream's state (live or
// reconnecting) is shown in the header. The server keeps no backlog, so pages that must not miss anything
// reload their data when the stream reconnects (onReconnect).

let source = null;
let state = 'closed';
const handlers = new Map(); // event type -> Set of handlers
const stateListeners = new Set();
const reconnectListeners = new Set();
let everOpened = false;

function setState(next) {
  if (next === state) return;
  state = next;
  for (const listener of stateListeners) listener(state);
}

function dispatch(event) {
  let data;
  try {
    data = JSON.parse(event.data);
  } catch {
    return;
  }
  for (const handler of handlers.get(event.type) ?? []) handler(data, event.type);
}

export function connect() {
  if (source) return;
  source = new EventSource('/api/v1/events');
  for (const type of handlers.keys()) source.addEventListener(type, dispatch);
  source.addEventListener('open', () => {
    const again = everOpened;
    everOpened = true;
    setState('live');
    if (again) for (const listener of reconnectListeners) listener();
  });
  source.addEventListener('error', () => setState(source?.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting'));
}

export function disconnect() {
  source?.close();
  source = null;
  everOpened = false;
  setState('closed');
}

// Calls handler(data, type) for each event of the given types; returns the unsubscribe function.
export function subscribe(types, handler) {
  for (const type of types) {
    if (!handlers.has(type)) {
      handlers.set(type, new Set());
      source?.addEventListener(type, dispatch);
    }
    handlers.get(type).add(handler);
  }
  return () => {
    for (const type of types) handlers.get(type)?.delete(handler);
  };
}

export function onReconnect(listener) {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

export function streamState() {
  return state;
}

export function onStreamState(listener) {
  stateListeners.add(listener);
  return () => stateListeners.delete(listener);
}
