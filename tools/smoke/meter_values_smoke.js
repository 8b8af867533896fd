'use strict';
// Smoke load: N chargers (ocpp-rpc clients) each run one transaction and send MeterValues closed-loop
// (next one after the previous answer) for D seconds, then print JSON with the achieved rate and latency
// percentiles. Node.js is the bottleneck well before csms is; the C++ load generator (tools/, performance
// issue) is the real benchmark. Usage, with csms running and CSMS_ADMIN_TOKEN set:
//   node tools/smoke/meter_values_smoke.js --url ws://127.0.0.1:8180 --chargers 50 --seconds 10
const path = require('node:path');
const { RPCClient } = require(path.join(__dirname, '../../tests/e2e/node_modules/ocpp-rpc'));

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const url = args.url || 'ws://127.0.0.1:8180';
const chargers = Number(args.chargers || 50);
const seconds = Number(args.seconds || 10);
const token = process.env.CSMS_ADMIN_TOKEN;
if (!token) throw new Error('set CSMS_ADMIN_TOKEN to the administrator token');
const http = url.replace(/^ws/, 'http');

async function api(method, target, body) {
  const response = await fetch(http + target, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status >= 300 && response.status !== 409) throw new Error(`${target}: ${response.status} ${await response.text()}`);
}

function percentile(sorted, p) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null;
}

async function runCharger(index, deadline, latencies) {
  const id = `SMOKE-${index}`;
  await api('POST', '/api/v1/chargers', { id });
  await api('POST', '/api/v1/id-tags', { idTag: id, status: 'Accepted' });  // one card per vehicle
  const client = new RPCClient({ endpoint: `${url}/ocpp`, identity: id, protocols: ['ocpp1.6'], reconnect: false });
  await client.connect();
  await client.call('BootNotification', { chargePointVendor: 'Smoke', chargePointModel: 'Load' });
  const start = await client.call('StartTransaction', { connectorId: 1, idTag: id, meterStart: 0, timestamp: new Date().toISOString() });
  let wh = 0;
  while (Date.now() < deadline) {
    wh += 10;
    const sent = process.hrtime.bigint();
    await client.call('MeterValues', {
      connectorId: 1, transactionId: start.transactionId,
      meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [
        { value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
        { value: '7000', measurand: 'Power.Active.Import', unit: 'W' },
        { value: '230.1', measurand: 'Voltage', unit: 'V', phase: 'L1-N' },
        { value: '30.4', measurand: 'Current.Import', unit: 'A', phase: 'L1' },
        { value: '55', measurand: 'SoC', unit: 'Percent', location: 'EV' },
        { value: '31.0', measurand: 'Temperature', unit: 'Celsius', location: 'Body' },
      ] }],
    });
    latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
  }
  await client.call('StopTransaction', { transactionId: start.transactionId, meterStop: wh, timestamp: new Date().toISOString() });
  await client.close();
}

(async () => {
  const latencies = [];
  const began = Date.now();
  await Promise.all(Array.from({ length: chargers }, (_, i) => runCharger(i, began + seconds * 1000, latencies)));
  const elapsed = (Date.now() - began) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(JSON.stringify({
    chargers, seconds: elapsed, meterValues: latencies.length, perSecond: Math.round(latencies.length / elapsed),
    latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), p999: percentile(latencies, 0.999), max: latencies.at(-1) },
  }));
})().catch((error) => { console.error(error); process.exit(1); });
