'use strict';
// Figures of the admin UI against the real csms, printed, not asserted (machines here are noisy):
//   - what a cold dashboard load transfers (scripts, styles, the chart library) and how long until its
//     load chart is drawn;
//   - what the live events stream carries while 40 chargers send meter values every second: the stream as
//     the dashboard opens it (types= of what the page shows) against an unfiltered one, in the same run.
// Run: cd tests/browser && CSMS_BINARY=../../build/release/server/csms node ../../tools/ui_measure/measure.js
const path = require('node:path');
const { startUi, eventually } = require(path.resolve(__dirname, '../../tests/browser/harness'));

const CHARGERS = 40;
const SECONDS = 20;

async function main() {
  const ui = await startUi(['--load-period', '5']);
  try {
    const institution = await ui.createInstitution('测量单位', 31);
    const site = await ui.createSite(institution.id, '测量车库');
    await ui.createUser('measure.admin', 'fleet_admin', [institution.id]);
    const root = (await ui.csms.api('POST', `/api/v1/sites/${site.id}/circuits`, { name: 'Grid', limitA: 2000, phases: 3 })).body;
    await ui.csms.api('POST', '/api/v1/id-tags', { idTag: 'M-1', status: 'Accepted', institutionId: institution.id });
    const clients = [];
    for (let i = 0; i < CHARGERS; i++) {
      const id = `M-${String(i).padStart(3, '0')}`;
      await ui.registerCharger(id, site.id);
      await ui.csms.api('PATCH', `/api/v1/chargers/${id}`, { circuitId: root.id, maxCurrentA: 32, phases: 3 });
      const client = await ui.connectCharger(id);
      await client.call('BootNotification', { chargePointVendor: 'M', chargePointModel: 'M' });
      await client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
      const started = await client.call('StartTransaction', { connectorId: 1, idTag: 'M-1', meterStart: 0, timestamp: new Date().toISOString() });
      clients.push({ client, transactionId: started.transactionId });
    }

    // A cold dashboard: every byte the browser fetched, and the time until the chart has its points.
    const page = await ui.newPage();
    let bytes = 0;
    let files = 0;
    page.on('response', async (response) => {
      if (response.url().includes('/api/')) return;
      try {
        bytes += (await response.body()).length;
        files += 1;
      } catch {
        // a streamed or aborted response has no body to count
      }
    });
    await ui.login(page, 'measure.admin');
    const start = Date.now();
    await page.goto(`${ui.base}/#/`);
    await page.reload();
    await eventually(async () => Number(await page.locator('.load-chart').getAttribute('data-points')) >= 1, { timeout: 30000 });
    const drawnMs = Date.now() - start;

    // The events while the chargers meter: counted by the page's own stream (in the browser) and by an
    // unfiltered stream opened with the same session.
    await page.evaluate(() => {
      // The dashboard's own stream is private to the app; one with the same types= measures what it gets.
      const filtered = new EventSource('/api/v1/events?types=charger.booted,charger.connected,charger.disconnected,connector.status,load.plan_computed,security.event,transaction.stopped');
      const unfiltered = new EventSource('/api/v1/events');
      window.filteredBytes = 0;
      window.unfilteredBytes = 0;
      window.filteredEvents = 0;
      window.unfilteredEvents = 0;
      const types = ['meter_values', 'load.plan_computed', 'connector.status', 'charger.connected', 'transaction.started', 'transaction.stopped', 'charging_need.changed', 'building_load.reading', 'load.config_changed'];
      for (const type of types) {
        filtered.addEventListener(type, (event) => { window.filteredBytes += event.data.length; window.filteredEvents += 1; });
        unfiltered.addEventListener(type, (event) => { window.unfilteredBytes += event.data.length; window.unfilteredEvents += 1; });
      }
      window.streams = [filtered, unfiltered];
    });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const meterStart = Date.now();
    let sent = 0;
    for (let second = 1; second <= SECONDS; second++) {
      await Promise.all(clients.map(({ client, transactionId }) => client.call('MeterValues', {
        connectorId: 1, transactionId,
        meterValue: [{ timestamp: new Date().toISOString(), sampledValue: [
          { value: String(second * 2000), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
          { value: '7200', measurand: 'Power.Active.Import', unit: 'W' },
          { value: '31.0', measurand: 'Current.Import', unit: 'A', phase: 'L1' }] }],
      })));
      sent += clients.length;
      const wait = meterStart + second * 1000 - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const stream = await page.evaluate(() => ({ filteredBytes: window.filteredBytes, unfilteredBytes: window.unfilteredBytes, filteredEvents: window.filteredEvents, unfilteredEvents: window.unfilteredEvents }));

    const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
    console.log(`cold dashboard: ${files} files, ${kib(bytes)} transferred (uncompressed), chart drawn ${drawnMs} ms after navigation`);
    console.log(`${CHARGERS} chargers x ${SECONDS} s of MeterValues (${sent} messages):`);
    console.log(`  dashboard stream (types=): ${stream.filteredEvents} events, ${kib(stream.filteredBytes)} (${kib(stream.filteredBytes / SECONDS)}/s)`);
    console.log(`  unfiltered stream:         ${stream.unfilteredEvents} events, ${kib(stream.unfilteredBytes)} (${kib(stream.unfilteredBytes / SECONDS)}/s)`);
    console.log(`  ratio unfiltered/filtered bytes: ${(stream.unfilteredBytes / Math.max(1, stream.filteredBytes)).toFixed(1)}x`);
    for (const { client } of clients) await client.close();
  } finally {
    await ui.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
