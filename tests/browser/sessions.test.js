'use strict';
// The charging-session pages: the list (filters in the address, live updates) and one session's detail
// (meter curve growing live from a simulated charger, the stop, the charging need and its readiness, the
// energy split), in English and Chinese.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startUi, eventually, VIEWPORTS } = require('./harness');

let ui;
let institution;
let site;
let managedSite;

const minutesAgo = (minutes) => new Date(Date.now() - minutes * 60000).toISOString();

// A datetime-local value `hours` from now, in the browser's time zone (which need not be this process's).
function localInput(page, hours) {
  return page.evaluate((offset) => {
    const date = new Date(Date.now() + offset * 3600000);
    const pad = (number) => String(number).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }, hours);
}

// One MeterValue as a fleet AC charger sends it: the register in kWh, power in kW, current per phase.
function meterValue(timestamp, { kwh, kw, amps }) {
  return {
    timestamp,
    sampledValue: [
      { value: kwh.toFixed(3), context: 'Sample.Periodic', measurand: 'Energy.Active.Import.Register', unit: 'kWh' },
      { value: kw.toFixed(2), context: 'Sample.Periodic', measurand: 'Power.Active.Import', unit: 'kW' },
      ...['L1', 'L2', 'L3'].map((phase, index) => ({
        value: (amps - index * 0.4).toFixed(1), context: 'Sample.Periodic', measurand: 'Current.Import', unit: 'A', phase,
      })),
    ],
  };
}

async function createIdTag(idTag) {
  const answer = await ui.csms.api('POST', '/api/v1/id-tags', { idTag, status: 'Accepted', institutionId: institution.id });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
}

async function bootCharger(id, handlers = {}, connectors = 1) {
  const client = await ui.connectCharger(id, handlers);
  const boot = await client.call('BootNotification', { chargePointVendor: 'TELD', chargePointModel: 'TCDZ-AC7' });
  assert.equal(boot.status, 'Accepted');
  for (let connectorId = 1; connectorId <= connectors; connectorId++) {
    await client.call('StatusNotification', { connectorId, errorCode: 'NoError', status: 'Available' });
  }
  return client;
}

async function startTransaction(client, { connectorId = 1, idTag, meterStart, timestamp }) {
  const answer = await client.call('StartTransaction', { connectorId, idTag, meterStart, timestamp });
  assert.equal(answer.idTagInfo.status, 'Accepted');
  return answer.transactionId;
}

// A whole session in the past: started `startMinutesAgo`, a meter value every 15 minutes at about `kw`,
// stopped `minutes` later.
async function pastSession(client, { connectorId = 1, idTag, startMinutesAgo, minutes, kw, meterStartKwh, reason = 'EVDisconnected' }) {
  const meterStart = Math.round(meterStartKwh * 1000);
  const transactionId = await startTransaction(client, { connectorId, idTag, meterStart, timestamp: minutesAgo(startMinutesAgo) });
  let kwh = meterStartKwh;
  for (let minute = 15; minute < minutes; minute += 15) {
    const power = kw * (minute > minutes - 30 ? 0.55 : 1) + Math.sin(minute) * 0.2; // tapering near full
    kwh += power / 4;
    await client.call('MeterValues', { connectorId, transactionId, meterValue: [meterValue(minutesAgo(startMinutesAgo - minute), { kwh, kw: power, amps: power * 1000 / 690 })] });
  }
  kwh += (kw * 0.4 * ((minutes % 15) || 15)) / 60;
  await client.call('StopTransaction', { transactionId, meterStop: Math.round(kwh * 1000), timestamp: minutesAgo(startMinutesAgo - minutes), reason, idTag });
  return { transactionId, energyWh: Math.round(kwh * 1000) - meterStart };
}

// How many points each series of the page's first chart has, read from ECharts itself.
function seriesLengths(page) {
  return page.evaluate(async () => {
    const echarts = await import('/vendor/echarts.js');
    const chart = echarts.getInstanceByDom(document.querySelector('.chart'));
    return chart ? chart.getOption().series.map((series) => series.data.length) : null;
  });
}

