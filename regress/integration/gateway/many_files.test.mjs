// Many files at once (issue 8): two gateways, several clients per file, all
// editing together. The gateways put several files' ops in one
// vellum.apply_ops_files transaction; every acked op must be in the log exactly
// once, each file's seqs must run without gaps, no client is sent its own ops
// back, and one file's failure inside a transaction leaves the other files'
// ops of that transaction applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Client, database, newFile, op, psql, register, sharedGateways, sleep, startGateway, subscribed } from './harness.mjs';

const gateways = sharedGateways(2);

// Waits (bounded) until check() is true.
async function until(check, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const acks = (client) => client.messages.filter((m) => m.type === 'ack');
const relayed = (client) => client.messages.filter((m) => m.type === 'operation').flatMap((m) => m.payload.operations);

test('many files edited at once through two gateways: every acked op once, seqs without gaps, no echo', async () => {
  const [one, two] = gateways;
  const users = [await register(one, 'Ada'), await register(one, 'Bob'), await register(two, 'Cy')];
  const files = Array.from({ length: 12 }, (_, i) => newFile(users[0].id, `many ${i}`));
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission)
        SELECT f, u, 'edit' FROM unnest(ARRAY['${files.join("','")}']::uuid[]) f,
                                 unnest(ARRAY['${users[1].id}', '${users[2].id}']::uuid[]) u`);
  // Three clients per file, on alternating gateways.
  const clients = [];
  for (const [f, fileId] of files.entries()) {
    for (const [u, user] of users.entries()) {
      const s = await subscribed((f + u) % 2 ? two : one, user, fileId);
      clients.push({ ...s, fileId, clientId: `c-${f}-${u}`, sent: [] });
    }
  }
  // Each client creates its own object, then moves it: 4 messages of 2 ops,
  // every client at once.
  const rounds = 4;
  for (let r = 0; r < rounds; r += 1) {
    for (const c of clients) {
      const ops = [0, 1].map((k) =>
        op({
          clientId: c.clientId,
          ...(r === 0 && k === 0
            ? { operationType: 'create', objectId: c.clientId, newValue: { type: 'rectangle', x: 0 } }
            : { operationType: 'update', objectId: c.clientId, propertyPath: 'x', newValue: r * 2 + k }),
        }),
      );
      c.sent.push(...ops.map((o) => o.idempotencyKey));
      c.client.send({ type: 'operation', requestId: `${c.clientId}-${r}`, payload: { operations: ops } });
    }
  }
  await until(() => clients.every((c) => acks(c.client).length === rounds), 'every message acked', 20000);

  const applied = new Map(); // idempotency key -> seq, from the acks
  for (const c of clients) {
    for (const ack of acks(c.client)) {
      for (const r of ack.payload.results) {
        assert.equal(r.status, 'applied', `${c.clientId}: ${JSON.stringify(r)}`);
        applied.set(r.id, { seq: r.seq, fileId: c.fileId });
      }
    }
  }
  assert.equal(applied.size, clients.length * rounds * 2);

  // Exactly once in the log, with the seq the ack gave.
  const logged = psql(`SELECT idempotency_key, seq, file_id, count(*) OVER (PARTITION BY file_id, idempotency_key)
                       FROM vellum.operations WHERE file_id IN ('${files.join("','")}')`)
    .split('\n')
    .map((line) => line.split('|'));
  assert.equal(logged.length, applied.size);
  for (const [key, seq, fileId, copies] of logged) {
    assert.equal(copies, '1', `${key} logged ${copies} times`);
    assert.deepEqual(applied.get(key), { seq: Number(seq), fileId }, key);
  }
  // Per file: seqs 1..last_seq, no gap, no repeat.
  const perFile = psql(`SELECT f.id, f.last_seq, count(o.seq), count(DISTINCT o.seq), min(o.seq), max(o.seq)
                        FROM vellum.files f JOIN vellum.operations o ON o.file_id = f.id
                        WHERE f.id IN ('${files.join("','")}') GROUP BY f.id, f.last_seq`).split('\n');
  assert.equal(perFile.length, files.length);
  for (const line of perFile) {
    const [, last, n, distinct, min, max] = line.split('|').map((v, i) => (i ? Number(v) : v));
    assert.deepEqual({ n, distinct, min, max }, { n: last, distinct: last, min: 1, max: last }, line);
  }
  // Several files' ops shared a transaction (now() is the transaction's start).
  const widest = Number(psql(`SELECT max(n) FROM (SELECT count(DISTINCT file_id) AS n FROM vellum.operations
                                                  WHERE file_id IN ('${files.join("','")}') GROUP BY created_at) t`));
  assert.ok(widest > 1, `no transaction carried more than one file (widest: ${widest})`);

  // Each client is sent every other op of its file exactly once, and none of
  // its own: its acks and what is relayed to it cover the file's seqs.
  for (const c of clients) {
    const last = Number(psql(`SELECT last_seq FROM vellum.files WHERE id = '${c.fileId}'`));
    const own = new Set(c.sent);
    const ownSeqs = acks(c.client).flatMap((a) => a.payload.results.map((r) => r.seq));
    await until(() => relayed(c.client).length + ownSeqs.length >= last, `${c.clientId} sent the others' ops`);
    const others = relayed(c.client);
    for (const o of others) assert.ok(!own.has(o.idempotencyKey), `${c.clientId} was sent its own op ${o.idempotencyKey}`);
    const seqs = [...ownSeqs, ...others.map((o) => o.seq)].sort((a, b) => a - b);
    assert.deepEqual(seqs, Array.from({ length: last }, (_, i) => i + 1), c.clientId);
  }
  for (const c of clients) c.client.close();
});

