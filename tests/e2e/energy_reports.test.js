'use strict';
// Energy reports end to end: a strict ocpp-rpc charger (code ParkGrid did not write) charges four sessions
// in March/April 2026 at a site with a time-of-use tariff; every figure of the energy report, the monthly
// ledger and the annual report is worked out by hand below and compared to the Wh and the fen. The CSV
// downloads are parsed by the RFC 4180 parser in this file, the XLSX downloads by exceljs; both must hold
// exactly the cells of the report's JSON form.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const ExcelJS = require('exceljs');
const { RPCClient } = require('ocpp-rpc');
const { startCsms } = require('./csms');

// ---------------------------------------------------------------------------------------------------------
// The data set. Site-local time is Asia/Shanghai (UTC+8, no daylight saving): local = UTC + 8 h.
//
// Tariff (CNY/kWh): valley 23:00-07:00 0.30; flat 07:00-10:00 and 15:00-18:00 0.65;
//                   peak 10:00-15:00 and 20:00-23:00 1.00; sharp_peak 18:00-20:00 1.20. Service fee 0.40.
// Cost of a part in fen = round half up (Wh x price / 10).
//
// Charger A (connector 1):
//  (a) 2026-03-10 22:00-23:30 local (14:00Z-15:30Z), vehicle 1, register in Wh:
//        22:00 10000 -> 22:40 14000 -> 23:20 18000 -> 23:30 19000
//        22:00-22:40: 4000 Wh, all peak
//        22:40-23:20: 4000 Wh over 40 min; 22:40-23:00 peak 2000, 23:00-23:20 valley 2000
//        23:20-23:30: 1000 Wh valley
//        => peak 6000 Wh, valley 3000 Wh, 9000 Wh, plugged in 5400 s, all on local day 2026-03-10
//        cost: 6000 x 1.00 / 10 = 600 fen; 3000 x 0.30 / 10 = 90 fen  => 690 fen
//        fee:  6000 x 0.40 / 10 = 240 fen; 3000 x 0.40 / 10 = 120 fen => 360 fen
//  (b) 2026-03-31 23:50 -> 2026-04-01 00:20 local (15:50Z-16:20Z on 03-31), vehicle 2, register 50000 -> 52000
//      in Wh with no sample in between: 2000 Wh evenly over 30 min, all valley
//        March 31 (10 min): 2000 x 10/30 = 666.67; April 1 (20 min): 1333.33. Floors 666 + 1333 = 1999; the
//        missing Wh goes to the larger remainder (.67) => March 667 Wh, April 1333 Wh
//        cost: 667 x 0.30 / 10 = 20.01 -> 20 fen; 1333 x 0.30 / 10 = 39.99 -> 40 fen
//        fee:  667 x 0.40 / 10 = 26.68 -> 27 fen; 1333 x 0.40 / 10 = 53.32 -> 53 fen
//        plugged in: 600 s on March 31, 1200 s on April 1; the session counts in March (it started there)
// Charger B (connector 1):
//  (c) 2026-03-12 08:00-09:00 local (00:00Z-01:00Z), vehicle 1, register samples in kWh:
//        120.000 -> 08:30 123.675 -> 127.350 = 7350 Wh, all flat
//        cost: 7350 x 0.65 / 10 = 477.75 -> 478 fen (half up); fee: 7350 x 0.40 / 10 = 294 fen; 3600 s
//  (d) 2026-03-15 10:00-10:30 local (02:00Z-02:30Z), vehicle 2, meterStop = meterStart = 127350: 0 Wh,
//        1800 s, a zero_energy finding (warning)
//
// March (local dates 2026-03-01 .. 2026-03-31):
//   Wh:       a 9000 + b 667 + c 7350 + d 0 = 17017 (17.017 kWh)
//   by period: sharp peak 0; peak 6000 (a); flat 7350 (c); valley 3000 (a) + 667 (b) = 3667; unclassified 0
//   cost:     690 + 20 + 478 + 0 = 1188 fen (11.88 CNY)
//   fee:      360 + 27 + 294 + 0 = 681 fen (6.81 CNY)
//   sessions: a, b, c, d = 4
//   seconds:  5400 + 600 + 3600 + 1800 = 11400 s = 3.1667 h -> chargingHours 3.17
// April: 1333 Wh valley, 40 fen, 53 fen, 0 sessions, 1200 s = 0.3333 h -> 0.33
// 2026 (year): 17017 + 1333 = 18350 Wh, 1188 + 40 = 1228 fen, 681 + 53 = 734 fen, 4 sessions
//
// Default factors (2026 takes the newest year up to 2026 of each kind): coal 0.1229 kgce/kWh (2020), grid
// CO2 0.5306 kgCO2/kWh (2023), petrol reference 8.0 L/100km, EV reference 15.0 kWh/100km, petrol CO2
// 2.27 kgCO2/L.
//   March: tce = 17.017 x 0.1229 / 1000 = 0.0020913893; co2Kg = 17.017 x 0.5306 = 9.0292202;
//          petrol = 17.017 / 15 x 8 = 9.0757333 L; CO2 avoided = 9.0757333 x 2.27 - 9.0292202 = 11.5726945
//   April: tce = 1.333 x 0.1229 / 1000 = 0.0001638257; co2Kg = 1.333 x 0.5306 = 0.7072898;
//          petrol = 1.333 / 15 x 8 = 0.7109333 L; CO2 avoided = 0.7109333 x 2.27 - 0.7072898 = 0.9065289
// ---------------------------------------------------------------------------------------------------------

