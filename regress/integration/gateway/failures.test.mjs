// Failures: SIGTERM, kill -9 of a gateway under load, PostgreSQL restarting
// under load. The invariant: every acked op is in PostgreSQL exactly once, and
// clients that reconnect (resending what was not acked) converge.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { Client, newFile, op, psql, register, sleep, startGateway, subscribed } from './harness.mjs';

// A client that sends `count` ops, one message every `everyMs`, remembering
// which ones were acked (applied or duplicate).
function editor(client, objectId, count, everyMs, prefix) {
  const sent = [];
  const acked = new Set();
  client.ws.on('message', (data) => {
    const msg = JSON.parse(data.toString());
    if (msg.type !== 'ack') return;
    msg.payload.results.forEach((r) => {
      if (r.status === 'applied' || r.status === 'duplicate') acked.add(r.id);
    });
  });
  const done = (async () => {
    for (let i = 0; i < count; i += 1) {
      const o = op({ id: `${prefix}-${i}`, operationType: 'update', objectId, propertyPath: 'x', newValue: i });
      sent.push(o);
      try {
        client.send({ type: 'operation', payload: { operations: [o] } });
      } catch {
        /* the connection is gone; the op stays unacked */
      }
      await sleep(everyMs);
    }
  })();
  return { sent, acked, done };
}

function appliedKeys(fileId, prefix) {
  const rows = psql(`SELECT idempotency_key, count(*) FROM vellum.operations WHERE file_id = '${fileId}'
                     AND idempotency_key LIKE '${prefix}-%' GROUP BY 1`);
  const counts = new Map();
  for (const line of rows.split('\n').filter(Boolean)) {
    const [key, n] = line.split('|');
    counts.set(key, Number(n));
  }
  return counts;
}

// Resends every op not acked, through a fresh connection, until all are.
async function resendUnacked(gw, user, fileId, work) {
  const { client } = await subscribed(gw, user, fileId);
  const missing = work.sent.filter((o) => !work.acked.has(o.id));
  if (missing.length) {
    client.send({ type: 'operation', requestId: 'resend', payload: { operations: missing } });
    const ack = await client.next((m) => m.type === 'ack' && m.requestId === 'resend', 10000);
    for (const r of ack.payload.results) assert.ok(['applied', 'duplicate', 'superseded'].includes(r.status), JSON.stringify(r));
  }
  return client;
}

test('SIGTERM: in-flight ops are acked, clients are told, the process exits cleanly', async () => {
  const gw = await startGateway();
  const ada = await register(gw, 'Ada');
  const fileId = newFile(ada.id);
  const { client } = await subscribed(gw, ada, fileId);
  const idle = new Client(gw, ada); // connected, never subscribed
  await idle.open();
  const ops = [1, 2, 3].map((i) => op({ operationType: 'create', objectId: `t${i}`, newValue: { type: 'rectangle' } }));
  client.send({ type: 'operation', requestId: 'last', payload: { operations: ops } });
  const exit = gw.stop('SIGTERM');
  const ack = await client.next((m) => m.type === 'ack' && m.requestId === 'last');
  assert.deepEqual(ack.payload.results.map((r) => r.status), ['applied', 'applied', 'applied']);
  const closed = await client.waitClosed();
  assert.equal(closed.code, 1001);
  assert.equal((await idle.waitClosed()).code, 1001);
  assert.equal(await exit, 0);
  assert.equal(psql(`SELECT count(*) FROM vellum.operations WHERE file_id = '${fileId}'`), '3');
});

