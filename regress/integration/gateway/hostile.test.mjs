// Hostile input (issue 10): every row of regress/integration/hostile/cases.mjs
// is fired at a real gateway, its REST endpoints, WebSocket messages, static
// files and the extension's SQL functions, while a canary editor works beside
// the attack on its own file. Each row must get the answer it lists (a clear
// error naming what was wrong); no answer may be a 500 or show internals (SQL
// text, stack traces); after every batch the gateway is still up and
// answering; and at the end every op the canary got acked is in
// vellum.operations exactly once, and the canary never saw an error.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { sharedGateways, register, Client, psql, database, sleep, subscribed } from './harness.mjs';
import { restCall } from './rest-client.mjs';
import { cases } from '../hostile/cases.mjs';

// A web root of its own, with a secret beside it and symlinks pointing out.
const site = fs.mkdtempSync(path.join(os.tmpdir(), 'vellum-hostile-'));
const webRoot = path.join(site, 'dist');
const SECRET = `SECRET-OUTSIDE-THE-WEB-ROOT-${process.pid}`;
const INDEX = '<!doctype html><title>hostile test page</title>';
fs.mkdirSync(path.join(webRoot, 'assets'), { recursive: true });
fs.writeFileSync(path.join(webRoot, 'index.html'), INDEX);
fs.writeFileSync(path.join(webRoot, 'assets', 'app.js'), 'console.log(1)');
fs.writeFileSync(path.join(site, 'secret.txt'), SECRET);
fs.symlinkSync(path.join(site, 'secret.txt'), path.join(webRoot, 'link-out.txt'));
fs.symlinkSync(site, path.join(webRoot, 'link-dir'));

const gateways = sharedGateways(1, { WEB_ROOT: webRoot });
const BATCH = 25;
const counts = {}; // kind -> {cases, passed}
const byTarget = new Set();
let gw;
let ctx; // placeholders: the attacker's own objects
let attacker;
let canary;
let slow; // the slow and half-open connections, started first (they need the 30 s header deadline)

// ------------------------------------------------------------------- helpers

function fill(value) {
  if (typeof value === 'string')
    return value.replace(/\{(file|team|comment|version|me|other|invitation|sha|rand)\}/g, (m, k) =>
      k === 'rand' ? Math.random().toString(36).slice(2) : ctx[k]);
  if (Array.isArray(value)) return value.map(fill);
  if (value && typeof value === 'object' && !value.gen) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v)]));
  return value;
}

// The generators of the table: deep nesting, huge values, raw bytes.
function generate(input) {
  if (!input || typeof input !== 'object' || !input.gen) return input;
  switch (input.gen) {
    case 'nested':
      return input.single
        ? input.open + '{"a": '.repeat(input.depth) + input.inner + '}'.repeat(input.depth) + input.close
        : input.open.repeat(input.depth) + input.inner + input.close.repeat(input.depth);
    case 'big':
      if (input.raw) return Buffer.concat([Buffer.from(input.prefix, 'hex'), Buffer.alloc(input.bytes, 0x41)]);
      return `{"${input.wrap}": "${'x'.repeat(input.bytes)}"}`;
    case 'bytes':
    case 'binary':
    case 'invalid-utf8-frame':
      return Buffer.from(input.hex, 'hex');
    default:
      throw new Error(`unknown generator ${input.gen}`);
  }
}

// Internals an answer must never show.
const LEAKS = [/\bSELECT\b/, /\bINSERT INTO\b/, /vellum\.\w+/, /\bLINE \d+:/, /std::/, /\.cpp:\d+/, /SQLSTATE/, /\bERROR:/, /\$\d+::/];
function leaks(text) {
  return LEAKS.find((re) => re.test(text || ''));
}

async function alive() {
  assert.equal(gw.child.exitCode, null, 'the gateway process exited');
  const res = await fetch(`${gw.base}/health`);
  assert.equal(res.status, 200, `/health answered ${res.status}`);
  assert.equal(canary.errors.length, 0, `the canary got errors: ${JSON.stringify(canary.errors)}`);
}