const CODE = '11110000MB0000001Y';  // a valid unified social credit code
const SITE_NAME = 'Garage B1, East';  // a comma: the CSV must quote it
const DEPARTMENT_1 = '车队一';
const DEPARTMENT_2 = '=机要"车队"';  // a quote (CSV escaping) and a leading "=" (the CSV formula guard)
const PLATE_1 = '京AD12345';
const PLATE_2 = '京AF67890';
const CHARGER_A = 'E2E-RPT-A';
const CHARGER_B = 'E2E-RPT-B';
const TARIFF = [
  { kind: 'valley', start: '23:00', end: '07:00', pricePerKwh: 0.30 },
  { kind: 'flat', start: '07:00', end: '10:00', pricePerKwh: 0.65 },
  { kind: 'peak', start: '10:00', end: '15:00', pricePerKwh: 1.00 },
  { kind: 'flat', start: '15:00', end: '18:00', pricePerKwh: 0.65 },
  { kind: 'sharp_peak', start: '18:00', end: '20:00', pricePerKwh: 1.20 },
  { kind: 'peak', start: '20:00', end: '23:00', pricePerKwh: 1.00 },
];

let csms;
const ids = {};  // institution, site, departments, vehicles
const tx = {};   // transaction ids of the sessions a, b, c, d

