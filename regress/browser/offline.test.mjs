// A browser taken offline and back: Chromium keeps an open WebSocket when
// the network is emulated away, so the client must act on the offline and
// online events itself. Edits made meanwhile wait, are said, and then reach
// PostgreSQL and the other person exactly once.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { closeEveryone, connection, hook, layerRow, objectsOf, psql, sharedFile, shot, until } from './harness.mjs';

afterEach(closeEveryone);

const shape = (id, x) => ({ id, type: 'rect', x, y: 120, w: 80, h: 60, fill: '#30a46c', stroke: '#000000' });
const ids = ['off-1', 'off-2', 'off-3', 'off-4'];

test('edits made offline wait, the indicator counts them, and online they arrive once each', async () => {
  const { ada, bob, fileId } = await sharedFile();

  await ada.context.setOffline(true);
  await until(async () => /^Offline/.test(await connection(ada)), { what: 'Ada\'s indicator to say Offline' });

  // Three creates in one change, one more, and an update from the properties panel.
  await hook(ada, 'editor.createShapes(arg)', ids.slice(0, 3).map((id, i) => shape(id, 100 + i * 100)));
  await hook(ada, 'editor.createShapes(arg)', [shape('off-4', 400)]);
  await layerRow(ada, 'off-1').click();
  await ada.page.getByLabel('X', { exact: true }).fill('77');
  await ada.page.getByLabel('X', { exact: true }).press('Enter');
  const unsent = await hook(ada, 'editor.pending()');
  assert.ok(unsent >= 5, `${unsent} unsent changes`);
  await until(async () => (await connection(ada)) === `Offline, ${unsent} unsent changes`, { what: `the indicator to count ${unsent} unsent changes` });
  await shot(ada, 'offline-01-ada-offline');

  // Nothing left Ada's browser: Bob, online all along, sees none of it, and neither does PostgreSQL.
  await bob.page.waitForTimeout(1000);
  assert.deepEqual((await objectsOf(bob)).filter((o) => ids.includes(o.id)), []);
  assert.equal(psql(`SELECT count(*) FROM vellum.operations WHERE file_id = '${fileId}' AND object_id LIKE 'off-%'`), '0');

  // Online: connected again at once, not after a backoff.
  const back = Date.now();
  await ada.context.setOffline(false);
  await until(async () => (await connection(ada)) === 'Connected' && hook(ada, 'editor.pending() === 0'), { what: 'connected with everything sent' });
  const took = Date.now() - back;
  assert.ok(took < 3000, `${took} ms to reconnect and send`);

  // Each edit once: one create per object, and off-1's update.
  const rows = psql(`SELECT object_id || ':' || string_agg(operation_type, ',' ORDER BY seq) FROM vellum.operations
                     WHERE file_id = '${fileId}' AND object_id LIKE 'off-%' GROUP BY object_id ORDER BY object_id`).split('\n');
  assert.deepEqual(rows, ['off-1:create,update', 'off-2:create', 'off-3:create', 'off-4:create']);
  assert.equal(psql(`SELECT count(*) - count(DISTINCT idempotency_key) FROM vellum.operations WHERE file_id = '${fileId}'`), '0');
  const seen = await until(async () => {
    const objects = (await objectsOf(bob)).filter((o) => ids.includes(o.id));
    return objects.length === 4 && objects.find((o) => o.id === 'off-1').x === 77 && objects;
  }, { what: 'Bob seeing Ada\'s offline edits' });
  assert.deepEqual(seen.map((o) => o.id).sort(), ids);
  await hook(bob, 'editor.whenRendered()');
  await shot(bob, 'offline-02-bob-after-ada-is-back');
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});