function lastValues(page) {
  return page.evaluate(async () => {
    const echarts = await import('/vendor/echarts.js');
    return echarts.getInstanceByDom(document.querySelector('.chart')).getOption().series.map((series) => series.data.at(-1)?.[1] ?? null);
  });
}

function valueOf(page, term) {
  return page.locator('dl.key-values').locator(`dt:text-is("${term}") + dd`).first();
}

before(async () => {
  ui = await startUi();
  await ui.createUser('ops.admin', 'admin', [], 'Ops Admin');
  institution = await ui.createInstitution('市机关事务管理局', 21);
  await ui.createUser('fleet.zhao', 'fleet_admin', [institution.id], '赵磊');
  await ui.createUser('energy.qian', 'energy_office', [institution.id], '钱慧');
  site = await ui.createSite(institution.id, '机关大院 B1 停车场');
  // Time-of-use prices and a service fee, so that accounted sessions have a peak/flat/valley split.
  const tariff = await ui.csms.api('PUT', `/api/v1/sites/${site.id}/tariff`, {
    periods: [
      { kind: 'valley', start: '23:00', end: '07:00', pricePerKwh: 0.3 },
      { kind: 'flat', start: '07:00', end: '10:00', pricePerKwh: 0.7 },
      { kind: 'peak', start: '10:00', end: '15:00', pricePerKwh: 1.1 },
      { kind: 'sharp_peak', start: '15:00', end: '18:00', pricePerKwh: 1.4 },
      { kind: 'flat', start: '18:00', end: '23:00', pricePerKwh: 0.7 },
    ],
  });
  assert.equal(tariff.status, 200, JSON.stringify(tariff.body));
  const fee = await ui.csms.api('PATCH', `/api/v1/sites/${site.id}`, { serviceFeePerKwh: 0.6 });
  assert.equal(fee.status, 200, JSON.stringify(fee.body));

  // A load-managed site: its plan says whether a car will be ready by its departure.
  managedSite = await ui.createSite(institution.id, '机关大院 A 区地面停车场');
  const circuit = await ui.csms.api('POST', `/api/v1/sites/${managedSite.id}/circuits`, { name: '进线柜', limitA: 100, hasBuildingLoad: false });
  assert.equal(circuit.status, 201, JSON.stringify(circuit.body));
  await ui.registerCharger('CP-C1', managedSite.id);
  const settings = await ui.csms.api('PATCH', '/api/v1/chargers/CP-C1', { circuitId: circuit.body.id, maxCurrentA: 32, phases: 3 });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));

  for (const id of ['CP-A1', 'CP-B1', 'B1-01', 'B1-02', 'B1-03']) await ui.registerCharger(id, site.id);
  for (const tag of ['FLEET-0001', 'FLEET-0002', 'FLEET-0003', 'FLEET-0004', 'GW-0017', 'GW-0023', 'GW-0031']) await createIdTag(tag);
});
after(async () => { await ui?.stop(); });