async function created(target, body) {
  const answer = await csms.api('POST', `/api/v1${target}`, body);
  assert.equal(answer.status, 201, `POST ${target}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function get(target) {
  const answer = await csms.api('GET', `/api/v1${target}`);
  assert.equal(answer.status, 200, `GET ${target}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

async function connectCharger(identity) {
  const cp = new RPCClient({ endpoint: csms.endpoint, identity, protocols: ['ocpp1.6'], strictMode: true, reconnect: false });
  await cp.connect();
  const boot = await cp.call('BootNotification', { chargePointVendor: 'E2E', chargePointModel: 'AC-7' });
  assert.equal(boot.status, 'Accepted');
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
  return cp;
}

const register = (value, unit, context = 'Sample.Periodic') =>
  ({ value, unit, context, measurand: 'Energy.Active.Import.Register' });

// One complete session on connector 1; samples are [{at, value, unit}] sent as MeterValues.
async function chargeSession(cp, { idTag, startAt, meterStart, samples, stopAt, meterStop, end }) {
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing', timestamp: startAt });
  const started = await cp.call('StartTransaction', { connectorId: 1, idTag, meterStart, timestamp: startAt });
  assert.equal(started.idTagInfo.status, 'Accepted');
  const transactionId = started.transactionId;
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging', timestamp: startAt });
  for (const sample of samples) {
    await cp.call('MeterValues', { connectorId: 1, transactionId,
      meterValue: [{ timestamp: sample.at, sampledValue: [register(sample.value, sample.unit)] }] });
  }
  const stopped = await cp.call('StopTransaction', {
    transactionId, idTag, meterStop, timestamp: stopAt, reason: 'EVDisconnected',
    transactionData: [{ timestamp: stopAt, sampledValue: [register(end.value, end.unit, 'Transaction.End')] }],
  });
  assert.equal(stopped.idTagInfo.status, 'Accepted');
  await cp.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available', timestamp: stopAt });
  return transactionId;
}

before(async () => {
  csms = await startCsms();
  ids.institution = (await created('/institutions',
    { name: '北京市第五中学', unifiedSocialCreditCode: CODE, type: 'public_institution', sector: 'education' })).id;
  const site = await created('/sites',
    { institutionId: ids.institution, name: SITE_NAME, timeZone: 'Asia/Shanghai', serviceFeePerKwh: 0.40 });
  ids.site = site.id;
  assert.equal(site.serviceFeePerKwh, 0.40, JSON.stringify(site));
  const tariff = await csms.api('PUT', `/api/v1/sites/${ids.site}/tariff`, { periods: TARIFF });
  assert.equal(tariff.status, 200, JSON.stringify(tariff.body));
  ids.department1 = (await created('/departments', { institutionId: ids.institution, name: DEPARTMENT_1 })).id;
  ids.department2 = (await created('/departments', { institutionId: ids.institution, name: DEPARTMENT_2 })).id;
  ids.vehicle1 = (await created('/vehicles', { institutionId: ids.institution, departmentId: ids.department1,
    plateNumber: PLATE_1, kind: 'BEV', batteryKwh: 60, acquiredDate: '2024-05-20' })).id;
  ids.vehicle2 = (await created('/vehicles', { institutionId: ids.institution, departmentId: ids.department2,
    plateNumber: PLATE_2, kind: 'BEV', batteryKwh: 60, acquiredDate: '2026-02-01' })).id;
  await created('/id-tags', { idTag: 'TAG-V1', status: 'Accepted', institutionId: ids.institution, vehicleId: ids.vehicle1 });
  await created('/id-tags', { idTag: 'TAG-V2', status: 'Accepted', institutionId: ids.institution, vehicleId: ids.vehicle2 });
  await created('/chargers', { id: CHARGER_A, description: 'B1 east wall', siteId: ids.site });
  await created('/chargers', { id: CHARGER_B, description: 'B1 west wall', siteId: ids.site });

  const a = await connectCharger(CHARGER_A);
  const b = await connectCharger(CHARGER_B);
  tx.a = await chargeSession(a, {
    idTag: 'TAG-V1', startAt: '2026-03-10T14:00:00Z', meterStart: 10000,  // 22:00 local
    samples: [{ at: '2026-03-10T14:40:00Z', value: '14000', unit: 'Wh' },     // 22:40 local
              { at: '2026-03-10T15:20:00Z', value: '18000', unit: 'Wh' }],    // 23:20 local
    stopAt: '2026-03-10T15:30:00Z', meterStop: 19000, end: { value: '19000', unit: 'Wh' },  // 23:30 local
  });
  tx.c = await chargeSession(b, {
    idTag: 'TAG-V1', startAt: '2026-03-12T00:00:00Z', meterStart: 120000,  // 08:00 local
    samples: [{ at: '2026-03-12T00:00:00Z', value: '120.000', unit: 'kWh' },
              { at: '2026-03-12T00:30:00Z', value: '123.675', unit: 'kWh' }],  // 08:30 local
    stopAt: '2026-03-12T01:00:00Z', meterStop: 127350, end: { value: '127.350', unit: 'kWh' },  // 09:00 local
  });
  tx.d = await chargeSession(b, {
    idTag: 'TAG-V2', startAt: '2026-03-15T02:00:00Z', meterStart: 127350, samples: [],  // 10:00 local
    stopAt: '2026-03-15T02:30:00Z', meterStop: 127350, end: { value: '127.350', unit: 'kWh' },  // 10:30 local
  });
  tx.b = await chargeSession(a, {
    idTag: 'TAG-V2', startAt: '2026-03-31T15:50:00Z', meterStart: 50000, samples: [],  // 03-31 23:50 local
    stopAt: '2026-03-31T16:20:00Z', meterStop: 52000, end: { value: '52000', unit: 'Wh' },  // 04-01 00:20 local
  });
  await a.close();
  await b.close();
});
after(async () => { await csms?.stop(); });

// ---------------------------------------------------------------------------------------------------------
// Energy report rows

// The hand-computed figures of a row: Wh, Wh per period, fen, sessions, seconds plugged in.
function figures({ wh, sharpPeak = 0, peak = 0, flat = 0, valley = 0, costFen, feeFen, sessions, seconds }) {
  return { wh, byPeriod: { sharpPeak, peak, flat, valley, unclassified: 0 }, costFen, feeFen, sessions, seconds };
}

const MARCH = figures({ wh: 17017, peak: 6000, flat: 7350, valley: 3667, costFen: 1188, feeFen: 681, sessions: 4, seconds: 11400 });
const APRIL = figures({ wh: 1333, valley: 1333, costFen: 40, feeFen: 53, sessions: 0, seconds: 1200 });

// Checks a report row (or totals) against hand figures. Derived figures: tce is given to 6 decimals,
// co2Kg, petrolDisplacedL and co2AvoidedKg to 3 (energy_report.cpp rounds them so), so each must be within
// half a unit of its last decimal of the exact product; tce is also within 1e-6 of it.
function assertRow(row, expected, what) {
  const kwh = expected.wh / 1000;
  assert.equal(row.wh, expected.wh, `${what}: wh`);
  assert.equal(row.kwh, kwh, `${what}: kwh`);
  assert.deepEqual(row.kwhByPeriod, Object.fromEntries(
    Object.entries(expected.byPeriod).map(([kind, wh]) => [kind, wh / 1000])), `${what}: kwhByPeriod`);
  assert.equal(row.costFen, expected.costFen, `${what}: costFen`);
  assert.equal(row.cost, expected.costFen / 100, `${what}: cost`);
  assert.equal(row.serviceFeeFen, expected.feeFen, `${what}: serviceFeeFen`);
  assert.equal(row.serviceFee, expected.feeFen / 100, `${what}: serviceFee`);
  assert.equal(row.sessions, expected.sessions, `${what}: sessions`);
  assert.equal(row.chargingHours, Math.round(expected.seconds / 36) / 100, `${what}: chargingHours`);
  const tce = kwh * 0.1229 / 1000;
  const co2 = kwh * 0.5306;
  const petrol = kwh / 15 * 8;
  assert.ok(Math.abs(row.tce - tce) <= 1e-6, `${what}: tce ${row.tce}, expected ${tce}`);
  assert.ok(Math.abs(row.tce - tce) <= 0.5e-6 + 1e-15, `${what}: tce ${row.tce} is not ${tce} to 6 decimals`);
  assert.ok(Math.abs(row.co2Kg - co2) <= 0.5e-3 + 1e-12, `${what}: co2Kg ${row.co2Kg}, expected ${co2}`);
  assert.ok(Math.abs(row.petrolDisplacedL - petrol) <= 0.5e-3 + 1e-12, `${what}: petrolDisplacedL ${row.petrolDisplacedL}`);
  assert.ok(Math.abs(row.co2AvoidedKg - (petrol * 2.27 - co2)) <= 0.5e-3 + 1e-12, `${what}: co2AvoidedKg ${row.co2AvoidedKg}`);
}

function report(query) {
  return get(`/reports/energy?${new URLSearchParams(query)}`);
}

// Row ids are text (docs/api.md): an institution, site, department or vehicle id, or a charger identity.
function rowOf(body, id, period) {
  const found = body.rows.filter((row) => row.id === String(id) && row.period === period);
  assert.equal(found.length, 1, `one row for ${id} ${period} in ${JSON.stringify(body.rows.map((r) => [r.id, r.period]))}`);
  return found[0];
}

test('the institution\'s March and April figures match the hand computation to the Wh and the fen', async () => {
  const march = await report({ groupBy: 'institution', period: 'month', from: '2026-03-01', to: '2026-04-01' });
  assert.equal(march.rows.length, 1, JSON.stringify(march.rows));
  const row = march.rows[0];
  assert.equal(row.id, String(ids.institution));
  assert.equal(row.institutionId, ids.institution);
  assert.equal(row.name, '北京市第五中学');
  assert.equal(row.period, '2026-03');
  assertRow(row, MARCH, 'March');
  // The exact figures, literally: 17.017 kWh, 11.88 CNY, 6.81 CNY, 0.002091 tce, 9.029 kg CO2.
  assert.equal(row.kwh, 17.017);
  assert.equal(row.cost, 11.88);
  assert.equal(row.serviceFee, 6.81);
  assert.equal(row.tce, 0.002091);
  assert.equal(row.co2Kg, 9.029);
  assertRow(march.totals, MARCH, 'March totals');

  // The factors used: the defaults, 2026 taking the newest grid factor (2023).
  const factor = (kind) => march.factors.find((f) => f.kind === kind);
  assert.equal(factor('coal_kgce_per_kwh').value, 0.1229);
  assert.equal(factor('grid_co2_kg_per_kwh').value, 0.5306);
  assert.equal(factor('grid_co2_kg_per_kwh').year, 2023);
  assert.ok(factor('grid_co2_kg_per_kwh').source.length > 0);

  const april = await report({ groupBy: 'institution', period: 'month', from: '2026-04-01', to: '2026-05-01' });
  assert.equal(april.rows.length, 1, JSON.stringify(april.rows));
  assert.equal(april.rows[0].period, '2026-04');
  assertRow(april.rows[0], APRIL, 'April');
  assert.equal(april.rows[0].tce, 0.000164);  // 0.0001638257
  assert.equal(april.rows[0].co2Kg, 0.707);   // 0.7072898

  const both = await report({ groupBy: 'institution', period: 'month', from: '2026-03-01', to: '2026-05-01' });
  assert.deepEqual(both.rows.map((r) => r.period), ['2026-03', '2026-04']);
  assertRow(rowOf(both, ids.institution, '2026-03'), MARCH, 'March of two months');
  assertRow(rowOf(both, ids.institution, '2026-04'), APRIL, 'April of two months');
  // Totals: 18350 Wh, 1228 fen, 734 fen, 4 sessions, 12600 s.
  assertRow(both.totals, figures({ wh: 18350, peak: 6000, flat: 7350, valley: 5000, costFen: 1228, feeFen: 734,
    sessions: 4, seconds: 12600 }), 'totals of two months');

  const year = await report({ groupBy: 'institution', period: 'year', from: '2026-01-01', to: '2027-01-01' });
  assert.equal(year.rows.length, 1);
  assert.equal(year.rows[0].period, '2026');
  assertRow(year.rows[0], figures({ wh: 18350, peak: 6000, flat: 7350, valley: 5000, costFen: 1228, feeFen: 734,
    sessions: 4, seconds: 12600 }), '2026');
});

test('daily rows split the session across midnight at the month\'s end', async () => {
  const days = await report({ groupBy: 'institution', period: 'day', from: '2026-03-01', to: '2026-04-03' });
  assert.deepEqual(days.rows.map((r) => r.period), ['2026-03-10', '2026-03-12', '2026-03-15', '2026-03-31', '2026-04-01']);
  assertRow(rowOf(days, ids.institution, '2026-03-10'),  // (a)
    figures({ wh: 9000, peak: 6000, valley: 3000, costFen: 690, feeFen: 360, sessions: 1, seconds: 5400 }), '03-10');
  assertRow(rowOf(days, ids.institution, '2026-03-12'),  // (c)
    figures({ wh: 7350, flat: 7350, costFen: 478, feeFen: 294, sessions: 1, seconds: 3600 }), '03-12');
  assertRow(rowOf(days, ids.institution, '2026-03-15'),  // (d)
    figures({ wh: 0, costFen: 0, feeFen: 0, sessions: 1, seconds: 1800 }), '03-15');
  assertRow(rowOf(days, ids.institution, '2026-03-31'),  // (b), 23:50-24:00
    figures({ wh: 667, valley: 667, costFen: 20, feeFen: 27, sessions: 1, seconds: 600 }), '03-31');
  assertRow(rowOf(days, ids.institution, '2026-04-01'),  // (b), 00:00-00:20
    figures({ wh: 1333, valley: 1333, costFen: 40, feeFen: 53, sessions: 0, seconds: 1200 }), '04-01');
});

test('vehicle, department, site and charger rows add up to the institution\'s', async () => {
  const march = { period: 'month', from: '2026-03-01', to: '2026-04-01' };
  // Vehicle 1: (a) + (c) = 9000 + 7350 = 16350 Wh; peak 6000, flat 7350, valley 3000; 690 + 478 = 1168 fen;
  //            360 + 294 = 654 fen; 2 sessions; 5400 + 3600 = 9000 s.
  // Vehicle 2: (b) March part + (d) = 667 + 0 Wh valley; 20 fen; 27 fen; 2 sessions; 600 + 1800 = 2400 s.
  const vehicle1 = figures({ wh: 16350, peak: 6000, flat: 7350, valley: 3000, costFen: 1168, feeFen: 654, sessions: 2, seconds: 9000 });
  const vehicle2 = figures({ wh: 667, valley: 667, costFen: 20, feeFen: 27, sessions: 2, seconds: 2400 });
  const vehicles = await report({ groupBy: 'vehicle', ...march });
  assert.equal(vehicles.rows.length, 2, JSON.stringify(vehicles.rows));
  assert.equal(rowOf(vehicles, ids.vehicle1, '2026-03').name, PLATE_1);
  assert.equal(rowOf(vehicles, ids.vehicle2, '2026-03').name, PLATE_2);
  assertRow(rowOf(vehicles, ids.vehicle1, '2026-03'), vehicle1, 'vehicle 1');
  assertRow(rowOf(vehicles, ids.vehicle2, '2026-03'), vehicle2, 'vehicle 2');
  assertRow(vehicles.totals, MARCH, 'vehicle totals');

  const departments = await report({ groupBy: 'department', ...march });
  assert.equal(departments.rows.length, 2, JSON.stringify(departments.rows));
  assert.equal(rowOf(departments, ids.department2, '2026-03').name, DEPARTMENT_2);
  assertRow(rowOf(departments, ids.department1, '2026-03'), vehicle1, 'department 1');
  assertRow(rowOf(departments, ids.department2, '2026-03'), vehicle2, 'department 2');

  const sites = await report({ groupBy: 'site', ...march });
  assert.equal(sites.rows.length, 1, JSON.stringify(sites.rows));
  assert.equal(sites.rows[0].name, SITE_NAME);
  assertRow(rowOf(sites, ids.site, '2026-03'), MARCH, 'site');

  // Charger A: (a) + (b) March part = 9000 + 667 = 9667 Wh; peak 6000, valley 3667; 690 + 20 = 710 fen;
  //            360 + 27 = 387 fen; 2 sessions; 5400 + 600 = 6000 s. In April: 1333 Wh (b), 0 sessions.
  // Charger B: (c) + (d) = 7350 Wh flat; 478 fen; 294 fen; 2 sessions; 3600 + 1800 = 5400 s.
  const chargers = await report({ groupBy: 'charger', period: 'month', from: '2026-03-01', to: '2026-05-01' });
  assert.equal(chargers.rows.length, 3, JSON.stringify(chargers.rows));
  assert.equal(rowOf(chargers, CHARGER_A, '2026-03').name, 'B1 east wall');
  assertRow(rowOf(chargers, CHARGER_A, '2026-03'),
    figures({ wh: 9667, peak: 6000, valley: 3667, costFen: 710, feeFen: 387, sessions: 2, seconds: 6000 }), 'charger A March');
  assertRow(rowOf(chargers, CHARGER_A, '2026-04'), APRIL, 'charger A April');
  assertRow(rowOf(chargers, CHARGER_B, '2026-03'),
    figures({ wh: 7350, flat: 7350, costFen: 478, feeFen: 294, sessions: 2, seconds: 5400 }), 'charger B March');
});

// ---------------------------------------------------------------------------------------------------------
// Data quality

async function findings() {
  const body = await get(`/data-quality/findings?institutionId=${ids.institution}&limit=1000`);
  assert.equal(body.items.length, body.total);
  return body.items;
}

// Warnings and errors about one transaction (what the ledger's findings column counts).
const flagged = (items, transactionId) => items.filter((f) => f.transactionId === transactionId
  && (f.severity === 'warning' || f.severity === 'error')).length;

test('the zero-energy session is a warning, counted in March\'s data quality', async () => {
  const items = await findings();
  const zero = items.filter((f) => f.kind === 'zero_energy');
  assert.equal(zero.length, 1, JSON.stringify(items));
  assert.equal(zero[0].transactionId, tx.d);
  assert.equal(zero[0].severity, 'warning');

  // A session's findings count in the period where the session started: all four started in March.
  const march = await report({ groupBy: 'institution', period: 'month', from: '2026-03-01', to: '2026-04-01' });
  const about = (severity) => items.filter((f) => f.severity === severity
    && [tx.a, tx.b, tx.c, tx.d].includes(f.transactionId)).length;
  const quality = march.rows[0].dataQuality;
  // The zero_energy finding is the only warning: the other findings of this data set are info (late_upload,
  // as the March timestamps reach the server months later; round_values, as (a) reads whole kWh only).
  assert.equal(quality.warnings, 1, JSON.stringify(quality));
  assert.equal(quality.errors, 0, JSON.stringify(quality));
  // Findings without a transaction (institution-wide, about a period) are not expected for this data set.
  assert.deepEqual(items.filter((f) => f.transactionId === null || f.transactionId === undefined), []);
  assert.deepEqual(quality, { errors: about('error'), warnings: about('warning'), info: about('info') },
    `findings: ${JSON.stringify(items.map((f) => [f.kind, f.severity, f.transactionId]))}`);
  const april = await report({ groupBy: 'institution', period: 'month', from: '2026-04-01', to: '2026-05-01' });
  assert.deepEqual(april.rows[0].dataQuality, { errors: 0, warnings: 0, info: 0 });
});

// ---------------------------------------------------------------------------------------------------------
// Downloads: JSON, CSV and XLSX hold the same cells

// RFC 4180: fields separated by commas, records by CRLF, quoted fields with "" for a quote. Every record,
// the last one too, must end in CRLF; a bare LF or CR is an error.
function parseCsv(text) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') { field += '"'; i++; }
      else {
        quoted = false;
        assert.ok(i + 1 === text.length || text[i + 1] === ',' || text[i + 1] === '\r', `text after a closing quote at ${i}`);
      }
    } else if (c === '"') {
      assert.equal(field, '', `a quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r') {
      assert.equal(text[i + 1], '\n', `CR without LF at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      assert.notEqual(c, '\n', `a bare LF at ${i}`);
      field += c;
    }
  }
  assert.ok(!quoted, 'an unterminated quoted field');
  assert.ok(record.length === 0 && field === '', 'the last line does not end in CRLF');
  return records;
}