// Runs rows one by one; a failing row is collected, not thrown, so that one
// run lists them all. Every BATCH rows: the gateway must be alive.
async function runRows(kind, fire) {
  await setup();
  const rows = cases.filter((c) => c.kind === kind);
  const failures = [];
  counts[kind] = { cases: rows.length, passed: 0 };
  for (let i = 0; i < rows.length; i += 1) {
    byTarget.add(`${kind} ${rows[i].target}`);
    try {
      await fire(rows[i]);
      counts[kind].passed += 1;
    } catch (error) {
      failures.push(`${rows[i].id}: ${error.message.split('\n').slice(0, 4).join(' | ').slice(0, 600)}`);
    }
    if ((i + 1) % BATCH === 0 || i + 1 === rows.length) await alive();
  }
  if (failures.length) console.log(`${kind} failures:\n  ` + failures.join('\n  '));
  assert.deepEqual(failures, [], `${failures.length} of ${rows.length} ${kind} rows failed`);
}

// ------------------------------------------------------------ the canary

// A real editor on its own file: an op every 40 ms for the whole attack,
// each acked "applied"; any error message it gets fails the suite.
async function startCanary() {
  const user = await register(gw, 'Canary');
  const created = await restCall(gw.base, user, 'POST', '/api/files', { name: 'canary' });
  const fileId = created.body.file.id;
  const { client } = await subscribed(gw, user, fileId);
  const state = { client, fileId, sent: new Set(), acked: new Set(), errors: [], n: 0, stopped: false };
  client.ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.type === 'error' || msg.type === 'unsubscribed' || msg.type === 'resync') state.errors.push(msg);
    if (msg.type === 'ack') {
      msg.payload.results.forEach((r, k) => {
        if (r.status === 'applied') state.acked.add(msg.payload.operationIds[k]);
        else state.errors.push(msg);
      });
    }
  });
  client.ws.on('close', (code) => !state.stopped && state.errors.push({ closed: code }));
  state.timer = setInterval(() => {
    state.n += 1;
    const id = `canary-${process.pid}-${state.n}`;
    state.sent.add(id);
    client.send({
      type: 'operation',
      payload: {
        operations: [{ id, idempotencyKey: id, timestamp: Date.now(), clientId: 'canary', operationType: 'create', objectId: `c${state.n}`, newValue: { type: 'rectangle', x: state.n, y: 1, width: 2, height: 3 } }],
      },
    });
  }, 40);
  return state;
}

// ------------------------------------------------------------ connections

// Resolves when the gateway closes the socket (or after limitMs: false).
function closedByPeer(socket, limitMs) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), limitMs);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.on('error', () => {});
  });
}

