// Hostile input, from outside, against real gateway processes: each case of
// the security issue reproduced (it failed before its fix), and after each
// one the gateway is still up and the other users on the file carry on.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client, newFile, op, psql, register, sleep, startGateway, subscribed } from './harness.mjs';

let gateway;

before(async () => {
  gateway = await startGateway();
});

after(async () => {
  await gateway?.stop();
});

async function post(gw, urlPath, body, cookie = '') {
  const res = await fetch(`${gw.base}${urlPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body,
  });
  return { status: res.status, body: await res.json() };
}

// The gateway process is alive and answers.
async function assertUp(gw) {
  assert.equal(gw.child.exitCode, null, 'the gateway process exited');
  const health = await fetch(`${gw.base}/health`);
  assert.equal(health.status, 200);
}

const deepArrays = (n) => '['.repeat(n) + ']'.repeat(n);
const deepObjects = (n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

test('deeply nested JSON is refused with 400 or an error naming the limit, signed in or not', async () => {
  for (const urlPath of ['/api/auth/login', '/api/auth/register']) {
    for (const body of [deepArrays(200000), deepObjects(150000)]) {
      const res = await post(gateway, urlPath, body);
      assert.equal(res.status, 400, urlPath);
      assert.equal(res.body.error.code, 'invalid_request');
      assert.match(res.body.error.message, /nested deeper than 64 levels/);
    }
  }
  const ada = await register(gateway, 'Ada');
  const fileId = newFile(ada.id);
  for (const [urlPath, body] of [
    ['/api/files', deepArrays(200000)],
    ['/api/files', deepObjects(150000)],
    [`/api/files/${fileId}/comments`, `{"content": "x", "position": ${deepArrays(100000)}}`],
  ]) {
    const res = await post(gateway, urlPath, body, ada.cookie);
    assert.equal(res.status, 400, urlPath);
    assert.match(res.body.error.message, /nested deeper than 64 levels/);
  }
  const a = await subscribed(gateway, ada, fileId);
  const b = await subscribed(gateway, ada, fileId);
  a.client.send(`{"type": "operation", "payload": {"operations": ${deepArrays(200000)}}}`);
  const error = await a.client.next((m) => m.type === 'error');
  assert.equal(error.payload.code, 'invalid_json');
  assert.match(error.payload.message, /nested deeper than 64 levels/);
  await assertUp(gateway);
  b.client.send({ type: 'operation', requestId: 'b', payload: { operations: [op({ operationType: 'create', objectId: 'r', newValue: { type: 'rectangle' } })] } });
  assert.equal((await b.client.next((m) => m.type === 'ack' && m.requestId === 'b')).payload.results[0].status, 'applied');
  a.client.close();
  b.client.close();
});

test('a subscription with an upper-case file id is revoked like any other, and catch-up re-checks access', async () => {
  const ada = await register(gateway, 'Ada');
  const vic = await register(gateway, 'Vic');
  const fileId = newFile(ada.id);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${vic.id}', 'view')`);
  const v = await subscribed(gateway, vic, fileId.toUpperCase());
  assert.equal(v.sync.payload.file.fileId, fileId);

  // The owner revokes through the REST API: the viewer is told at once, and
  // an op written right after the revoke never reaches it.
  const res = await fetch(`${gateway.base}/api/files/${fileId}/permissions/${vic.id.toUpperCase()}`, {
    method: 'DELETE',
    headers: { cookie: ada.cookie },
  });
  assert.equal(res.status, 200);
  psql(`INSERT INTO vellum.operations (file_id, operation_type, object_id, new_value, "timestamp", client_id)
        VALUES ('${fileId}', 'create', 'secret', '{"type": "text", "text": "after the revoke"}', 1, 'psql')`);
  const gone = await v.client.next((m) => m.type === 'unsubscribed');
  assert.equal(gone.payload.fileId, fileId);
  const from = v.client.messages.length;
  v.client.send({ type: 'catchup', requestId: 'c', payload: { afterSeq: 0 } });
  const refused = await v.client.next((m) => m.requestId === 'c', 5000, from);
  assert.equal(refused.type, 'error');
  assert.equal(refused.payload.code, 'not_subscribed');
  await sleep(300);
  assert.ok(!JSON.stringify(v.client.messages).includes('after the revoke'), 'an op written after the revoke was sent');
  v.client.close();
});

