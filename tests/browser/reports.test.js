'use strict';
// The reports and data-quality pages as an energy office uses them. A strict ocpp-rpc charger charges four
// sessions last month at a site with a time-of-use tariff (one of them without energy, a data-quality
// finding); the energy office picks that month, sees the API's figures in the table and the charts, downloads
// the monthly ledger as CSV and XLSX through export jobs, finds the zero-energy session among the findings,
// runs the checks, manages a conversion factor, and reads it all in Chinese.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const zlib = require('node:zlib');
const { startUi, eventually, VIEWPORTS } = require('./harness');

// Site-local time is Asia/Shanghai (UTC+8). Tariff (CNY/kWh): valley 23:00-07:00 0.30, flat 07:00-10:00 and
// 15:00-18:00 0.65, peak 10:00-15:00 and 20:00-23:00 1.00, sharp peak 18:00-20:00 1.20; service fee 0.40.
const TARIFF = [
  { kind: 'valley', start: '23:00', end: '07:00', pricePerKwh: 0.30 },
  { kind: 'flat', start: '07:00', end: '10:00', pricePerKwh: 0.65 },
  { kind: 'peak', start: '10:00', end: '15:00', pricePerKwh: 1.00 },
  { kind: 'flat', start: '15:00', end: '18:00', pricePerKwh: 0.65 },
  { kind: 'sharp_peak', start: '18:00', end: '20:00', pricePerKwh: 1.20 },
  { kind: 'peak', start: '20:00', end: '23:00', pricePerKwh: 1.00 },
];
const CHARGER_A = 'RPT-B1-01';
const CHARGER_B = 'RPT-B1-02';

// Last month in the browser's calendar (the test and chromium share the machine's time zone), so that the
// page's "Last month" preset is the month the sessions are in.
const today = new Date();
const monthStart = new Date(Date.UTC(today.getFullYear(), today.getMonth() - 1, 1));
const MONTH = monthStart.toISOString().slice(0, 7);
const FROM = `${MONTH}-01`;
const TO = new Date(Date.UTC(today.getFullYear(), today.getMonth(), 1)).toISOString().slice(0, 10);
const at = (day, time) => `${MONTH}-${String(day).padStart(2, '0')}T${time}:00Z`;

// The sessions, with the figures they give (worked out as in tests/e2e/energy_reports.test.js):
//  a: day 10, 22:00-23:30 local, vehicle 1 on A, 10000 -> 14000 (22:40) -> 18000 (23:20) -> 19000 Wh:
//     peak 6000 Wh, valley 3000 Wh = 9000 Wh
//  b: day 20, 18:30-20:30 local, vehicle 2 on A, 19000 -> 23000 (19:30) -> 26000 Wh:
//     sharp peak 4000 + 1500 Wh, peak 1500 Wh = 7000 Wh
//  c: day 12, 08:00-09:00 local, vehicle 1 on B, 120.000 -> 123.675 -> 127.350 kWh: flat 7350 Wh
//  d: day 15, 10:00-10:30 local, vehicle 2 on B, 127350 -> 127350 Wh: 0 Wh, a zero_energy finding
// Month: 23350 Wh = 23.35 kWh.
const MONTH_KWH = 23.35;

let ui;
const ids = {};
const tx = {};

async function created(target, body) {
  const answer = await ui.csms.api('POST', `/api/v1${target}`, body);
  assert.equal(answer.status, 201, `POST ${target}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function get(target) {
  const answer = await ui.csms.api('GET', `/api/v1${target}`);
  assert.equal(answer.status, 200, `GET ${target}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const register = (value, unit, context = 'Sample.Periodic') => ({ value, unit, context, measurand: 'Energy.Active.Import.Register' });

async function chargeSession(cp, { idTag, startAt, meterStart, samples, stopAt, meterStop, end }) {
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing', timestamp: startAt });
  const started = await cp.call('StartTransaction', { connectorId: 1, idTag, meterStart, timestamp: startAt });
  assert.equal(started.idTagInfo.status, 'Accepted');
  const transactionId = started.transactionId;
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging', timestamp: startAt });
  for (const sample of samples) {
    await cp.call('MeterValues', { connectorId: 1, transactionId, meterValue: [{ timestamp: sample.at, sampledValue: [register(sample.value, sample.unit)] }] });
  }
  const stopped = await cp.call('StopTransaction', {
    transactionId, idTag, meterStop, timestamp: stopAt, reason: 'EVDisconnected',
    transactionData: [{ timestamp: stopAt, sampledValue: [register(end.value, end.unit, 'Transaction.End')] }],
  });
  assert.equal(stopped.idTagInfo.status, 'Accepted');
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: stopAt });
  return transactionId;
}