test('a running session\'s curve grows live from meter values, and stopping it shows the finished session with its energy', async () => {
  let client;
  let transactionId;
  const stopped = [];
  client = await bootCharger('CP-A1', {
    // The charger accepts the remote stop and then ends the transaction, as a real one does.
    RemoteStopTransaction: (params) => {
      setTimeout(() => {
        client.call('StopTransaction', { transactionId: params.transactionId, meterStop: 1010000, timestamp: minutesAgo(1), reason: 'Remote', idTag: 'FLEET-0001' })
          .then((answer) => stopped.push(answer), (error) => stopped.push(error));
      }, 300);
      return { status: 'Accepted' };
    },
  });
  transactionId = await startTransaction(client, { idTag: 'FLEET-0001', meterStart: 1000000, timestamp: minutesAgo(60) });

  const page = await ui.newPage();
  await ui.login(page, 'ops.admin');
  await page.goto(`${ui.base}/#/sessions/${transactionId}`);
  await page.getByRole('heading', { name: `Charging session #${transactionId}`, level: 1 }).waitFor();
  await page.locator('.stream.live').waitFor();
  await page.locator('.page-header .badge', { hasText: 'Charging' }).waitFor();
  // Only the start is known: the energy curve starts at 0 kWh, no power or current yet.
  assert.deepEqual(await eventually(() => seriesLengths(page)), [0, 0, 1]);
  await page.evaluate(() => { window.notReloaded = true; });

  const readings = [
    { at: 45, kwh: 1002.5, kw: 10.0, amps: 14.9 },
    { at: 30, kwh: 1005.0, kw: 10.2, amps: 15.1 },
    { at: 15, kwh: 1007.5, kw: 9.8, amps: 14.6 },
  ];
  for (const [index, reading] of readings.entries()) {
    await client.call('MeterValues', { connectorId: 1, transactionId, meterValue: [meterValue(minutesAgo(reading.at), reading)] });
    await eventually(async () => (await seriesLengths(page))[0] === index + 1);
  }
  assert.deepEqual(await seriesLengths(page), [3, 3, 4]);
  // kW and kWh as sent are converted: 9.8 kW, the highest phase current, 7.5 kWh above meterStart.
  const [powerKw, currentA, energyKwh] = await lastValues(page);
  assert.equal(powerKw, 9.8);
  assert.equal(currentA, 14.6);
  assert.equal(energyKwh, 7.5);
  await page.locator('.session-cards .card', { hasText: 'Energy delivered so far' }).getByText('7.50 kWh').waitFor();
  await page.locator('.chart-summary', { hasText: '9.8 kW, 14.6 A, 7.50 kWh delivered' }).waitFor();

  await page.getByRole('button', { name: 'Stop charging' }).click();
  const dialog = page.getByRole('dialog', { name: `Stop charging session #${transactionId}?` });
  await dialog.getByRole('button', { name: 'Stop charging' }).click();
  await page.locator('.page-header .badge', { hasText: 'Finished' }).waitFor({ timeout: 20000 });
  assert.equal(stopped.length, 1);
  assert.equal(stopped[0].idTagInfo?.status, 'Accepted');
  await eventually(async () => (await valueOf(page, 'Energy delivered').textContent()) === '10.00 kWh');
  assert.equal(await valueOf(page, 'Stop reason').textContent(), 'Stopped remotely');
  assert.equal(await valueOf(page, 'Meter at stop').textContent(), '1,010.00 kWh');
  assert.equal(await page.getByRole('button', { name: 'Stop charging' }).count(), 0);
  // The curve now ends at the stop, at the session's energy.
  assert.deepEqual(await seriesLengths(page), [3, 3, 5]);
  assert.equal((await lastValues(page))[2], 10);
  // The start reached ParkGrid an hour after its time stamp: the data-quality checks say so.
  await page.locator('.session-findings', { hasText: 'Uploaded late' }).waitFor();

  const detail = await ui.csms.api('GET', `/api/v1/transactions/${transactionId}`);
  if ('energy' in detail.body) {
    await page.getByRole('table', { name: 'Energy by day and time-of-use period' }).waitFor();
    await valueOf(page, 'Energy accounted').getByText('10.00 kWh').waitFor();
  } else {
    await page.getByText('This ParkGrid server does not report the time-of-use split').waitFor();
  }
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the page was reloaded');
  ui.assertClean(page);
  await page.context().close();
  await client.close();
});

