'use strict';
// Every call a central system can make, sent through ParkGrid's command API to an ocpp-rpc charger in
// strictMode: ocpp-rpc validates each request ParkGrid sends against the official OCPP 1.6 schemas
// (security extension included) before the handler sees it, and rejects it with a CALLERROR otherwise.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { RPCClient } = require('ocpp-rpc');
const { startCsms } = require('./csms');

const CERTIFICATE = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2l0cnVzIGV4YW1wbGU=\n-----END CERTIFICATE-----';

// Request sent through the API, and the answer the charger gives.
const CALLS = {
  CancelReservation: [{ reservationId: 7 }, { status: 'Accepted' }],
  CertificateSigned: [{ certificateChain: CERTIFICATE }, { status: 'Accepted' }],
  ChangeAvailability: [{ connectorId: 0, type: 'Inoperative' }, { status: 'Scheduled' }],
  ChangeConfiguration: [{ key: 'MeterValueSampleInterval', value: '30' }, { status: 'RebootRequired' }],
  ClearCache: [{}, { status: 'Accepted' }],
  ClearChargingProfile: [{ id: 3 }, { status: 'Unknown' }],
  DataTransfer: [{ vendorId: 'cn.parkgrid', messageId: 'soc', data: '{"soc":80}' }, { status: 'Accepted', data: 'ok' }],
  DeleteCertificate: [{ certificateHashData: { hashAlgorithm: 'SHA256', issuerNameHash: 'ab12', issuerKeyHash: 'cd34', serialNumber: '01' } }, { status: 'NotFound' }],
  ExtendedTriggerMessage: [{ requestedMessage: 'SignChargePointCertificate' }, { status: 'Accepted' }],
  GetCompositeSchedule: [{ connectorId: 1, duration: 86400, chargingRateUnit: 'A' },
    { status: 'Accepted', connectorId: 1, scheduleStart: '2026-11-25T16:00:00Z',
      chargingSchedule: { duration: 86400, chargingRateUnit: 'A', minChargingRate: 6.1,
        chargingSchedulePeriod: [{ startPeriod: 0, limit: 7.3 }, { startPeriod: 3600, limit: 16.1, numberPhases: 1 }] } }],
  GetConfiguration: [{ key: ['HeartbeatInterval', 'NoSuchKey'] },
    { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }], unknownKey: ['NoSuchKey'] }],
  GetDiagnostics: [{ location: 'ftp://diag.example.org/upload/', startTime: '2026-11-24T00:00:00Z', retries: 2, retryInterval: 60 }, { fileName: 'diag-2026-11-25.zip' }],
  GetInstalledCertificateIds: [{ certificateType: 'CentralSystemRootCertificate' },
    { status: 'Accepted', certificateHashData: [{ hashAlgorithm: 'SHA256', issuerNameHash: 'ab', issuerKeyHash: 'cd', serialNumber: '02' }] }],
  GetLocalListVersion: [{}, { listVersion: 5 }],
  GetLog: [{ logType: 'DiagnosticsLog', requestId: 11, retries: 1, log: { remoteLocation: 'https://logs.example.org/in', oldestTimestamp: '2026-11-20T00:00:00Z' } }, { status: 'Accepted', filename: 'diag.log' }],
  InstallCertificate: [{ certificateType: 'ManufacturerRootCertificate', certificate: CERTIFICATE }, { status: 'Accepted' }],
  RemoteStartTransaction: [{ connectorId: 1, idTag: 'FLEET-CAR-9',
    chargingProfile: { chargingProfileId: 9, stackLevel: 0, chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative',
      chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 10.5 }] } } }, { status: 'Rejected' }],
  RemoteStopTransaction: [{ transactionId: 42 }, { status: 'Rejected' }],
  ReserveNow: [{ connectorId: 0, expiryDate: '2030-01-01T00:00:00Z', idTag: 'FLEET-CAR-9', parentIdTag: 'FLEET', reservationId: 3 }, { status: 'Occupied' }],
  Reset: [{ type: 'Hard' }, { status: 'Accepted' }],
  SendLocalList: [{ listVersion: 6, updateType: 'Differential',
    localAuthorizationList: [{ idTag: 'A', idTagInfo: { status: 'Accepted', expiryDate: '2030-01-01T00:00:00Z', parentIdTag: 'FLEET' } }, { idTag: 'B' }] },
    { status: 'VersionMismatch' }],
  SetChargingProfile: [{ connectorId: 0, csChargingProfiles: { chargingProfileId: 1, stackLevel: 1, chargingProfilePurpose: 'ChargePointMaxProfile',
    chargingProfileKind: 'Recurring', recurrencyKind: 'Daily', validFrom: '2026-11-25T00:00:00Z',
    chargingSchedule: { duration: 86400, startSchedule: '2026-11-25T16:00:00Z', chargingRateUnit: 'W', minChargingRate: 1380.1,
      chargingSchedulePeriod: [{ startPeriod: 0, limit: 22000.0 }, { startPeriod: 28800, limit: 11000.3, numberPhases: 3 }] } } }, { status: 'Accepted' }],
  SignedUpdateFirmware: [{ retries: 1, requestId: 5, firmware: { location: 'https://fw.example.org/2.1.bin', retrieveDateTime: '2026-11-26T02:00:00Z',
    signingCertificate: CERTIFICATE, signature: 'c2lnbmF0dXJl' } }, { status: 'Accepted' }],
  TriggerMessage: [{ requestedMessage: 'MeterValues', connectorId: 1 }, { status: 'NotImplemented' }],
  UnlockConnector: [{ connectorId: 1 }, { status: 'UnlockFailed' }],
  UpdateFirmware: [{ location: 'https://fw.example.org/2.1.bin', retrieveDate: '2026-11-26T02:00:00Z', retries: 3, retryInterval: 300 }, {}],
};