async function bootedCharger(identity) {
  const cp = await ui.connectCharger(identity);
  const boot = await cp.call('BootNotification', { chargePointVendor: 'ParkGrid-Test', chargePointModel: 'AC-7' });
  assert.equal(boot.status, 'Accepted');
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
  return cp;
}

before(async () => {
  ui = await startUi();
  const institution = await ui.createInstitution('北京市第五中学', 41);
  ids.institution = institution.id;
  ids.site = (await created('/sites', { institutionId: ids.institution, name: '东区地下车库 B1', serviceFeePerKwh: 0.40 })).id;
  const tariff = await ui.csms.api('PUT', `/api/v1/sites/${ids.site}/tariff`, { periods: TARIFF });
  assert.equal(tariff.status, 200, JSON.stringify(tariff.body));
  const department1 = (await created('/departments', { institutionId: ids.institution, name: '机要车队' })).id;
  const department2 = (await created('/departments', { institutionId: ids.institution, name: '后勤保障处' })).id;
  ids.vehicle1 = (await created('/vehicles', { institutionId: ids.institution, departmentId: department1, plateNumber: '京AD12345',
    make: 'BYD', model: 'Han EV', kind: 'BEV', batteryKwh: 85.4, acquiredDate: '2024-05-20' })).id;
  ids.vehicle2 = (await created('/vehicles', { institutionId: ids.institution, departmentId: department2, plateNumber: '京AF67890',
    make: 'BYD', model: 'Qin PLUS', kind: 'BEV', batteryKwh: 60, acquiredDate: '2025-03-01' })).id;
  await created('/id-tags', { idTag: 'TAG-V1', status: 'Accepted', institutionId: ids.institution, vehicleId: ids.vehicle1 });
  await created('/id-tags', { idTag: 'TAG-V2', status: 'Accepted', institutionId: ids.institution, vehicleId: ids.vehicle2 });
  await created('/chargers', { id: CHARGER_A, description: 'B1 东墙 1 号桩', siteId: ids.site });
  await created('/chargers', { id: CHARGER_B, description: 'B1 东墙 2 号桩', siteId: ids.site });
  await ui.createUser('energy.wu', 'energy_office', [ids.institution], '吴芳');

  const a = await bootedCharger(CHARGER_A);
  const b = await bootedCharger(CHARGER_B);
  tx.a = await chargeSession(a, {
    idTag: 'TAG-V1', startAt: at(10, '14:00'), meterStart: 10000,
    samples: [{ at: at(10, '14:40'), value: '14000', unit: 'Wh' }, { at: at(10, '15:20'), value: '18000', unit: 'Wh' }],
    stopAt: at(10, '15:30'), meterStop: 19000, end: { value: '19000', unit: 'Wh' },
  });
  tx.c = await chargeSession(b, {
    idTag: 'TAG-V1', startAt: at(12, '00:00'), meterStart: 120000,
    samples: [{ at: at(12, '00:00'), value: '120.000', unit: 'kWh' }, { at: at(12, '00:30'), value: '123.675', unit: 'kWh' }],
    stopAt: at(12, '01:00'), meterStop: 127350, end: { value: '127.350', unit: 'kWh' },
  });
  tx.d = await chargeSession(b, {
    idTag: 'TAG-V2', startAt: at(15, '02:00'), meterStart: 127350, samples: [],
    stopAt: at(15, '02:30'), meterStop: 127350, end: { value: '127.350', unit: 'kWh' },
  });
  tx.b = await chargeSession(a, {
    idTag: 'TAG-V2', startAt: at(20, '10:30'), meterStart: 19000, samples: [{ at: at(20, '11:30'), value: '23000', unit: 'Wh' }],
    stopAt: at(20, '12:30'), meterStop: 26000, end: { value: '26000', unit: 'Wh' },
  });
  await a.close();
  await b.close();
});
after(async () => { await ui?.stop(); });

