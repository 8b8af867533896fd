'use strict';
// The charger list and a charger's page against the real csms and simulated chargers: live updates without
// reloading, approving a pending charger, commands with their confirmation and the charger's answer, remote
// start up to the new session, what each role sees, and screenshots of both pages with chargers in varied
// states.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { createRPCError } = require('ocpp-rpc');
const { startUi, eventually, VIEWPORTS } = require('./harness');

let ui;
let institutionA;
let siteA;
let siteA2;
const clients = [];

before(async () => {
  ui = await startUi(['--call-timeout', '6']); // a charger that does not answer fails within seconds
  await ui.createUser('ops.admin', 'admin', [], 'Ops Admin');
  institutionA = await ui.createInstitution('市机关事务管理局', 11);
  siteA = await ui.createSite(institutionA.id, '地下车库B1');
  siteA2 = await ui.createSite(institutionA.id, '东院停车场');
  await ui.createUser('fleet.a', 'fleet_admin', [institutionA.id], '李明');
  await ui.createUser('energy.a', 'energy_office', [institutionA.id], '吴芳');
});

after(async () => {
  for (const client of clients) await client.close({ force: true }).catch(() => {});
  await ui?.stop();
});

const now = () => new Date().toISOString();

// A page closed when the test ends, also when it fails: every open page holds an events stream, and
// chromium allows only a few connections to one server.
async function openPage(t, options) {
  const page = await ui.newPage(options);
  t.after(() => page.context().close().catch(() => {}));
  return page;
}

// Connects a simulated charger that accepts what it is asked; `handlers` answer differently. `calls` collects
// every CALL ParkGrid sends it, by action.
const ACCEPT = () => ({ status: 'Accepted' });
const CHARGER_DEFAULTS = {
  Reset: ACCEPT, TriggerMessage: ACCEPT, RemoteStartTransaction: ACCEPT, RemoteStopTransaction: ACCEPT,
  ChangeAvailability: ACCEPT, ChangeConfiguration: ACCEPT, SendLocalList: ACCEPT, SetChargingProfile: ACCEPT,
  ClearChargingProfile: ACCEPT, UnlockConnector: () => ({ status: 'Unlocked' }), GetLocalListVersion: () => ({ listVersion: 0 }),
  GetConfiguration: () => ({
    configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }, { key: 'NumberOfConnectors', readonly: true, value: '2' }],
    unknownKey: [],
  }),
};

async function connect(identity, handlers = {}) {
  const calls = {};
  const recorded = Object.fromEntries(
    Object.entries({ ...CHARGER_DEFAULTS, ...handlers }).map(([action, handler]) => [
      action,
      (params) => {
        (calls[action] ||= []).push(params);
        return handler(params);
      },
    ]),
  );
  const client = await ui.connectCharger(identity, recorded);
  clients.push(client);
  client.calls = calls;
  return client;
}

async function boot(client, { vendor = 'StarCharge', model = 'AC-7kW', firmware = '2.4.1', serial = null } = {}) {
  const answer = await client.call('BootNotification', {
    chargePointVendor: vendor, chargePointModel: model, firmwareVersion: firmware,
    ...(serial ? { chargePointSerialNumber: serial } : {}),
  });
  return answer.status;
}

function status(client, connectorId, state, errorCode = 'NoError') {
  return client.call('StatusNotification', { connectorId, errorCode, status: state, timestamp: now() });
}

function rowOf(page, chargerId) {
  return page.getByRole('row').filter({ has: page.getByRole('link', { name: chargerId, exact: true }) });
}

async function commandsSent(chargerId, action) {
  const log = await ui.csms.api('GET', `/api/v1/chargers/${encodeURIComponent(chargerId)}/commands?limit=100`);
  assert.equal(log.status, 200);
  return log.body.items.filter((command) => command.action === action);
}

