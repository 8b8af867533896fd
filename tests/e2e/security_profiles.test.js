'use strict';
// OCPP 1.6 security profiles (Security Whitepaper, edition 3) against the real csms over ws:// and wss://,
// with clients ParkGrid did not write: the `ws` package for handshakes and HTTP statuses, ocpp-rpc for OCPP,
// and `openssl s_client` for what TLS versions and cipher suites the server accepts.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const https = require('node:https');
const os = require('node:os');
const path = require('node:path');
const WebSocket = require('ws');
const { RPCClient } = require('ocpp-rpc');
const { startCsms } = require('./csms');

const PKI_SCRIPT = path.join(__dirname, '..', '..', 'certs', 'make-dev-pki.sh');
const KEY_1 = 'profile-one-key-16';                       // 18 printable characters
const KEY_2 = '0123456789abcdef0123456789abcdef01234567';  // 40 hex digits

let csms;
let pki;
let otherPki;

function makePki(dir, args) {
  execFileSync('sh', [PKI_SCRIPT, '--out', dir, ...args], { stdio: 'pipe' });
  const read = (name) => fs.readFileSync(path.join(dir, name));
  return { dir, file: (name) => path.join(dir, name), read };
}

// Opens a WebSocket and resolves with {status} for a refused upgrade or {socket} for an accepted one.
function connect(url, { username, password, cert, key, ca } = {}) {
  return new Promise((resolve) => {
    const headers = {};
    if (username !== undefined) {
      headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    const socket = new WebSocket(url, ['ocpp1.6'], {
      headers, cert, key, ca: ca ?? pki.read('ca.pem'), servername: 'localhost', handshakeTimeout: 5000,
    });
    socket.on('open', () => resolve({ socket }));
    socket.on('unexpected-response', (request, response) => {
      resolve({ status: response.statusCode, headers: response.headers });
      request.destroy();
    });
    socket.on('error', (error) => resolve({ error }));
  });
}

async function expectRefused(promise, status) {
  const result = await promise;
  if (result.socket) result.socket.close();
  assert.equal(result.status, status, result.error ? String(result.error) : `got ${JSON.stringify(result.status)}`);
  return result;
}

async function expectOpen(promise) {
  const result = await promise;
  assert.ok(result.socket, `refused: ${result.status ?? result.error}`);
  result.socket.close();
}

async function register(id, profile, authorizationKey) {
  assert.equal((await csms.api('POST', '/api/v1/chargers', { id })).status, 201);
  const body = { securityProfile: profile };
  if (authorizationKey) body.authorizationKey = authorizationKey;
  const set = await csms.api('PUT', `/api/v1/chargers/${id}/security`, body);
  assert.equal(set.status, 200, JSON.stringify(set.body));
}

function sClient(args) {
  return spawnSync('openssl', ['s_client', '-connect', `127.0.0.1:${csms.tlsPort}`, '-servername', 'localhost',
                               ...args], { input: '', encoding: 'utf8', timeout: 10000 });
}

before(async () => {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'parkgrid-pki-'));
  pki = makePki(path.join(base, 'main'), ['--charger', 'CP-3', '--charger', 'CP-OTHER', '--expired-charger', 'CP-3']);
  // CP-3 gets a valid certificate again after the expired one: keep the expired pair under another name.
  fs.renameSync(pki.file('charger-CP-3.pem'), pki.file('expired-CP-3.pem'));
  fs.renameSync(pki.file('charger-CP-3.key'), pki.file('expired-CP-3.key'));
  makePki(pki.dir, ['--charger', 'CP-3']);
  otherPki = makePki(path.join(base, 'other'), ['--charger', 'CP-3', '--ca-name', 'Somebody Else CA']);
  csms = await startCsms([
    '--allow-security-profile-0', 'false', '--tls-listen', '127.0.0.1:0',
    '--tls-cert', `${pki.file('server-rsa.pem')},${pki.file('server-ecdsa.pem')}`,
    '--tls-key', `${pki.file('server-rsa.key')},${pki.file('server-ecdsa.key')}`,
    '--tls-ca', pki.file('ca.pem'), '--charger-auth-max-failures', '8',
    '--charger-auth-max-failures-per-address', '1000']);
  await register('CP-0', 0);
  await register('CP-1', 1, KEY_1);
  await register('CP-2', 2, KEY_2);
  await register('CP-3', 3);
});

after(async () => {
  if (csms) await csms.stop();
});

test('TLS 1.2 offers exactly the whitepaper suites, with an RSA and an ECDSA certificate', () => {
  for (const cipher of ['ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES256-GCM-SHA384',
                        'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384']) {
    const result = sClient(['-tls1_2', '-cipher', cipher]);
    assert.match(result.stdout, new RegExp(`Cipher is ${cipher}`), cipher);
  }
  for (const weak of ['AES128-SHA', 'ECDHE-RSA-AES128-SHA', 'DHE-RSA-AES128-GCM-SHA256', 'ECDHE-RSA-CHACHA20-POLY1305']) {
    const result = sClient(['-tls1_2', '-cipher', weak]);
    assert.match(result.stdout + result.stderr, /Cipher is \(NONE\)|handshake failure|no cipher/, weak);
  }
  assert.match(sClient(['-tls1_3']).stdout, /TLSv1\.3/);
});

