'use strict';
// Connection limits: connections beyond --max-connections-per-address / --max-connections are closed at
// once, without touching the chargers already connected, and their places come back when they close.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const { RPCClient } = require('ocpp-rpc');
const { startCsms } = require('./csms');

let csms;

before(async () => {
  csms = await startCsms(['--max-connections-per-address', '3', '--handshake-timeout', '2']);
});

after(async () => {
  if (csms) await csms.stop();
});

// Resolves with 'closed' if the server closes the connection within `ms`, otherwise 'open'.
function openSocket(ms = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect(csms.port, '127.0.0.1');
    const timer = setTimeout(() => resolve({ state: 'open', socket }), ms);
    socket.on('close', () => { clearTimeout(timer); resolve({ state: 'closed', socket }); });
    socket.on('error', () => {});
  });
}

test('connections over the per-address limit are closed; the connected charger carries on', async () => {
  const charger = new RPCClient({ endpoint: csms.endpoint, identity: 'CP-LIMIT', protocols: ['ocpp1.6'],
                                  strictMode: true, reconnect: false });
  await charger.connect();
  const idle = [await openSocket(300), await openSocket(300)];
  assert.deepEqual(idle.map((s) => s.state), ['open', 'open']);
  const refused = await openSocket(1000);
  assert.equal(refused.state, 'closed', 'the fourth connection from one address');
  const boot = await charger.call('BootNotification', { chargePointVendor: 'ParkGrid', chargePointModel: 'Limit' });
  assert.ok(['Pending', 'Accepted'].includes(boot.status));

  idle[0].socket.destroy();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const again = await openSocket(300);
  assert.equal(again.state, 'open', 'a closed connection gives its place back');
  again.socket.destroy();
  idle[1].socket.destroy();
  await charger.close();
});

test('a connection that sends no request header is closed after the handshake timeout', async () => {
  const started = Date.now();
  const silent = await openSocket(5000);
  assert.equal(silent.state, 'closed');
  const waited = Date.now() - started;
  assert.ok(waited >= 1500 && waited < 4500, `closed after ${waited} ms`);
});
