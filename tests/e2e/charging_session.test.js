'use strict';
// Complete charging sessions driven by ocpp-rpc in strictMode: every CALLRESULT and every CALL ParkGrid
// sends is validated against the official OCPP 1.6 JSON schemas by code ParkGrid did not write.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { RPCClient } = require('ocpp-rpc');
const { startCsms } = require('./csms');

let csms;
before(async () => { csms = await startCsms(); });
after(async () => { await csms.stop(); });

function charger(identity) {
  return new RPCClient({
    endpoint: csms.endpoint,
    identity,
    protocols: ['ocpp1.6'],
    strictMode: true,
    reconnect: false,
  });
}

test('a registered charger runs a complete charging session', async () => {
  assert.equal((await csms.api('POST', '/api/v1/chargers', { id: 'E2E-CP-1' })).status, 201);
  assert.equal((await csms.api('POST', '/api/v1/id-tags', { idTag: 'FLEET-CAR-1', status: 'Accepted' })).status, 201);

  const cp = charger('E2E-CP-1');
  await cp.connect();
  assert.equal(cp.protocol, 'ocpp1.6');

  const boot = await cp.call('BootNotification', {
    chargePointVendor: 'E2E', chargePointModel: 'AC-7', chargePointSerialNumber: 'SN-1', firmwareVersion: '1.0',
  });
  assert.equal(boot.status, 'Accepted');
  assert.equal(boot.interval, 300);

  await cp.call('StatusNotification', { connectorId: 0, errorCode: 'NoError', status: 'Available' });
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing' });
  const auth = await cp.call('Authorize', { idTag: 'FLEET-CAR-1' });
  assert.equal(auth.idTagInfo.status, 'Accepted');

  const start = await cp.call('StartTransaction', {
    connectorId: 1, idTag: 'FLEET-CAR-1', meterStart: 12000, timestamp: '2026-11-25T20:00:00.000Z',
  });
  assert.equal(start.idTagInfo.status, 'Accepted');
  assert.ok(Number.isInteger(start.transactionId) && start.transactionId > 0);
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });

  for (let i = 1; i <= 3; i++) {
    await cp.call('MeterValues', {
      connectorId: 1,
      transactionId: start.transactionId,
      meterValue: [{
        timestamp: `2026-11-25T20:${String(i * 15).padStart(2, '0')}:00Z`,
        sampledValue: [
          { value: (12 + i * 1.75).toFixed(3), measurand: 'Energy.Active.Import.Register', unit: 'kWh', context: 'Sample.Periodic' },
          { value: '7000', measurand: 'Power.Active.Import', unit: 'W' },
          { value: '32.0', measurand: 'Current.Import', unit: 'A', phase: 'L1' },
          { value: String(40 + i * 10), measurand: 'SoC', unit: 'Percent', location: 'EV' },
        ],
      }],
    });
  }
  const heartbeat = await cp.call('Heartbeat', {});
  assert.ok(!Number.isNaN(Date.parse(heartbeat.currentTime)));

  const stop = await cp.call('StopTransaction', {
    transactionId: start.transactionId, idTag: 'FLEET-CAR-1', meterStop: 19000,
    timestamp: '2026-11-25T21:00:00Z', reason: 'EVDisconnected',
    transactionData: [{ timestamp: '2026-11-25T21:00:00Z',
                        sampledValue: [{ value: '19000', context: 'Transaction.End', unit: 'Wh' }] }],
  });
  assert.equal(stop.idTagInfo.status, 'Accepted');
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
  await cp.close();

  const stored = await csms.api('GET', `/api/v1/transactions/${start.transactionId}`);
  assert.equal(stored.status, 200);
  assert.equal(stored.body.energyWh, 7000);
  assert.equal(stored.body.stopReason, 'EVDisconnected');
  assert.equal(stored.body.meterValues.length, 4);
  assert.equal(stored.body.meterValues[0].sampledValue[0].normalizedValue, 13750);
  assert.deepEqual(stored.body.anomalies, []);

  const detail = await csms.api('GET', '/api/v1/chargers/E2E-CP-1');
  assert.equal(detail.body.bootInfo.chargePointSerialNumber, 'SN-1');
  assert.equal(detail.body.connectors.find((c) => c.connectorId === 1).status, 'Available');
});

test('a new charger waits as Pending, is approved, and is asked to boot again', async () => {
  const cp = charger('E2E-NEW');
  let triggered;
  const trigger = new Promise((resolve) => { triggered = resolve; });
  cp.handle('TriggerMessage', ({ params }) => {
    triggered(params);
    return { status: 'Accepted' };
  });
  await cp.connect();
  const pending = await cp.call('BootNotification', { chargePointVendor: 'E2E', chargePointModel: 'DC-60' });
  assert.equal(pending.status, 'Pending');
  await assert.rejects(cp.call('Heartbeat', {}), (error) => error.rpcErrorCode === 'SecurityError');

  const approved = await csms.api('PATCH', '/api/v1/chargers/E2E-NEW', { registrationStatus: 'Accepted' });
  assert.equal(approved.status, 200);
  assert.deepEqual(await trigger, { requestedMessage: 'BootNotification' });
  const accepted = await cp.call('BootNotification', { chargePointVendor: 'E2E', chargePointModel: 'DC-60' });
  assert.equal(accepted.status, 'Accepted');
  await cp.close();
});

test('odd but valid charger behaviour gets schema-valid answers', async () => {
  assert.equal((await csms.api('POST', '/api/v1/chargers', { id: 'E2E-ODD' })).status, 201);
  const cp = charger('E2E-ODD');
  await cp.connect();
  await cp.call('BootNotification', { chargePointVendor: 'E2E', chargePointModel: 'AC-7' });
  // A charger that never got a transaction id stops "-1"; an unknown tag starts offline.
  const unknownStop = await cp.call('StopTransaction', { transactionId: -1, meterStop: 10, timestamp: '2026-11-25T10:00:00+08:00' });
  assert.deepEqual(unknownStop, {});
  const offline = await cp.call('StartTransaction', { connectorId: 2, idTag: 'UNKNOWN', meterStart: 0, timestamp: '2026-11-25T10:00:00+08:00' });
  assert.equal(offline.idTagInfo.status, 'Invalid');
  const transfer = await cp.call('DataTransfer', { vendorId: 'cn.example', messageId: 'soc', data: '{"soc":50}' });
  assert.equal(transfer.status, 'UnknownVendorId');
  await cp.call('FirmwareStatusNotification', { status: 'Idle' });
  await cp.call('DiagnosticsStatusNotification', { status: 'Idle' });
  await cp.close();
});