// The lines of a JSON sheet as the CSV and XLSX files lay them out.
function sheetLines(sheet) {
  return [[sheet.title], ...sheet.notes.map((note) => [note]), sheet.headings, ...sheet.rows,
    ...(sheet.totals ? [sheet.totals] : [])];
}

// The CSV writer puts an apostrophe before text that a spreadsheet would run as a formula (OWASP CSV
// injection); JSON and XLSX hold the text itself.
const guarded = (text) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function assertCsvMatches(bytes, workbook, what) {
  assert.deepEqual([...bytes.subarray(0, 3)], [0xEF, 0xBB, 0xBF], `${what}: UTF-8 byte-order mark`);
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(!text.includes('\uFFFD'), `${what}: valid UTF-8`);
  const expected = [];
  workbook.sheets.forEach((sheet, index) => {
    if (index > 0) expected.push([null]);  // the empty line between sheets
    expected.push(...sheetLines(sheet));
  });
  const records = parseCsv(text);
  assert.equal(records.length, expected.length, `${what}: line count`);
  records.forEach((fields, line) => {
    const cells = expected[line];
    assert.equal(fields.length, cells.length, `${what} line ${line + 1}: ${JSON.stringify(fields)} vs ${JSON.stringify(cells)}`);
    cells.forEach((cell, column) => {
      const field = fields[column];
      const where = `${what} line ${line + 1} column ${column + 1}`;
      if (cell === null) assert.equal(field, '', where);
      else if (typeof cell === 'string') assert.equal(field, guarded(cell), where);
      else {
        assert.match(field, /^-?\d+(\.\d+)?$/, `${where}: a plain number`);
        assert.equal(Number(field), cell, where);
      }
    });
  });
}

