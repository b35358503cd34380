// Sign-in sessions end open WebSockets: logout, a session deleted in SQL (on
// every gateway), expiry, and a delete the gateway missed while its LISTEN
// connection was away. After the end, nothing the socket sends is applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { Client, database, newFile, op, psql, register, sharedGateways, sleep, startGateway, subscribed } from './harness.mjs';

const kSessionEnded = 4001;

const gateways = sharedGateways(2);

// A second session of the same user (another browser).
async function login(gw, user) {
  const res = await fetch(`${gw.base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  assert.equal(res.status, 200);
  return { ...user, cookie: res.headers.get('set-cookie').split(';')[0] };
}

const tokenOf = (user) => user.cookie.split('=')[1];
const timesApplied = (key) => Number(psql(`SELECT count(*) FROM vellum.operations WHERE idempotency_key = '${key}'`));

function rect(objectId) {
  return op({ operationType: 'create', objectId, newValue: { type: 'rectangle', x: 0, y: 0, width: 10, height: 10 } });
}

async function sendAndAck(client, o) {
  const requestId = `r-${o.id}`;
  client.send({ type: 'operation', requestId, payload: { operations: [o] } });
  return client.next((m) => m.type === 'ack' && m.requestId === requestId);
}

test('logout closes the session\'s WebSockets with 4001; an op sent after it is not applied', async () => {
  const [gateway] = gateways;
  const ada = await register(gateway, 'Ada');
  const other = await login(gateway, ada);  // another session of Ada's: it stays open
  const fileId = newFile(ada.id);
  const a = await subscribed(gateway, ada, fileId);
  const b = await subscribed(gateway, other, fileId);
  const before = rect('before-logout');
  assert.equal((await sendAndAck(a.client, before)).payload.results[0].status, 'applied');

  const out = await fetch(`${gateway.base}/api/auth/logout`, { method: 'POST', headers: { cookie: ada.cookie } });
  assert.equal(out.status, 200);
  const late = rect('after-logout');
  a.client.send({ type: 'operation', requestId: 'late', payload: { operations: [late] } });
  const closed = await a.client.waitClosed();
  assert.deepEqual(closed, { code: kSessionEnded, reason: 'signed out' });
  assert.equal(a.client.messages.find((m) => m.type === 'ack' && m.requestId === 'late'), undefined);

  // The other session's socket goes on, and its op lands after the late one would have.
  const still = rect('other-session');
  assert.equal((await sendAndAck(b.client, still)).payload.results[0].status, 'applied');
  assert.equal(timesApplied(before.id), 1);
  assert.equal(timesApplied(late.id), 0, 'the op sent after logout was not applied');
  assert.equal(timesApplied(still.id), 1);
  b.client.close();
});

test('a session deleted in SQL closes its sockets on every gateway', async () => {
  const [gateway, second] = gateways;
  const ada = await register(gateway, 'Ada');
  const other = await login(gateway, ada);
  const fileId = newFile(ada.id);
  const on1 = await subscribed(gateway, ada, fileId);
  const on2 = await subscribed(second, ada, fileId);
  const unsubscribed = new Client(second, ada);  // open but not subscribed to anything
  await unsubscribed.open();
  const keeps = await subscribed(second, other, fileId);

  psql(`DELETE FROM vellum.sessions WHERE token_hash = sha256(convert_to('${tokenOf(ada)}', 'UTF8'))`);
  for (const c of [on1.client, on2.client, unsubscribed]) {
    assert.deepEqual(await c.waitClosed(), { code: kSessionEnded, reason: 'signed out' });
  }
  keeps.client.send({ type: 'ping', requestId: 'still-here' });
  await keeps.client.next((m) => m.type === 'pong' && m.requestId === 'still-here');
  assert.equal(keeps.client.closed, null);

  // Deleting the user ends all of their sessions.
  psql(`DELETE FROM vellum.users WHERE id = '${ada.id}'`);
  assert.deepEqual(await keeps.client.waitClosed(), { code: kSessionEnded, reason: 'signed out' });
});

test('a socket is closed when its session expires', async () => {
  const [gateway] = gateways;
  const ada = await register(gateway, 'Ada');
  const token = randomBytes(32).toString('hex');
  psql(`INSERT INTO vellum.sessions (token_hash, user_id, expires_at)
        VALUES (sha256(convert_to('${token}', 'UTF8')), '${ada.id}', now() + interval '2 seconds')`);
  const short = { ...ada, cookie: `vellum_session=${token}` };
  const fileId = newFile(ada.id);
  const started = Date.now();
  const { client } = await subscribed(gateway, short, fileId);
  assert.equal((await sendAndAck(client, rect('while-valid'))).payload.results[0].status, 'applied');

  const closed = await client.waitClosed(10000);
  console.log(`# closed ${Date.now() - started} ms after the 2 s session was created`);
  assert.deepEqual(closed, { code: kSessionEnded, reason: 'session expired' });
  const me = await fetch(`${gateway.base}/api/auth/me`, { headers: { cookie: short.cookie } });
  assert.equal(me.status, 401);
});

