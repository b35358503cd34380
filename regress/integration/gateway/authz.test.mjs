// The authorization matrix (regress/integration/authz/matrix.json): every
// HTTP route and WebSocket message type the gateway lists (--list-routes)
// against every kind of caller, each cell on a fresh fixture. A cell checks
// the answer's status, that a denied call changed nothing in PostgreSQL (and
// an allowed write did), that no denied answer shows anything of the fixture,
// and that a 404 reads the same for an existing id as for a random one.
// Then the browser's side: cross-site WebSocket and REST calls, and the
// pages' Content-Security-Policy.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import WebSocket from 'ws';

import { Client, gatewayBinary, register, sharedGateways } from './harness.mjs';
import { endSql, makeCallers, makeWorld, matrix, newSession, recipes, routeOf, sql } from '../authz/requests.mjs';

const webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'vellum-authz-web-'));
fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Vellum</title><script type="module" src="/app.js"></script>\n');
fs.writeFileSync(path.join(webRoot, 'app.js'), 'export {};\n');
after(() => fs.rmSync(webRoot, { recursive: true, force: true }));

const metricsToken = randomBytes(16).toString('hex');
const gateways = sharedGateways(1, { METRICS_TOKEN: metricsToken, WEB_ROOT: webRoot });
after(endSql);

let gw = null;
let callers = null;
let login = null;
async function setUp() {
  if (callers) return;
  gw = gateways[0];
  callers = await makeCallers();
  login = await register(gw, 'Login');
}

// The answer of one HTTP call as a browser on the gateway's own page makes it.
async function call(caller, req) {
  const headers = { origin: gw.base };
  if (caller.cookie) headers.cookie = caller.cookie;
  let body;
  if (req.body instanceof Buffer) {
    body = req.body;
    headers['content-type'] = req.contentType;
  } else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(gw.base + req.path, { method: req.method, headers, body });
  return { status: res.status, text: await res.text() };
}

// The world's ids (and the target's) in a path, each replaced by a random one
// of the same kind: what a caller probing for existence would send.
function randomized(req, world) {
  let p = req.path;
  for (const id of [world.file, world.comment, world.team, world.version, world.fileInvitation, callers.target.id, callers.owner.id])
    p = p.replaceAll(id, randomUUID());
  p = p.replaceAll(world.image, randomBytes(32).toString('hex'));
  return { ...req, path: p };
}
const withoutIds = (text) => text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ':id').replace(/[0-9a-f]{64}/g, ':sha');

const leaked = (text, world) => world.secrets.filter((s) => text.includes(s));

// One WebSocket cell: the outcome as matrix.json spells it, and everything received.
async function wsCell(recipe, caller, world) {
  const client = new Client(gw, caller.cookie ? { cookie: caller.cookie } : null);
  try {
    await client.open();
  } catch (e) {
    const m = /upgrade refused: (\d+)/.exec(e.message);
    if (!m) throw e;
    return { outcome: Number(m[1]), received: '' };
  }
  try {
    if (recipe.ws === 'upgrade') return { outcome: 101, received: '' };
    if (recipe.subscribeFirst !== false) {
      client.send({ type: 'subscribe', requestId: 'pre', payload: { fileId: world.file } });
      await client.next((m) => m.requestId === 'pre');
    }
    // What the subscription showed (the document, to who may see it) is not the cell's answer.
    const from = client.messages.length;
    client.send({ ...recipe.message(world), requestId: 'cell' });
    client.send({ type: 'ping', requestId: 'probe' });
    let reply;
    if (recipe.ws === 'async') reply = await client.next((m) => m.requestId === 'cell');
    else {
      await client.next((m) => m.type === 'pong' && m.requestId === 'probe');
      reply = client.messages.find((m) => m.requestId === 'cell');
    }
    let outcome = !reply ? 'ok' : reply.type === 'error' ? reply.payload.code : reply.type;
    // An ack whose ops the database refused is no "ack" cell.
    if (outcome === 'ack' && reply.payload.results.some((r) => r.status !== 'applied')) outcome = 'ack with ops refused';
    return { outcome, received: JSON.stringify(client.messages.slice(from)) };
  } finally {
    client.close();
  }
}

