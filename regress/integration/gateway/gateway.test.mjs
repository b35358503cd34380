// The gateway end to end: real PostgreSQL, real gateway processes, real
// WebSocket clients.
import http from 'node:http';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { adaAndBob, Client, newFile, op, psql, register, sleep, startGateway, subscribed } from './harness.mjs';

let gateway;
let second;

const metricsToken = 'metrics-token-for-tests';

before(async () => {
  gateway = await startGateway({ METRICS_TOKEN: metricsToken });
  second = await startGateway();
});

after(async () => {
  await gateway?.stop();
  await second?.stop();
});

test('register, me, wrong password, logout', async () => {
  const ada = await register(gateway, 'Ada');
  const me = await fetch(`${gateway.base}/api/auth/me`, { headers: { cookie: ada.cookie } });
  assert.equal(me.status, 200);
  assert.equal((await me.json()).user.email, ada.email);

  const wrong = await fetch(`${gateway.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ada.email, password: 'not the password' }),
  });
  assert.equal(wrong.status, 401);
  assert.equal((await wrong.json()).error.code, 'unauthorized');

  const login = await fetch(`${gateway.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ada.email.toUpperCase(), password: ada.password }),
  });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);

  const out = await fetch(`${gateway.base}/api/auth/logout`, { method: 'POST', headers: { cookie: ada.cookie } });
  assert.equal(out.status, 200);
  const after = await fetch(`${gateway.base}/api/auth/me`, { headers: { cookie: ada.cookie } });
  assert.equal(after.status, 401);
});

test('registration errors name the field; duplicate email is a conflict', async () => {
  const post = (body) =>
    fetch(`${gateway.base}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  let res = await post('{not json');
  assert.equal(res.status, 400);
  assert.match((await res.json()).error.message, /JSON object/);
  res = await post({ email: 'nobody', name: 'N', password: 'long enough password' });
  assert.equal(res.status, 400);
  assert.match((await res.json()).error.message, /"email"/);
  res = await post({ email: 'n@example.com', name: 'N', password: 'short' });
  assert.equal(res.status, 400);
  assert.match((await res.json()).error.message, /"password"/);
  res = await post({ email: 'n@example.com', name: 42, password: 'long enough password' });
  assert.equal(res.status, 400);
  assert.match((await res.json()).error.message, /"name"/);
  const grace = await register(gateway, 'Grace');
  res = await post({ email: grace.email, name: 'Grace again', password: 'long enough password' });
  assert.equal(res.status, 409);
});

test('the WebSocket needs a session and an allowed Origin', async () => {
  const noSession = new Client(gateway, null);
  await assert.rejects(noSession.open(), /401/);
  const ada = await register(gateway, 'Ada');
  const foreign = new Client(gateway, ada, { origin: 'http://evil.example' });
  await assert.rejects(foreign.open(), /403/);
  const ok = new Client(gateway, ada);
  await ok.open();
  ok.close();
});

test('subscribe, edit, ack after commit, broadcast to the other client', async () => {
  const { ada, fileId, a, b } = await adaAndBob(gateway);
  assert.equal(a.sync.payload.seq, 0);
  assert.equal(a.sync.payload.access, 'admin');
  assert.equal(b.sync.payload.access, 'edit');
  assert.deepEqual(a.sync.payload.file.objects, []);
  assert.notEqual(a.sync.payload.yourColor, b.sync.payload.yourColor);
  assert.equal(a.sync.payload.clock, 0, 'an empty file has no stamps yet');

  const create = op({ operationType: 'create', objectId: 'rect-1', newValue: { type: 'rectangle', x: 1, y: 2, width: 3, height: 4 } });
  a.client.send({ type: 'operation', requestId: 'r1', payload: { operations: [create] } });
  const ack = await a.client.next((m) => m.type === 'ack' && m.requestId === 'r1');
  assert.deepEqual(ack.payload.operationIds, [create.id]);
  assert.equal(ack.payload.results[0].status, 'applied');
  assert.equal(ack.payload.results[0].seq, 1);
  // Durable before the ack: the row is there.
  assert.equal(psql(`SELECT count(*) FROM vellum.operations WHERE file_id = '${fileId}' AND seq = 1`), '1');

  const seen = await b.client.next((m) => m.type === 'operation');
  assert.equal(seen.payload.fromSeq, 1);
  assert.equal(seen.payload.operations[0].objectId, 'rect-1');
  assert.equal(seen.payload.operations[0].userId, ada.id);

  // Sending the same op again is a duplicate with the same seq.
  a.client.send({ type: 'operation', requestId: 'r2', payload: { operations: [create] } });
  const dup = await a.client.next((m) => m.type === 'ack' && m.requestId === 'r2');
  assert.equal(dup.payload.results[0].status, 'duplicate');
  assert.equal(dup.payload.results[0].seq, 1);

  // Who opens the file now learns its newest stamp (the document carries values only),
  // and the newest it is, not the last in seq order.
  psql(`SELECT vellum.apply_ops('${fileId}', '[{"id": "late-1", "operationType": "update", "objectId": "rect-1",
        "propertyPath": "fill", "newValue": "#ffffff", "timestamp": ${create.timestamp - 1000}, "clientId": "psql"}]')`);
  const c = await subscribed(gateway, ada, fileId);
  assert.equal(c.sync.payload.clock, create.timestamp);
  c.client.close();

  // A rejected op says why, and the connection goes on.
  const bad = op({ operationType: 'update', objectId: 'rect-1', propertyPath: 'width', newValue: 'wide' });
  a.client.send({ type: 'operation', requestId: 'r3', payload: { operations: [bad] } });
  const rejected = await a.client.next((m) => m.type === 'ack' && m.requestId === 'r3');
  assert.equal(rejected.payload.results[0].status, 'rejected');
  assert.match(rejected.payload.results[0].reason, /"width" must be a number/);
  a.client.close();
  b.client.close();
});