// The gateway's log entries of one event.
function events(gw, name) {
  return gw.logs.flatMap((line) => {
    try {
      const entry = JSON.parse(line);
      return entry.event === name ? [entry] : [];
    } catch {
      return [];
    }
  });
}

// One psql connection kept open, so that it can still run statements while
// the database accepts no new connection.
async function psqlSession(db) {
  const child = spawn('psql', ['-X', '-Atq', '-v', 'ON_ERROR_STOP=1', '-d', db], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  child.stderr.on('data', (chunk) => (err += chunk));
  let n = 0;
  const session = {
    async run(sql) {
      n += 1;
      const marker = `-- done ${n} --`;
      child.stdin.write(`${sql};\n\\echo '${marker}'\n`);
      for (let i = 0; i < 200 && !out.includes(marker); i += 1) {
        if (child.exitCode !== null) throw new Error(`psql failed: ${err}`);
        await sleep(25);
      }
      if (!out.includes(marker)) throw new Error(`psql did not answer: ${err}`);
    },
    async end() {
      child.stdin.end();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
  await session.run('SELECT 1');
  return session;
}

const allowConnections = (yes) =>
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'postgres', '-c',
    `ALTER DATABASE ${database} ALLOW_CONNECTIONS ${yes}`]);

test('a session deleted while the LISTEN connection was away is closed when it is back', async () => {
  const gw = await startGateway();
  const ada = await register(gw, 'Ada');
  const other = await login(gw, ada);
  const fileId = newFile(ada.id);
  const gone = await subscribed(gw, ada, fileId);
  const keeps = await subscribed(gw, other, fileId);
  const listensBefore = events(gw, 'postgres_listening').length;

  // No new connection to the database until the delete is committed, so the
  // gateways' LISTEN connections, terminated first, cannot hear its NOTIFY.
  const sql = await psqlSession(database);
  try {
    allowConnections(false);
    await sql.run(`SELECT count(pg_terminate_backend(pid, 5000)) FROM pg_stat_activity
                   WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN %'`);
    await sql.run(`DELETE FROM vellum.sessions WHERE token_hash = sha256(convert_to('${tokenOf(ada)}', 'UTF8'))`);
  } finally {
    allowConnections(true);
    await sql.end();
  }

  assert.deepEqual(await gone.client.waitClosed(20000), { code: kSessionEnded, reason: 'signed out' });
  // The log lines may come a moment after the close frame.
  for (let i = 0; i < 100 && events(gw, 'sessions_rechecked').length === 0; i += 1) await sleep(50);
  const listens = events(gw, 'postgres_listening');
  assert.ok(listens.length > listensBefore && listens.at(-1).reconnected === true, 'LISTEN came back');
  const [recheck] = events(gw, 'sessions_rechecked');
  assert.ok(recheck, 'the open sockets\' sessions were looked up again');
  assert.equal(recheck.closed, 1);
  keeps.client.send({ type: 'ping', requestId: 'still-here' });
  await keeps.client.next((m) => m.type === 'pong' && m.requestId === 'still-here');
  keeps.client.close();
  await gw.stop();
});
