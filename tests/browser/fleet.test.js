'use strict';
// The fleet pages: departments, vehicles, drivers and id tags created and changed through the UI and
// checked in the API; the server's validation shown at its field; institution scopes; the energy office's
// read-only view; the vehicle page with its cards, sessions, energy and odometer readings.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startUi, eventually, VIEWPORTS } = require('./harness');

let ui;
let serial = 100;

before(async () => {
  ui = await startUi();
});
after(async () => { await ui?.stop(); });

async function api(method, path, body) {
  return ui.csms.api(method, `/api/v1${path}`, body);
}

async function created(path, body) {
  const answer = await api('POST', path, body);
  assert.equal(answer.status, 201, `POST ${path}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function read(path) {
  const answer = await api('GET', path);
  assert.equal(answer.status, 200, `GET ${path}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

// Each test has its own institution and fleet admin, so that the tests do not depend on each other.
async function freshFleet(name, username, displayName) {
  const institution = await ui.createInstitution(name, ++serial);
  await ui.createUser(username, 'fleet_admin', [institution.id], displayName);
  return institution;
}

const dialog = (page) => page.getByRole('dialog');

async function openFleet(page, query = '') {
  await page.goto(`${ui.base}/#/fleet${query}`);
  await page.getByRole('heading', { level: 1 }).waitFor();
}

test('a fleet admin builds departments, a vehicle with departure and priority, and a card for it', async () => {
  const institution = await freshFleet('市机关事务管理局', 'fleet.wang', '王芳');
  const page = await ui.newPage();
  await ui.login(page, 'fleet.wang');
  await openFleet(page, '?tab=departments');
  await page.getByRole('heading', { name: 'Fleets & vehicles', level: 1 }).waitFor();

  // A department, then a sub-department from the tree.
  await page.getByRole('button', { name: 'New department' }).click();
  await dialog(page).getByLabel('Name').fill('行政车队');
  await dialog(page).getByRole('button', { name: 'Create' }).click();
  await page.getByRole('button', { name: 'Add a sub-department to 行政车队' }).click();
  await dialog(page).getByRole('heading', { name: 'New sub-department of 行政车队' }).waitFor();
  await dialog(page).getByLabel('Name').fill('机要车队');
  await dialog(page).getByRole('button', { name: 'Create' }).click();
  await page.getByRole('button', { name: 'Edit department 机要车队' }).waitFor();

  const departments = (await read(`/departments?institutionId=${institution.id}`)).items;
  const parent = departments.find((d) => d.name === '行政车队');
  const child = departments.find((d) => d.name === '机要车队');
  assert.ok(parent && child, JSON.stringify(departments));
  assert.equal(parent.parentId, null);
  assert.equal(child.parentId, parent.id);
  // The sub-department is drawn inside its parent's branch.
  assert.equal(await page.locator('.fleet-tree.root > li > .fleet-tree > li .fleet-node-name').first().textContent(), '机要车队');

  // A vehicle in the sub-department, written the way plates are printed.
  await page.getByRole('navigation', { name: 'Fleet lists' }).getByRole('link', { name: 'Vehicles' }).click();
  await page.getByRole('button', { name: 'New vehicle' }).click();
  const form = dialog(page);
  await form.getByLabel('Plate number').fill('京A·D20866');
  await form.getByLabel('Drive').selectOption('BEV');
  await form.getByLabel('Make', { exact: true }).fill('比亚迪');
  await form.getByLabel('Model', { exact: true }).fill('汉 EV');
  await form.getByLabel('Department').selectOption(String(child.id));
  await form.getByLabel('Battery capacity (kWh)').fill('76.9');
  await form.getByLabel('Usual departure').fill('07:30');
  await form.getByLabel('Charging priority').selectOption('8');
  await form.getByLabel('Acquired on').fill('2024-05-20');
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('link', { name: '京A·D20866' }).waitFor();

  const vehicles = (await read(`/vehicles?institutionId=${institution.id}`)).items;
  assert.equal(vehicles.length, 1);
  const vehicle = vehicles[0];
  assert.equal(vehicle.plateNumber, '京AD20866');
  assert.equal(vehicle.departmentId, child.id);
  assert.equal(vehicle.usualDepartureTime, '07:30');
  assert.equal(vehicle.priority, 8);
  assert.equal(vehicle.batteryKwh, 76.9);
  assert.equal(vehicle.kind, 'BEV');
  assert.equal(vehicle.make, '比亚迪');
  assert.equal(vehicle.acquiredDate, '2024-05-20');
  const row = page.getByRole('row', { name: /京A·D20866/ });
  // The department with its parent under it.
  await row.getByText('机要车队', { exact: true }).waitFor();
  await row.getByText('行政车队', { exact: true }).waitFor();
  await row.getByText('8 · high', { exact: true }).waitFor();
  await row.getByText('07:30').waitFor();

  // A card linked to the vehicle.
  await page.getByRole('navigation', { name: 'Fleet lists' }).getByRole('link', { name: 'Id tags (cards)' }).click();
  await page.getByRole('button', { name: 'New id tag' }).click();
  await dialog(page).getByLabel('Card id (id tag)').fill('JG-0001');
  await dialog(page).getByLabel('Vehicle').selectOption(String(vehicle.id));
  await dialog(page).getByRole('button', { name: 'Create' }).click();
  await page.getByRole('row', { name: /JG-0001/ }).getByRole('link', { name: '京A·D20866' }).waitFor();
  const tag = await read('/id-tags/JG-0001');
  assert.equal(tag.vehicleId, vehicle.id);
  assert.equal(tag.driverId, null);
  assert.equal(tag.institutionId, institution.id);
  assert.equal(tag.status, 'Accepted');

  // The vehicle list shows the card, and the tabs are in the address (a reload keeps the tab).
  await page.getByRole('navigation', { name: 'Fleet lists' }).getByRole('link', { name: 'Vehicles' }).click();
  await page.getByRole('row', { name: /京A·D20866/ }).getByText('JG-0001').waitFor();
  assert.match(page.url(), /tab=vehicles/);
  await page.reload();
  await page.getByRole('row', { name: /京A·D20866/ }).getByText('JG-0001').waitFor();
  ui.assertClean(page);
});

test('an invalid plate number shows the server\'s message at the plate field and creates nothing', async () => {
  const institution = await freshFleet('市卫生健康委员会', 'fleet.sun', '孙丽');
  const page = await ui.newPage();
  await ui.login(page, 'fleet.sun');
  await openFleet(page, '?tab=vehicles');
  await page.getByRole('button', { name: 'New vehicle' }).click();
  const form = dialog(page);
  // O is not used on Chinese plates (it looks like 0).
  await form.getByLabel('Plate number').fill('沪A·12O45');
  await form.getByLabel('Acquired on').fill('2023-03-01');
  await form.getByRole('button', { name: 'Create' }).click();

  const expected = await api('POST', '/vehicles', { institutionId: institution.id, plateNumber: '沪A12O45', kind: 'BEV', acquiredDate: '2023-03-01' });
  assert.equal(expected.status, 422);
  assert.equal(expected.body.field, 'plateNumber');
  const plateField = form.locator('.field').filter({ has: page.getByLabel('Plate number') });
  await plateField.getByRole('alert').filter({ hasText: expected.body.message }).waitFor();
  assert.equal(await form.getByLabel('Plate number').getAttribute('aria-invalid'), 'true');
  // The dialog stays open with what was typed; nothing was stored.
  assert.equal(await form.getByLabel('Plate number').inputValue(), '沪A·12O45');
  assert.equal((await read(`/vehicles?institutionId=${institution.id}`)).total, 0);

  await form.getByRole('button', { name: 'Cancel' }).click();
  await page.getByText('No vehicles yet.').waitFor();
  assert.equal((await read(`/vehicles?institutionId=${institution.id}`)).total, 0);
  ui.assertClean(page);
});

test('editing a vehicle\'s priority, and deleting a driver only after confirming', async () => {
  const institution = await freshFleet('市教育委员会', 'fleet.zhou', '周杰');
  const vehicle = await created('/vehicles', {
    institutionId: institution.id, plateNumber: '京AD23456', kind: 'BEV', make: '北汽', model: 'EU5', batteryKwh: 60.2, acquiredDate: '2022-09-01',
  });
  const driver = await created('/drivers', { institutionId: institution.id, name: '李强', employeeNumber: 'JW-017', phone: '138 0013 8017' });
  const page = await ui.newPage({ viewport: VIEWPORTS.tablet });
  await ui.login(page, 'fleet.zhou');
  await openFleet(page, '?tab=vehicles');

  await page.getByRole('row', { name: /京A·D23456/ }).getByText('5 · normal', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Edit vehicle 京A·D23456' }).click();
  assert.equal(await dialog(page).getByLabel('Charging priority').inputValue(), '5');
  await dialog(page).getByLabel('Charging priority').selectOption('9');
  await dialog(page).getByRole('button', { name: 'Save' }).click();
  await page.getByRole('row', { name: /京A·D23456/ }).getByText('9 · high', { exact: true }).waitFor();
  const changed = await read(`/vehicles/${vehicle.id}`);
  assert.equal(changed.priority, 9);
  assert.equal(changed.plateNumber, '京AD23456');
  assert.equal(changed.batteryKwh, 60.2, 'fields not edited stay');

  await page.getByRole('navigation', { name: 'Fleet lists' }).getByRole('link', { name: 'Drivers' }).click();
  const driverRow = page.getByRole('row', { name: /李强/ });
  await driverRow.waitFor();
  await page.getByRole('button', { name: 'Delete driver 李强' }).click();
  await dialog(page).getByRole('heading', { name: 'Delete driver 李强?' }).waitFor();
  await dialog(page).getByRole('button', { name: 'Cancel' }).click();
  await dialog(page).waitFor({ state: 'detached' });
  assert.equal((await api('GET', `/drivers/${driver.id}`)).status, 200, 'cancel keeps the driver');
  await driverRow.waitFor();

  await page.getByRole('button', { name: 'Delete driver 李强' }).click();
  await dialog(page).getByRole('button', { name: 'Delete' }).click();
  await driverRow.waitFor({ state: 'detached' });
  await page.getByText('No drivers yet.').waitFor();
  assert.equal((await api('GET', `/drivers/${driver.id}`)).status, 404, 'confirming deletes the driver');
  ui.assertClean(page);
});

test('a fleet admin sees only the vehicles of their institution', async () => {
  const mine = await freshFleet('市发展和改革委员会', 'fleet.ma', '马丽');
  const other = await freshFleet('市公安局', 'fleet.gao', '高峰');
  await created('/vehicles', { institutionId: mine.id, plateNumber: '京AD31111', kind: 'BEV', acquiredDate: '2023-01-01' });
  const foreign = await created('/vehicles', { institutionId: other.id, plateNumber: '京AD32222', kind: 'BEV', acquiredDate: '2023-01-01' });

  // The other institution's admin does see that vehicle (so its absence below means something).
  const otherPage = await ui.newPage();
  await ui.login(otherPage, 'fleet.gao');
  await openFleet(otherPage, '?tab=vehicles');
  await otherPage.getByRole('link', { name: '京A·D32222' }).waitFor();
  ui.assertClean(otherPage);

  const page = await ui.newPage();
  await ui.login(page, 'fleet.ma');
  await openFleet(page, '?tab=vehicles');
  await page.getByRole('link', { name: '京A·D31111' }).waitFor();
  assert.equal(await page.getByRole('link', { name: '京A·D32222' }).count(), 0);
  // A search for it finds nothing either, and one institution needs no institution filter.
  await page.getByLabel('Search plate, make or model').fill('京A·D32222');
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByText('Nothing matches the search or the filters.').waitFor();
  assert.match(page.url(), /q=/);
  assert.equal(await page.getByLabel('Institution').count(), 0);

  await page.goto(`${ui.base}/#/fleet/vehicles/${foreign.id}`);
  await page.getByRole('alert').filter({ hasText: 'Not found.' }).waitFor();
  assert.equal(await page.getByText('京A·D32222').count(), 0);
  ui.assertClean(page);
});

test('the energy office reads the fleet without create, edit or delete controls', async () => {
  const institution = await freshFleet('市统计局', 'fleet.qian', '钱进');
  await ui.createUser('energy.wu', 'energy_office', [institution.id], '吴芳');
  const department = await created('/departments', { institutionId: institution.id, name: '综合车队' });
  const vehicle = await created('/vehicles', {
    institutionId: institution.id, departmentId: department.id, plateNumber: '京AD41234', kind: 'PHEV', batteryKwh: 18.3,
    usualDepartureTime: '08:00', priority: 6, acquiredDate: '2021-06-30',
  });
  await created('/drivers', { institutionId: institution.id, departmentId: department.id, name: '赵敏' });
  await created('/id-tags', { idTag: 'TJ-0001', status: 'Accepted', institutionId: institution.id, vehicleId: vehicle.id });
  await created(`/vehicles/${vehicle.id}/odometer-readings`, { readAt: '2026-01-05T08:00:00+08:00', odometerKm: 20500 });

  const page = await ui.newPage();
  await ui.login(page, 'energy.wu');
  const tabs = {
    vehicles: { shows: '京A·D41234', create: 'New vehicle' },
    departments: { shows: '综合车队', create: 'New department' },
    drivers: { shows: '赵敏', create: 'New driver' },
    idtags: { shows: 'TJ-0001', create: 'New id tag' },
  };
  for (const [tab, { shows, create }] of Object.entries(tabs)) {
    await openFleet(page, `?tab=${tab}`);
    await page.getByRole('main').getByText(shows, { exact: true }).first().waitFor();
    assert.equal(await page.getByRole('button', { name: create }).count(), 0, `${tab}: ${create}`);
    assert.equal(await page.getByRole('main').getByRole('button', { name: /^(Edit|Delete|Add)/ }).count(), 0, `${tab}: row actions`);
    assert.equal(await page.getByRole('columnheader', { name: 'Actions' }).count(), 0, `${tab}: actions column`);
  }

  await page.goto(`${ui.base}/#/fleet/vehicles/${vehicle.id}`);
  await page.getByRole('heading', { name: /京A·D41234/, level: 1 }).waitFor();
  await page.getByRole('cell', { name: '20,500', exact: true }).waitFor();
  await page.getByRole('cell', { name: 'TJ-0001', exact: true }).waitFor();
  for (const name of ['Edit vehicle', 'Delete vehicle', 'Link card', 'New id tag', 'Record a reading', 'Unlink', 'Delete']) {
    assert.equal(await page.getByRole('button', { name, exact: true }).count(), 0, `vehicle page: ${name}`);
  }
  ui.assertClean(page);
});

test('an admin\'s id tag list follows changes made elsewhere, live', async () => {
  const institution = await ui.createInstitution('市文化和旅游局', ++serial);
  await ui.createUser('ops.root', 'admin', [], '运维管理员');
  const page = await ui.newPage();
  await ui.login(page, 'ops.root');
  await openFleet(page, `?tab=idtags&institution=${institution.id}`);
  await page.getByText('No id tags yet.').waitFor();
  await page.locator('.stream.live').waitFor();
  await created('/id-tags', { idTag: 'WL-LIVE-1', status: 'Accepted', institutionId: institution.id });
  await page.getByRole('row', { name: /WL-LIVE-1/ }).waitFor({ timeout: 15000 });
  const blocked = await api('PATCH', '/id-tags/WL-LIVE-1', { status: 'Blocked' });
  assert.equal(blocked.status, 200);
  await page.getByRole('row', { name: /WL-LIVE-1/ }).getByText('Blocked').waitFor({ timeout: 15000 });
  ui.assertClean(page);
});

test('an admin who sees several institutions picks one for a new vehicle and filters by it', async () => {
  const first = await ui.createInstitution('市水务局', ++serial);
  const second = await ui.createInstitution('市园林绿化局', ++serial);
  await created('/departments', { institutionId: first.id, name: '水务车队' });
  const parks = await created('/departments', { institutionId: second.id, name: '园林养护车队' });
  await ui.createUser('ops.lin', 'admin', [], '林涛');
  const page = await ui.newPage();
  await ui.login(page, 'ops.lin');
  await openFleet(page, '?tab=vehicles');

  await page.getByRole('button', { name: 'New vehicle' }).click();
  const form = dialog(page);
  await form.getByLabel('Institution').selectOption(String(first.id));
  await form.getByLabel('Department').getByRole('option', { name: '水务车队' }).waitFor({ state: 'attached' });
  // The departments offered follow the institution chosen.
  await form.getByLabel('Institution').selectOption(String(second.id));
  assert.equal(await form.getByLabel('Department').getByRole('option', { name: '水务车队' }).count(), 0);
  await form.getByLabel('Department').selectOption(String(parks.id));
  await form.getByLabel('Plate number').fill('京A·D58801');
  await form.getByLabel('Acquired on').fill('2025-04-01');
  await form.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('link', { name: '京A·D58801' }).waitFor();
  const [stored] = (await read('/vehicles?q=AD58801')).items;
  assert.equal(stored.institutionId, second.id);
  assert.equal(stored.departmentId, parks.id);

  // The institution filter goes into the address and limits the list.
  await page.getByRole('main').getByRole('combobox', { name: 'Institution' }).selectOption(String(first.id));
  await page.getByText('No vehicles yet.').waitFor();
  assert.match(page.url(), new RegExp(`institution=${first.id}`));
  await page.getByRole('main').getByRole('combobox', { name: 'Institution' }).selectOption(String(second.id));
  await page.getByRole('link', { name: '京A·D58801' }).waitFor();
  assert.equal(await page.locator('tbody tr').count(), 1);
  ui.assertClean(page);
});

// ---- A realistic fleet for the vehicle page and the screenshots ----

const BEIJING = 'Asia/Shanghai';

const beijingMonth = (date) => new Intl.DateTimeFormat('en-CA', { timeZone: BEIJING, year: 'numeric', month: '2-digit' }).format(date);
const beijingYear = (date) => new Intl.DateTimeFormat('en-CA', { timeZone: BEIJING, year: 'numeric' }).format(date);

// Seeded once, for the vehicle page test and the screenshots (whichever runs first).
let seeded = null;
const realisticFleet = () => (seeded ??= seedFleet());

async function seedFleet() {
  const institution = await freshFleet('国家机关事务管理局服务中心', 'fleet.liu', '刘洋');
  const id = institution.id;
  const site = await ui.createSite(id, '机关大院地下车库 B1');
  const tariff = await api('PUT', `/sites/${site.id}/tariff`, {
    periods: [
      { kind: 'valley', start: '23:00', end: '07:00', pricePerKwh: 0.3 },
      { kind: 'flat', start: '07:00', end: '10:00', pricePerKwh: 0.65 },
      { kind: 'peak', start: '10:00', end: '15:00', pricePerKwh: 1.05 },
      { kind: 'flat', start: '15:00', end: '18:00', pricePerKwh: 0.65 },
      { kind: 'peak', start: '18:00', end: '23:00', pricePerKwh: 1.05 },
    ],
  });
  assert.equal(tariff.status, 200, JSON.stringify(tariff.body));
  const admin = await created('/departments', { institutionId: id, name: '行政车队' });
  const confidential = await created('/departments', { institutionId: id, name: '机要车队', parentId: admin.id });
  const commuter = await created('/departments', { institutionId: id, name: '通勤车队', parentId: admin.id });
  const emergency = await created('/departments', { institutionId: id, name: '应急保障车队' });
  const vehicles = {};
  const fleet = [
    ['京AD12345', confidential, '比亚迪', '汉 EV', 'BEV', 76.9, '07:30', 9, '2024-05-20'],
    ['京AD56789', confidential, '红旗', 'E-QM5', 'BEV', 55, '08:00', 8, '2023-11-02'],
    ['京AD03318', commuter, '北汽', 'EU5 Plus', 'BEV', 60.2, '07:00', 5, '2022-08-15'],
    ['京AD27701', commuter, '吉利', '几何 A', 'BEV', 53, '07:15', 5, '2022-08-15'],
    ['京AF08862', commuter, '广汽埃安', 'AION S', 'BEV', 58.8, '17:30', 4, '2023-03-09'],
    ['京AD90021', emergency, '比亚迪', '唐 DM-i', 'PHEV', 21.5, null, 10, '2024-01-12'],
    ['京A6T357', emergency, '丰田', '凯美瑞', 'petrol', null, null, 3, '2018-06-01'],
    ['京AD66120', admin, '上汽荣威', 'Ei5', 'BEV', 52.5, '08:30', 5, '2021-04-28'],
  ];
  for (const [plateNumber, department, make, model, kind, batteryKwh, usualDepartureTime, priority, acquiredDate] of fleet) {
    vehicles[plateNumber] = await created('/vehicles', {
      institutionId: id, departmentId: department.id, plateNumber, make, model, kind, batteryKwh, usualDepartureTime, priority, acquiredDate,
    });
  }
  const drivers = {};
  for (const [name, employeeNumber, phone, department] of [
    ['王强', 'JG-001', '+86 138 0013 8001', confidential],
    ['陈静', 'JG-002', '+86 139 1000 2002', confidential],
    ['张伟', 'TQ-011', '+86 136 2200 3011', commuter],
    ['李娜', 'YJ-021', '+86 135 6600 4021', emergency],
  ]) {
    drivers[name] = await created('/drivers', { institutionId: id, departmentId: department.id, name, employeeNumber, phone });
  }
  await created('/id-tags', { idTag: 'JG-HAN-01', status: 'Accepted', institutionId: id, vehicleId: vehicles['京AD12345'].id });
  await created('/id-tags', { idTag: 'JG-HAN-02', status: 'Accepted', institutionId: id, vehicleId: vehicles['京AD12345'].id, expiryDate: '2027-12-31T15:59:00Z' });
  await created('/id-tags', { idTag: 'JG-HQ-01', status: 'Accepted', institutionId: id, vehicleId: vehicles['京AD56789'].id });
  await created('/id-tags', { idTag: 'TQ-BQ-01', status: 'Accepted', institutionId: id, vehicleId: vehicles['京AD03318'].id });
  await created('/id-tags', { idTag: 'TQ-JL-01', status: 'Blocked', institutionId: id, vehicleId: vehicles['京AD27701'].id });
  await created('/id-tags', { idTag: 'YJ-TANG-01', status: 'Accepted', institutionId: id, vehicleId: vehicles['京AD90021'].id, parentIdTag: 'YJ-GROUP' });
  await created('/id-tags', { idTag: 'DRV-WQ-01', status: 'Accepted', institutionId: id, driverId: drivers['王强'].id });
  await created('/id-tags', { idTag: 'SPARE-0001', status: 'Accepted', institutionId: id });
  return { institution, site, vehicles, drivers };
}

// Sessions of the 汉 EV's cards this year, one per month so far (overnight, so peak, flat and valley),
// the last still charging.
async function chargeThisYear(site, idTags) {
  await ui.registerCharger('JG-B1-01', site.id);
  const cp = await ui.connectCharger('JG-B1-01');
  const boot = await cp.call('BootNotification', { chargePointVendor: '特来电', chargePointModel: 'TGOA-7kW' });
  assert.equal(boot.status, 'Accepted');
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
  const now = new Date();
  const year = Number(beijingYear(now));
  const sessions = [];
  let meter = 1_200_000;
  for (let month = 0; month < 12; month++) {
    // 20:00 Beijing on the 8th of each month, for 10 h, while that is over.
    const start = new Date(Date.UTC(year, month, 8, 12, 0, 0));
    const stop = new Date(start.getTime() + 10 * 3600 * 1000);
    if (stop > now) break;
    const wh = 22_000 + month * 1_700;
    sessions.push({ start, stop, meterStart: meter, meterStop: meter + wh, idTag: idTags[month % idTags.length] });
    meter += wh + 5_000;
  }
  for (const session of sessions) {
    const started = await cp.call('StartTransaction', { connectorId: 1, idTag: session.idTag, meterStart: session.meterStart, timestamp: session.start.toISOString() });
    assert.equal(started.idTagInfo.status, 'Accepted');
    const stopped = await cp.call('StopTransaction', {
      transactionId: started.transactionId, idTag: session.idTag, meterStop: session.meterStop, timestamp: session.stop.toISOString(), reason: 'EVDisconnected',
    });
    assert.equal(stopped.idTagInfo.status, 'Accepted');
  }
  // One session still running: it shows as charging.
  const open = await cp.call('StartTransaction', { connectorId: 1, idTag: idTags[0], meterStart: meter, timestamp: new Date(now.getTime() - 40 * 60 * 1000).toISOString() });
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
  return { cp, sessions, openTransactionId: open.transactionId };
}

test('the vehicle page shows cards, sessions, energy and odometer readings, and records a reading', async () => {
  const { site, vehicles } = await realisticFleet();
  const han = vehicles['京AD12345'];
  const { cp, sessions, openTransactionId } = await chargeThisYear(site, ['JG-HAN-01', 'JG-HAN-02']);
  const year = beijingYear(new Date());
  for (const [readAt, odometerKm, note] of [
    [`${year}-01-02T08:00:00+08:00`, 18250.5, '年初抄表'],
    [`${year}-06-30T18:00:00+08:00`, 24810, '半年抄表'],
  ]) {
    await created(`/vehicles/${han.id}/odometer-readings`, { readAt, odometerKm, note });
  }

  const page = await ui.newPage({ locale: 'zh-CN' });
  await ui.login(page, 'fleet.liu');
  await openFleet(page, '?tab=vehicles');
  await page.getByRole('row', { name: /京A·D12345/ }).getByText('JG-HAN-02').waitFor();
  await page.getByRole('link', { name: '京A·D12345' }).click();
  await page.getByRole('heading', { name: '京A·D12345 · 比亚迪 汉 EV', level: 1 }).waitFor();
  assert.match(page.url(), new RegExp(`#/fleet/vehicles/${han.id}$`));

  // Energy this year and this month, as the report counts them (Beijing months).
  const yearKwh = sessions.filter((s) => beijingYear(s.start) === year).reduce((sum, s) => sum + (s.meterStop - s.meterStart), 0) / 1000;
  const monthKwh = sessions.filter((s) => beijingMonth(s.start) === beijingMonth(new Date())).reduce((sum, s) => sum + (s.meterStop - s.meterStart), 0) / 1000;
  const format = (kwh) => `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 }).format(kwh)} kWh`;
  const cards = page.locator('.fleet-energy-cards');
  const cardValue = (label) => cards.locator('.card', { hasText: label }).locator('.value').textContent();
  await eventually(async () => (await cardValue(`${year} 年充电量`)) === format(yearKwh));
  await eventually(async () => (await cardValue('本月充电量')) === format(monthKwh));
  await eventually(async () => Number(await page.locator('.fleet-energy-chart').getAttribute('data-months')) === sessions.length);

  // Recent sessions of both cards, newest first, the running one marked.
  const sessionRows = page.locator('section', { hasText: '最近充电记录' }).locator('tbody tr');
  await eventually(async () => (await sessionRows.count()) === Math.min(10, sessions.length + 1));
  await sessionRows.first().getByText('充电中').waitFor();
  assert.equal(await sessionRows.first().getByRole('link').first().getAttribute('href'), `#/sessions/${openTransactionId}`);

  // A reading recorded through the form appears with the distance since the one before.
  const readings = page.locator('section', { hasText: '里程读数' });
  await readings.getByRole('cell', { name: '24,810', exact: true }).waitFor();

  await ui.screenshot(page, 'vehicle-detail-desktop');
  await page.setViewportSize(VIEWPORTS.tablet);
  await page.waitForTimeout(300);
  await ui.screenshot(page, 'vehicle-detail-tablet');
  await page.setViewportSize(VIEWPORTS.desktop);

  await readings.getByLabel('里程表读数（公里）').fill('26420.4');
  await readings.getByLabel('备注').fill('月末抄表');
  await readings.getByRole('button', { name: '记录里程读数' }).click();
  await readings.getByRole('cell', { name: '+1,610.4', exact: true }).waitFor();
  const stored = (await read(`/vehicles/${han.id}/odometer-readings`)).items;
  assert.deepEqual(stored.map((r) => r.odometerKm), [18250.5, 24810, 26420.4]);
  assert.equal(stored[2].note, '月末抄表');
  assert.equal(stored[2].recordedBy, 'user:fleet.liu');

  // A reading lower than an earlier one is refused at its field.
  await readings.getByLabel('里程表读数（公里）').fill('100');
  await readings.getByRole('button', { name: '记录里程读数' }).click();
  await readings.locator('.field').filter({ has: page.getByLabel('里程表读数（公里）') }).getByRole('alert').waitFor();
  assert.equal((await read(`/vehicles/${han.id}/odometer-readings`)).total, 3);

  // Unlinking a card (confirmed) takes it off the vehicle.
  await page.getByRole('button', { name: '解绑充电卡 JG-HAN-02' }).click();
  await dialog(page).getByRole('button', { name: '解绑' }).click();
  await eventually(async () => (await read('/id-tags/JG-HAN-02')).vehicleId === null);
  // ...and linking it again through the select puts it back.
  await page.getByLabel('选择要绑定的充电卡').selectOption('JG-HAN-02');
  await page.getByRole('button', { name: '绑定充电卡' }).click();
  await eventually(async () => (await read('/id-tags/JG-HAN-02')).vehicleId === han.id);

  await cp.close();
  ui.assertClean(page);
});

test('screenshots of the fleet page with a realistic fleet', async () => {
  await realisticFleet();
  for (const [name, viewport] of [['fleet-desktop', VIEWPORTS.desktop], ['fleet-tablet', VIEWPORTS.tablet]]) {
    const page = await ui.newPage({ viewport, locale: 'zh-CN' });
    await ui.login(page, 'fleet.liu');
    await openFleet(page, '?tab=vehicles');
    await page.getByRole('row', { name: /京A·D56789/ }).getByText('JG-HQ-01').waitFor();
    await page.locator('.fleet-summary .card').first().waitFor();
    await ui.screenshot(page, name);
    if (name === 'fleet-tablet') {
      await openFleet(page, '?tab=departments');
      await page.getByText('应急保障车队').waitFor();
      await ui.screenshot(page, 'fleet-departments-tablet');
    }
    ui.assertClean(page);
    await page.context().close();
  }
});