test('catch-up after a revoke nobody announced returns nothing and unsubscribes', async () => {
  const ada = await register(gateway, 'Ada');
  const vic = await register(gateway, 'Vic');
  const fileId = newFile(ada.id);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${vic.id}', 'view')`);
  const v = await subscribed(gateway, vic, fileId.toUpperCase());
  // Triggers off (replica role): no vellum_access notification, so only the
  // catch-up's own check stands between the viewer and the ops.
  psql(`SET session_replication_role = replica;
        DELETE FROM vellum.file_permissions WHERE file_id = '${fileId}' AND user_id = '${vic.id}';
        SET session_replication_role = origin;`);
  psql(`SELECT vellum.apply_ops('${fileId}', '[{"id": "s1", "operationType": "create", "objectId": "secret",
        "newValue": {"type": "text", "text": "hidden"}, "timestamp": 1, "clientId": "psql"}]')`);
  const from = v.client.messages.length;
  v.client.send({ type: 'catchup', requestId: 'c', payload: { afterSeq: 0 } });
  const answer = await v.client.next((m) => m.type === 'unsubscribed', 5000, from);
  assert.equal(answer.payload.fileId, fileId);
  await sleep(200);
  // (The room's broadcast may have carried the op: nobody told it of the
  // revoke. The catch-up itself must not.)
  assert.ok(!v.client.messages.some((m) => m.requestId === 'c'), 'the catch-up was answered with ops');
  v.client.close();
});

test('trashing a file unsubscribes a client that subscribed with an upper-case id', async () => {
  const ada = await register(gateway, 'Ada');
  const fileId = newFile(ada.id);
  const a = await subscribed(gateway, ada, fileId.toUpperCase());
  const res = await fetch(`${gateway.base}/api/files/${fileId.toUpperCase()}`, { method: 'DELETE', headers: { cookie: ada.cookie } });
  assert.equal(res.status, 200);
  const gone = await a.client.next((m) => m.type === 'unsubscribed');
  assert.match(gone.payload.reason, /trash/);
  a.client.close();
});

test('invalid UTF-8 in presence and binary frames are refused; nobody else is disconnected', async () => {
  const ada = await register(gateway, 'Ada');
  const bob = await register(gateway, 'Bob');
  const fileId = newFile(ada.id);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${bob.id}', 'view')`);
  const attacker = await subscribed(gateway, bob, fileId);
  const bystander = await subscribed(gateway, ada, fileId);

  attacker.client.send('{"type": "presence", "payload": {"selection": ["\\udc00"]}}');
  const lone = await attacker.client.next((m) => m.type === 'error');
  assert.equal(lone.payload.code, 'invalid_json');
  assert.match(lone.payload.message, /UTF-8/);
  let from = attacker.client.messages.length;
  attacker.client.ws.send(Buffer.from([0xff, 0xfe]), { binary: true });
  const binary = await attacker.client.next((m) => m.type === 'error', 5000, from);
  assert.match(binary.payload.message, /binary frames/);
  // A valid presence still goes through, and a newcomer's sync is clean.
  attacker.client.send({ type: 'presence', payload: { cursor: { x: 1, y: 2 }, selection: ['ok'] } });
  await bystander.client.next((m) => m.type === 'presence' && m.payload.presence.some((p) => p.userId === bob.id));
  const newcomer = await subscribed(gateway, ada, fileId);
  assert.ok(newcomer.sync.payload.presence.every((p) => p.selection.every((id) => id === 'ok')));
  await sleep(200);
  assert.equal(bystander.client.closed, null, 'the bystander was disconnected');
  assert.equal(attacker.client.closed, null);
  for (const c of [attacker, bystander, newcomer]) c.client.close();
});