test('TLS 1.1 and 1.0 are refused', () => {
  for (const version of ['-tls1_1', '-tls1']) {
    const result = sClient([version]);
    assert.notEqual(result.status, 0, version);
    assert.match(result.stdout + result.stderr, /Cipher is \(NONE\)|protocol version|no protocols available/, version);
  }
});

test('HTTPS serves the API with security headers and HSTS', async () => {
  const response = await new Promise((resolve, reject) => {
    https.get(`https://localhost:${csms.tlsPort}/healthz`, { ca: pki.read('ca.pem') }, resolve).on('error', reject);
  });
  response.resume();
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['strict-transport-security'], 'max-age=31536000');
  assert.match(response.headers['content-security-policy'], /frame-ancestors 'none'/);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
});

test('over HTTPS the session cookie is Secure; on the plain port it stays usable', async () => {
  const user = { username: 'tls.user', role: 'fleet_admin', password: 'a long enough passphrase' };
  assert.equal((await csms.api('POST', '/api/v1/users', user)).status, 201);
  const login = (url, options) => new Promise((resolve, reject) => {
    const request = (url.startsWith('https') ? https : http).request(url, { method: 'POST', ...options,
      headers: { 'Content-Type': 'application/json' } }, resolve);
    request.on('error', reject);
    request.end(JSON.stringify({ username: user.username, password: user.password }));
  });
  const secure = await login(`https://localhost:${csms.tlsPort}/api/v1/auth/login`, { ca: pki.read('ca.pem') });
  secure.resume();
  assert.equal(secure.statusCode, 200);
  assert.match(secure.headers['set-cookie'].join(';'), /HttpOnly.*Secure|Secure.*HttpOnly/);
  const plain = await login(`http://127.0.0.1:${csms.port}/api/v1/auth/login`, {});
  plain.resume();
  assert.equal(plain.statusCode, 200);
  assert.doesNotMatch(plain.headers['set-cookie'].join(';'), /Secure/);
});

test('profile 1: Basic over ws with the identity as username', async () => {
  await expectOpen(connect(`${csms.endpoint}/CP-1`, { username: 'CP-1', password: KEY_1 }));
  const wrong = await expectRefused(connect(`${csms.endpoint}/CP-1`, { username: 'CP-1', password: 'not-the-key-at-all' }), 401);
  assert.match(wrong.headers['www-authenticate'], /^Basic/);
  await expectRefused(connect(`${csms.endpoint}/CP-1`), 401);
  await expectRefused(connect(`${csms.endpoint}/CP-1`, { username: 'CP-2', password: KEY_1 }), 401);
  await expectRefused(connect(`${csms.tlsEndpoint}/CP-1`, { username: 'CP-1', password: KEY_1 }), 403);
});

test('profile 2: TLS and Basic; the same password over plain ws is a refused downgrade', async () => {
  await expectOpen(connect(`${csms.tlsEndpoint}/CP-2`, { username: 'CP-2', password: KEY_2 }));
  await expectRefused(connect(`${csms.endpoint}/CP-2`, { username: 'CP-2', password: KEY_2 }), 403);
  await expectRefused(connect(`${csms.tlsEndpoint}/CP-2`, { username: 'CP-2', password: KEY_1 }), 401);
});