// Runs one cell; returns what is wrong with it (empty when nothing).
async function runCell(row, recipe, principal, expected, sharedWorld) {
  const problems = [];
  const world = sharedWorld || (await makeWorld(callers, recipe.world));
  let caller = callers[principal];
  if (recipe.freshSession && caller.id) {
    const token = await newSession(caller.id, principal === 'expired');
    caller = { ...caller, token, cookie: `vellum_session=${token}` };
  }
  const snapshot = recipe.snapshot?.(world, caller, login, callers);
  const before = snapshot && await sql(snapshot);
  let status;
  let text;
  let req;
  if (recipe.ws) {
    ({ outcome: status, received: text } = await wsCell(recipe, caller, world));
  } else {
    req = recipe.request(world, caller, login, callers);
    ({ status, text } = await call(caller, req));
  }
  if (status !== expected) problems.push(`got ${status}, expected ${expected}: ${text.slice(0, 300)}`);
  // What the matrix allows decides what may change and show, whatever came back.
  const allowed = typeof expected === 'number' ? expected < 300 : !['not_found', 'forbidden', 'not_subscribed', 'conflict'].includes(expected);
  if (snapshot) {
    const afterwards = await sql(snapshot);
    const shouldChange = allowed && (recipe.changes ? recipe.changes(principal) : true);
    if (shouldChange && afterwards === before) problems.push(`an allowed write changed nothing (${before})`);
    if (!shouldChange && afterwards !== before) problems.push(`a denied call changed the database: ${before} -> ${afterwards}`);
  }
  if (!allowed || (recipe.hiddenFrom || []).includes(principal) || principal === 'stranger') {
    // The stranger is the invitee of the world's file: the invitation names the file.
    const invitee = principal === 'stranger' && /invitations/.test(row) && allowed;
    const shown = leaked(text, world).filter((s) => !(invitee && s === world.fileName));
    if (shown.length) problems.push(`the answer shows ${shown.join(', ')}`);
  }
  // A 404 that hides existence reads the same for an id that exists as for none.
  if (req && expected === 404 && status === 404 && /[0-9a-f]{8}-/.test(req.path)) {
    const probe = await call(caller, randomized(req, world));
    if (probe.status !== 404 || withoutIds(probe.text) !== withoutIds(text))
      problems.push(`404 differs for a random id: ${text} vs ${probe.status} ${probe.text}`);
  }
  return problems.map((p) => `${row} / ${principal}: ${p}`);
}

test('the matrix has one row or more for every route and message type the gateway lists, and recipes for all', () => {
  const listed = execFileSync(gatewayBinary, ['--list-routes'], { encoding: 'utf8' }).trim().split('\n');
  assert.ok(listed.length > 40, `--list-routes printed ${listed.length} lines`);
  const rows = Object.keys(matrix.rows);
  const covered = new Set(rows.map(routeOf));
  assert.deepEqual(listed.filter((r) => !covered.has(r)), [], 'routes without a row in regress/integration/authz/matrix.json');
  assert.deepEqual([...covered].filter((r) => !listed.includes(r)), [], 'rows of routes the gateway does not have');
  for (const row of rows) {
    assert.equal(matrix.rows[row].length, matrix.principals.length, `${row}: one cell per caller`);
    assert.ok(recipes[row], `${row}: no recipe in regress/integration/authz/requests.mjs`);
  }
  assert.deepEqual(Object.keys(recipes).filter((r) => !matrix.rows[r]), [], 'recipes without a row');
  console.log(`authorization matrix: ${rows.length} rows (${listed.length} routes and message types) x ` +
    `${matrix.principals.length} callers = ${rows.length * matrix.principals.length} cells`);
});

