// Presence across gateways through a real Redis: cursors cross gateways,
// vanish when a gateway dies, and editing goes on while Redis is down.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import { Client, newFile, op, psql, register, sleep, startGateway, subscribed } from './harness.mjs';

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(port) {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i += 1) {
    try {
      if (execFileSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).trim() === 'PONG') return child;
    } catch {
      /* not up yet */
    }
    await sleep(50);
  }
  throw new Error('redis-server did not start');
}

async function stopRedis(child) {
  if (child.exitCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

let redisPort;
let redis;

before(async () => {
  redisPort = await freePort();
  redis = await startRedis(redisPort);
});

after(async () => {
  await stopRedis(redis);
});

test('cursors cross gateways, and vanish when a gateway dies', async () => {
  const env = { REDIS_URL: `redis://127.0.0.1:${redisPort}`, PRESENCE_TIMEOUT: '3' };
  const one = await startGateway(env);
  const two = await startGateway(env);
  const ada = await register(one, 'Ada');
  const bob = await register(one, 'Bob');
  const fileId = newFile(ada.id);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${bob.id}', 'edit')`);
  await sleep(300); // both gateways subscribed to Redis
  const a = await subscribed(one, ada, fileId);
  const b = await subscribed(two, bob, fileId);

  a.client.send({ type: 'presence', payload: { cursor: { x: 7, y: 8 }, selection: [] } });
  const seen = await b.client.next(
    (m) => m.type === 'presence' && m.payload.presence.some((p) => p.userId === ada.id && p.cursor && p.cursor.x === 7),
    5000,
  );
  assert.equal(seen.payload.presence.find((p) => p.userId === ada.id).userName, 'Ada');

  // A client that joins later learns the other gateway's cursor in its sync.
  const late = await subscribed(two, bob, fileId);
  assert.ok(late.sync.payload.presence.some((p) => p.clientId === a.sync.payload.clientId));

  // Gateway one dies: its client's cursor is removed from two's clients.
  one.child.kill('SIGKILL');
  const gone = await b.client.next(
    (m) => m.type === 'presence' && m.payload.removed.includes(a.sync.payload.clientId),
    10000,
  );
  assert.ok(gone);
  b.client.close();
  late.client.close();
  await two.stop();
});

test('presence from Redis is checked like a client\'s: hostile entries are dropped, nobody is disconnected', async () => {
  const gw = await startGateway({ REDIS_URL: `redis://127.0.0.1:${redisPort}` });
  const ada = await register(gw, 'Ada');
  const fileId = newFile(ada.id);
  await sleep(300); // subscribed to Redis
  const a = await subscribed(gw, ada, fileId);
  const entry = (fields) => ({ clientId: 'intruder', userId: ada.id, userName: 'Mallory', color: '#000000', cursor: null, selection: [], viewport: null, ...fields });
  // redis-cli takes the message from stdin with -x; raw bytes go through as they are.
  const publishRaw = (buffer) =>
    execFileSync('redis-cli', ['-p', String(redisPort), '-x', 'PUBLISH', `vellum:presence:${fileId}`], { input: buffer });
  publishRaw(Buffer.from(`{"gateway": "evil", "snapshot": false, "presence": [${JSON.stringify(entry({ clientId: 'lone' })).replace('"selection":[]', '"selection":["\\udc00"]')}], "removed": []}`));
  publishRaw(Buffer.concat([Buffer.from('{"gateway": "evil", "snapshot": false, "presence": [{"clientId": "raw", "userId": "' + ada.id + '", "userName": "'), Buffer.from([0xff, 0xfe]), Buffer.from('", "color": "#000"}], "removed": []}')]));
  publishRaw(Buffer.from(`{"gateway": "evil", "snapshot": false, "presence": [${JSON.stringify(entry({ clientId: 'deep', cursor: JSON.parse('[[[[1]]]]') }))}], "removed": []}`));
  publishRaw(Buffer.from('{"gateway": "evil", "presence": ' + '['.repeat(100000) + ']'.repeat(100000) + ', "removed": []}'));
  // A well-formed entry is relayed, rebuilt from its checked fields only.
  publishRaw(Buffer.from(JSON.stringify({ gateway: 'evil', snapshot: false, presence: [entry({ extra: '<script>', cursor: { x: 1, y: 2, evil: true } })], removed: [] })));
  const relayed = await a.client.next((m) => m.type === 'presence' && m.payload.presence.some((p) => p.clientId === 'intruder'));
  const intruder = relayed.payload.presence.find((p) => p.clientId === 'intruder');
  assert.equal(intruder.extra, undefined);
  assert.deepEqual(intruder.cursor, { x: 1, y: 2 });
  const seen = a.client.messages.filter((m) => m.type === 'presence').flatMap((m) => m.payload.presence.map((p) => p.clientId));
  for (const bad of ['lone', 'raw', 'deep']) assert.ok(!seen.includes(bad), `${bad} was relayed`);
  const late = await subscribed(gw, ada, fileId);
  assert.ok(late.sync.payload.presence.every((p) => !['lone', 'raw', 'deep'].includes(p.clientId)));
  assert.equal(a.client.closed, null);
  assert.equal(gw.child.exitCode, null);
  a.client.close();
  late.client.close();
  await gw.stop();
});

test('Redis down: editing goes on, presence stays local, health says so', async () => {
  const port = await freePort();
  const ownRedis = await startRedis(port);
  const gw = await startGateway({ REDIS_URL: `redis://127.0.0.1:${port}`, PRESENCE_TIMEOUT: '3' });
  const ada = await register(gw, 'Ada');
  const fileId = newFile(ada.id);
  const a = await subscribed(gw, ada, fileId);
  const b = await subscribed(gw, ada, fileId);
  await stopRedis(ownRedis);
  await sleep(300);

  a.client.send({ type: 'operation', requestId: 'w', payload: { operations: [op({ operationType: 'create', objectId: 'r', newValue: { type: 'rectangle' } })] } });
  const ack = await a.client.next((m) => m.type === 'ack' && m.requestId === 'w');
  assert.equal(ack.payload.results[0].status, 'applied');
  a.client.send({ type: 'presence', payload: { cursor: { x: 1, y: 2 } } });
  await b.client.next((m) => m.type === 'presence' && m.payload.presence.some((p) => p.cursor && p.cursor.x === 1));

  const health = await (await fetch(`${gw.base}/health`)).json();
  assert.notEqual(health.redis.state, 'DISABLED');
  assert.ok(health.redis.failures > 0 || health.redis.state !== 'CLOSED', JSON.stringify(health.redis));
  assert.equal(health.postgres.state, 'CLOSED');
  a.client.close();
  b.client.close();
  await gw.stop();
});

test('an invalid REDIS_URL is refused at start with a clear message', async () => {
  await assert.rejects(startGateway({ REDIS_URL: 'http://nope' }), /invalid REDIS_URL/);
});
