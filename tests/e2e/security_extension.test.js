'use strict';
// The charger-initiated side of the OCPP 1.6 security extension, driven by ocpp-rpc in strictMode (every
// message both ways is validated against the official schemas): SecurityEventNotification, SignCertificate
// answered by CertificateSigned from ParkGrid's own CA, and GetLog / SignedUpdateFirmware started through the
// API and followed through LogStatusNotification / SignedFirmwareStatusNotification by requestId. The charger
// connects over wss:// with security profile 2 (TLS and its AuthorizationKey).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { RPCClient } = require('ocpp-rpc');
const { startCsms } = require('./csms');

const IDENTITY = 'E2E-SEC';
// Security profile 2 over wss://: the server certificate comes from certs/make-dev-pki.sh.
const AUTHORIZATION_KEY = 'e2e-security-key-20';
const PKI_SCRIPT = path.join(__dirname, '..', '..', 'certs', 'make-dev-pki.sh');

let csms;
let pki;

// A charger CA and a charger key with its CSR, made with the openssl command (node's crypto makes no CSRs).
function makePki() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parkgrid-e2e-pki-'));
  const file = (name) => path.join(dir, name);
  const openssl = (...args) => execFileSync('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', file('ca.key'),
          '-out', file('ca.pem'), '-subj', '/CN=E2E Charger CA', '-days', '2',
          '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
  openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout',
          file('charger.key'), '-out', file('charger.csr'), '-subj', `/CN=${IDENTITY}/O=E2E Ministry`);
  execFileSync('sh', [PKI_SCRIPT, '--out', file('server')], { stdio: 'pipe' });
  return {
    dir,
    serverFile: (name) => file(path.join('server', name)),
    caFile: file('ca.pem'),
    caKeyFile: file('ca.key'),
    caPem: fs.readFileSync(file('ca.pem'), 'utf8'),
    chargerKey: crypto.createPrivateKey(fs.readFileSync(file('charger.key'))),
    csr: fs.readFileSync(file('charger.csr'), 'utf8'),
  };
}

function charger(identity) {
  return new RPCClient({ endpoint: csms.tlsEndpoint, identity, password: AUTHORIZATION_KEY, protocols: ['ocpp1.6'],
                         strictMode: true, reconnect: false, wsOpts: { ca: fs.readFileSync(pki.serverFile('ca.pem')) } });
}

// Resolves with the params of the next CALL of `action` the charger receives, answering it with `answer`.
function nextCall(cp, action, answer) {
  return new Promise((resolve) => {
    cp.handle(action, ({ params }) => {
      resolve(params);
      return answer;
    });
  });
}

