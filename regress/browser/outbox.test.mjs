// Unsent changes survive a closed tab: made while the gateway is down, kept in
// IndexedDB, and sent when the file is opened again, each exactly once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { base, closeEveryone, connection, hook, layerRow, newFile, open, psql, serverObjects, shot, signedIn, until } from './harness.mjs';

after(closeEveryone);

// The records the page's outbox keeps in IndexedDB for a file.
const kept = (page, fileId) =>
  page.evaluate(
    (file) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('vellum-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('outbox')) return resolve(0);
          const all = db.transaction('outbox').objectStore('outbox').getAll();
          all.onsuccess = () => {
            resolve(all.result.filter((r) => r.fileId === file).length);
            db.close();
          };
        };
      }),
    fileId,
  );

test('edits made while the gateway is down survive closing the tab and are saved, once, when the file is opened again', async () => {
  const ada = await signedIn('Ada');
  const fileId = await newFile(ada);
  await open(ada, fileId);

  const runDir = process.env.VELLUM_RUN_DIR;
  if (!runDir) throw new Error('VELLUM_RUN_DIR is needed to stop and start the gateway');
  process.kill(Number(fs.readFileSync(`${runDir}/gateway.pid`, 'utf8')), 'SIGKILL');
  await until(async () => /^(Offline|Reconnecting)/.test(await connection(ada)), { what: 'the indicator to say the connection is gone' });
  const shapes = Array.from({ length: 6 }, (_, i) => ({ id: `kept-${i}`, type: 'rect', x: 40 + i * 70, y: 80, w: 50, h: 50, fill: '#8e4ec6', stroke: '#000000' }));
  await hook(ada, 'editor.createShapes(arg)', shapes);
  await layerRow(ada, 'kept-0').click();
  await ada.page.getByLabel('Fill', { exact: true }).fill('#30a46c');
  await ada.page.getByLabel('Fill', { exact: true }).press('Enter');
  await until(async () => (await kept(ada.page, fileId)) >= 6, { what: 'the unsent ops in IndexedDB' });
  await until(async () => /[67] unsent/.test(await connection(ada)), { what: 'the unsent count shown' });
  await shot(ada, '20-unsent-before-closing');

  // The tab is closed; the browser (its profile, its IndexedDB) stays.
  await ada.page.close();
  execFileSync('make', ['-s', 'run'], { cwd: new URL('../../', import.meta.url).pathname, stdio: 'ignore', env: process.env });
  assert.equal(psql(`SELECT count(*) FROM vellum.operations WHERE file_id = '${fileId}'`), '0', 'nothing reached the server before the tab closed');

  const page = await ada.context.newPage();
  page.on('pageerror', (e) => ada.errors.push(String(e)));
  ada.page = page;
  await page.goto(`${base}/file/${fileId}?bench=1`);
  await until(() => hook(ada, 'editor && editor.objects().length === 6 && editor.pending() === 0'), { timeout: 20000, what: 'the kept ops shown, sent and acked' });
  const rows = psql(`SELECT object_id || ':' || count(*) FROM vellum.operations WHERE file_id = '${fileId}' AND operation_type = 'create' GROUP BY object_id ORDER BY object_id`).split('\n');
  assert.deepEqual(rows, shapes.map((s) => `${s.id}:1`));
  const doc = serverObjects(fileId);
  assert.equal(doc.length, 6);
  assert.equal(doc.find((o) => o.id === 'kept-0').fill, '#30a46c');
  await until(async () => (await kept(page, fileId)) === 0, { what: 'the outbox to be emptied once acked' });
  await page.waitForTimeout(200);
  await shot(ada, '21-kept-edits-saved');
  assert.deepEqual(ada.errors, []);
});