for (const [row, cells] of Object.entries(matrix.rows)) {
  test(`authz: ${row}`, async () => {
    await setUp();
    const recipe = recipes[row];
    // Reads change nothing: their cells share one world.
    const shared = recipe.snapshot || recipe.freshSession ? null : await makeWorld(callers, recipe.world);
    const problems = [];
    for (const [i, principal] of matrix.principals.entries())
      problems.push(...(await runCell(row, recipe, principal, cells[i], shared)));
    assert.deepEqual(problems, []);
  });
}

test('WebSocket: a file nobody may see reads as one that does not exist, and its changes reach only who may see it', async () => {
  await setUp();
  const world = await makeWorld(callers);
  const open = async (name) => {
    const client = new Client(gw, callers[name]);
    await client.open();
    return client;
  };
  const stranger = await open('stranger');
  const errors = [];
  for (const fileId of [world.file, randomUUID()]) {
    stranger.send({ type: 'subscribe', requestId: fileId, payload: { fileId } });
    errors.push(await stranger.next((m) => m.requestId === fileId));
  }
  assert.equal(errors[0].payload.code, 'not_found');
  assert.deepEqual(withoutIds(JSON.stringify(errors[0])), withoutIds(JSON.stringify(errors[1])));

  const watchers = { stranger, owner: await open('owner'), file_viewer: await open('file_viewer'), site_admin: await open('site_admin') };
  for (const client of Object.values(watchers)) {
    client.send({ type: 'watch_files', requestId: 'w' });
    await client.next((m) => m.type === 'watching_files');
  }
  await sql(`UPDATE vellum.files SET name = 'renamed-${world.tag}', updated_at = now() WHERE id = '${world.file}'`);
  const told = (m) => m.type === 'files_changed' && m.payload.fileId === world.file;
  for (const name of ['owner', 'file_viewer', 'site_admin']) await watchers[name].next(told);
  // Everyone is told in one pass: a pong the stranger gets after that comes after anything it was told.
  stranger.send({ type: 'ping', requestId: 'after' });
  await stranger.next((m) => m.type === 'pong' && m.requestId === 'after');
  assert.equal(stranger.messages.filter(told).length, 0, 'the stranger heard of the file');
  for (const client of Object.values(watchers)) client.close();
});

test('cross-site WebSocket hijacking: an upgrade from another Origin, or with none, is refused', async () => {
  await setUp();
  const upgrade = async (origin) => {
    const client = new Client(gw, callers.owner, { origin });
    try {
      await client.open();
      client.close();
      return 101;
    } catch (e) {
      return Number(/upgrade refused: (\d+)/.exec(e.message)?.[1] ?? NaN);
    }
  };
  assert.equal(await upgrade(gw.base), 101);
  assert.equal(await upgrade('http://evil.example'), 403);
  assert.equal(await upgrade(`http://127.0.0.1:${gw.port}.evil.example`), 403);
  assert.equal(await upgrade('null'), 403);
  assert.equal(await upgrade(''), 403);
  // No Origin at all: not a browser page, yet refused (a browser always sends one).
  const bare = new WebSocket(`ws://127.0.0.1:${gw.port}/ws`, { headers: { cookie: callers.owner.cookie } });
  const status = await new Promise((resolve) => {
    bare.once('open', () => resolve(101));
    bare.once('unexpected-response', (req, res) => resolve(res.statusCode));
    bare.once('error', () => resolve('error'));
  });
  bare.terminate();
  assert.equal(status, 403);
});