async function waitFor(read, done, what) {
  let last;
  for (let i = 0; i < 100; i++) {
    last = await read();
    if (done(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.fail(`${what} never happened: ${JSON.stringify(last)}`);
}

before(async () => {
  pki = makePki();
  csms = await startCsms(['--charger-ca-cert', pki.caFile, '--charger-ca-key', pki.caKeyFile,
                          '--allow-security-profile-0', 'false', '--tls-listen', '127.0.0.1:0',
                          '--tls-cert', pki.serverFile('server-ecdsa.pem'), '--tls-key', pki.serverFile('server-ecdsa.key')]);
});
after(async () => {
  await csms.stop();
  fs.rmSync(pki.dir, { recursive: true, force: true });
});

test('a strict charger uses the security extension end to end', async () => {
  assert.equal((await csms.api('POST', '/api/v1/chargers', { id: IDENTITY })).status, 201);
  const security = { securityProfile: 2, authorizationKey: AUTHORIZATION_KEY };
  assert.equal((await csms.api('PUT', `/api/v1/chargers/${IDENTITY}/security`, security)).status, 200);
  const cp = charger(IDENTITY);
  const certificateSigned = nextCall(cp, 'CertificateSigned', { status: 'Accepted' });
  const getLog = nextCall(cp, 'GetLog', { status: 'Accepted', filename: 'security.log' });
  const signedUpdate = nextCall(cp, 'SignedUpdateFirmware', { status: 'Accepted' });
  await cp.connect();
  assert.equal((await cp.call('BootNotification', { chargePointVendor: 'E2E', chargePointModel: 'Secure' })).status,
               'Accepted');

  // Security events: always confirmed with an empty object; critical ones are flagged.
  assert.deepEqual(await cp.call('SecurityEventNotification', {
    type: 'TamperDetectionActivated', timestamp: new Date().toISOString(), techInfo: 'cabinet door opened',
  }), {});
  assert.deepEqual(await cp.call('SecurityEventNotification', { type: 'InvalidMessages', timestamp: new Date().toISOString() }), {});
  const critical = await csms.api('GET', `/api/v1/chargers/${IDENTITY}/security-events?critical=true`);
  assert.equal(critical.body.total, 1);
  assert.equal(critical.body.items[0].type, 'TamperDetectionActivated');

  // SignCertificate → CertificateSigned with a chain that verifies against the CA.
  assert.deepEqual(await cp.call('SignCertificate', { csr: pki.csr }), { status: 'Accepted' });
  const { certificateChain } = await certificateSigned;
  const pems = certificateChain.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g);
  assert.equal(pems.length, 2);
  const leaf = new crypto.X509Certificate(pems[0]);
  const ca = new crypto.X509Certificate(pki.caPem);
  assert.ok(leaf.checkIssued(ca));
  assert.ok(leaf.verify(ca.publicKey));
  assert.match(leaf.subject, new RegExp(`CN=${IDENTITY}`));
  assert.equal(leaf.publicKey.export({ type: 'spki', format: 'pem' }),
               crypto.createPublicKey(pki.chargerKey).export({ type: 'spki', format: 'pem' }));
  await waitFor(() => csms.api('GET', `/api/v1/certificate-requests?chargerId=${IDENTITY}`),
                (r) => r.body.items[0]?.status === 'accepted', 'the certificate request to be accepted');

  // GetLog through the API, uploaded to ParkGrid, followed by requestId.
  const logRequest = await csms.api('POST', `/api/v1/chargers/${IDENTITY}/logs`, { logType: 'SecurityLog' });
  assert.equal(logRequest.status, 201, JSON.stringify(logRequest.body));
  const logParams = await getLog;
  assert.equal(logParams.requestId, logRequest.body.id);
  await cp.call('LogStatusNotification', { status: 'Uploading', requestId: logParams.requestId });
  const location = new URL(logParams.log.remoteLocation);
  const credentials = Buffer.from(`${decodeURIComponent(location.username)}:${decodeURIComponent(location.password)}`)
    .toString('base64');
  location.username = '';
  location.password = '';
  const uploaded = await fetch(`${location}/security.log`, {
    method: 'PUT', headers: { Authorization: `Basic ${credentials}` }, body: 'tamper 2026-11-25T02:00:00Z\n',
  });
  assert.equal(uploaded.status, 201);
  await cp.call('LogStatusNotification', { status: 'Uploaded', requestId: logParams.requestId });
  const logs = await csms.api('GET', `/api/v1/chargers/${IDENTITY}/logs`);
  assert.equal(logs.body.items[0].status, 'Uploaded');
  assert.equal(logs.body.items[0].file.bytes, 28);

  // SignedUpdateFirmware through the API, followed by requestId.
  const update = await csms.api('POST', `/api/v1/chargers/${IDENTITY}/signed-firmware-updates`, {
    location: 'https://fw.example.org/secure-2.0.bin', signingCertificate: pki.caPem, signature: 'c2lnbmF0dXJl',
  });
  assert.equal(update.status, 201, JSON.stringify(update.body));
  const updateParams = await signedUpdate;
  assert.equal(updateParams.requestId, update.body.id);
  for (const status of ['Downloading', 'Downloaded', 'SignatureVerified', 'Installing', 'Installed']) {
    assert.deepEqual(await cp.call('SignedFirmwareStatusNotification', { status, requestId: updateParams.requestId }), {});
  }
  const updates = await csms.api('GET', `/api/v1/chargers/${IDENTITY}/signed-firmware-updates`);
  assert.equal(updates.body.items[0].status, 'Installed');
  assert.ok(updates.body.items[0].finishedAt);
  await cp.close();
});