test('an op of which some properties lost to newer values is relayed with only those that took effect', async () => {
  const { fileId, a, b } = await adaAndBob(gateway);
  const t = Date.now();
  const create = op({ operationType: 'create', objectId: 'p-1', newValue: { type: 'rectangle', fill: '#000000' }, timestamp: t });
  a.client.send({ type: 'operation', requestId: 'p1', payload: { operations: [create] } });
  await a.client.next((m) => m.type === 'ack' && m.requestId === 'p1');
  const newer = op({ operationType: 'update', objectId: 'p-1', propertyPath: 'fill', newValue: '#ff0000', timestamp: t + 100 });
  b.client.send({ type: 'operation', requestId: 'p2', payload: { operations: [newer] } });
  await b.client.next((m) => m.type === 'ack' && m.requestId === 'p2');
  // Ada's clock was behind: her fill loses, her width wins.
  const late = op({ operationType: 'update', objectId: 'p-1', newValue: { fill: '#00ff00', width: 50 }, timestamp: t + 50 });
  a.client.send({ type: 'operation', requestId: 'p3', payload: { operations: [late] } });
  const ack = await a.client.next((m) => m.type === 'ack' && m.requestId === 'p3');
  assert.equal(ack.payload.results[0].status, 'applied');
  assert.deepEqual(ack.payload.results[0].newValue, { width: 50 });
  const relayed = await b.client.next((m) => m.type === 'operation' && m.payload.operations.some((o) => o.idempotencyKey === late.idempotencyKey));
  assert.deepEqual(relayed.payload.operations.find((o) => o.idempotencyKey === late.idempotencyKey).newValue, { width: 50 });
  const doc = JSON.parse(psql(`SELECT vellum.document('${fileId}') -> 'objects'`));
  assert.equal(doc[0].fill, '#ff0000');
  assert.equal(doc[0].width, 50);
  a.client.close();
  b.client.close();
});