test('duplicated keys are refused, so co-editors never see what was not stored', async () => {
  const ada = await register(gateway, 'Ada');
  const fileId = newFile(ada.id);
  const a = await subscribed(gateway, ada, fileId);
  const b = await subscribed(gateway, ada, fileId);
  a.client.send({ type: 'operation', requestId: 'c', payload: { operations: [op({ operationType: 'create', objectId: 'r', newValue: { type: 'rectangle', fill: '#000000' } })] } });
  await a.client.next((m) => m.type === 'ack' && m.requestId === 'c');
  await b.client.next((m) => m.type === 'operation');
  const from = b.client.messages.length;
  for (const text of [
    `{"type": "operation", "payload": {"operations": [{"id": "d1", "operationType": "update", "objectId": "r", "propertyPath": "fill", "newValue": "#111111", "newValue": "#222222", "timestamp": ${Date.now()}, "clientId": "x"}]}}`,
    `{"type": "operation", "payload": {"operations": [{"id": "d2", "operationType": "update", "operationType": "delete", "objectId": "r", "timestamp": ${Date.now()}, "clientId": "x"}]}}`,
    `{"type": "presence", "type": "ping", "payload": {}}`,
  ]) {
    const mine = a.client.messages.length;
    a.client.send(text);
    const error = await a.client.next((m) => m.type === 'error', 5000, mine);
    assert.equal(error.payload.code, 'invalid_json');
    assert.match(error.payload.message, /appears twice/);
  }
  await sleep(300);
  assert.equal(b.client.messages.slice(from).filter((m) => m.type === 'operation').length, 0);
  assert.equal(psql(`SELECT new_value FROM vellum.operations WHERE file_id = '${fileId}' ORDER BY seq DESC LIMIT 1`).includes('#000000'), true);
  a.client.close();
  b.client.close();
});

test('NUL characters are refused on sign-in and everywhere else, naming the field', async () => {
  const password = await post(gateway, '/api/auth/register',
    JSON.stringify({ email: `nul-${Date.now()}@example.com`, name: 'Nul', password: 'ab\u0000cdefghijkl' }));
  assert.equal(password.status, 400);
  assert.match(password.body.error.message, /"password".*NUL/);
  const email = await post(gateway, '/api/auth/register', JSON.stringify({ email: `a\u0000b-${Date.now()}@example.com`, name: 'Nul', password: 'long enough password' }));
  assert.equal(email.status, 400);
  assert.match(email.body.error.message, /"email".*NUL/);
  const login = await post(gateway, '/api/auth/login', JSON.stringify({ email: 'x@example.com', password: 'ab\u0000c' }));
  assert.equal(login.status, 400);
  assert.equal(psql(`SELECT count(*) FROM vellum.users WHERE name = 'Nul'`), '0');
});

test('one editor\'s bad input never costs a co-editor an op', async () => {
  const ada = await register(gateway, 'Ada');
  const eve = await register(gateway, 'Eve');
  const fileId = newFile(ada.id);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${eve.id}', 'edit')`);
  const hostile = await subscribed(gateway, eve, fileId);
  const friend = await subscribed(gateway, ada, fileId);
  const many = (tag, n = 1000) => Array.from({ length: n }, (_, i) => op({ operationType: 'create', objectId: `${tag}-${i}`, newValue: { type: 'rectangle' } }));

  // A big message, then an op with \u0000, with a co-editor's op in between.
  hostile.client.send({ type: 'operation', requestId: 'big', payload: { operations: many('big') } });
  friend.client.send({ type: 'operation', requestId: 'f1', payload: { operations: [op({ operationType: 'create', objectId: 'friend-1', newValue: { type: 'ellipse' } })] } });
  hostile.client.send(`{"type": "operation", "requestId": "nul", "payload": {"operations": [{"id": "n1", "operationType": "create", "objectId": "n", "newValue": {"type": "text", "text": "a\\u0000b"}, "timestamp": ${Date.now()}, "clientId": "eve"}]}}`);
  const nul = await hostile.client.next((m) => m.type === 'error');
  assert.match(nul.payload.message, /NUL/);
  const ack = await friend.client.next((m) => m.requestId === 'f1', 20000);
  assert.equal(ack.type, 'ack');
  assert.equal(ack.payload.results[0].status, 'applied');

  // 11 x 1,000 ops at once: more than one database call may take.
  for (let k = 0; k < 11; k += 1) hostile.client.send({ type: 'operation', requestId: `m${k}`, payload: { operations: many(`m${k}`) } });
  friend.client.send({ type: 'operation', requestId: 'f2', payload: { operations: [op({ operationType: 'create', objectId: 'friend-2', newValue: { type: 'ellipse' } })] } });
  const ack2 = await friend.client.next((m) => m.requestId === 'f2', 60000);
  assert.equal(ack2.type, 'ack', JSON.stringify(ack2));
  for (let k = 0; k < 11; k += 1) assert.equal((await hostile.client.next((m) => m.requestId === `m${k}`, 60000)).type, 'ack');
  assert.equal(psql(`SELECT count(*) FROM vellum.operations WHERE file_id = '${fileId}'`), String(1000 + 1 + 11000 + 1));
  hostile.client.close();
  friend.client.close();
});