function cellValue(cell) {
  const value = cell.value;
  if (value && typeof value === 'object' && Array.isArray(value.richText)) return value.richText.map((r) => r.text).join('');
  return value ?? null;
}

// Decimals of a number format such as "0.000" (an integer format such as "0" or General: 0).
function decimalsOf(numFmt) {
  const match = /^0\.(0+)$/.exec(numFmt ?? '');
  return match ? match[1].length : 0;
}

async function assertXlsxMatches(bytes, workbook, what) {
  assert.deepEqual([...bytes.subarray(0, 2)], [0x50, 0x4B], `${what}: a zip file`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes);
  assert.deepEqual(book.worksheets.map((ws) => ws.name), workbook.sheets.map((s) => s.name), `${what}: sheets`);
  workbook.sheets.forEach((sheet, index) => {
    const ws = book.worksheets[index];
    const lines = sheetLines(sheet);
    assert.equal(ws.rowCount, lines.length, `${what} ${sheet.name}: rows`);
    lines.forEach((cells, line) => {
      const row = ws.getRow(line + 1);
      assert.ok(row.cellCount <= cells.length, `${what} ${sheet.name} row ${line + 1}: ${row.cellCount} cells`);
      cells.forEach((expected, column) => {
        const cell = row.getCell(column + 1);
        const actual = cellValue(cell);
        const where = `${what} ${sheet.name} ${cell.address}`;
        if (expected === null || typeof expected === 'string') {
          // An empty text is written as a blank cell (libxlsxwriter writes no empty strings): both read as
          // nothing in a spreadsheet, as in the CSV.
          assert.equal(actual, expected === '' ? null : expected, where);
          return;
        }
        assert.equal(typeof actual, 'number', `${where}: ${JSON.stringify(actual)} is not a number`);
        // JSON holds the figure as shown with its decimals; the XLSX cell holds it with the number format
        // that shows those decimals (derived figures unrounded, so within half a unit of the last decimal).
        const decimals = decimalsOf(cell.numFmt);
        assert.ok(Math.abs(actual - expected) <= 0.5 * 10 ** -decimals + 1e-12,
          `${where}: ${actual} (format ${cell.numFmt}) vs ${expected}`);
        if (Number.isInteger(expected) && decimals === 0) assert.equal(actual, expected, where);
      });
    });
  });
}