test('CSRF: a cookie-authenticated change from another site is refused, and nothing is written', async () => {
  await setUp();
  const owner = callers.owner;
  const tries = [
    [{ origin: 'http://evil.example' }, 403],
    [{ origin: 'null' }, 403],
    [{ 'sec-fetch-site': 'cross-site' }, 403],
    [{ 'sec-fetch-site': 'same-site' }, 403],
    [{ origin: 'http://evil.example', 'sec-fetch-site': 'same-origin' }, 403],
    [{ origin: gw.base, 'sec-fetch-site': 'same-origin' }, 201],
    [{ 'sec-fetch-site': 'same-origin' }, 201],
    [{}, 201],  // not a browser: no cookie of anyone else's to send
  ];
  for (const [extra, expected] of tries) {
    const name = `csrf-${randomBytes(6).toString('hex')}`;
    const res = await fetch(`${gw.base}/api/files`, {
      method: 'POST',
      headers: { cookie: owner.cookie, 'content-type': 'application/json', ...extra },
      body: JSON.stringify({ name }),
    });
    const text = await res.text();
    assert.equal(res.status, expected, `${JSON.stringify(extra)}: ${text}`);
    assert.equal(await sql(`SELECT count(*) FROM vellum.files WHERE name = '${name}'`), expected === 201 ? '1' : '0');
    if (expected === 403) assert.match(text, /cross-origin request refused/);
  }
  // Every unsafe method, and the sign-in endpoints (login CSRF, forced sign-out).
  const world = await makeWorld(callers);
  const evil = { origin: 'http://evil.example', cookie: owner.cookie, 'content-type': 'application/json' };
  for (const [method, p, body] of [
    ['PATCH', `/api/files/${world.file}`, { name: 'csrf' }],
    ['PUT', `/api/files/${world.file}/permissions/${callers.target.id}`, { permission: 'admin' }],
    ['DELETE', `/api/files/${world.file}`],
    ['POST', '/api/auth/logout'],
    ['POST', '/api/auth/login', { email: login.email, password: login.password }],
  ]) {
    const res = await fetch(gw.base + p, { method, headers: evil, body: body && JSON.stringify(body) });
    assert.equal(res.status, 403, `${method} ${p}: ${await res.text()}`);
  }
  assert.equal(await sql(`SELECT name || ',' || (deleted_at IS NULL) FROM vellum.files WHERE id = '${world.file}'`), `${world.fileName},true`);
  assert.equal(await sql(`SELECT permission FROM vellum.file_permissions WHERE file_id = '${world.file}' AND user_id = '${callers.target.id}'`), 'view');
  const me = await fetch(`${gw.base}/api/auth/me`, { headers: { cookie: owner.cookie } });
  assert.equal(me.status, 200, 'the owner is still signed in');
});

test('pages carry a Content-Security-Policy that forbids inline script; the session cookie is HttpOnly and SameSite', async () => {
  await setUp();
  for (const p of ['/', `/file/${randomUUID()}`]) {
    const res = await fetch(gw.base + p);
    assert.equal(res.status, 200, p);
    const csp = res.headers.get('content-security-policy');
    assert.ok(csp, `${p} has a Content-Security-Policy`);
    const directives = Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepEqual(directives['script-src'], ["'self'"], `${p}: script-src is 'self' only: ${csp}`);
    assert.deepEqual(directives['object-src'], ["'none'"], csp);
    assert.deepEqual(directives['base-uri'], ["'none'"], csp);
    assert.deepEqual(directives['frame-ancestors'], ["'none'"], csp);
    assert.ok(directives['connect-src'].includes(`ws://127.0.0.1:${gw.port}`), `the page may open its WebSocket: ${csp}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  }
  // A Host that would add directives is left out of the policy.
  const odd = await new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: gw.port, path: '/', headers: { host: "x; script-src 'unsafe-inline'" } }, (res) => {
      res.resume();
      resolve(res.headers['content-security-policy']);
    }).on('error', reject);
  });
  assert.match(odd, /script-src 'self';/);
  assert.doesNotMatch(odd, /script-src 'unsafe-inline'/);
  const res = await fetch(`${gw.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: login.email, password: login.password }),
  });
  const cookie = res.headers.get('set-cookie');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=(Lax|Strict)/);
});
