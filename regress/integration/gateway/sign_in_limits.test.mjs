// Password guessing cannot stall sign-in for others: failed sign-ins are
// limited per address and per account (429 before bcrypt runs), and the
// password checks' queue is bounded (503 busy). Clients from 127.0.0.2 and up
// are other addresses to the gateway (it listens on 127.0.0.1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { register, startGateway, uniqueEmail } from './harness.mjs';

// POST /api/auth/login from a given local address, on a connection of its own.
function login(gw, email, password, from = '127.0.0.1') {
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: gw.port,
        path: '/api/auth/login',
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const count = (results, status) => results.filter((r) => r.status === status).length;

test('100 wrong passwords from one address: a few reach bcrypt, the rest wait (429); another address signs in', async () => {
  const gw = await startGateway();  // the default limits
  const victim = await register(gw, 'Victim');
  const user = await register(gw, 'User');

  const started = Date.now();
  const guesses = Array.from({ length: 100 }, (_, i) => login(gw, victim.email, `wrong guess ${i}`));
  const legitimate = login(gw, user.email, user.password, '127.0.0.2').then((r) => ({ ...r, ms: Date.now() - started }));
  const [mine, ...theirs] = await Promise.all([legitimate, ...guesses]);
  console.log(`# legitimate sign-in answered in ${mine.ms} ms; attacker: ${count(theirs, 401)} x 401, ${count(theirs, 429)} x 429`);

  assert.equal(mine.status, 200);
  assert.equal(mine.body.user.email, user.email);
  assert.equal(count(theirs, 401) + count(theirs, 429), 100, `only 401 and 429: ${theirs.map((r) => r.status)}`);
  // Each 401 is one bcrypt run: the account allows a burst of 10 failures
  // (5 a minute after that); a 429 is answered without running it.
  assert.ok(count(theirs, 401) >= 1 && count(theirs, 401) <= 11, `${count(theirs, 401)} guesses ran bcrypt`);
  for (const r of theirs.filter((x) => x.status === 429)) {
    assert.equal(r.body.error.code, 'rate_limited');
    assert.match(r.body.error.message, /wait \d+ seconds? and try again/);
    assert.ok(Number(r.headers['retry-after']) >= 1, `Retry-After: ${r.headers['retry-after']}`);
  }

  // A user who mistypes a few times is not blocked.
  for (let i = 0; i < 4; i += 1) assert.equal((await login(gw, user.email, `typo ${i}`, '127.0.0.2')).status, 401);
  assert.equal((await login(gw, user.email, user.password, '127.0.0.2')).status, 200);

  // Guesses spread over many accounts are limited by the address: a burst of 20.
  const spread = await Promise.all(Array.from({ length: 100 }, (_, i) => login(gw, uniqueEmail(`nobody${i}`), 'a guess', '127.0.0.3')));
  console.log(`# one address, 100 accounts: ${count(spread, 401)} x 401, ${count(spread, 429)} x 429`);
  assert.equal(count(spread, 401) + count(spread, 429), 100);
  assert.ok(count(spread, 401) >= 1 && count(spread, 401) <= 21, `${count(spread, 401)} guesses ran bcrypt`);
  assert.match(spread.find((r) => r.status === 429).body.error.message, /from this address/);
  await gw.stop();
});

test('a full queue of password checks answers 503 busy with Retry-After', async () => {
  const gw = await startGateway({
    PASSWORD_THREADS: '1',
    PASSWORD_QUEUE: '1',
    LOGIN_FAILURES_PER_ADDRESS: '100000',
    LOGIN_FAILURES_PER_ACCOUNT: '100000',
  });
  const user = await register(gw, 'User');
  const results = await Promise.all(Array.from({ length: 60 }, (_, i) => login(gw, uniqueEmail(`q${i}`), 'a guess')));
  console.log(`# 60 at once, 1 thread, 1 waiting: ${count(results, 401)} x 401, ${count(results, 503)} x 503`);
  assert.equal(count(results, 401) + count(results, 503), 60, `only 401 and 503: ${results.map((r) => r.status)}`);
  assert.ok(count(results, 503) >= 1, 'some were refused');
  assert.ok(count(results, 401) >= 2, 'the running one and the waiting one were checked');
  for (const r of results.filter((x) => x.status === 503)) {
    assert.equal(r.body.error.code, 'busy');
    assert.equal(r.headers['retry-after'], '1');
  }
  // Refused checks are not failures: the queue drains and sign-in works.
  assert.equal((await login(gw, user.email, user.password)).status, 200);
  await gw.stop();
});