test('a database call that fails because of one submission is retried without it', async () => {
  // The extension takes at most 1,000 ops per call here: two messages that fit
  // alone fail together, and each is then applied on its own.
  psql(`ALTER DATABASE ${process.env.VELLUM_TEST_DB || 'vellum_gateway_test'} SET vellum.max_batch_ops = 1000`);
  const gw = await startGateway();
  try {
    const ada = await register(gw, 'Ada');
    const eve = await register(gw, 'Eve');
    const fileId = newFile(ada.id);
    psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${eve.id}', 'edit')`);
    const hostile = await subscribed(gw, eve, fileId);
    const friend = await subscribed(gw, ada, fileId);
    const many = (tag) => Array.from({ length: 1000 }, (_, i) => op({ operationType: 'create', objectId: `${tag}-${i}`, newValue: { type: 'rectangle' } }));
    for (let k = 0; k < 3; k += 1) hostile.client.send({ type: 'operation', requestId: `m${k}`, payload: { operations: many(`m${k}`) } });
    friend.client.send({ type: 'operation', requestId: 'f', payload: { operations: [op({ operationType: 'create', objectId: 'friend', newValue: { type: 'ellipse' } })] } });
    const ack = await friend.client.next((m) => m.requestId === 'f', 30000);
    assert.equal(ack.type, 'ack', JSON.stringify(ack));
    for (let k = 0; k < 3; k += 1) assert.equal((await hostile.client.next((m) => m.requestId === `m${k}`, 30000)).type, 'ack');
    assert.equal(psql(`SELECT count(*) FROM vellum.operations WHERE file_id = '${fileId}'`), '3001');
    hostile.client.close();
    friend.client.close();
  } finally {
    psql(`ALTER DATABASE ${process.env.VELLUM_TEST_DB || 'vellum_gateway_test'} RESET vellum.max_batch_ops`);
    await gw.stop();
  }
});

// One raw HTTP/1.1 request, as an attacker would write it; the whole answer.
function rawRequest(port, text) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (chunk) => {
      data += chunk;
    });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      resolve(data);
    }, 3000);
  });
}

test('static files: only absolute paths, resolved under WEB_ROOT', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vellum-web-'));
  const root = path.join(dir, 'web');
  fs.mkdirSync(root);
  fs.mkdirSync(`${root}-private`);
  fs.writeFileSync(path.join(root, 'index.html'), '<title>app</title>');
  fs.writeFileSync(path.join(root, 'app.js'), 'console.log(1)');
  fs.writeFileSync(`${root}-private/secret.txt`, 'TOP SECRET');
  fs.symlinkSync(`${root}-private/secret.txt`, path.join(root, 'link.txt'));
  const gw = await startGateway({ WEB_ROOT: root });
  try {
    for (const target of ['-private/secret.txt', '/../web-private/secret.txt', '/%2e%2e/web-private/secret.txt', '/link.txt', 'secret.txt', '/..\\web-private/secret.txt']) {
      const answer = await rawRequest(gw.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      assert.ok(!answer.includes('TOP SECRET'), `${target} served a file outside the root`);
      assert.match(answer, /^HTTP\/1\.1 (400|404)/, target);
    }
    assert.equal(await (await fetch(`${gw.base}/app.js`)).text(), 'console.log(1)');
    assert.match(await (await fetch(`${gw.base}/file/123`)).text(), /<title>app<\/title>/);
    await assertUp(gw);
  } finally {
    await gw.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('/metrics is for operators only: a bearer token, or not served at all', async () => {
  const open = await fetch(`${gateway.base}/metrics`);
  assert.equal(open.status, 404);
  assert.ok(!(await open.text()).includes('vellum_file_collaborators{'));
  const token = 'operator-token-0123456789';
  const gw = await startGateway({ METRICS_TOKEN: token });
  try {
    const ada = await register(gw, 'Ada');
    const fileId = newFile(ada.id);
    const a = await subscribed(gw, ada, fileId);
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: `Bearer ${token}x` }, { authorization: token }]) {
      const res = await fetch(`${gw.base}/metrics`, { headers });
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.ok(!(await res.text()).includes(fileId));
    }
    const res = await fetch(`${gw.base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    assert.ok((await res.text()).includes(`vellum_file_collaborators{file="${fileId}"} 1`));
    assert.ok(!gw.logs.join('\n').includes(token), 'the token was logged');
    a.client.close();
  } finally {
    await gw.stop();
  }
});
