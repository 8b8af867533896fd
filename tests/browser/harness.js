'use strict';
// What every browser test needs: the real csms serving admin-ui/ on an ephemeral port with a fresh
// database, Debian's chromium driven by playwright-core, users of each role, simulated chargers speaking
// OCPP through ocpp-rpc (strict mode), and screenshots saved where the test command says.
//
// Every page opened through newPage() fails the test on a console error, an uncaught exception or a
// Content-Security-Policy violation, so a missing translation or an inline style cannot slip through.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { RPCClient } = require('ocpp-rpc');
const { startCsms } = require('../e2e/csms');

const ADMIN_UI = path.resolve(__dirname, '../../admin-ui');
const PASSWORD = 'correct-horse-battery';
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? path.join(__dirname, 'screenshots');

const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  tablet: { width: 820, height: 1180 }, // a tablet held upright
};

async function startUi(extraArgs = []) {
  if (!fs.existsSync(path.join(ADMIN_UI, 'vendor', 'echarts.js'))) {
    throw new Error('admin-ui/vendor is missing: run `npm ci --prefix admin-ui && npm run build --prefix admin-ui`');
  }
  const csms = await startCsms(['--admin-ui', ADMIN_UI, ...extraArgs]);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  const base = `http://127.0.0.1:${csms.port}`;
  const pages = [];

  // A fresh browser context (its own cookies) in `locale`, with error collection. The browser's clock runs
  // in Beijing time by default, as the computers of the institutions' staff do.
  async function newPage({ viewport = VIEWPORTS.desktop, locale = 'en-US', timezoneId = 'Asia/Shanghai' } = {}) {
    const context = await browser.newContext({ viewport, locale, timezoneId, acceptDownloads: true });
    const page = await context.newPage();
    page.problems = [];
    page.on('console', (message) => {
      if (message.type() === 'error') page.problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => page.problems.push(`page error: ${error.message}`));
    pages.push(page);
    return page;
  }

  // Asserts that nothing went wrong on the page so far (see above). A request the test provoked to fail
  // (a 4xx shown to the user) logs "Failed to load resource", which is expected and skipped.
  function assertClean(page) {
    const problems = page.problems.filter((text) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(text));
    assert.deepEqual(problems, [], `problems on the page:\n${problems.join('\n')}`);
  }

  async function login(page, username, password = PASSWORD) {
    await page.goto(base + '/');
    await page.locator('input[name="username"]').fill(username);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('form.login-form button[type="submit"]').click();
    await page.locator('nav.sidebar').waitFor();
  }

  async function createUser(username, role, institutionIds = [], displayName = undefined) {
    const answer = await csms.api('POST', '/api/v1/users', { username, password: PASSWORD, role, institutionIds, displayName });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  }

  async function createInstitution(name, serial) {
    const answer = await csms.api('POST', '/api/v1/institutions', {
      name, unifiedSocialCreditCode: creditCode(serial), type: 'public_institution', sector: 'education',
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  }

  async function createSite(institutionId, name) {
    const answer = await csms.api('POST', '/api/v1/sites', { institutionId, name });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  }

  async function registerCharger(id, siteId = undefined) {
    const answer = await csms.api('POST', '/api/v1/chargers', { id, siteId });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body;
  }

  // A charger speaking OCPP 1.6J through ocpp-rpc in strict mode (every CALL ParkGrid sends is checked
  // against the official schemas). `handlers` answers CALLs from ParkGrid; by default it accepts
  // everything a fleet charger is asked to do.
  async function connectCharger(identity, handlers = {}) {
    const client = new RPCClient({ endpoint: csms.endpoint, identity, protocols: ['ocpp1.6'], strictMode: true, reconnect: false });
    const accept = () => ({ status: 'Accepted' });
    const defaults = {
      SetChargingProfile: accept, ClearChargingProfile: accept, ChangeConfiguration: accept, Reset: accept,
      UnlockConnector: () => ({ status: 'Unlocked' }), ChangeAvailability: accept, TriggerMessage: accept,
      RemoteStartTransaction: accept, RemoteStopTransaction: accept, ClearCache: accept, DataTransfer: accept,
      GetConfiguration: () => ({ configurationKey: [], unknownKey: [] }), GetLocalListVersion: () => ({ listVersion: 0 }),
      SendLocalList: accept, CancelReservation: accept, ReserveNow: accept, UpdateFirmware: () => ({}),
      GetDiagnostics: () => ({}), GetCompositeSchedule: () => ({ status: 'Rejected' }),
    };
    for (const [action, handler] of Object.entries({ ...defaults, ...handlers })) client.handle(action, ({ params }) => handler(params));
    await client.connect();
    return client;
  }

  // Saves what the viewport shows, or the whole page with `fullPage`.
  async function screenshot(page, name, { fullPage = false } = {}) {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage });
  }

  async function stop() {
    await browser.close();
    await csms.stop();
  }

  return {
    csms, base, browser, newPage, assertClean, login, createUser, createInstitution, createSite, registerCharger,
    connectCharger, screenshot, stop,
  };
}

// A valid GB 32100-2015 unified social credit code ending in `serial` (check character computed).
function creditCode(serial) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const body = `12110000MB${String(serial).padStart(7, '0')}`;
  const sum = [...body].reduce((total, char, i) => total + alphabet.indexOf(char) * weights[i], 0);
  return body + alphabet[(31 - (sum % 31)) % 31];
}

// Polls `condition` until it holds (the UI updates asynchronously from the events stream).
async function eventually(condition, { timeout = 15000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await condition();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
  throw new Error(`condition not met within ${timeout} ms (last: ${last})`);
}

module.exports = { startUi, eventually, creditCode, PASSWORD, VIEWPORTS };