test('profile 3: a client certificate that chains to the CA and names the charger', async () => {
  const own = { cert: pki.read('charger-CP-3.pem'), key: pki.read('charger-CP-3.key') };
  await expectOpen(connect(`${csms.tlsEndpoint}/CP-3`, own));
  // Another charger's valid certificate: a hijack attempt.
  await expectRefused(connect(`${csms.tlsEndpoint}/CP-3`, {
    cert: pki.read('charger-CP-OTHER.pem'), key: pki.read('charger-CP-OTHER.key') }), 403);
  await expectRefused(connect(`${csms.tlsEndpoint}/CP-3`), 401);
  await expectRefused(connect(`${csms.tlsEndpoint}/CP-3`, { username: 'CP-3', password: KEY_2 }), 401);
  await expectRefused(connect(`${csms.endpoint}/CP-3`), 403);
  // A certificate of another CA, or an expired one, fails the TLS handshake itself.
  for (const [cert, key] of [[otherPki.read('charger-CP-3.pem'), otherPki.read('charger-CP-3.key')],
                             [pki.read('expired-CP-3.pem'), pki.read('expired-CP-3.key')]]) {
    const result = await connect(`${csms.tlsEndpoint}/CP-3`, { cert, key });
    assert.ok(result.error, `expected a TLS failure, got ${result.status ?? 'an open socket'}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.match(csms.log(), /client certificate does not verify/, 'refused certificates are logged as warnings');
});

test('profile 0 is refused unless allowed, and unknown identities get 404', async () => {
  await expectRefused(connect(`${csms.endpoint}/CP-0`), 403);
  await expectRefused(connect(`${csms.endpoint}/NOBODY`, { username: 'NOBODY', password: KEY_1 }), 404);
});

test('an unauthenticated second connection does not displace the charger', async () => {
  const charger = new RPCClient({ endpoint: csms.endpoint, identity: 'CP-1', password: KEY_1, protocols: ['ocpp1.6'],
                                  strictMode: true, reconnect: false });
  await charger.connect();
  let closed = false;
  charger.on('close', () => { closed = true; });
  await expectRefused(connect(`${csms.endpoint}/CP-1`, { username: 'CP-1', password: 'guessing-the-key-1' }), 401);
  const boot = await charger.call('BootNotification', { chargePointVendor: 'ParkGrid', chargePointModel: 'E2E' });
  assert.ok(['Pending', 'Accepted'].includes(boot.status));
  assert.equal(closed, false);
  await charger.close();
  const security = await csms.api('GET', '/api/v1/chargers/CP-1/security');
  assert.equal(security.status, 200);
  assert.equal(security.body.securityProfile, 1);
  assert.ok(security.body.authenticationFailures.total >= 1);
  assert.ok(!JSON.stringify(security.body).includes('guessing-the-key-1'), 'no password in the API');
  assert.ok(!csms.log().includes('guessing-the-key-1') && !csms.log().includes(KEY_1), 'no password in the log');
});

test('rotation: a new AuthorizationKey is used once the charger accepts it, and the old one is refused', async () => {
  let received;
  const charger = new RPCClient({ endpoint: csms.endpoint, identity: 'CP-1', password: KEY_1, protocols: ['ocpp1.6'],
                                  strictMode: true, reconnect: false });
  charger.handle('ChangeConfiguration', ({ params }) => {
    received = params;
    return { status: 'Accepted' };
  });
  await charger.connect();
  const rotated = await csms.api('POST', '/api/v1/chargers/CP-1/authorization-key');
  assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
  assert.equal(received.key, 'AuthorizationKey');
  assert.match(received.value, /^[0-9a-f]{40}$/);
  await charger.close();
  await expectRefused(connect(`${csms.endpoint}/CP-1`, { username: 'CP-1', password: KEY_1 }), 401);
  await expectOpen(connect(`${csms.endpoint}/CP-1`, { username: 'CP-1', password: received.value }));
  const log = await csms.api('GET', '/api/v1/chargers/CP-1/commands');
  assert.ok(!JSON.stringify(log.body).includes(received.value), 'the key is not in the command log');
  assert.ok(!csms.log().includes(received.value), 'the key is not in the server log, even at debug level');
  // Set through a raw command, ParkGrid would not know the key: refused.
  const raw = await csms.api('POST', '/api/v1/chargers/CP-1/commands/ChangeConfiguration',
                             { key: 'AuthorizationKey', value: KEY_1 });
  assert.equal(raw.status, 422);
});

test('a rejected rotation keeps the current key', async () => {
  const charger = new RPCClient({ endpoint: csms.tlsEndpoint, identity: 'CP-2', password: KEY_2, protocols: ['ocpp1.6'],
                                  strictMode: true, reconnect: false, wsOpts: { ca: pki.read('ca.pem') } });
  charger.handle('ChangeConfiguration', () => ({ status: 'Rejected' }));
  await charger.connect();
  const rotated = await csms.api('POST', '/api/v1/chargers/CP-2/authorization-key');
  assert.equal(rotated.status, 409);
  await charger.close();
  await expectOpen(connect(`${csms.tlsEndpoint}/CP-2`, { username: 'CP-2', password: KEY_2 }));
});

test('authorization keys must follow the whitepaper rules', async () => {
  for (const key of ['too-short', 'x'.repeat(21), 'has space in it 123', 'abc']) {
    const result = await csms.api('PUT', '/api/v1/chargers/CP-1/security', { securityProfile: 1, authorizationKey: key });
    assert.equal(result.status, 422, key);
    assert.equal(result.body.field, 'authorizationKey');
  }
});

test('repeated failures are throttled per identity, then even the right key waits', async () => {
  await register('CP-T', 1, KEY_1);
  for (let i = 0; i < 8; ++i) {
    await expectRefused(connect(`${csms.endpoint}/CP-T`, { username: 'CP-T', password: `wrong-password-${i}xx` }), 401);
  }
  await expectRefused(connect(`${csms.endpoint}/CP-T`, { username: 'CP-T', password: KEY_1 }), 429);
});