const CSV_TYPE = 'text/csv; charset=utf-8';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function assertAttachment(download, type, fileName, what) {
  assert.equal(download.status, 200, `${what}: ${download.bytes.toString('utf8', 0, 300)}`);
  assert.equal(download.headers.get('content-type'), type, `${what}: content type`);
  assert.equal(download.headers.get('content-disposition'), `attachment; filename="${fileName}"`, `${what}: disposition`);
}

const kwhOf = (wh) => wh / 1000;

test('the March ledger lists the sessions with the hand figures, alike in JSON, CSV and XLSX', async () => {
  const items = await findings();
  const base = `/api/v1/reports/institutions/${ids.institution}/monthly-ledger?month=2026-03`;
  for (const lang of ['zh', 'en']) {
    const workbook = (await csms.api('GET', `${base}&format=json&lang=${lang}`));
    assert.equal(workbook.status, 200, JSON.stringify(workbook.body));
    const { sheets } = workbook.body;
    assert.deepEqual(sheets.map((s) => s.name), ['Ledger', 'Summary', 'DataQuality']);
    const [ledger, summary] = sheets;
    assert.equal(ledger.title, lang === 'zh' ? '月度充电台账' : 'Monthly charging ledger');
    assert.ok(ledger.notes[0].includes(CODE), ledger.notes[0]);
    assert.equal(ledger.headings.length, 19);
    // No., transaction, start, stop, site, charger, connector, vehicle, department, id tag, kWh,
    // sharp peak, peak, flat, valley, unclassified (kWh), cost, fee (CNY), findings; by start time.
    const line = (no, id, start, stop, charger, plate, department, tag, wh, [sp, p, f, v], costFen, feeFen) =>
      [no, id, start, stop, SITE_NAME, charger, 1, plate, department, tag, kwhOf(wh), kwhOf(sp), kwhOf(p), kwhOf(f),
        kwhOf(v), 0, costFen / 100, feeFen / 100, flagged(items, id)];
    assert.deepEqual(ledger.rows, [
      line(1, tx.a, '2026-03-10 22:00', '2026-03-10 23:30', CHARGER_A, PLATE_1, DEPARTMENT_1, 'TAG-V1', 9000, [0, 6000, 0, 3000], 690, 360),
      line(2, tx.c, '2026-03-12 08:00', '2026-03-12 09:00', CHARGER_B, PLATE_1, DEPARTMENT_1, 'TAG-V1', 7350, [0, 0, 7350, 0], 478, 294),
      line(3, tx.d, '2026-03-15 10:00', '2026-03-15 10:30', CHARGER_B, PLATE_2, DEPARTMENT_2, 'TAG-V2', 0, [0, 0, 0, 0], 0, 0),
      // (b): only its March part, 23:50-24:00
      line(4, tx.b, '2026-03-31 23:50', '2026-04-01 00:20', CHARGER_A, PLATE_2, DEPARTMENT_2, 'TAG-V2', 667, [0, 0, 0, 667], 20, 27),
    ]);
    assert.ok(ledger.rows[2][18] >= 1, 'the zero-energy session is flagged');
    // Totals: 17.017 kWh = the energy report's March wh / 1000; 11.88 CNY; 6.81 CNY.
    const findingsTotal = [tx.a, tx.b, tx.c, tx.d].reduce((sum, id) => sum + flagged(items, id), 0);
    assert.deepEqual(ledger.totals, ['合计 / Total', null, null, null, null, null, null, null, null, null,
      17.017, 0, 6, 7.35, 3.667, 0, 11.88, 6.81, findingsTotal]);
    const march = await report({ groupBy: 'institution', period: 'month', from: '2026-03-01', to: '2026-04-01' });
    assert.equal(ledger.totals[10], march.rows[0].wh / 1000);

    // Summary: month, sessions, hours, kWh, five periods, cost, fee, tce (4 decimals), CO2, petrol, CO2
    // avoided (1 decimal), findings (errors + warnings).
    // tce 0.0020913893 -> 0.0021; CO2 9.0292202 -> 9.0; petrol 9.0757333 -> 9.1; avoided 11.5726945 -> 11.6
    const quality = march.rows[0].dataQuality;
    const monthRow = ['2026-03', 4, 3.17, 17.017, 0, 6, 7.35, 3.667, 0, 11.88, 6.81, 0.0021, 9.0, 9.1, 11.6,
      quality.errors + quality.warnings];
    assert.deepEqual(summary.rows, [monthRow]);
    assert.deepEqual(summary.totals, ['合计 / Total', ...monthRow.slice(1)]);

    const csv = await csms.download('GET', `${base}&format=csv&lang=${lang}`);
    assertAttachment(csv, CSV_TYPE, `ledger-${ids.institution}-2026-03.csv`, `CSV ${lang}`);
    assertCsvMatches(csv.bytes, workbook.body, `ledger CSV ${lang}`);
    const xlsx = await csms.download('GET', `${base}&format=xlsx&lang=${lang}`);
    assertAttachment(xlsx, XLSX_TYPE, `ledger-${ids.institution}-2026-03.xlsx`, `XLSX ${lang}`);
    await assertXlsxMatches(xlsx.bytes, workbook.body, `ledger XLSX ${lang}`);
  }
});