test('a create of an object the file already had is marked objectExisted, in the ack, the broadcast, a SQL change and a catchup', async () => {
  const { fileId, a, b } = await adaAndBob(gateway);
  const t = Date.now();
  const send = async (requestId, operations) => {
    a.client.send({ type: 'operation', requestId, payload: { operations } });
    return (await a.client.next((m) => m.type === 'ack' && m.requestId === requestId)).payload.results;
  };
  const relayedTo = async (client, key) => {
    const m = await client.next((x) => x.type === 'operation' && x.payload.operations.some((o) => o.idempotencyKey === key));
    return m.payload.operations.find((o) => o.idempotencyKey === key);
  };
  const fresh = op({ operationType: 'create', objectId: 'e-1', newValue: { type: 'rectangle', x: 1, fill: '#abcdef' }, timestamp: t });
  assert.equal((await send('e1', [fresh]))[0].objectExisted, undefined);
  assert.equal((await relayedTo(b.client, fresh.idempotencyKey)).objectExisted, undefined);
  await send('e2', [op({ operationType: 'delete', objectId: 'e-1', timestamp: t + 1 })]);
  // Back through this gateway, with an ordinary key and only x.
  const back = op({ operationType: 'create', objectId: 'e-1', newValue: { type: 'rectangle', x: 2 }, timestamp: t + 2 });
  assert.equal((await send('e3', [back]))[0].objectExisted, true);
  assert.equal((await relayedTo(b.client, back.idempotencyKey)).objectExisted, true);
  // Deleted and brought back again in SQL: the NOTIFY path reads the log.
  await send('e4', [op({ operationType: 'delete', objectId: 'e-1', timestamp: t + 3 })]);
  const fromSql = op({ operationType: 'create', objectId: 'e-1', newValue: { type: 'rectangle', x: 3 }, timestamp: t + 4 });
  psql(`SELECT vellum.apply_ops('${fileId}', '${JSON.stringify([fromSql])}')`);
  assert.equal((await relayedTo(b.client, fromSql.idempotencyKey)).objectExisted, true);
  b.client.send({ type: 'catchup', requestId: 'c0', payload: { afterSeq: 0 } });
  const caught = (await b.client.next((m) => m.type === 'operation' && m.requestId === 'c0')).payload.operations;
  assert.deepEqual(caught.filter((o) => o.operationType === 'create').map((o) => [o.newValue.x, o.objectExisted ?? false]), [[1, false], [2, true], [3, true]]);
  const doc = JSON.parse(psql(`SELECT vellum.document('${fileId}') -> 'objects'`));
  assert.deepEqual(doc, [{ id: 'e-1', type: 'rectangle', x: 3, fill: '#abcdef' }]);
  a.client.close();
  b.client.close();
});

test('a viewer may subscribe but its ops are refused; strangers cannot subscribe', async () => {
  const ada = await register(gateway, 'Ada');
  const vic = await register(gateway, 'Vic');
  const eve = await register(gateway, 'Eve');
  const fileId = newFile(ada.id);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${vic.id}', 'view')`);
  const v = await subscribed(gateway, vic, fileId);
  assert.equal(v.sync.payload.access, 'view');
  v.client.send({ type: 'operation', requestId: 'v1', payload: { operations: [op({ operationType: 'create', objectId: 'x', newValue: { type: 'ellipse' } })] } });
  const refused = await v.client.next((m) => m.type === 'error' && m.requestId === 'v1');
  assert.equal(refused.payload.code, 'forbidden');
  assert.equal(psql(`SELECT count(*) FROM vellum.operations WHERE file_id = '${fileId}'`), '0');

  const e = new Client(gateway, eve);
  await e.open();
  e.send({ type: 'subscribe', requestId: 's1', payload: { fileId } });
  const denied = await e.next((m) => m.type === 'error' && m.requestId === 's1');
  assert.equal(denied.payload.code, 'not_found');
  v.client.close();
  e.close();
});