test('the session list shows a new session live, keeps its filters in the address and filters by state', async () => {
  const client = await bootCharger('CP-B1', {}, 2);
  const first = await pastSession(client, { idTag: 'FLEET-0002', startMinutesAgo: 200, minutes: 95, kw: 7, meterStartKwh: 2300 });

  const page = await ui.newPage({ viewport: VIEWPORTS.tablet });
  await ui.login(page, 'ops.admin');
  await page.goto(`${ui.base}/#/sessions`);
  await page.getByRole('heading', { name: 'Charging sessions', level: 1 }).waitFor();
  await page.locator('.stream.live').waitFor();
  await page.getByLabel('Charger').selectOption('CP-B1');
  await page.getByRole('button', { name: 'Apply' }).click();
  await eventually(async () => (await page.evaluate(() => location.hash)).includes('charger=CP-B1'));
  const table = page.getByRole('table', { name: 'Charging sessions, newest first' });
  await table.getByRole('link', { name: `Open session #${first.transactionId}`, exact: true }).waitFor();
  assert.equal(await table.locator('tbody tr').count(), 1);
  const firstRow = table.locator('tbody tr').filter({ has: page.getByRole('link', { name: `Open session #${first.transactionId}`, exact: true }) });
  assert.match(await firstRow.textContent(), new RegExp(`${(first.energyWh / 1000).toFixed(2)} kWh`));
  assert.match(await firstRow.textContent(), /Vehicle unplugged/);

  // A car plugs in on the second connector: the list shows it without a reload, the filter still applied.
  const second = await startTransaction(client, { connectorId: 2, idTag: 'FLEET-0003', meterStart: 880000, timestamp: minutesAgo(2) });
  const secondLink = table.getByRole('link', { name: `Open session #${second}`, exact: true });
  await secondLink.waitFor();
  assert.equal(await table.locator('tbody tr').count(), 2);
  const secondRow = table.locator('tbody tr').filter({ has: page.getByRole('link', { name: `Open session #${second}`, exact: true }) });
  await secondRow.locator('.badge', { hasText: 'Charging' }).waitFor();
  await secondRow.getByRole('link', { name: 'CP-B1 · connector 2' }).waitFor();
  assert.equal(await page.getByLabel('Charger').inputValue(), 'CP-B1');

  await page.getByLabel('State').selectOption('finished');
  await page.getByRole('button', { name: 'Apply' }).click();
  await eventually(async () => (await table.locator('tbody tr').count()) === 1 && (await secondLink.count()) === 0);
  await table.getByRole('link', { name: `Open session #${first.transactionId}`, exact: true }).waitFor();

  await page.getByLabel('State').selectOption('open');
  await page.getByRole('button', { name: 'Apply' }).click();
  await eventually(async () => (await table.locator('tbody tr').count()) === 1 && (await secondLink.count()) === 1);
  // The filters live in the address: a reload keeps them.
  await page.reload();
  await secondLink.waitFor();
  assert.equal(await page.getByLabel('State').inputValue(), 'open');
  assert.equal(await page.getByLabel('Charger').inputValue(), 'CP-B1');
  assert.equal(await table.locator('tbody tr').count(), 1);

  // It stops: it leaves the list of running sessions live.
  await page.locator('.stream.live').waitFor();
  await client.call('StopTransaction', { transactionId: second, meterStop: 884200, timestamp: new Date().toISOString(), reason: 'EVDisconnected' });
  await page.getByText('No charging sessions match these filters.').waitFor();

  // A first day after the last is refused at the field.
  await page.getByLabel('Started from').fill('2026-03-10');
  await page.getByLabel('Started until').fill('2026-03-01');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('alert').filter({ hasText: 'The last day is before the first day.' }).waitFor();
  ui.assertClean(page);
  await page.context().close();
  await client.close();
});