function connect() {
  return new Promise((resolve, reject) => {
    const s = net.connect(gw.port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

// The slow scenarios start at once and are checked at the end: the gateway
// gives a request 30 s to arrive, so they must each be closed within 45 s.
async function startSlow() {
  const started = {};
  const limit = 45000;
  for (const row of cases.filter((c) => c.kind === 'conn' && ['slow_headers', 'silent', 'partial_body'].includes(c.input.scenario))) {
    const sockets = [];
    for (let i = 0; i < row.input.connections; i += 1) sockets.push(await connect());
    const closed = sockets.map((s) => closedByPeer(s, limit));
    if (row.input.scenario === 'slow_headers') {
      const text = `GET /api/auth/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ${'s'.repeat(500)}\r\n\r\n`;
      for (const s of sockets) {
        let i = 0;
        const timer = setInterval(() => {
          if (s.destroyed || i >= text.length) return clearInterval(timer);
          s.write(text[i]);
          i += 1;
        }, 300);
        s.on('close', () => clearInterval(timer));
      }
    }
    if (row.input.scenario === 'partial_body')
      for (const s of sockets) s.write(`POST /api/files HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"name": `);
    started[row.id] = { sockets, closed: Promise.all(closed) };
  }
  return started;
}

// A WebSocket whose socket is never read: asks for catch-ups (each about
// 100 kB) until the gateway's send queue for it is full and the gateway drops it.
async function neverReads(connections) {
  // 50 ops of 2 kB: one psql argument stays under the kernel's 128 kB limit.
  const ops = Array.from({ length: 50 }, (_, i) => ({ id: `big-${i}`, timestamp: 1, clientId: 'h', operationType: 'create', objectId: `big-${i}`, newValue: { type: 'text', text: 'y'.repeat(2000) } }));
  psql(`SELECT vellum.apply_ops('${ctx.file}', '${JSON.stringify(ops)}')`);
  const before = gw.logs.filter((l) => l.includes('websocket_slow_consumer')).length;
  const clients = [];
  for (let i = 0; i < connections; i += 1) {
    const { client } = await subscribed(gw, attacker, ctx.file);
    client.ws._socket.pause(); // never reads again
    clients.push(client);
  }
  for (let k = 0; k < 380; k += 1) for (const c of clients) c.send({ type: 'catchup', payload: { afterSeq: 0 } });
  const deadline = Date.now() + 30000;
  const dropped = () => gw.logs.filter((l) => l.includes('websocket_slow_consumer')).length - before;
  while (dropped() < connections && Date.now() < deadline) await sleep(100);
  for (const c of clients) c.ws.terminate();
  return dropped();
}

async function floodHttp(n) {
  const results = await Promise.allSettled(
    Array.from({ length: n }, (_, i) => restCall(gw.base, i % 2 ? attacker : null, 'GET', i % 2 ? '/api/files?limit=1' : '/health')),
  );
  const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : `failed: ${r.reason?.cause?.code || r.reason}`));
  return statuses;
}

async function floodWs(n) {
  const clients = Array.from({ length: n }, () => new Client(gw, attacker));
  const opened = await Promise.allSettled(clients.map((c) => c.open()));
  await Promise.all(clients.map((c, i) => opened[i].status === 'fulfilled' && c.send({ type: 'ping', requestId: 'p' })));
  const pongs = await Promise.allSettled(clients.map((c) => c.next((m) => m.type === 'pong', 10000)));
  for (const c of clients) c.ws.terminate();
  return { opened: opened.filter((r) => r.status === 'fulfilled').length, pongs: pongs.filter((r) => r.status === 'fulfilled').length };
}

async function floodReset(n) {
  const sockets = await Promise.all(Array.from({ length: n }, () => connect().catch(() => null)));
  for (const s of sockets) if (s) {
    s.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    s.resetAndDestroy();
  }
}

// -------------------------------------------------------------- the setup

// Run by the first test (the harness starts the gateway in its own hook).
let ready;
const setup = () => (ready ??= prepare());
async function prepare() {
  gw = gateways[0];
  attacker = await register(gw, 'Attacker');
  const other = await register(gw, 'Other');
  const call = async (method, p, body) => (await restCall(gw.base, attacker, method, p, body)).body;
  const file = (await call('POST', '/api/files', { name: 'attacked' })).file.id;
  const team = (await call('POST', '/api/teams', { name: 'attacked team' })).team.id;
  const comment = (await call('POST', `/api/files/${file}/comments`, { content: 'attacked comment' })).comment.id;
  const version = (await call('POST', `/api/files/${file}/versions`, { name: 'attacked version' })).version.id;
  ctx = { file, team, comment, version, me: attacker.id, other: other.id, invitation: '00000000-0000-0000-0000-000000000000', sha: 'a'.repeat(64) };
  slow = await startSlow();
  canary = await startCanary();
}

after(async () => {
  if (canary) clearInterval(canary.timer);
  fs.rmSync(site, { recursive: true, force: true });
  const total = Object.values(counts).reduce((a, c) => a + c.cases, 0);
  const passed = Object.values(counts).reduce((a, c) => a + c.passed, 0);
  console.log(`hostile input: ${total} cases, ${passed} passed, ${byTarget.size} targets; by kind: ` +
    Object.entries(counts).map(([k, c]) => `${k} ${c.passed}/${c.cases}`).join(', '));
  if (canary) console.log(`canary: ${canary.sent.size} ops sent, ${canary.acked.size} acked, ${canary.found ?? '?'} found once in vellum.operations, ${canary.errors.length} errors`);
});

// -------------------------------------------------------------------- REST

async function fireRest(row) {
  const [method, target] = (row.path ? fill(row.path) : fill(row.target)).split(' ');
  const user = row.user === 'attacker' ? attacker
    : row.user === 'forged' ? { cookie: `vellum_session=${'f'.repeat(64)}` }
    : row.user === 'injected-cookie' ? { cookie: "vellum_session=' OR '1'='1' --" }
    : null;
  let body = generate(fill(row.input));
  if (body !== undefined && typeof body !== 'string' && !Buffer.isBuffer(body)) body = JSON.stringify(body);
  const headers = { 'content-type': row.contentType || 'application/json' };
  if (user) headers.cookie = user.cookie;
  Object.assign(headers, row.headers);
  let res;
  try {
    res = await fetch(`${gw.base}${target}`, { method, headers, body });
  } catch (error) {
    throw new Error(`no answer: ${error.cause?.code || error.message}`);
  }
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* checked below */ }
  check(row.expect, res.status, json, text);
}

function check(expect, status, json, text) {
  assert.notEqual(status, 500, `500: ${text.slice(0, 300)}`);
  assert.equal(status, expect.status, `expected ${expect.status}, got ${status}: ${text.slice(0, 300)}`);
  const leak = leaks(json?.error?.message);
  assert.equal(leak, undefined, `the answer shows internals (${leak}): ${text.slice(0, 300)}`);
  if (status >= 400) {
    assert.equal(typeof json?.error?.message, 'string', `not a JSON error: ${text.slice(0, 200)}`);
    if (expect.code) assert.equal(json.error.code, expect.code, text.slice(0, 300));
    if (expect.message) assert.match(json.error.message, new RegExp(expect.message), text.slice(0, 300));
  }
  if (expect.echo !== undefined) {
    const found = Object.values(json).find((v) => v && typeof v === 'object' && ('name' in v || 'content' in v));
    const value = found && ('content' in found ? found.content : found.name);
    assert.equal(value, fill(expect.echo), `stored differently: ${text.slice(0, 300)}`);
  }
  if (expect.owner) {
    const item = Object.values(json)[0];
    assert.equal(item.ownerId, fill(expect.owner), 'a field the client may not set was stored');
    assert.notEqual(item.id, '00000000-0000-0000-0000-000000000000', 'the client chose the id');
    assert.ok(!item.deletedAt, 'the client set deletedAt');
  }
  if (expect.everyName !== undefined)
    for (const f of json.files) assert.ok(f.name.toLowerCase().includes(expect.everyName.toLowerCase()), `"${f.name}" does not contain the search text`);
}

test('hostile REST requests get a clear error naming what was wrong', async () => {
  await runRows('rest', fireRest);
});

// --------------------------------------------------------------- WebSocket

let opCounter = 0;
function withOwnOpIds(message) {
  if (message?.type !== 'operation' || !Array.isArray(message.payload?.operations)) return message;
  for (const o of message.payload.operations)
    if (o && o.id === 'hostile-op') o.id = `hostile-${process.pid}-${(opCounter += 1)}`;
  return message;
}

function upgrade(row) {
  const u = row.upgrade;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${gw.port}${u.path || '/ws'}${u.query || ''}`, {
      headers: { cookie: u.cookie ?? attacker.cookie, origin: gw.base },
    });
    ws.on('open', () => {
      ws.terminate();
      reject(new Error('the upgrade was accepted'));
    });
    ws.on('unexpected-response', (req, res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    ws.on('error', () => {});
  });
}

async function fireWs(row) {
  if (row.upgrade) {
    const { status, text } = await upgrade(row);
    let json = null;
    try { json = JSON.parse(text); } catch { /* checked */ }
    return check(row.expect, status, json, text);
  }
  const client = new Client(gw, attacker);
  // A frame the gateway refuses closes the socket; the harness parses every
  // message as JSON, so errors of its own parsing are kept apart.
  try {
    await client.open();
    if (row.subscribe) {
      client.send({ type: 'subscribe', payload: { fileId: ctx.file } });
      await client.next((m) => m.type === 'sync');
    }
    const e = row.expect;
    const input = generate(withOwnOpIds(fill(structuredClone(row.input))));
    if (row.input?.gen === 'binary') client.ws.send(input, { binary: true });
    else if (row.input?.gen === 'invalid-utf8-frame') client.ws.send(input, { binary: false });
    else client.send(input);
    if (e.then) {
      // A second message whose answer is the one checked (an op after an
      // unsubscribe): a ping between them shows the first was handled.
      const mark = client.messages.length;
      client.send({ type: 'ping', requestId: 'between' });
      await client.next((m) => m.type === 'pong' && m.requestId === 'between', 5000, mark);
    }
    const from = client.messages.length;
    if (e.then) client.send(withOwnOpIds(structuredClone(e.then)));
    if (e.close) {
      const closed = await client.waitClosed(10000);
      assert.ok([e.close].flat().includes(closed.code), `closed with ${closed.code} ${closed.reason}`);
      return;
    }
    const answer = await client.next((m) => m.type === e.type || m.type === 'error', 10000, from);
    const text = JSON.stringify(answer).slice(0, 400);
    assert.equal(answer.type, e.type, text);
    if (e.type === 'error') {
      assert.equal(answer.payload.code, e.code, text);
      assert.match(answer.payload.message, new RegExp(e.message), text);
      assert.equal(leaks(answer.payload.message), undefined, `shows internals: ${text}`);
    }
    if (e.type === 'ack') {
      const r = answer.payload.results[0];
      assert.equal(r.status, e.status, text);
      if (e.reason) assert.match(r.reason, new RegExp(e.reason), text);
      if (e.stored) {
        const s = fill(e.stored);
        const value = psql(`SELECT registers->'${s.property}'->>'v' FROM vellum.objects WHERE file_id = '${ctx.file}' AND object_id = convert_from(decode('${Buffer.from(s.objectId).toString('hex')}', 'hex'), 'UTF8')`);
        assert.equal(value, s.value, 'the value was not stored as sent');
      }
    }
  } finally {
    client.ws.terminate();
  }
}

test('hostile WebSocket messages get a clear error, and the socket goes on', async () => {
  await runRows('ws', fireWs);
});

// --------------------------------------------------------------------- SQL

// psql runs asynchronously, so that the canary goes on working meanwhile.
const run = promisify(execFile);
async function fireSql(row) {
  const sql = fill(row.input);
  let out = '';
  let err = '';
  try {
    out = (await run('psql', ['-X', '-Atq', '-v', 'VERBOSITY=verbose', '-d', database, '-c', sql], { encoding: 'utf8' })).stdout.trim();
  } catch (error) {
    err = String(error.stderr);
  }
  const e = row.expect;
  if (e.ok) {
    assert.equal(err, '', `failed: ${err.slice(0, 300)}`);
    assert.match(out, new RegExp(e.ok), `result: ${out.slice(0, 300)}`);
    return;
  }
  const m = err.match(/ERROR:\s+([0-9A-Z]{5}): (.*)/);
  assert.ok(m, `expected an error ${e.sqlstate}, got ${err ? err.slice(0, 300) : `a result: ${out.slice(0, 200)}`}`);
  assert.ok(m[1].startsWith(e.sqlstate), `SQLSTATE ${m[1]} (expected ${e.sqlstate}): ${err.slice(0, 300)}`);
  assert.notEqual(m[1], 'XX000', `internal error: ${err.slice(0, 300)}`);
  const detail = err.split('\n').filter((l) => /^(ERROR|DETAIL|HINT):/.test(l)).join(' ');
  assert.match(detail, new RegExp(e.message), err.slice(0, 300));
  assert.equal(psql('SELECT 1'), '1', 'PostgreSQL stopped answering');
}

test('hostile calls of the extension SQL functions are refused with a SQLSTATE and a message', async () => {
  await runRows('sql', fireSql);
});

// ------------------------------------------------------------ static files

function rawRequest(text) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(gw.port, '127.0.0.1', () => socket.write(text));
    let data = Buffer.alloc(0);
    socket.on('data', (d) => {
      data = Buffer.concat([data, d]);
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      const s = data.toString('latin1');
      const status = Number((s.match(/^HTTP\/1\.[01] (\d{3})/) || [])[1]);
      resolve({ status, body: s.slice(s.indexOf('\r\n\r\n') + 4), raw: s });
    });
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer in 10 s; got ${data.length} bytes`));
    }, 10000);
  });
}

