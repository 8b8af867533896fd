// The live events stream (GET /api/v1/events, Server-Sent Events): one connection for the whole app,
// shared by every page. Pages subscribe to the event types they show, and the stream asks the server for
// those types only (`types=`): a busy site sends meter values and plan runs many times a second, which a
// page about users has no use for. The stream's state (live or reconnecting) is shown in the header. The
// server keeps no backlog, so pages reload their data when the stream (re)opens (onReconnect).

let source = null;
let state = 'closed';
const handlers = new Map(); // event type -> Set of handlers
const stateListeners = new Set();
const reconnectListeners = new Set();
let everOpened = false;
let wanted = false; // the app wants a stream (logged in)
let streamTypes = ''; // the types the open stream was asked for
let reopenScheduled = false;
let failures = 0; // streams refused in a row

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

function typesWanted() {
  return [...handlers.entries()].filter(([, set]) => set.size > 0).map(([type]) => type).sort().join(',');
}

function open() {
  source?.close();
  streamTypes = typesWanted();
  // Without any subscriber there is nothing to ask for; the header still shows the stream live.
  source = new EventSource(`/api/v1/events${streamTypes ? `?types=${encodeURIComponent(streamTypes)}` : '?types=charger.connected'}`);
  for (const type of handlers.keys()) source.addEventListener(type, dispatch);
  source.addEventListener('open', () => {
    const again = everOpened;
    everOpened = true;
    setState('live');
    if (again) for (const listener of reconnectListeners) listener();
  });
  source.addEventListener('error', () => {
    if (source?.readyState !== EventSource.CLOSED) {
      setState('reconnecting'); // the browser retries by itself
      return;
    }
    // An answer that was not a stream (a 502 from a proxy, a 503 while csms restarts): the browser gives
    // up, so try again, less often each time.
    setState('reconnecting');
    const delay = Math.min(60000, 2000 * 2 ** failures++);
    setTimeout(() => {
      if (wanted && source?.readyState === EventSource.CLOSED) open();
    }, delay);
  });
  source.addEventListener('open', () => {
    failures = 0;
  });
}

// A page subscribed to a type the stream does not carry: reopen it once the page has subscribed to all it
// needs. Types no longer wanted stay until then; fewer would not be worth a reconnection.
function reopenIfNeeded() {
  if (!wanted || reopenScheduled) return;
  reopenScheduled = true;
  queueMicrotask(() => {
    reopenScheduled = false;
    const carried = new Set(streamTypes.split(',').filter(Boolean));
    if (typesWanted().split(',').some((type) => type && !carried.has(type))) open();
  });
}

export function connect() {
  if (wanted) return;
  wanted = true;
  open();
}

export function disconnect() {
  wanted = false;
  source?.close();
  source = null;
  streamTypes = '';
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
  reopenIfNeeded();
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