test('screenshots: the list and a charger with chargers in varied states', async (t) => {
  await ui.registerCharger('CP-B1-01', siteA.id);
  await ui.registerCharger('CP-B1-02', siteA.id);
  await ui.registerCharger('CP-E-01', siteA2.id);
  const charging = await connect('CP-B1-01');
  await boot(charging, { serial: 'SC2024B1001' });
  await status(charging, 1, 'Charging');
  await status(charging, 2, 'Available');
  await ui.csms.api('PATCH', '/api/v1/chargers/CP-B1-01', { description: '地下车库B1 1号桩（公务车专用）', maxCurrentA: 32, phases: 3 });
  await ui.csms.api('POST', '/api/v1/id-tags', { idTag: 'GOV-CARD-01', status: 'Accepted', institutionId: institutionA.id });
  await charging.call('StartTransaction', { connectorId: 1, idTag: 'GOV-CARD-01', meterStart: 120000, timestamp: now() });

  const faulted = await connect('CP-B1-02');
  await boot(faulted, { vendor: 'TELD', model: 'DC-60kW', firmware: '1.9.0' });
  await status(faulted, 1, 'Faulted', 'GroundFailure');
  await status(faulted, 2, 'Available');
  await ui.registerCharger('CP-B1-03', siteA.id);
  await ui.csms.api('PATCH', '/api/v1/chargers/CP-B1-03', { description: '信号不稳定，待检修' });
  const east = await connect('CP-E-01');
  await boot(east, { vendor: 'XJ Electric', model: 'AC-11kW', firmware: '3.0.2' });
  await status(east, 1, 'SuspendedEV');
  const waiting = await connect('CP-NEW-77');
  assert.equal(await boot(waiting, { vendor: 'Unknown', model: 'AC-7kW' }), 'Pending');
  await ui.csms.api('PATCH', '/api/v1/chargers/CP-E-01', { description: '东院访客区' });

  const page = await openPage(t, { locale: 'zh-CN' });
  await ui.login(page, 'ops.admin');
  await page.goto(`${ui.base}/#/chargers`);
  await rowOf(page, 'CP-NEW-77').getByText('待审批').waitFor();
  await rowOf(page, 'CP-B1-02').getByText('故障', { exact: true }).waitFor();
  await page.mouse.move(0, 0); // no hover effect in the picture
  await ui.screenshot(page, 'chargers-desktop');

  const tablet = await openPage(t, { locale: 'zh-CN', viewport: VIEWPORTS.tablet });
  await ui.login(tablet, 'fleet.a');
  await tablet.goto(`${ui.base}/#/chargers`);
  await rowOf(tablet, 'CP-B1-02').getByText('故障', { exact: true }).waitFor();
  await tablet.mouse.move(0, 0);
  await ui.screenshot(tablet, 'chargers-tablet');

  await page.goto(`${ui.base}/#/chargers/CP-B1-01`);
  await page.getByRole('heading', { name: '充电桩 CP-B1-01', level: 1 }).waitFor();
  await page.getByRole('link', { name: /充电记录 #\d+/ }).waitFor();
  await page.getByRole('button', { name: '请求上报…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '请求' }).click();
  await page.locator('.charger-result').getByText('请求上报状态通知：充电桩已接受。').waitFor();
  await page.getByRole('tab', { name: '指令记录' }).click();
  await page.getByRole('tabpanel').getByText('请求上报').first().waitFor();
  await page.mouse.move(0, 0);
  await ui.screenshot(page, 'charger-detail-desktop');

  await tablet.goto(`${ui.base}/#/chargers/CP-B1-02?tab=history`);
  await tablet.getByRole('tabpanel').getByText('接地故障').first().waitFor();
  await tablet.mouse.move(0, 0);
  await ui.screenshot(tablet, 'charger-detail-tablet');
  ui.assertClean(page);
  ui.assertClean(tablet);
  for (const client of [charging, faulted, east, waiting]) await client.close();
});

test('the list follows a charger that connects, boots and changes status, without reloading', async (t) => {
  await ui.registerCharger('CP-LIVE-1', siteA.id);
  const page = await openPage(t);
  await ui.login(page, 'ops.admin');
  await page.goto(`${ui.base}/#/chargers?site=${siteA.id}`);
  const row = rowOf(page, 'CP-LIVE-1');
  await row.getByText('Offline').waitFor();
  await page.evaluate(() => { window.__marker = 1; });
  const address = page.url();

  const client = await connect('CP-LIVE-1');
  assert.equal(await boot(client, { firmware: '5.0.0' }), 'Accepted');
  await row.locator('td.col-online').getByText('Online').waitFor();
  await row.getByText('Firmware 5.0.0').waitFor();
  const connector = row.locator('li[data-connector="1"]');
  for (const state of ['Available', 'Charging', 'Faulted']) {
    await status(client, 1, state);
    await connector.getByText(state, { exact: true }).waitFor();
  }
  assert.equal(await page.evaluate(() => window.__marker), 1, 'the page was reloaded');
  assert.equal(page.url(), address);
  // Filtering by status is done in place and kept in the address.
  await page.getByLabel('Connector status').selectOption('Charging');
  await row.waitFor({ state: 'detached' });
  assert.match(page.url(), /status=Charging/);
  await status(client, 1, 'Charging');
  await row.waitFor();
  assert.equal(await page.evaluate(() => window.__marker), 1);
  await client.close();
  await row.locator('td.col-online').getByText('Offline').waitFor();
  assert.equal(await page.evaluate(() => window.__marker), 1);
  ui.assertClean(page);
});

test('the dashboard counts a charger that connects and faults, without reloading', async (t) => {
  await ui.registerCharger('CP-LIVE-2', siteA.id);
  const page = await openPage(t);
  await ui.login(page, 'ops.admin');
  await page.goto(`${ui.base}/#/?site=${siteA.id}`);
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  const card = (label) => page.locator('a.card').filter({ hasText: label }).locator('.value');
  await card('online of').waitFor();
  const onlineBefore = Number(await card('online of').textContent());
  const faultedBefore = Number(await card('connectors faulted').textContent());
  await page.evaluate(() => { window.__marker = 1; });

  const client = await connect('CP-LIVE-2');
  await boot(client);
  await eventually(async () => Number(await card('online of').textContent()) === onlineBefore + 1);
  await status(client, 1, 'Available');
  await status(client, 1, 'Charging');
  await status(client, 1, 'Faulted', 'HighTemperature');
  await eventually(async () => Number(await card('connectors faulted').textContent()) === faultedBefore + 1);
  await page.getByRole('link', { name: 'CP-LIVE-2 #1' }).waitFor();
  assert.equal(await page.evaluate(() => window.__marker), 1, 'the page was reloaded');
  await client.close();
  ui.assertClean(page);
});

test('an unknown charger boots as Pending, appears in the list, and the admin approves it', async (t) => {
  const page = await openPage(t);
  await ui.login(page, 'ops.admin');
  await page.goto(`${ui.base}/#/chargers?registration=Pending`);
  await page.getByRole('heading', { name: 'Chargers', level: 1 }).waitFor();
  await page.evaluate(() => { window.__marker = 1; });

  const client = await connect('CP-UNKNOWN-5');
  assert.equal(await boot(client, { vendor: 'Kehua', model: 'AC-7' }), 'Pending');
  const row = rowOf(page, 'CP-UNKNOWN-5');
  await row.getByText('Pending approval').waitFor();
  assert.equal(await page.evaluate(() => window.__marker), 1, 'the page was reloaded');

  // Cancelling the confirmation changes nothing.
  await row.getByRole('button', { name: 'Approve charger CP-UNKNOWN-5' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await ui.csms.api('GET', '/api/v1/chargers/CP-UNKNOWN-5')).body.registrationStatus, 'Pending');

  await row.getByRole('button', { name: 'Approve charger CP-UNKNOWN-5' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('ParkGrid asks it to register again').waitFor();
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await eventually(() => client.calls.TriggerMessage?.some((call) => call.requestedMessage === 'BootNotification'));
  assert.equal((await ui.csms.api('GET', '/api/v1/chargers/CP-UNKNOWN-5')).body.registrationStatus, 'Accepted');
  // Accepted now, so it leaves the Pending filter; the charger boots again and is accepted.
  await row.waitFor({ state: 'detached' });
  assert.equal(await boot(client, { vendor: 'Kehua', model: 'AC-7' }), 'Accepted');
  await page.getByLabel('Registration').selectOption('Accepted');
  await rowOf(page, 'CP-UNKNOWN-5').getByText('Online').waitFor();
  await client.close();
  ui.assertClean(page);
});

test('admins register a charger in the list', async (t) => {
  const page = await openPage(t);
  await ui.login(page, 'ops.admin');
  await page.goto(`${ui.base}/#/chargers`);
  await page.getByRole('button', { name: 'Register charger' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Register' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'Enter the charger’s identity.' }).waitFor();
  await dialog.getByLabel('Charger identity (OCPP)').fill('CP-REG-1');
  await dialog.getByLabel('Description').fill('Visitor bay');
  await dialog.getByLabel('Site').selectOption({ label: '东院停车场' });
  await dialog.getByRole('button', { name: 'Register' }).click();
  const row = rowOf(page, 'CP-REG-1');
  await row.getByText('东院停车场').waitFor();
  await row.getByText('Visitor bay').waitFor();
  const stored = await ui.csms.api('GET', '/api/v1/chargers/CP-REG-1');
  assert.equal(stored.body.siteId, siteA2.id);
  ui.assertClean(page);
});

test('reset asks first: cancelling sends nothing, confirming sends Reset and shows the answer', async (t) => {
  let answer = 'Accepted';
  await ui.registerCharger('CP-RESET-1', siteA.id);
  const client = await connect('CP-RESET-1', { Reset: () => ({ status: answer }) });
  await boot(client);
  await status(client, 1, 'Available');

  const page = await openPage(t);
  await ui.login(page, 'fleet.a');
  await page.goto(`${ui.base}/#/chargers/CP-RESET-1?tab=commands`);
  await page.getByRole('heading', { name: 'Charger CP-RESET-1', level: 1 }).waitFor();

  await page.getByRole('button', { name: 'Reset…' }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByText('Sessions in progress are stopped').waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  assert.equal(client.calls.Reset, undefined, 'a cancelled reset reached the charger');
  assert.equal((await commandsSent('CP-RESET-1', 'Reset')).length, 0);

  await page.getByRole('button', { name: 'Reset…' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Kind of reset').selectOption('Hard');
  await dialog.getByRole('button', { name: 'Reset', exact: true }).click();
  const result = page.locator('.charger-result');
  await result.getByText('Hard reset: the charger accepted.').waitFor();
  assert.deepEqual(client.calls.Reset, [{ type: 'Hard' }]);
  // The command log follows.
  const log = page.getByRole('tabpanel');
  await log.getByRole('row').filter({ hasText: 'type: Hard' }).getByText('Accepted', { exact: true }).waitFor();

  answer = 'Rejected';
  await page.getByRole('button', { name: 'Reset…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Reset', exact: true }).click();
  await result.getByText('Soft reset: the charger rejected it.').waitFor();
  assert.deepEqual(client.calls.Reset.at(-1), { type: 'Soft' });
  await log.getByRole('row').filter({ hasText: 'type: Soft' }).getByText('Rejected', { exact: true }).waitFor();

  // A charger that disconnects: the page says so and offers no command.
  await client.close();
  await page.getByText('The charger is offline, so it cannot be given commands').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Reset…' }).isDisabled(), true);
  ui.assertClean(page);
});

test('a charger’s error and its silence are shown in the user’s language', async (t) => {
  await ui.registerCharger('CP-ERR-1', siteA.id);
  const client = await connect('CP-ERR-1', {
    UnlockConnector: () => { throw createRPCError('InternalError', 'motor blocked'); },
    // Answers only after ParkGrid has given up waiting (--call-timeout 6).
    TriggerMessage: () => new Promise((resolve) => setTimeout(() => resolve({ status: 'Accepted' }), 9000)),
  });
  await boot(client);
  await status(client, 1, 'Available');
  const page = await openPage(t, { locale: 'zh-CN' });
  await ui.login(page, 'fleet.a');
  await page.goto(`${ui.base}/#/chargers/CP-ERR-1`);
  await page.getByRole('button', { name: '解锁1号充电枪' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '解锁' }).click();
  await page.locator('.charger-result').getByText('解锁1号充电枪失败：充电桩返回错误（motor blocked）。').waitFor();
  await page.getByRole('button', { name: '请求上报…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '请求' }).click();
  await page.locator('.charger-result').getByText('请求上报状态通知：正在发送给充电桩…').waitFor();
  await page.locator('.charger-result').getByText('请求上报状态通知失败：充电桩未在规定时间内应答。').waitFor({ timeout: 20000 });
  await new Promise((resolve) => setTimeout(resolve, 3000)); // the late answer, which ParkGrid ignores
  await client.close();
  // The 502 and 504 of the failed commands are logged by the browser; they are what this test provokes.
  page.problems = page.problems.filter((problem) => !/status of 50[24]/.test(problem));
  ui.assertClean(page);
});

test('remote start: the charger gets the id tag, starts the session itself, and the UI links to it', async (t) => {
  await ui.registerCharger('CP-START-1', siteA.id);
  await ui.csms.api('POST', '/api/v1/id-tags', { idTag: 'FLEET-CARD-7', status: 'Accepted', institutionId: institutionA.id });
  let client = null;
  client = await connect('CP-START-1', {
    RemoteStartTransaction: (params) => {
      // A real charger answers first, then starts the session on its own.
      setTimeout(async () => {
        await status(client, params.connectorId, 'Preparing');
        await client.call('StartTransaction', { connectorId: params.connectorId, idTag: params.idTag, meterStart: 5000, timestamp: now() });
        await status(client, params.connectorId, 'Charging');
      }, 300);
      return { status: 'Accepted' };
    },
  });
  await boot(client);
  await status(client, 1, 'Available');
  await status(client, 2, 'Available');

  const page = await openPage(t);
  await ui.login(page, 'fleet.a');
  await page.goto(`${ui.base}/#/chargers/CP-START-1`);
  await page.getByRole('button', { name: 'Start charging on connector 2' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Card (id tag)').fill('FLEET-CARD-7');
  assert.equal(await dialog.getByLabel('Connector').inputValue(), '2');
  await dialog.getByRole('button', { name: 'Start charging' }).click();

  const link = page.locator('.charger-result').getByRole('link', { name: /Open session #\d+/ });
  await link.waitFor({ timeout: 30000 });
  assert.deepEqual(client.calls.RemoteStartTransaction, [{ connectorId: 2, idTag: 'FLEET-CARD-7' }]);
  const open = await ui.csms.api('GET', '/api/v1/transactions?chargerId=CP-START-1&status=open');
  assert.equal(open.body.items.length, 1);
  const transactionId = open.body.items[0].id;
  assert.equal(await link.getAttribute('href'), `#/sessions/${transactionId}`);
  // The connector's card shows the session and offers to stop it.
  const card = page.getByRole('article', { name: 'Connector 2' });
  await card.getByRole('link', { name: `Charging session #${transactionId}` }).waitFor();
  await card.getByText('Charging', { exact: true }).waitFor();
  await card.getByRole('button', { name: 'Stop charging on connector 2' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Stop charging' }).click();
  await page.locator('.charger-result').getByText('Stop charging: the charger accepted.').waitFor();
  assert.deepEqual(client.calls.RemoteStopTransaction, [{ transactionId }]);
  await client.close();
  ui.assertClean(page);
});

test('a fleet admin sees only the chargers of their institution, in the list, the dashboard and by address', async (t) => {
  const mine = await ui.createInstitution('第二中学', 21);
  const other = await ui.createInstitution('第三医院', 22);
  const mySite = await ui.createSite(mine.id, '教学楼车库');
  const otherSite = await ui.createSite(other.id, '门诊车库');
  await ui.createUser('fleet.mine', 'fleet_admin', [mine.id], '张伟');
  await ui.registerCharger('CP-MINE-1', mySite.id);
  await ui.registerCharger('CP-MINE-2', mySite.id);
  await ui.registerCharger('CP-OTHER-1', otherSite.id);
  const mineOnline = await connect('CP-MINE-1');
  await boot(mineOnline);
  const otherOnline = await connect('CP-OTHER-1');
  await boot(otherOnline);
  await status(otherOnline, 1, 'Faulted', 'GroundFailure');

  const page = await openPage(t);
  await ui.login(page, 'fleet.mine');
  await page.goto(`${ui.base}/#/chargers`);
  await rowOf(page, 'CP-MINE-1').getByText('Online').waitFor();
  await rowOf(page, 'CP-MINE-2').getByText('Offline').waitFor();
  const listed = await page.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.dataset.charger));
  assert.deepEqual(listed, ['CP-MINE-1', 'CP-MINE-2']);
  await page.getByText('Showing 2 of 2 chargers').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Register charger' }).count(), 0);

  await page.goto(`${ui.base}/#/`);
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  const card = (label) => page.locator('a.card').filter({ hasText: label });
  await card('online of 2 chargers').locator('.value').getByText('1', { exact: true }).waitFor();
  assert.equal(await card('connectors faulted').locator('.value').textContent(), '0');

  await page.goto(`${ui.base}/#/chargers/CP-OTHER-1`);
  await page.getByRole('alert').getByText('Charger CP-OTHER-1 was not found, or it is not at one of your sites.').waitFor();
  await mineOnline.close();
  await otherOnline.close();
  ui.assertClean(page);
});

test('the energy office reads chargers but is offered no action', async (t) => {
  await ui.registerCharger('CP-READ-1', siteA.id);
  const client = await connect('CP-READ-1');
  await boot(client);
  await status(client, 1, 'Available');
  const page = await openPage(t);
  await ui.login(page, 'energy.a');
  await page.goto(`${ui.base}/#/chargers`);
  await rowOf(page, 'CP-READ-1').getByText('Online').waitFor();
  const main = page.locator('main');
  // Only the filters' own button: nothing that changes a charger.
  assert.deepEqual(await main.getByRole('button').allTextContents(), ['Clear filters'], 'buttons on the list');

  await page.goto(`${ui.base}/#/chargers/CP-READ-1`);
  await page.getByRole('heading', { name: 'Charger CP-READ-1', level: 1 }).waitFor();
  await page.getByRole('article', { name: 'Connector 1' }).getByText('Available').waitFor();
  await page.getByRole('tabpanel').getByRole('table').waitFor();
  for (const tab of ['Status history', 'Command log', 'Configuration', 'Connection log', 'Firmware and diagnostics']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.getByRole('tabpanel').locator('table, .empty').first().waitFor();
    assert.equal(await main.getByRole('button').count(), 0, `buttons on the ${tab} tab`);
  }
  assert.equal(await page.getByRole('tab', { name: 'Security' }).count(), 0);
  assert.equal(await page.getByRole('heading', { name: 'Actions' }).count(), 0);
  // The tab survives a reload.
  assert.match(page.url(), /tab=maintenance/);
  await page.reload();
  await page.getByRole('tab', { name: 'Firmware and diagnostics', selected: true }).waitFor();
  await client.close();
  ui.assertClean(page);
});