let csms;
before(async () => { csms = await startCsms(); });
after(async () => { await csms.stop(); });

test('every central-system call reaches a strict ocpp-rpc charger valid, and its answer comes back', async () => {
  assert.equal((await csms.api('POST', '/api/v1/chargers', { id: 'E2E-STRICT' })).status, 201);
  const received = {};
  const cp = new RPCClient({ endpoint: csms.endpoint, identity: 'E2E-STRICT', protocols: ['ocpp1.6'], strictMode: true, reconnect: false });
  for (const [action, [, answer]] of Object.entries(CALLS)) {
    cp.handle(action, ({ params }) => {
      (received[action] ||= []).push(params);
      return answer;
    });
  }
  await cp.connect();
  assert.equal((await cp.call('BootNotification', { chargePointVendor: 'E2E', chargePointModel: 'Strict' })).status, 'Accepted');

  for (const [action, [request, answer]] of Object.entries(CALLS)) {
    const response = await csms.api('POST', `/api/v1/chargers/E2E-STRICT/commands/${action}`, request);
    assert.equal(response.status, 200, `${action}: ${JSON.stringify(response.body)}`);
    assert.deepEqual(response.body, answer, action);
    assert.deepEqual(received[action].at(-1), request, action);
  }
  await cp.close();
});

test('ParkGrid\'s own calls after boot pass strict validation too', async () => {
  assert.equal((await csms.api('POST', '/api/v1/id-tags', { idTag: 'LIST-TAG', status: 'Accepted' })).status, 201);
  assert.equal((await csms.api('POST', '/api/v1/desired-configuration', { key: 'MeterValueSampleInterval', value: '15' })).status, 201);
  assert.equal((await csms.api('POST', '/api/v1/chargers', { id: 'E2E-AUTO' })).status, 201);
  const cp = new RPCClient({ endpoint: csms.endpoint, identity: 'E2E-AUTO', protocols: ['ocpp1.6'], strictMode: true, reconnect: false });
  const seen = [];
  let listSent;
  const list = new Promise((resolve) => { listSent = resolve; });
  cp.handle('GetConfiguration', () => { seen.push('GetConfiguration'); return { configurationKey: [{ key: 'MeterValueSampleInterval', readonly: false, value: '60' }] }; });
  let changed;
  const change = new Promise((resolve) => { changed = resolve; });
  cp.handle('ChangeConfiguration', ({ params }) => { changed(`${params.key}=${params.value}`); return { status: 'Accepted' }; });
  cp.handle('GetLocalListVersion', () => { seen.push('GetLocalListVersion'); return { listVersion: 0 }; });
  cp.handle('SendLocalList', ({ params }) => { listSent(params); return { status: 'Accepted' }; });
  await cp.connect();
  await cp.call('BootNotification', { chargePointVendor: 'E2E', chargePointModel: 'Auto' });
  // Configuration and local list are reconciled independently, in either order.
  const [sent, configured] = await Promise.all([list, change]);
  assert.equal(sent.updateType, 'Full');
  assert.ok(sent.localAuthorizationList.some((entry) => entry.idTag === 'LIST-TAG'));
  assert.ok(seen.includes('GetConfiguration'));
  assert.equal(configured, 'MeterValueSampleInterval=15');
  await cp.close();
});

test('remote start returns the id of the transaction the charger then starts', async () => {
  assert.equal((await csms.api('POST', '/api/v1/chargers', { id: 'E2E-REMOTE' })).status, 201);
  assert.equal((await csms.api('POST', '/api/v1/id-tags', { idTag: 'REMOTE-TAG', status: 'Accepted' })).status, 201);
  const cp = new RPCClient({ endpoint: csms.endpoint, identity: 'E2E-REMOTE', protocols: ['ocpp1.6'], strictMode: true, reconnect: false });
  let started;
  cp.handle('RemoteStartTransaction', ({ params }) => {
    // Like a charger: accept, then start the transaction for that tag a moment later.
    setTimeout(async () => {
      started = await cp.call('StartTransaction', { connectorId: params.connectorId ?? 1, idTag: params.idTag, meterStart: 100,
                                                    timestamp: new Date().toISOString() });
    }, 50);
    return { status: 'Accepted' };
  });
  await cp.connect();
  await cp.call('BootNotification', { chargePointVendor: 'E2E', chargePointModel: 'Remote' });
  const response = await csms.api('POST', '/api/v1/chargers/E2E-REMOTE/remote-start', { connectorId: 2, idTag: 'REMOTE-TAG' });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  for (let i = 0; i < 50 && !started; i++) await new Promise((resolve) => setTimeout(resolve, 20));
  assert.equal(response.body.transactionId, started.transactionId);
  await cp.close();
});