test('operators set a session\'s charging need: an invalid value shows the API\'s error at the field, a valid one is saved and the plan says whether the car is ready', async () => {
  let client;
  client = await bootCharger('CP-C1', {
    // Accepts the remote start and then starts the transaction, as a real charger does.
    RemoteStartTransaction: (params) => {
      setTimeout(() => {
        client.call('StartTransaction', { connectorId: params.connectorId ?? 1, idTag: params.idTag, meterStart: 52000, timestamp: new Date().toISOString() }).catch(() => {});
      }, 200);
      return { status: 'Accepted' };
    },
  });
  const started = await ui.csms.api('POST', '/api/v1/chargers/CP-C1/remote-start', { idTag: 'FLEET-0004', connectorId: 1 });
  assert.equal(started.status, 200, JSON.stringify(started.body));
  const transactionId = started.body.transactionId;

  const page = await ui.newPage();
  await ui.login(page, 'fleet.zhao');
  await page.goto(`${ui.base}/#/sessions/${transactionId}`);
  await page.getByRole('heading', { name: `Charging session #${transactionId}`, level: 1 }).waitFor();
  await page.getByText('No charging need given').waitFor();

  const energy = page.getByLabel('Energy needed (kWh)');
  const save = page.getByRole('button', { name: 'Save charging need' });
  await energy.fill('0');
  await save.click();
  const energyField = page.locator('.field').filter({ has: energy });
  const error = energyField.getByRole('alert');
  await error.waitFor();
  assert.match(await error.textContent(), /energyKwh/);
  assert.equal(await energy.getAttribute('aria-invalid'), 'true');
  assert.equal((await ui.csms.api('GET', `/api/v1/transactions/${transactionId}`)).body.chargingNeed, null);

  await energy.fill('30');
  await page.getByLabel('Departure').fill(await localInput(page, 4));
  await save.click();
  await page.getByText('Charging need saved.').waitFor();
  assert.equal(await energyField.getByRole('alert').count(), 0);
  await valueOf(page, 'Energy needed').getByText('30.00 kWh').waitFor();
  const saved = (await ui.csms.api('GET', `/api/v1/transactions/${transactionId}`)).body.chargingNeed;
  assert.equal(saved.energyKwh, 30);
  assert.equal(Math.round((Date.parse(saved.departureTime) - Date.now()) / 3600000), 4);

  // The site is load-managed: 30 kWh in 4 hours at up to 32 A on three phases is within reach ...
  await page.locator('.session-need-readiness .badge', { hasText: 'Ready by departure' }).waitFor({ timeout: 30000 });
  // ... 300 kWh in one hour is not, and the page follows the new plan live.
  await energy.fill('300');
  await page.getByLabel('Departure').fill(await localInput(page, 1));
  await save.click();
  await valueOf(page, 'Energy needed').getByText('300.00 kWh').waitFor();
  await page.locator('.session-need-readiness .badge', { hasText: 'Not ready by departure' }).waitFor({ timeout: 30000 });
  assert.equal(await page.getByRole('button', { name: 'Stop charging' }).count(), 1);
  ui.assertClean(page);
  await page.context().close();

  // The energy office reads the need and the readiness, but changes nothing.
  const reader = await ui.newPage();
  await ui.login(reader, 'energy.qian');
  await reader.goto(`${ui.base}/#/sessions/${transactionId}`);
  await reader.getByRole('heading', { name: `Charging session #${transactionId}`, level: 1 }).waitFor();
  await valueOf(reader, 'Energy needed').getByText('300.00 kWh').waitFor();
  await reader.locator('.session-need-readiness .badge', { hasText: 'Not ready by departure' }).waitFor({ timeout: 30000 });
  assert.equal(await reader.getByLabel('Energy needed (kWh)').count(), 0);
  assert.equal(await reader.getByRole('button', { name: 'Stop charging' }).count(), 0);
  ui.assertClean(reader);
  await reader.context().close();
  await client.close();
});