async function fireStatic(row) {
  const text = row.raw || `${row.method || 'GET'} ${row.input} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;
  const res = await rawRequest(text);
  for (const forbidden of [SECRET, 'root:x:0:0', 'DATABASE_URL', 'PGHOST'])
    assert.ok(!res.raw.includes(forbidden), `served something outside the web root (${forbidden})`);
  assert.ok(res.status, `not an HTTP answer: ${JSON.stringify(res.raw.slice(0, 200))}`);
  assert.notEqual(res.status, 500, res.raw.slice(0, 300));
  let json = null;
  try { json = JSON.parse(res.body); } catch { /* a page */ }
  if (row.expect.notServed) {
    // A path without a dot is a client-side route and gets the app's page;
    // anything else is a JSON error that says what was wrong.
    if (res.status === 200) return assert.equal(res.body, INDEX, 'served a file other than the app page');
    assert.ok([400, 404].includes(res.status), `status ${res.status}`);
    assert.match(json?.error?.message || '', /page path must be absolute and must not contain '\.\.' or backslashes|no such file|malformed HTTP request/);
    if (row.input.includes('..') || row.input.includes('\\')) assert.equal(res.status, 400, res.raw.slice(0, 300));
    return;
  }
  check(row.expect, res.status, json, res.body);
}

test('static file paths never reach outside the web root', async () => {
  await setup();
  // The web root's own files are served, so that a refusal below means something.
  const page = await rawRequest('GET /assets/app.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
  assert.equal(page.status, 200);
  assert.equal(page.body, 'console.log(1)');
  await runRows('static', fireStatic);
});

// -------------------------------------------------------------- connections

test('connection floods and slow clients: the gateway stays up, times them out, and recovers', async () => {
  await setup();
  const rows = cases.filter((c) => c.kind === 'conn');
  counts.conn = { cases: rows.length, passed: 0 };
  const failures = [];
  for (const row of rows) {
    byTarget.add(`conn ${row.target}`);
    try {
      const s = row.input.scenario;
      if (slow[row.id]) {
        const closed = await slow[row.id].closed;
        assert.ok(closed.every(Boolean), `${closed.filter((c) => !c).length} of ${closed.length} connections still open after 45 s`);
      } else if (s === 'never_reads') {
        const dropped = await neverReads(row.input.connections);
        assert.ok(dropped >= row.input.connections, `${dropped} of ${row.input.connections} non-reading sockets dropped`);
      } else if (s === 'flood_http') {
        const statuses = await floodHttp(row.input.connections);
        const bad = statuses.filter((st) => st !== 200);
        assert.deepEqual(bad, [], `${bad.length} of ${statuses.length} requests not answered 200`);
      } else if (s === 'flood_ws') {
        const r = await floodWs(row.input.connections);
        assert.deepEqual(r, { opened: row.input.connections, pongs: row.input.connections });
      } else if (s === 'flood_reset') {
        await floodReset(row.input.connections);
      }
      await alive();
      counts.conn.passed += 1;
    } catch (error) {
      failures.push(`${row.id}: ${error.message.slice(0, 400)}`);
    }
  }
  if (failures.length) console.log('conn failures:\n  ' + failures.join('\n  '));
  assert.deepEqual(failures, []);
});

// ---------------------------------------------------------------- the canary

test('the canary editor saw no error and lost no op', async () => {
  await setup();
  clearInterval(canary.timer);
  const deadline = Date.now() + 15000;
  while (canary.acked.size < canary.sent.size && canary.errors.length === 0 && Date.now() < deadline) await sleep(50);
  canary.stopped = true;
  canary.client.close();
  assert.deepEqual(canary.errors, [], 'the canary got errors');
  assert.equal(canary.acked.size, canary.sent.size, 'ops sent but never acked');
  const rows = psql(`SELECT idempotency_key || ' ' || count(*) FROM vellum.operations WHERE file_id = '${canary.fileId}' GROUP BY idempotency_key`)
    .split('\n').filter(Boolean).map((l) => l.split(' '));
  const once = new Map(rows.map(([k, n]) => [k, Number(n)]));
  const wrong = [...canary.acked].filter((id) => once.get(id) !== 1);
  canary.found = [...canary.acked].length - wrong.length;
  assert.deepEqual(wrong, [], 'acked ops not in vellum.operations exactly once');
  assert.ok(canary.acked.size > 100, `the canary worked through the attack (${canary.acked.size} ops)`);
});