// The report the page should show, straight from the API.
function apiReport(groupBy = 'institution', period = 'month') {
  return get(`/reports/energy?${new URLSearchParams({ groupBy, period, from: FROM, to: TO })}`);
}

// "23.350" or "23,350" (a locale's thousands separator never appears below 1000 kWh here) as a number.
const numberOf = (text) => Number(text.trim().replace(/[^\d.]/g, ''));

// The first chart's series (kWh per period stacked by time of use) as ECharts holds them.
function chartSeries(page) {
  return page.evaluate(async () => {
    const echarts = await import('/vendor/echarts.js');
    const chart = echarts.getInstanceByDom(document.querySelector('.chart'));
    return chart ? chart.getOption().series.map((series) => ({ name: series.name, data: series.data })) : null;
  });
}

// The entries of a ZIP file (an XLSX) by name, inflated: enough of PKWARE's format to read what
// libxlsxwriter writes (stored or deflated entries, sizes in the central directory).
function unzip(bytes) {
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'no end of central directory: not a ZIP file');
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const entries = {};
  for (let i = 0; i < count; i++) {
    assert.equal(bytes.readUInt32LE(offset), 0x02014b50, 'central directory entry');
    const method = bytes.readUInt16LE(offset + 10);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const localOffset = bytes.readUInt32LE(offset + 42);
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength);
    const dataStart = localOffset + 30 + bytes.readUInt16LE(localOffset + 26) + bytes.readUInt16LE(localOffset + 28);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    entries[name] = (method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8');
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

async function openReports(page, query = '') {
  await page.goto(`${ui.base}/#/reports${query}`);
}

test('an energy office picks last month and sees the API\'s kWh in the table, the cards and the charts', async () => {
  const page = await ui.newPage({ viewport: VIEWPORTS.desktop });
  await ui.login(page, 'energy.wu');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Energy reports', level: 1 }).waitFor();
  const filters = page.getByRole('search', { name: 'Report filters' });
  await filters.getByLabel('Date range').selectOption('lastMonth');
  await page.waitForURL(/range=lastMonth/);
  // The date fields show the month, the until date inclusive.
  assert.equal(await filters.getByLabel('From', { exact: true }).inputValue(), FROM);
  const lastDay = new Date(Date.parse(`${TO}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
  assert.equal(await filters.getByLabel('Until (inclusive)').inputValue(), lastDay);

  const expected = await apiReport();
  assert.equal(expected.totals.kwh, MONTH_KWH, JSON.stringify(expected.totals));
  const totalKwh = page.locator('tfoot .total-kwh');
  await totalKwh.waitFor();
  assert.equal(numberOf(await totalKwh.textContent()), expected.totals.kwh);
  const institutionRow = page.getByRole('table', { name: /^By Institution/ }).getByRole('row').filter({ hasText: '北京市第五中学' });
  assert.equal(await institutionRow.count(), 1);
  assert.equal(numberOf(await institutionRow.getByRole('cell').nth(2).textContent()), expected.rows[0].kwh);
  assert.equal(numberOf(await page.locator('tfoot .total-sessions').textContent()), expected.totals.sessions);
  assert.equal(numberOf(await page.locator('tfoot .total-tce').textContent()), expected.totals.tce);
  // The row's findings: one warning (the zero-energy session), linked to the data-quality page.
  const qualityLink = institutionRow.getByRole('link', { name: /Warnings: 1/ });
  assert.match(await qualityLink.getAttribute('href'), new RegExp(`^#/data-quality\\?.*institution=${ids.institution}`));

  // The chart: one series per time-of-use kind, holding the month's energy.
  const series = await eventually(async () => {
    const found = await chartSeries(page);
    return found?.length ? found : null;
  });
  assert.equal(series.length, 5);
  assert.deepEqual(series.map((s) => s.name), ['Sharp peak', 'Peak', 'Flat', 'Valley', 'Unclassified']);
  const byKind = Object.fromEntries(series.map((s) => [s.name, s.data.reduce((sum, value) => sum + value, 0)]));
  const close = (actual, wanted) => Math.abs(actual - wanted) < 1e-9;
  assert.ok(close(byKind['Sharp peak'], expected.totals.kwhByPeriod.sharpPeak), JSON.stringify(byKind));
  assert.ok(close(byKind.Peak, expected.totals.kwhByPeriod.peak), JSON.stringify(byKind));
  assert.ok(close(byKind.Flat, expected.totals.kwhByPeriod.flat), JSON.stringify(byKind));
  assert.ok(close(byKind.Valley, expected.totals.kwhByPeriod.valley), JSON.stringify(byKind));
  assert.equal(await page.locator('.chart').count(), 2);

  // The factors used, with their source; the fleet inventory of the institution.
  await page.getByRole('cell', { name: /GB\/T 2589-2020/ }).first().waitFor();
  const inventoryRow = page.getByRole('table', { name: /Vehicles in service/ }).getByRole('row').filter({ hasText: '北京市第五中学' });
  assert.equal(numberOf(await inventoryRow.getByRole('cell').nth(1).textContent()), 2);  // two BEVs in service

  // Per vehicle and per day: both plates, the month's days on the axis.
  await filters.getByLabel('Group by').selectOption('vehicle');
  await filters.getByLabel('Period').selectOption('day');
  await page.getByRole('row').filter({ hasText: '京AF67890' }).first().waitFor();
  const byVehicle = await apiReport('vehicle', 'day');
  assert.equal(await page.getByRole('table', { name: /^By Vehicle and Day/ }).locator('tbody tr').count(), byVehicle.rows.length);
  assert.equal(numberOf(await page.locator('tfoot .total-kwh').textContent()), byVehicle.totals.kwh);
  assert.equal(await filters.getByLabel('Period').evaluate((select) => select === document.activeElement), true,
    'the changed filter keeps the focus');
  await filters.getByLabel('Group by').selectOption('department');
  await page.getByRole('row').filter({ hasText: '后勤保障处' }).first().waitFor();
  await eventually(async () => (await chartSeries(page))?.length === 5);
  await ui.screenshot(page, 'reports-desktop');
  ui.assertClean(page);
  await page.context().close();
});

test('the monthly ledger downloads as CSV and XLSX through export jobs, with progress', async () => {
  const page = await ui.newPage({ viewport: VIEWPORTS.desktop });
  await ui.login(page, 'energy.wu');
  await openReports(page, '?range=lastMonth');
  const panel = page.locator('section.panel').filter({ has: page.getByRole('heading', { name: 'Standard reports' }) });
  await panel.getByLabel('Report').selectOption('monthly-ledger');
  // The explorer's month is preselected.
  assert.equal(await panel.getByLabel('Period').inputValue(), MONTH);
  assert.equal(await panel.getByLabel('Institution').inputValue(), String(ids.institution));

  const csvDownload = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download CSV' }).click();
  await panel.getByRole('progressbar').first().waitFor();  // shown from the click on
  const csv = await csvDownload;
  assert.equal(csv.suggestedFilename(), `ledger-${ids.institution}-${MONTH}.csv`);
  const text = fs.readFileSync(await csv.path(), 'utf8');
  assert.ok(text.startsWith('\ufeffMonthly charging ledger'), text.slice(0, 80));  // English: the page's language
  const totalLine = text.split('\r\n').find((line) => line.startsWith('合计 / Total'));
  assert.ok(totalLine?.includes('23.350'), `the ledger's total line: ${totalLine}`);
  for (const id of [tx.a, tx.b, tx.c, tx.d]) assert.match(text, new RegExp(`\\r\\n\\d+,${id},`), `session ${id} is in the ledger`);
  const done = panel.getByRole('progressbar', { name: new RegExp(`Downloaded ledger-${ids.institution}-${MONTH}\\.csv`) });
  await done.waitFor();
  assert.deepEqual(await done.evaluate((bar) => [bar.value, bar.max]), [1, 1]);

  const xlsxDownload = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download Excel (XLSX)' }).click();
  const xlsx = await xlsxDownload;
  assert.equal(xlsx.suggestedFilename(), `ledger-${ids.institution}-${MONTH}.xlsx`);
  const files = unzip(fs.readFileSync(await xlsx.path()));
  assert.ok(files['xl/sharedStrings.xml'].includes('Monthly charging ledger'));
  const numbers = [...files['xl/worksheets/sheet1.xml'].matchAll(/<v>([-\d.eE]+)<\/v>/g)].map((match) => Number(match[1]));
  assert.ok(numbers.some((value) => Math.abs(value - MONTH_KWH) < 1e-9), `23.35 kWh in the ledger sheet: ${numbers.join(' ')}`);
  await panel.getByRole('progressbar', { name: new RegExp(`Downloaded ledger-${ids.institution}-${MONTH}\\.xlsx`) }).waitFor();
  // Both exports are listed, newest first.
  assert.equal(await panel.locator('li.export-job[data-state="done"]').count(), 2);
  ui.assertClean(page);
  await page.context().close();
});

test('the data-quality page lists the zero-energy session, links to it, and runs the checks', async () => {
  const page = await ui.newPage({ viewport: VIEWPORTS.desktop });
  await ui.login(page, 'energy.wu');
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Data quality' }).click();
  await page.getByRole('heading', { name: 'Data quality', level: 1 }).waitFor();

  const row = page.getByRole('row').filter({ hasText: 'Session without energy' });
  await row.waitFor();
  assert.equal(await row.count(), 1);
  assert.equal(await row.getByRole('link', { name: `Session #${tx.d}` }).getAttribute('href'), `#/sessions/${tx.d}`);
  assert.equal(await row.getByRole('link', { name: new RegExp(CHARGER_B) }).getAttribute('href'), `#/chargers/${CHARGER_B}`);
  await row.getByText('Warning', { exact: true }).waitFor();
  await row.getByText(`Transaction ${tx.d} ended without taking any energy.`).waitFor();
  // Evidence as a key/value list with units, not the raw JSON.
  assert.equal(await row.locator('dl.finding-evidence dt').filter({ hasText: 'Meter at start' }).count(), 1);
  assert.match(await row.locator('dl.finding-evidence').textContent(), /127\.35\s*kWh/);

  assert.doesNotMatch(await page.locator('.paged').textContent(), /\bnull\b|\[object /);
  await row.getByRole('link', { name: '京AF67890' }).waitFor();  // the vehicle by its plate

  // The score of last month, as the API counts it; then the checks run for it.
  const score = await get(`/data-quality/score?institutionId=${ids.institution}&period=${MONTH}`);
  assert.equal(await page.getByLabel('Period').inputValue(), MONTH);
  const scoreRow = page.getByRole('table', { name: /Quality score/ }).getByRole('row').filter({ hasText: '北京市第五中学' });
  await scoreRow.getByText(`${score.score} / 100`).waitFor();
  await page.getByRole('button', { name: 'Run checks now' }).click();
  const result = page.locator('.run-result .notice');
  await result.waitFor();
  assert.match(await result.textContent(), /^Checks of .+ done: \d+ sessions accounted, \d+ findings by this run, 0 of them new\.$/);
  await ui.screenshot(page, 'data-quality-desktop');

  // Filtering by kind leaves exactly the API's findings of that kind.
  await page.getByLabel('Kind').selectOption('zero_energy');
  await page.waitForURL(/kind=zero_energy/);
  const zero = await get('/data-quality/findings?kind=zero_energy');
  await eventually(async () => (await page.locator('.paged tbody tr').count()) === zero.total);
  assert.equal(await page.getByRole('row').filter({ hasText: 'Uploaded late' }).count(), 0);
  ui.assertClean(page);
  await page.context().close();
});

test('an energy office adds and deletes its own conversion factor', async () => {
  const page = await ui.newPage({ viewport: VIEWPORTS.desktop });
  await ui.login(page, 'energy.wu');
  await openReports(page, '?range=lastMonth');
  const panel = page.locator('section.panel').filter({ has: page.getByRole('heading', { name: 'Conversion factors', exact: true }) });
  await panel.getByText('The institution uses the defaults.').waitFor();
  await panel.getByRole('button', { name: 'Add factor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a factor of the institution' });
  await dialog.getByLabel('Factor').selectOption('grid_co2_kg_per_kwh');
  await dialog.getByLabel('Value').fill('0.5703');
  // A later year than any report here, so that the other tests' figures stay the defaults'.
  await dialog.getByLabel('Year').fill('2099');
  await dialog.getByLabel('Source', { exact: true }).fill('华北区域电网排放因子（测试）');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await dialog.waitFor({ state: 'detached' });
  // Listed among the institution's own factors (with a delete button), and in effect (own factors win).
  const own = panel.getByRole('row').filter({ hasText: '华北区域电网排放因子（测试）' }).filter({ has: page.getByRole('button', { name: 'Delete' }) });
  await own.waitFor();
  const listed = await get(`/energy-factors?institutionId=${ids.institution}`);
  assert.equal(listed.institution.length, 1);
  assert.equal(listed.institution[0].value, 0.5703);
  assert.equal(listed.institution[0].year, 2099);

  await own.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog', { name: 'Delete this factor?' }).getByRole('button', { name: 'Delete' }).click();
  await panel.getByText('The institution uses the defaults.').waitFor();
  assert.equal((await get(`/energy-factors?institutionId=${ids.institution}`)).institution.length, 0);
  ui.assertClean(page);
  await page.context().close();
});

test('in Chinese: the labels, the chart legend, the findings and a Chinese ledger', async () => {
  const page = await ui.newPage({ viewport: VIEWPORTS.tablet, locale: 'zh-CN' });
  await ui.login(page, 'energy.wu');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计报表' }).click();
  await page.getByRole('heading', { name: '能源消费统计', level: 1 }).waitFor();
  const filters = page.getByRole('search', { name: '统计条件' });
  await filters.getByLabel('时间范围').selectOption({ label: '上月' });
  await filters.getByLabel('统计周期').selectOption({ label: '日' });
  await filters.getByLabel('分组').selectOption({ label: '充电桩' });
  await page.getByRole('columnheader', { name: '电量（kWh）' }).waitFor();
  await page.getByRole('columnheader', { name: '标准煤（吨标准煤）' }).waitFor();
  await page.getByRole('rowheader', { name: '合计' }).waitFor();
  await page.getByRole('row').filter({ hasText: CHARGER_A }).first().waitFor();
  const expected = await apiReport('charger', 'day');
  assert.equal(numberOf(await page.locator('tfoot .total-kwh').textContent()), expected.totals.kwh);
  const series = await eventually(async () => {
    const found = await chartSeries(page);
    return found?.length ? found : null;
  });
  assert.deepEqual(series.map((s) => s.name), ['尖峰', '峰', '平', '谷', '未分类']);
  await page.getByText('所用折算系数').waitFor();
  await ui.screenshot(page, 'reports-tablet');

  // A ledger in Chinese, as the page is.
  const panel = page.locator('section.panel').filter({ has: page.getByRole('heading', { name: '标准报表' }) });
  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: '下载 CSV' }).click();
  const text = fs.readFileSync(await (await download).path(), 'utf8');
  assert.ok(text.startsWith('\ufeff月度充电台账'), text.slice(0, 40));
  await panel.getByRole('progressbar', { name: /已下载 ledger-/ }).waitFor();

  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '数据质量' }).click();
  await page.getByRole('heading', { name: '数据质量', level: 1 }).waitFor();
  const row = page.getByRole('row').filter({ hasText: '零电量充电' });
  await row.waitFor();
  await row.getByText('警告', { exact: true }).waitFor();
  assert.equal(await row.getByRole('link', { name: `充电记录 #${tx.d}` }).getAttribute('href'), `#/sessions/${tx.d}`);
  await row.locator('dl.finding-evidence dt').filter({ hasText: '开始时电表读数' }).waitFor();
  await page.getByRole('button', { name: '立即检查' }).waitFor();
  await page.getByRole('columnheader', { name: '得分' }).waitFor();
  await ui.screenshot(page, 'data-quality-tablet');
  ui.assertClean(page);
  await page.context().close();
});