test('in Chinese the pages use Chinese labels; screenshots with realistic sessions', async () => {
  // A morning's charging at the car park of a public institution.
  const chargers = {};
  for (const id of ['B1-01', 'B1-02', 'B1-03']) chargers[id] = await bootCharger(id, {}, 2);
  const showcase = await pastSession(chargers['B1-01'], { idTag: 'GW-0017', startMinutesAgo: 190, minutes: 150, kw: 6.9, meterStartKwh: 15234.2 });
  await pastSession(chargers['B1-02'], { idTag: 'GW-0023', startMinutesAgo: 300, minutes: 110, kw: 10.8, meterStartKwh: 8120.5 });
  await pastSession(chargers['B1-03'], { idTag: 'GW-0031', startMinutesAgo: 240, minutes: 45, kw: 6.6, meterStartKwh: 421.9, reason: 'Local' });
  const running = await startTransaction(chargers['B1-02'], { connectorId: 2, idTag: 'GW-0031', meterStart: 8300000, timestamp: minutesAgo(50) });
  for (const at of [35, 20, 5]) {
    await chargers['B1-02'].call('MeterValues', { connectorId: 2, transactionId: running, meterValue: [meterValue(minutesAgo(at), { kwh: 8300 + (50 - at) * 0.18, kw: 10.9, amps: 15.8 })] });
  }

  const page = await ui.newPage({ locale: 'zh-CN' });
  await ui.login(page, 'ops.admin');
  await page.goto(`${ui.base}/#/sessions`);
  await page.getByRole('heading', { name: '充电记录', level: 1 }).waitFor();
  const table = page.getByRole('table', { name: '充电记录（按开始时间倒序）' });
  await table.getByRole('link', { name: `查看充电记录 #${showcase.transactionId}`, exact: true }).waitFor();
  for (const header of ['记录编号', '充电桩', '充电卡', '开始时间', '结束时间', '时长', '充电量', '结束原因']) {
    await table.getByRole('columnheader', { name: header, exact: true }).waitFor();
  }
  await table.getByText('车辆拔枪').first().waitFor();
  await table.locator('.badge', { hasText: '充电中' }).first().waitFor();
  await page.getByLabel('状态').waitFor();
  await page.getByText(/正在充电：\d+/).waitFor();
  await ui.screenshot(page, 'sessions-desktop');

  await page.getByRole('link', { name: `查看充电记录 #${showcase.transactionId}`, exact: true }).click();
  await page.getByRole('heading', { name: `充电记录 #${showcase.transactionId}`, level: 1 }).waitFor();
  for (const heading of ['基本信息', '充电曲线', '分时电量与费用', '数据质量']) {
    await page.getByRole('heading', { name: heading, level: 2 }).waitFor();
  }
  // A finished session that was given no charging need does not show an empty one.
  assert.equal(await page.getByRole('heading', { name: '充电需求', level: 2 }).count(), 0);
  await valueOf(page, '充电量').getByText(`${(showcase.energyWh / 1000).toFixed(2)} kWh`).waitFor();
  await page.locator('.page-header .badge', { hasText: '已结束' }).waitFor();
  await page.locator('.session-findings', { hasText: '数据延迟上传' }).waitFor();
  const detail = await ui.csms.api('GET', `/api/v1/transactions/${showcase.transactionId}`);
  if ('energy' in detail.body && detail.body.energy) {
    const periods = { sharpPeak: '尖峰', peak: '峰', flat: '平', valley: '谷', unclassified: '未分类' };
    for (const part of detail.body.energy.parts) {
      await page.locator('.session-energy td', { hasText: periods[part.period] }).first().waitFor();
    }
  } else {
    await page.getByText('当前 ParkGrid 服务器版本尚不提供单次充电的分时电量').waitFor();
  }
  await eventually(async () => (await seriesLengths(page))?.[0] >= 8);
  await ui.screenshot(page, 'session-detail-desktop');
  ui.assertClean(page);
  await page.context().close();

  // The same pages on a tablet, in English, with the running session.
  const tablet = await ui.newPage({ viewport: VIEWPORTS.tablet });
  await ui.login(tablet, 'ops.admin');
  await tablet.goto(`${ui.base}/#/sessions`);
  await tablet.getByRole('link', { name: `Open session #${running}`, exact: true }).waitFor();
  await ui.screenshot(tablet, 'sessions-tablet');
  await tablet.getByRole('link', { name: `Open session #${running}`, exact: true }).click();
  await tablet.getByRole('heading', { name: `Charging session #${running}`, level: 1 }).waitFor();
  await eventually(async () => (await seriesLengths(tablet))?.[0] === 3);
  await tablet.getByRole('heading', { name: 'Charging need', level: 2 }).waitFor();
  await ui.screenshot(tablet, 'session-detail-tablet');
  ui.assertClean(tablet);
  await tablet.context().close();
  for (const client of Object.values(chargers)) await client.close();
});
