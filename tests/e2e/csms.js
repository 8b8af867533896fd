'use strict';
// Starts the real csms binary on an ephemeral port with a fresh database, for end-to-end tests.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ADMIN_TOKEN = 'e2e-admin-token';

async function startCsms(extraArgs = []) {
  const binary = process.env.CSMS_BINARY;
  if (!binary) throw new Error('CSMS_BINARY must name the csms executable (ctest sets it)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parkgrid-e2e-'));
  const logPath = path.join(dir, 'csms.log');
  const log = fs.openSync(logPath, 'a');
  const child = spawn(binary, ['--listen', '127.0.0.1:0', '--db', path.join(dir, 'parkgrid.db'), '--log-level', 'debug',
                               '--allow-security-profile-0', 'true',
                               ...extraArgs], {
    env: { ...process.env, CSMS_ADMIN_TOKEN: ADMIN_TOKEN },
    stdio: ['ignore', 'pipe', log],
  });
  const tls = extraArgs.includes('--tls-cert');
  const [port, tlsPort] = await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`csms did not start: ${output}`)), 20000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const plain = /csms listening on [^\n]*:(\d+)\n/.exec(output);
      const secure = /csms listening with TLS on [^\n]*:(\d+)\n/.exec(output);
      if (plain && (!tls || secure)) {
        clearTimeout(timer);
        resolve([Number(plain[1]), secure ? Number(secure[1]) : null]);
      }
    });
    child.on('exit', (code) => reject(new Error(`csms exited with ${code}: ${fs.readFileSync(logPath, 'utf8')}`)));
  });

  async function api(method, target, body) {
    const response = await fetch(`http://127.0.0.1:${port}${target}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  // The raw answer, for downloads that are not JSON (CSV, XLSX): status, headers and the body's bytes.
  async function download(method, target, body) {
    const response = await fetch(`http://127.0.0.1:${port}${target}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  async function stop() {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    fs.rmSync(dir, { recursive: true, force: true });
  }

  return {
    port,
    tlsPort,
    endpoint: `ws://127.0.0.1:${port}/ocpp`,
    tlsEndpoint: tlsPort ? `wss://localhost:${tlsPort}/ocpp` : null,
    api,
    download,
    stop,
    log: () => fs.readFileSync(logPath, 'utf8'),
  };
}

module.exports = { startCsms };