test('/ws?subscribe={fileId} subscribes on open, with the same checks as a subscribe message', async () => {
  const { ada, bob, fileId, a, b } = await adaAndBob(gateway);
  a.client.close();
  b.client.close();
  // Any spelling of the id; the sync answers the request "subscribe-early".
  const early = new Client(gateway, ada, { query: `?subscribe=${fileId.toUpperCase()}` });
  await early.open();
  const sync = await early.next((m) => m.type === 'sync');
  assert.equal(sync.requestId, 'subscribe-early');
  assert.equal(sync.payload.file.fileId, fileId);
  assert.equal(sync.payload.access, 'admin');
  early.send({ type: 'operation', requestId: 'e1', payload: { operations: [op({ operationType: 'create', objectId: 'early', newValue: { type: 'rectangle' } })] } });
  const ack = await early.next((m) => m.type === 'ack' && m.requestId === 'e1');
  assert.equal(ack.payload.results[0].status, 'applied');

  // A stranger's socket opens (the session is valid) but gets no file.
  const eve = await register(gateway, 'Eve');
  const stranger = new Client(gateway, eve, { query: `?subscribe=${fileId}` });
  await stranger.open();
  const denied = await stranger.next((m) => m.type === 'error' && m.requestId === 'subscribe-early');
  assert.equal(denied.payload.code, 'not_found');
  assert.ok(!stranger.messages.some((m) => m.type === 'sync'));

  // Not a uuid: the upgrade is refused, saying why.
  const refused = await new Promise((resolve, reject) => {
    const req = http.get(`${gateway.base}/ws?subscribe=..%2F..%2Fetc`, {
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', origin: gateway.base, cookie: bob.cookie },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('upgrade', () => reject(new Error('upgraded with a bad subscribe')));
    req.on('error', reject);
  });
  assert.equal(refused.status, 400);
  assert.match(JSON.parse(refused.body).error.message, /"subscribe" in the WebSocket URL must be a file id/);
  early.close();
  stranger.close();
});

test('a revoked user is told and unsubscribed; a downgraded one can no longer edit', async () => {
  const ada = await register(gateway, 'Ada');
  const bob = await register(gateway, 'Bob');
  const cat = await register(gateway, 'Cat');
  const fileId = newFile(ada.id);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${bob.id}', 'edit'),
        ('${fileId}', '${cat.id}', 'edit')`);
  const b = await subscribed(gateway, bob, fileId);
  const c = await subscribed(second, cat, fileId);

  // Revoked in SQL: the gateway hears it and unsubscribes the user.
  psql(`DELETE FROM vellum.file_permissions WHERE file_id = '${fileId}' AND user_id = '${bob.id}'`);
  const gone = await b.client.next((m) => m.type === 'unsubscribed');
  assert.equal(gone.payload.fileId, fileId);
  assert.match(gone.payload.reason, /revoked/);
  b.client.send({ type: 'operation', requestId: 'after', payload: { operations: [op({ operationType: 'create', objectId: 'z', newValue: { type: 'frame' } })] } });
  const refused = await b.client.next((m) => m.type === 'error' && m.requestId === 'after');
  assert.equal(refused.payload.code, 'not_subscribed');

  // Downgraded to view (on the other gateway): told, and ops are refused.
  psql(`UPDATE vellum.file_permissions SET permission = 'view' WHERE file_id = '${fileId}' AND user_id = '${cat.id}'`);
  const changed = await c.client.next((m) => m.type === 'access');
  assert.equal(changed.payload.access, 'view');
  c.client.send({ type: 'operation', requestId: 'viewer', payload: { operations: [op({ operationType: 'create', objectId: 'y', newValue: { type: 'frame' } })] } });
  const denied = await c.client.next((m) => m.type === 'error' && m.requestId === 'viewer');
  assert.equal(denied.payload.code, 'forbidden');
  assert.equal(psql(`SELECT count(*) FROM vellum.operations WHERE file_id = '${fileId}'`), '0');
  b.client.close();
  c.client.close();
});

test('a change made in psql reaches a subscribed client', async () => {
  const ada = await register(gateway, 'Ada');
  const fileId = newFile(ada.id);
  const a = await subscribed(gateway, ada, fileId);
  const ops = JSON.stringify([op({ operationType: 'create', objectId: 'from-sql', newValue: { type: 'text', text: 'hi' } })]);
  psql(`SELECT vellum.apply_ops('${fileId}', '${ops}')`);
  const seen = await a.client.next((m) => m.type === 'operation');
  assert.equal(seen.payload.operations[0].objectId, 'from-sql');
  assert.equal(seen.payload.operations[0].seq, 1);
  a.client.close();
});

test('two gateways carry each other\'s ops', async () => {
  const ada = await register(gateway, 'Ada');
  const fileId = newFile(ada.id);
  const one = await subscribed(gateway, ada, fileId);
  const two = await subscribed(second, ada, fileId);
  const create = op({ operationType: 'create', objectId: 'shared', newValue: { type: 'frame' } });
  one.client.send({ type: 'operation', payload: { operations: [create] } });
  const seen = await two.client.next((m) => m.type === 'operation');
  assert.equal(seen.payload.operations[0].objectId, 'shared');
  one.client.close();
  two.client.close();
});

test('catchup returns exactly the missing ops', async () => {
  const ada = await register(gateway, 'Ada');
  const fileId = newFile(ada.id);
  const ops = [1, 2, 3].map((i) => op({ operationType: 'create', objectId: `o${i}`, newValue: { type: 'rectangle' } }));
  psql(`SELECT vellum.apply_ops('${fileId}', '${JSON.stringify(ops)}')`);
  const a = await subscribed(gateway, ada, fileId);
  assert.equal(a.sync.payload.seq, 3);
  a.client.send({ type: 'catchup', requestId: 'c1', payload: { afterSeq: 1 } });
  const missing = await a.client.next((m) => m.type === 'operation' && m.requestId === 'c1');
  assert.deepEqual(missing.payload.operations.map((o) => o.seq), [2, 3]);
  assert.deepEqual(missing.payload.operations.map((o) => o.objectId), ['o2', 'o3']);
  a.client.close();
});

test('malformed and hostile messages get errors; the connection and others carry on', async () => {
  const ada = await register(gateway, 'Ada');
  const fileId = newFile(ada.id);
  const a = await subscribed(gateway, ada, fileId);
  const b = await subscribed(gateway, ada, fileId);
  const cases = [
    ['{not json', 'invalid_json'],
    ['[1, 2]', 'invalid_message'],
    [JSON.stringify({ payload: {} }), 'invalid_message'],
    [JSON.stringify({ type: 'dance' }), 'unknown_type'],
    [JSON.stringify({ type: 'subscribe', payload: { fileId: 'not-a-uuid' } }), 'invalid_message'],
    [JSON.stringify({ type: 'operation', payload: { operations: 'all of them' } }), 'invalid_message'],
    [JSON.stringify({ type: 'operation', payload: { operations: [] } }), 'invalid_message'],
    [JSON.stringify({ type: 'operation', payload: { operations: [1] } }), 'invalid_message'],
    [JSON.stringify({ type: 'operation', payload: { operations: new Array(1001).fill({}) } }), 'too_many_ops'],
    [JSON.stringify({ type: 'presence', payload: { cursor: { x: 'left' } } }), 'invalid_message'],
    [JSON.stringify({ type: 'catchup', payload: { afterSeq: -1 } }), 'invalid_message'],
    [JSON.stringify({ type: 'ping', payload: { pad: 'x'.repeat(1100 * 1024) } }), 'too_large'],
  ];
  for (const [text, code] of cases) {
    const from = a.client.messages.length;
    a.client.send(text);
    const error = await a.client.next((m) => m.type === 'error', 5000, from);
    assert.equal(error.payload.code, code, `for ${text.slice(0, 60)}`);
    assert.ok(error.payload.message.length > 0);
  }
  a.client.send({ type: 'ping', requestId: 'still-here' });
  await a.client.next((m) => m.type === 'pong' && m.requestId === 'still-here');
  // The other client was not disturbed and can still edit.
  b.client.send({ type: 'operation', requestId: 'b1', payload: { operations: [op({ operationType: 'create', objectId: 'ok', newValue: { type: 'group' } })] } });
  const ack = await b.client.next((m) => m.type === 'ack' && m.requestId === 'b1');
  assert.equal(ack.payload.results[0].status, 'applied');
  a.client.close();
  b.client.close();
});

test('presence is fanned out and removed when a client leaves', async () => {
  const ada = await register(gateway, 'Ada');
  const bob = await register(gateway, 'Bob');
  const fileId = newFile(ada.id);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${bob.id}', 'view')`);
  const a = await subscribed(gateway, ada, fileId);
  const b = await subscribed(gateway, bob, fileId);
  a.client.send({ type: 'presence', payload: { cursor: { x: 10, y: 20 }, selection: ['r1'], viewport: { x: 0, y: 0, zoom: 1 } } });
  const seen = await b.client.next(
    (m) => m.type === 'presence' && m.payload.presence.some((p) => p.userId === ada.id && p.cursor && p.cursor.x === 10),
  );
  const entry = seen.payload.presence.find((p) => p.userId === ada.id);
  assert.deepEqual(entry.selection, ['r1']);
  assert.equal(entry.userName, 'Ada');
  a.client.close();
  const gone = await b.client.next((m) => m.type === 'presence' && m.payload.removed.includes(a.sync.payload.clientId));
  assert.ok(gone);
  b.client.close();
});

test('health and metrics', async () => {
  const health = await fetch(`${gateway.base}/health`);
  assert.equal(health.status, 200);
  const body = await health.json();
  assert.equal(body.status, 'ok');
  assert.equal(body.postgres.state, 'CLOSED');
  assert.equal(body.postgres.listening, true);
  const metrics = await (await fetch(`${gateway.base}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
  assert.match(metrics, /vellum_operations_total\{type="create",status="applied"\} \d+/);
  assert.match(metrics, /vellum_operation_ack_seconds_bucket/);
  assert.match(metrics, /vellum_circuit_breaker_state\{service="postgres"\} 0/);
});

test('the REST API answers 429 to an address that sends too many requests', async () => {
  const gw = await startGateway({ HTTP_RATE_LIMIT: '2' });
  const statuses = [];
  for (let i = 0; i < 12; i += 1) {
    const res = await fetch(`${gw.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@example.com', password: 'guess number ' + i }),
    });
    statuses.push(res.status);
    if (res.status === 429) {
      assert.equal(res.headers.get('retry-after'), '1');
      assert.equal((await res.json()).error.code, 'rate_limited');
    }
  }
  assert.ok(statuses.includes(401), `some guesses were answered: ${statuses}`);
  assert.ok(statuses.includes(429), `the rest were refused: ${statuses}`);
  // Pages and health are not rate limited.
  assert.equal((await fetch(`${gw.base}/health`)).status, 200);
  await gw.stop();
});