test('kill -9 of a gateway under load: every acked op is in PostgreSQL, clients converge', async () => {
  const doomed = await startGateway();
  const survivor = await startGateway();
  const ada = await register(survivor, 'Ada');
  const fileId = newFile(ada.id);
  psql(`SELECT vellum.apply_ops('${fileId}', '[{"operationType": "create", "objectId": "box", "newValue": {"type": "rectangle", "x": 0},
        "timestamp": ${Date.now() - 1000}, "clientId": "setup"}]')`);
  const a = await subscribed(doomed, ada, fileId);
  const b = await subscribed(survivor, ada, fileId);
  const workA = editor(a.client, 'box', 150, 4, `k9a-${process.pid}`);
  const workB = editor(b.client, 'box', 150, 4, `k9b-${process.pid}`);
  await sleep(250);
  doomed.child.kill('SIGKILL');
  await Promise.all([workA.done, workB.done]);
  await sleep(300);

  // Nothing acked was lost, nothing was applied twice.
  for (const work of [workA, workB]) {
    const prefix = work === workA ? `k9a-${process.pid}` : `k9b-${process.pid}`;
    const applied = appliedKeys(fileId, prefix);
    for (const id of work.acked) assert.equal(applied.get(id), 1, `acked op ${id} must be in PostgreSQL once`);
  }
  assert.ok(workA.acked.size > 0 && workA.acked.size < 150, `some of A's ops were acked before the kill (${workA.acked.size})`);

  // A reconnects to the survivor and resends what was not acked.
  const a2 = await resendUnacked(survivor, ada, fileId, workA);
  const prefixA = `k9a-${process.pid}`;
  const appliedA = appliedKeys(fileId, prefixA);
  for (const o of workA.sent) assert.ok((appliedA.get(o.id) ?? 0) <= 1, `op ${o.id} applied at most once`);

  // Both clients converge on the database's document.
  const fresh1 = await subscribed(survivor, ada, fileId);
  const fresh2 = await subscribed(survivor, ada, fileId);
  const truth = JSON.parse(psql(`SELECT vellum.document('${fileId}')`));
  assert.deepEqual(fresh1.sync.payload.file, truth);
  assert.deepEqual(fresh2.sync.payload.file, truth);
  for (const c of [a2, b.client, fresh1.client, fresh2.client]) c.close();
  await survivor.stop();
});

test('PostgreSQL restarting under load: nothing acked is lost, the gateway recovers by itself', async () => {
  const dataDir = process.env.VELLUM_PG_DATA;
  assert.ok(dataDir, 'VELLUM_PG_DATA must name the test cluster data directory');
  const gw = await startGateway();
  const ada = await register(gw, 'Ada');
  const fileId = newFile(ada.id);
  psql(`SELECT vellum.apply_ops('${fileId}', '[{"operationType": "create", "objectId": "box", "newValue": {"type": "rectangle", "x": 0},
        "timestamp": ${Date.now() - 1000}, "clientId": "setup"}]')`);
  const a = await subscribed(gw, ada, fileId);
  const prefix = `pgr-${process.pid}`;
  const work = editor(a.client, 'box', 120, 10, prefix);
  await sleep(300);
  const asPostgres = process.getuid && process.getuid() === 0 ? ['runuser', ['-u', 'postgres', '--']] : [null, []];
  const pgCtl = '/usr/lib/postgresql/15/bin/pg_ctl';
  const cmd = asPostgres[0] ? [asPostgres[0], [...asPostgres[1], pgCtl, '-D', dataDir, '-m', 'fast', '-w', 'restart']] : [pgCtl, ['-D', dataDir, '-m', 'fast', '-w', 'restart']];
  execFileSync(cmd[0], cmd[1], { stdio: 'ignore' });
  await work.done;

  // The gateway reconnects (pool and LISTEN) by itself.
  let healthy = false;
  for (let i = 0; i < 200 && !healthy; i += 1) {
    const res = await fetch(`${gw.base}/health`).catch(() => null);
    healthy = res !== null && res.status === 200;
    if (!healthy) await sleep(100);
  }
  assert.ok(healthy, 'the gateway is healthy again after PostgreSQL restarted');

  const applied = appliedKeys(fileId, prefix);
  for (const id of work.acked) assert.equal(applied.get(id), 1, `acked op ${id} must be in PostgreSQL once`);

  // LISTEN works again: a SQL change reaches a client subscribed now.
  const b = await subscribed(gw, ada, fileId);
  psql(`SELECT vellum.apply_ops('${fileId}', '[{"operationType": "update", "objectId": "box", "propertyPath": "y",
        "newValue": 5, "timestamp": ${Date.now()}, "clientId": "psql"}]')`);
  const seen = await b.client.next((m) => m.type === 'operation' && m.payload.operations.some((o) => o.propertyPath === 'y'), 10000);
  assert.ok(seen);

  // The editor resends what was not acked; everyone converges.
  const a2 = await resendUnacked(gw, ada, fileId, work);
  const final = appliedKeys(fileId, prefix);
  for (const o of work.sent) assert.ok((final.get(o.id) ?? 0) <= 1, `op ${o.id} applied at most once`);
  const fresh = await subscribed(gw, ada, fileId);
  assert.deepEqual(fresh.sync.payload.file, JSON.parse(psql(`SELECT vellum.document('${fileId}')`)));
  for (const c of [a.client, a2, b.client, fresh.client]) c.close();
  await gw.stop();
});