test('a failure inside one file leaves the other files of the same transaction applied', async () => {
  // One pool connection: while it waits on a locked file, what arrives for
  // the other files goes into the next call, together.
  const gw = await startGateway({ PG_POOL_SIZE: '1' });
  try {
    const ada = await register(gw, 'Ada');
    const [held, bad, good1, good2] = ['held', 'bad', 'good 1', 'good 2'].map((n) => newFile(ada.id, n));
    const subs = {};
    for (const [name, fileId] of Object.entries({ held, bad, good1, good2 })) subs[name] = await subscribed(gw, ada, fileId);
    // An object row the database refuses for one file (a stand-in for any
    // error inside a file's part of the transaction).
    psql(`CREATE OR REPLACE FUNCTION public.refuse_bad_file() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN IF NEW.file_id = '${bad}' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
          CREATE TRIGGER refuse_bad_file AFTER INSERT OR UPDATE ON vellum.objects
              FOR EACH ROW EXECUTE FUNCTION public.refuse_bad_file();`);
    try {
      const locker = spawn('psql', ['-X', '-q', '-d', database, '-c',
        `BEGIN; SELECT 1 FROM vellum.files WHERE id = '${held}' FOR UPDATE; SELECT pg_sleep(1.5); COMMIT;`], { stdio: 'ignore' });
      const exited = new Promise((resolve) => locker.on('exit', resolve));
      await sleep(300);
      const send = (name, requestId) =>
        subs[name].client.send({ type: 'operation', requestId,
          payload: { operations: [op({ operationType: 'create', objectId: `o-${name}`, newValue: { type: 'rectangle' } })] } });
      send('held', 'h1'); // waits for the lock, holding the one connection
      await sleep(200);
      send('bad', 'b1');
      send('good1', 'g1');
      send('good2', 'g2');
      const error = await subs.bad.client.next((m) => m.requestId === 'b1', 10000);
      assert.equal(error.type, 'error', JSON.stringify(error));
      for (const [name, id] of [['good1', 'g1'], ['good2', 'g2'], ['held', 'h1']]) {
        const ack = await subs[name].client.next((m) => m.requestId === id, 10000);
        assert.equal(ack.type, 'ack', JSON.stringify(ack));
        assert.equal(ack.payload.results[0].status, 'applied');
      }
      await exited;
    } finally {
      psql('DROP TRIGGER refuse_bad_file ON vellum.objects; DROP FUNCTION public.refuse_bad_file()');
    }
    assert.equal(psql(`SELECT count(*) FROM vellum.operations WHERE file_id = '${bad}'`), '0');
    // The good files' ops committed in one transaction, the one the bad file failed in.
    assert.equal(psql(`SELECT count(DISTINCT created_at) || ' ' || count(*) FROM vellum.operations
                       WHERE file_id IN ('${good1}', '${good2}')`), '1 2');
    const split = gw.logs.filter((l) => l.includes('apply_ops_files_split')).length;
    assert.equal(split, 0, 'a file alone in its failure needs no split');
    for (const s of Object.values(subs)) s.client.close();
  } finally {
    await gw.stop();
  }
});

test('ops that arrive while a call is in flight or within the commit window go in one commit', async () => {
  // A long window, so that the test does not depend on how fast this machine is.
  const gw = await startGateway({ COMMIT_WINDOW_MS: '400' });
  try {
    const ada = await register(gw, 'Ada');
    const files = Array.from({ length: 6 }, (_, i) => newFile(ada.id, `window ${i}`));
    const subs = [];
    for (const fileId of files) subs.push(await subscribed(gw, ada, fileId));
    const send = (i) =>
      subs[i].client.send({ type: 'operation', requestId: `w${i}`,
        payload: { operations: [op({ operationType: 'create', objectId: `o${i}`, newValue: { type: 'rectangle' } })] } });
    // The first goes at once (nothing is in flight); the others, spread over
    // a fifth of the window, wait for its end and then go together.
    send(0);
    for (let i = 1; i < files.length; i += 1) {
      await sleep(15);
      send(i);
    }
    for (const [i, s] of subs.entries()) {
      const ack = await s.client.next((m) => m.requestId === `w${i}`, 10000);
      assert.equal(ack.type, 'ack', JSON.stringify(ack));
      assert.equal(ack.payload.results[0].status, 'applied');
    }
    // created_at is the transaction's start time: one value, one transaction.
    const commits = (ids) =>
      psql(`SELECT count(DISTINCT created_at) || ' ' || count(*) FROM vellum.operations WHERE file_id IN ('${ids.join("','")}')`);
    assert.equal(commits(files.slice(1)), `1 ${files.length - 1}`);
    assert.equal(commits(files), `2 ${files.length}`);
    for (const s of subs) s.client.close();
  } finally {
    await gw.stop();
  }
});