async function exportFile(body) {
  const started = await csms.api('POST', '/api/v1/reports/exports', body);
  assert.equal(started.status, 202, JSON.stringify(started.body));
  assert.match(started.body.id, /^[0-9a-f]{32}$/, JSON.stringify(started.body));
  assert.equal(started.body.report, body.report);
  assert.equal(started.body.period, body.period);
  assert.equal(typeof started.body.progress.done, 'number');
  const deadline = Date.now() + 60000;
  let job = started.body;
  while (job.status !== 'done') {
    assert.notEqual(job.status, 'failed', JSON.stringify(job));
    assert.ok(Date.now() < deadline, `export still ${JSON.stringify(job)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    job = await get(`/reports/exports/${started.body.id}`);
  }
  assert.equal(job.fileUrl, `/api/v1/reports/exports/${started.body.id}/file`);
  return csms.download('GET', job.fileUrl);
}

test('the annual report for 2026, exported as a job, holds the cells of its JSON form', async () => {
  const json = await get(`/reports/institutions/${ids.institution}/annual?year=2026&format=json&lang=en`);
  const sheet = (name) => json.sheets.find((s) => s.name === name);
  assert.deepEqual(json.sheets.map((s) => s.name), ['Summary', 'Fleet', 'DataQuality']);
  // March as in the ledger; April: 1 session-less month of 1.333 kWh valley, 0.33 h, 0.40 CNY, 0.53 CNY,
  // tce 0.0001638257 -> 0.0002, CO2 0.7072898 -> 0.7, petrol 0.7109333 -> 0.7, avoided 0.9065289 -> 0.9.
  // Totals: 4 sessions, 12600 s = 3.50 h, 18.350 kWh, 12.28 CNY, 7.34 CNY; tce 0.002255215 -> 0.0023,
  // CO2 9.73651 -> 9.7, petrol 9.7866667 -> 9.8, avoided 12.4792233 -> 12.5.
  const [march, april] = sheet('Summary').rows;
  assert.deepEqual(march.slice(0, 15), ['2026-03', 4, 3.17, 17.017, 0, 6, 7.35, 3.667, 0, 11.88, 6.81, 0.0021, 9.0, 9.1, 11.6]);
  assert.deepEqual(april, ['2026-04', 0, 0.33, 1.333, 0, 0, 0, 1.333, 0, 0.4, 0.53, 0.0002, 0.7, 0.7, 0.9, 0]);
  assert.deepEqual(sheet('Summary').totals.slice(0, 15),
    ['合计 / Total', 4, 3.5, 18.35, 0, 6, 7.35, 5, 0, 12.28, 7.34, 0.0023, 9.7, 9.8, 12.5]);
  // Fleet: two BEVs in service at the end of 2026, one of them (vehicle 2, 2026-02-01) added in 2026, so
  // the new-energy share of vehicles added is 1 / 1 = 100.0 %; two chargers.
  const fleet = sheet('Fleet').rows;
  const count = (item, kind) => fleet.find((r) => r[0].includes(item) && r[1] === kind)[2];
  assert.equal(count('Vehicles in service', 'BEV'), 2);
  assert.equal(count('Vehicles in service', 'petrol'), 0);
  assert.equal(count('Vehicles added', 'BEV'), 1);
  assert.equal(count('Vehicles retired', 'BEV'), 0);
  assert.equal(fleet.find((r) => r[1] === 'BEV+PHEV')[2], 100);
  assert.equal(fleet.filter((r) => r[0].includes('Chargers')).reduce((sum, r) => sum + r[2], 0), 2);

  const xlsx = await exportFile({ report: 'annual', institutionId: ids.institution, period: '2026', format: 'xlsx', lang: 'en' });
  assertAttachment(xlsx, XLSX_TYPE, `annual-${ids.institution}-2026.xlsx`, 'annual export');
  await assertXlsxMatches(xlsx.bytes, json, 'annual XLSX export');
  // The direct download is the same workbook.
  await assertXlsxMatches((await csms.download('GET',
    `/api/v1/reports/institutions/${ids.institution}/annual?year=2026&format=xlsx&lang=en`)).bytes, json, 'annual XLSX');

  // The March ledger exported as a CSV job in Chinese equals its JSON form too.
  const ledgerJson = await get(`/reports/institutions/${ids.institution}/monthly-ledger?month=2026-03&format=json&lang=zh`);
  const csv = await exportFile({ report: 'monthly-ledger', institutionId: ids.institution, period: '2026-03', format: 'csv', lang: 'zh' });
  assertAttachment(csv, CSV_TYPE, `ledger-${ids.institution}-2026-03.csv`, 'ledger export');
  assertCsvMatches(csv.bytes, ledgerJson, 'ledger CSV export');
});

test('the quarterly reports split March and April into Q1 and Q2', async () => {
  const q1 = await get(`/reports/institutions/${ids.institution}/quarterly?quarter=2026-Q1&format=json&lang=zh`);
  const q2 = await get(`/reports/institutions/${ids.institution}/quarterly?quarter=2026-Q2&format=json&lang=zh`);
  const summary = (book) => book.sheets.find((s) => s.name === 'Summary');
  assert.deepEqual(summary(q1).rows.map((r) => r[0]), ['2026-03']);
  assert.deepEqual(summary(q1).totals.slice(1, 12), [4, 3.17, 17.017, 0, 6, 7.35, 3.667, 0, 11.88, 6.81, 0.0021]);
  assert.deepEqual(summary(q2).totals.slice(1, 12), [0, 0.33, 1.333, 0, 0, 0, 1.333, 0, 0.4, 0.53, 0.0002]);
});
