'use strict';
// A fleet admin's day in one car park, across pages: the dashboard follows chargers and the site's load
// live, and a charge started from the charger page shows its meter values arriving in the session's chart,
// also those that arrive while the session page reloads.
// Also makes the dashboard screenshots (the README shows the desktop one).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startUi, eventually, VIEWPORTS } = require('./harness');

let ui;
let site;

async function call(method, path, body, expected) {
  const answer = await ui.csms.api(method, `/api/v1${path}`, body);
  assert.equal(answer.status, expected, `${method} ${path}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

// A charger that has booted and reports its connector, placed on the site's grid connection.
async function bootCharger(id, circuitId, status = 'Available', handlers = {}) {
  await call('PATCH', `/chargers/${id}`, { circuitId, maxCurrentA: 32, phases: 3 }, 200);
  const client = await ui.connectCharger(id, handlers);
  await client.call('BootNotification', { chargePointVendor: 'Kehua', chargePointModel: 'AC-7kW' });
  await client.call('StatusNotification', { connectorId: 1, errorCode: status === 'Faulted' ? 'GroundFailure' : 'NoError', status });
  return client;
}

const chartPoints = (page, selector) =>
  page.evaluate(async (chartSelector) => {
    const echarts = await import('/vendor/echarts.js');
    const chart = echarts.getInstanceByDom(document.querySelector(chartSelector));
    return chart ? chart.getOption().series.map((series) => series.data.length) : [];
  }, selector);

before(async () => {
  ui = await startUi(['--load-period', '2']);
  const institution = await ui.createInstitution('市机关事务管理局', 21);
  site = await ui.createSite(institution.id, '办公楼地下车库');
  await ui.createUser('fleet.zhao', 'fleet_admin', [institution.id], '赵磊');
  site.root = await call('POST', `/sites/${site.id}/circuits`, { name: '电网接入点', limitA: 100, phases: 3, marginA: 5 }, 201);
  await call('POST', `/sites/${site.id}/building-load`, { timestamp: new Date().toISOString(), currentA: [41, 38, 44] }, 201);
  await call('POST', '/id-tags', { idTag: 'GW-0001', status: 'Accepted', institutionId: institution.id }, 201);
  for (const id of ['B1-01', 'B1-02', 'B1-03', 'B1-04']) await ui.registerCharger(id, site.id);
});
after(async () => { await ui?.stop(); });

test('the dashboard follows the chargers and the load of a car park without reloading', async () => {
  const page = await ui.newPage({ locale: 'zh-CN' });
  await ui.login(page, 'fleet.zhao');
  await page.getByRole('heading', { name: '总览', level: 1 }).waitFor();
  await page.evaluate(() => { window.notReloaded = true; });
  const card = (label) => page.locator('.cards .card').filter({ hasText: label }).locator('.value');
  assert.equal(await card('在线').textContent(), '0');

  const first = await bootCharger('B1-01', site.root.id);
  await eventually(async () => (await card('在线').textContent()) === '1');
  const faulty = await bootCharger('B1-02', site.root.id, 'Faulted');
  await eventually(async () => (await card('故障').textContent()) === '1');
  await page.getByRole('link', { name: 'B1-02 #1' }).waitFor();

  await first.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
  await eventually(async () => (await card('正在充电').textContent()) === '1');
  await first.call('StartTransaction', { connectorId: 1, idTag: 'GW-0001', meterStart: 0, timestamp: new Date().toISOString() });

  // The scheduler runs every 2 s and the history keeps a point per 10 s; each run is appended live. The
  // meter gateway posts the building's load meanwhile, as it would.
  const chart = page.locator('.load-chart');
  const pointsNow = Number(await chart.getAttribute('data-points'));
  const buildingLoad = [52, 47, 58, 61, 55, 49, 63, 57, 44];
  for (const amperes of buildingLoad) {
    await call('POST', `/sites/${site.id}/building-load`, { timestamp: new Date().toISOString(), currentA: [amperes - 3, amperes - 6, amperes] }, 201);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  await eventually(async () => Number(await chart.getAttribute('data-points')) >= pointsNow + 4, { timeout: 30000 });
  await eventually(async () => /建筑 44 A/.test(await page.locator('.chart-summary').textContent()));
  assert.deepEqual((await chartPoints(page, '.load-chart .chart')).length, 3);
  await ui.screenshot(page, 'dashboard-desktop');
  await page.setViewportSize(VIEWPORTS.tablet);
  await ui.screenshot(page, 'dashboard-tablet');
  await page.setViewportSize(VIEWPORTS.desktop);

  await faulty.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
  await eventually(async () => (await card('故障').textContent()) === '0');
  assert.equal(await page.evaluate(() => window.notReloaded), true);
  ui.assertClean(page);
  await Promise.all([first.close(), faulty.close()]);
});

test('a charge started on the charger page shows its meter values arriving in the session chart', async () => {
  let client = null;
  let transactionId = null;
  client = await bootCharger('B1-03', site.root.id, 'Preparing', {
    RemoteStartTransaction: (params) => {
      // Like a real charger: accept, then start the session a moment later.
      setTimeout(async () => {
        const started = await client.call('StartTransaction', { connectorId: params.connectorId ?? 1, idTag: params.idTag, meterStart: 1000, timestamp: new Date().toISOString() });
        transactionId = started.transactionId;
        await client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
      }, 200);
      return { status: 'Accepted' };
    },
  });
  const page = await ui.newPage();
  await ui.login(page, 'fleet.zhao');
  await page.goto(`${ui.base}/#/chargers/B1-03`);
  await page.getByRole('button', { name: 'Start charging' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Card', { exact: false }).first().fill('GW-0001');
  await dialog.getByRole('button', { name: 'Start charging' }).click();
  const open = page.getByRole('link', { name: /Open session #\d+/ });
  await open.waitFor({ timeout: 30000 });
  // The page learns of the session from the server's event, which may come before this client has read
  // the StartTransaction answer that names it.
  await eventually(async () => transactionId !== null);
  await open.click();
  await page.getByRole('heading', { name: `Charging session #${transactionId}` }).waitFor();

  const before = await chartPoints(page, '.chart');
  for (let i = 1; i <= 3; i++) {
    await client.call('MeterValues', {
      connectorId: 1,
      transactionId,
      meterValue: [{
        timestamp: new Date(Date.now() + i * 1000).toISOString(),
        sampledValue: [
          { value: String(1000 + i * 500), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
          { value: '7200', measurand: 'Power.Active.Import', unit: 'W' },
          { value: '31.5', measurand: 'Current.Import', unit: 'A', phase: 'L1' },
        ],
      }],
    });
    await eventually(async () => (await chartPoints(page, '.chart')).some((count, index) => count >= (before[index] ?? 0) + i));
  }
  ui.assertClean(page);
  await client.close();
});

test('a reading that arrives while the session page reloads stays in its chart', async () => {
  const client = await bootCharger('B1-04', site.root.id, 'Charging');
  const startedAt = Date.now() - 60000;
  const { transactionId } = await client.call('StartTransaction', { connectorId: 1, idTag: 'GW-0001', meterStart: 1000, timestamp: new Date(startedAt).toISOString() });
  const page = await ui.newPage();
  await ui.login(page, 'fleet.zhao');
  await page.goto(`${ui.base}/#/sessions/${transactionId}`);
  await page.getByRole('heading', { name: `Charging session #${transactionId}` }).waitFor();
  await eventually(async () => (await chartPoints(page, '.chart')).length > 0);
  const before = await chartPoints(page, '.chart');

  // The stop makes the page reload the session. Each answer is read from csms at once and handed to the page
  // only when the test says so: the first one before the late reading below is stored.
  const held = [];
  await page.route(`**/api/v1/transactions/${transactionId}`, async (route) => {
    const response = await route.fetch();
    await new Promise((resolve) => held.push(resolve));
    await route.fulfill({ response });
  });
  await client.call('StopTransaction', { transactionId, meterStop: 4000, timestamp: new Date(startedAt + 30000).toISOString(), reason: 'Local' });
  await eventually(async () => held.length > 0);
  // A reading from the charger's offline queue, taken before the stop, delivered after it.
  await client.call('MeterValues', {
    connectorId: 1,
    transactionId,
    meterValue: [{
      timestamp: new Date(startedAt + 20000).toISOString(),
      sampledValue: [
        { value: '3000', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
        { value: '7200', measurand: 'Power.Active.Import', unit: 'W' },
      ],
    }],
  });
  // The power series: the stop adds a point to the energy series by itself.
  const shown = (points) => (points[0] ?? 0) >= (before[0] ?? 0) + 1;
  await eventually(async () => shown(await chartPoints(page, '.chart')));

  held[0](); // the answer read before the reading; any later reload waits
  await new Promise((resolve) => setTimeout(resolve, 1000)); // time to apply it, which takes milliseconds
  assert.ok(shown(await chartPoints(page, '.chart')), 'the reload dropped the reading that arrived meanwhile');
  await page.unroute(`**/api/v1/transactions/${transactionId}`);
  for (const release of held) release();
  await page.unroute(`**/api/v1/transactions/${transactionId}`);
  ui.assertClean(page);
  await client.close();
});
