'use strict';
// Load management seen from chargers we did not write: strict ocpp-rpc clients (every SetChargingProfile is
// validated against the official OCPP 1.6 schema before the handler sees it) get the failsafe
// TxDefaultProfile and ChargePointMaxProfile at boot, and TxProfiles while charging whose limits never add
// up to more than their circuit allows, also when the building load jumps.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { RPCClient } = require('ocpp-rpc');
const { startCsms } = require('./csms');

const CODE = '11110000MB0000001Y';  // a valid unified social credit code
const LIMIT_A = 40;
const MARGIN_A = 2;

let csms;
let siteId;
let circuitId;
before(async () => {
  csms = await startCsms(['--load-period', '1']);
  const institution = await csms.api('POST', '/api/v1/institutions',
    { name: 'E2E Bureau', unifiedSocialCreditCode: CODE, type: 'state_organ' });
  assert.equal(institution.status, 201, JSON.stringify(institution.body));
  const site = await csms.api('POST', '/api/v1/sites', { institutionId: institution.body.id, name: 'E2E Garage' });
  assert.equal(site.status, 201);
  siteId = site.body.id;
  const circuit = await csms.api('POST', `/api/v1/sites/${siteId}/circuits`,
    { name: 'Grid connection', limitA: LIMIT_A, marginA: MARGIN_A });
  assert.equal(circuit.status, 201, JSON.stringify(circuit.body));
  circuitId = circuit.body.id;
});
after(async () => { await csms.stop(); });

async function postBuildingLoad(amps) {
  const posted = await csms.api('POST', `/api/v1/sites/${siteId}/building-load`,
    { timestamp: new Date().toISOString(), currentA: [amps, amps, amps] });
  assert.equal(posted.status, 201, JSON.stringify(posted.body));
}

// A strict charger placed on the circuit; records every profile it is sent, by purpose.
async function charger(id) {
  assert.equal((await csms.api('POST', '/api/v1/chargers', { id })).status, 201);
  const placed = await csms.api('PATCH', `/api/v1/chargers/${id}`,
    { siteId, circuitId, maxCurrentA: 32, phases: 3 });
  assert.equal(placed.status, 200, JSON.stringify(placed.body));
  const cp = new RPCClient({ endpoint: csms.endpoint, identity: id, protocols: ['ocpp1.6'], strictMode: true, reconnect: false });
  cp.profiles = { TxDefaultProfile: [], ChargePointMaxProfile: [], TxProfile: [] };
  cp.handle('SetChargingProfile', ({ params }) => {
    const profile = params.csChargingProfiles;
    cp.profiles[profile.chargingProfilePurpose].push({ connectorId: params.connectorId, profile,
      limit: profile.chargingSchedule.chargingSchedulePeriod[0].limit });
    return { status: 'Accepted' };
  });
  await cp.connect();
  assert.equal((await cp.call('BootNotification', { chargePointVendor: 'E2E', chargePointModel: 'Load' })).status, 'Accepted');
  return cp;
}

const latest = (cp, purpose) => cp.profiles[purpose].at(-1);

async function eventually(condition, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`timed out waiting for ${what}`);
}

async function start(cp, idTag) {
  assert.equal((await csms.api('POST', '/api/v1/id-tags', { idTag, status: 'Accepted' })).status, 201);
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing' });
  const started = await cp.call('StartTransaction', { connectorId: 1, idTag, meterStart: 0, timestamp: new Date().toISOString() });
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
  return started.transactionId;
}

test('strict chargers get the failsafe default, their maximum, and TxProfiles that fit the circuit', async () => {
  await postBuildingLoad(4);
  const a = await charger('E2E-LOAD-A');
  const b = await charger('E2E-LOAD-B');
  // (40 A - 2 A margin - 4 A building) shared by two chargers.
  await eventually(() => latest(a, 'TxDefaultProfile')?.limit === 17 && latest(b, 'TxDefaultProfile')?.limit === 17,
    'a failsafe share of 17 A on both');
  for (const cp of [a, b]) {
    const failsafe = latest(cp, 'TxDefaultProfile');
    assert.equal(failsafe.connectorId, 0);
    assert.equal(failsafe.profile.chargingSchedule.chargingRateUnit, 'A');
    await eventually(() => latest(cp, 'ChargePointMaxProfile')?.limit === 32, 'a ChargePointMaxProfile of 32 A');
  }

  const transactionA = await start(a, 'E2E-TAG-A');
  await start(b, 'E2E-TAG-B');
  const sum = () => (latest(a, 'TxProfile')?.limit ?? 0) + (latest(b, 'TxProfile')?.limit ?? 0);
  await eventually(() => latest(a, 'TxProfile') && latest(b, 'TxProfile') && sum() > 30, 'TxProfiles using the circuit');
  assert.ok(sum() <= LIMIT_A - MARGIN_A - 4 + 1e-9, `limits ${sum()} A exceed the circuit`);
  const txProfile = latest(a, 'TxProfile');
  assert.equal(txProfile.profile.transactionId, transactionA);
  assert.equal(txProfile.profile.chargingProfileKind, 'Relative');

  // The building takes 20 A more: both are lowered at once to what is left (14 A).
  const before = [a.profiles.TxProfile.length, b.profiles.TxProfile.length];
  await postBuildingLoad(24);
  await eventually(() => a.profiles.TxProfile.length > before[0] && b.profiles.TxProfile.length > before[1], 'corrected TxProfiles');
  assert.ok(sum() <= LIMIT_A - MARGIN_A - 24 + 1e-9, `limits ${sum()} A exceed the circuit after the spike`);
  for (const cp of [a, b]) {
    const limit = latest(cp, 'TxProfile').limit;
    assert.ok(limit === 0 || limit >= 6, `limit ${limit} A is between 0 and the 6 A minimum`);
  }

  const plan = await csms.api('GET', `/api/v1/sites/${siteId}/plan`);
  assert.equal(plan.status, 200);
  assert.equal(plan.body.connectors.length, 2);
  assert.deepEqual(plan.body.circuits[0].buildingA, [24, 24, 24]);
  await a.close();
  await b.close();
});
