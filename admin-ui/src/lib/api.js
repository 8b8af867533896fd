// The REST API as the UI uses it: same-origin requests with the session cookie, the CSRF token on every
// request that changes something, JSON in and out, and errors as ApiError naming the field.

const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.error ?? 'http_error';
    this.field = body?.field ?? null;
    this.body = body ?? null; // the whole answer: some carry more (a charger's status, a command id)
  }
}

let csrfToken = null;
let onUnauthorized = () => {};

export function setCsrfToken(token) {
  csrfToken = token;
}

// Called when the session has ended (expired, logged out elsewhere): the app shows the login page.
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

export function url(path, query = {}) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.append(name, String(value));
  }
  const search = params.toString();
  return `${BASE}${path}${search ? `?${search}` : ''}`;
}

async function send(method, path, { query, body } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(url(path, query), {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const text = await response.text();
  let parsed;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { error: 'http_error', message: text.slice(0, 200) };
  }
  if (!response.ok) {
    const error = new ApiError(response.status, parsed);
    if (response.status === 401 && path !== '/auth/login') onUnauthorized(error);
    throw error;
  }
  return parsed;
}

export const api = {
  get: (path, query) => send('GET', path, { query }),
  post: (path, body = {}, query) => send('POST', path, { body, query }),
  put: (path, body, query) => send('PUT', path, { body, query }),
  patch: (path, body) => send('PATCH', path, { body }),
  delete: (path, query) => send('DELETE', path, { query }),
};

// Fetches a file (a CSV or XLSX report) and hands it to the browser as a download named as the server
// says. `onProgress(received, total)` follows the transfer; `total` is null when the server streams
// without a length.
export async function download(path, query = {}, onProgress = () => {}) {
  const response = await fetch(url(path, query), { credentials: 'same-origin' });
  if (!response.ok) {
    let body = null;
    try {
      body = await response.json();
    } catch {
      // a non-JSON error body: the status says enough
    }
    if (response.status === 401) onUnauthorized();
    throw new ApiError(response.status, body);
  }
  const total = Number(response.headers.get('Content-Length')) || null;
  const reader = response.body.getReader();
  const chunks = [];
  let received = 0;
  onProgress(0, total);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress(received, total);
  }
  const blob = new Blob(chunks, { type: response.headers.get('Content-Type') ?? 'application/octet-stream' });
  const name = filenameOf(response.headers.get('Content-Disposition')) ?? path.split('/').pop();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  return { name, size: received };
}

// The file name of a Content-Disposition header, preferring the UTF-8 form (filename*=UTF-8''...).
function filenameOf(disposition) {
  if (!disposition) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) return decodeURIComponent(extended[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}
