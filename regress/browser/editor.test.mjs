// The editor in a real browser (Debian's Chromium), two people on one file,
// against the stack `make run` started: real gateway, PostgreSQL and Redis.
// Screenshots go to VELLUM_SCREENSHOTS: what a person sees is part of the test.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { closeEveryone, drag, hook, newFile, objectsOf, open, psql, serverObjects, sharedFile, shot, signedIn, until } from './harness.mjs';

afterEach(closeEveryone);

test('sign up, make a file, draw a rectangle: it is in PostgreSQL', async () => {
  const ada = await signedIn('Ada');
  await shot(ada, '01-file-list');
  const fileId = await newFile(ada);
  await ada.page.getByRole('button', { name: 'Rectangle' }).click();
  await drag(ada, [300, 250], [500, 380]);
  const rect = await until(() => serverObjects(fileId).find((o) => o.type === 'rectangle'), { what: 'the rectangle in PostgreSQL' });
  assert.ok(rect.width > 100 && rect.height > 60, JSON.stringify(rect));
  await shot(ada, '02-rectangle');
  assert.deepEqual(ada.errors, []);
});

test('two people on one file see each other\'s shapes, edits, cursors; psql changes reach both', async () => {
  const { ada, bob, fileId } = await sharedFile();

  await ada.page.getByRole('button', { name: 'Rectangle' }).click();
  await drag(ada, [200, 200], [360, 300]);
  await ada.page.getByRole('button', { name: 'Ellipse' }).click();
  await drag(ada, [420, 200], [540, 320]);
  await ada.page.getByRole('button', { name: 'Text' }).click();
  const box = await ada.page.locator('canvas').last().boundingBox();
  await ada.page.mouse.click(box.x + 220, box.y + 420);
  await ada.page.keyboard.type('Hello Bob');
  await ada.page.keyboard.press('Escape');

  const seen = await until(async () => {
    const objects = await objectsOf(bob);
    const types = new Set(objects.map((o) => o.type));
    return types.has('rectangle') && types.has('ellipse') && objects.some((o) => o.type === 'text' && o.text === 'Hello Bob') && objects;
  }, { what: 'Bob seeing Ada\'s three shapes' });
  const rect = seen.find((o) => o.type === 'rectangle');

  // Bob moves and recolours the rectangle in the properties panel.
  await bob.page.locator(`[data-testid="layer-row"][data-object-id="${rect.id}"]`).click();
  await bob.page.getByLabel('X', { exact: true }).fill('321');
  await bob.page.getByLabel('X', { exact: true }).press('Enter');
  await bob.page.getByLabel('Fill', { exact: true }).fill('#3366ff');
  await bob.page.getByLabel('Fill', { exact: true }).press('Enter');
  await until(async () => {
    const r = (await objectsOf(ada)).find((o) => o.id === rect.id);
    return r && r.x === 321 && r.fill === '#3366ff';
  }, { what: 'Ada seeing Bob\'s edit' });

  // Bob's cursor and avatar on Ada's screen.
  const bobBox = await bob.page.locator('canvas').last().boundingBox();
  await bob.page.mouse.move(bobBox.x + 600, bobBox.y + 400, { steps: 5 });
  await until(() => ada.page.locator('[data-testid="avatar"][title="Bob"]').count(), { what: 'Bob\'s avatar for Ada' });

  // A SQL user's change appears in both editors.
  psql(`SELECT vellum.apply_ops('${fileId}', '[{"id": "sql-1", "operationType": "create", "objectId": "from-sql",
        "newValue": {"type": "rectangle", "x": 600, "y": 100, "width": 80, "height": 80, "fill": "#30a46c"},
        "timestamp": ${Date.now()}, "clientId": "psql"}]')`);
  for (const p of [ada, bob]) await until(async () => (await objectsOf(p)).some((o) => o.id === 'from-sql'), { what: `${p.name} seeing the psql change` });
  await bob.page.waitForTimeout(300);
  await shot(ada, '03-ada-sees-bob');
  await shot(bob, '04-bob');
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});

test('a viewer sees everything live but cannot edit, and the page says why', async () => {
  const ada = await signedIn('Ada');
  const vic = await signedIn('Vic');
  const fileId = await newFile(ada);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${vic.id}', 'view')`);
  await open(ada, fileId);
  await hook(ada, `editor.createShapes([{id: 'v-rect', type: 'rect', x: 100, y: 100, w: 120, h: 80, fill: '#e5484d', stroke: '#000000'}])`);
  await open(vic, fileId);
  await until(async () => (await objectsOf(vic)).some((o) => o.id === 'v-rect'), { what: 'the viewer seeing the rectangle' });
  await vic.page.locator('[data-testid="read-only"]').waitFor();
  const before = serverObjects(fileId).length;
  await vic.page.getByRole('button', { name: 'Rectangle' }).click({ force: true }).catch(() => {});
  await drag(vic, [400, 300], [500, 380]);
  await vic.page.keyboard.press('Delete');
  await vic.page.waitForTimeout(500);
  assert.equal(await hook(vic, 'editor.pending()'), 0);
  assert.equal(serverObjects(fileId).length, before);
  await shot(vic, '05-viewer');
});

test('the gateway killed mid-edit and restarted by make run: every edit made meanwhile is in PostgreSQL exactly once', async () => {
  const ada = await signedIn('Ada');
  const fileId = await newFile(ada);
  await open(ada, fileId);
  const shapes = (tag, n) => Array.from({ length: n }, (_, i) => ({ id: `${tag}-${i}`, type: 'rect', x: i * 30, y: 50, w: 20, h: 20, fill: '#3e63dd', stroke: '#000000' }));

  // The gateway is killed while edits go on, and make run starts it again.
  const runDir = process.env.VELLUM_RUN_DIR;
  if (!runDir) throw new Error('VELLUM_RUN_DIR is needed to restart the gateway');
  process.kill(Number(fs.readFileSync(`${runDir}/gateway.pid`, 'utf8')), 'SIGKILL');
  await hook(ada, 'editor.createShapes(arg)', shapes('restart', 5));
  await until(() => ada.page.locator('[data-testid="connection"]').textContent().then((t) => /^(Offline|Reconnecting)/.test(t)), { what: 'the indicator to say the connection is gone' });
  await shot(ada, '06-reconnecting');
  await hook(ada, 'editor.createShapes(arg)', shapes('offline', 5));
  execFileSync('make', ['-s', 'run'], { cwd: new URL('../../', import.meta.url).pathname, stdio: 'ignore', env: process.env });
  await until(() => hook(ada, 'editor.pending() === 0'), { timeout: 30000, what: 'the edits made while the gateway was down to be acked' });

  for (const tag of ['offline', 'restart']) {
    const counts = psql(`SELECT count(*), count(DISTINCT object_id) FROM vellum.operations WHERE file_id = '${fileId}' AND object_id LIKE '${tag}-%'`);
    assert.equal(counts, '5|5', `${tag}: every create exactly once`);
  }
  assert.equal(serverObjects(fileId).length, 10);
  await until(() => ada.page.locator('[data-testid="connection"]').textContent().then((t) => t.startsWith('Connected')), { what: 'connected again' });
  await shot(ada, '07-after-restart');
});

// The panels come after the canvas's first frame with the file (ui/EditorPage.tsx): until then
// blank boxes of their sizes hold their places, so the canvas never changes size when they come.
test('the canvas shows the file first, and keeps its size when the panels come', async () => {
  const ada = await signedIn('Ada');
  const fileId = await newFile(ada);
  psql(`SELECT vellum.apply_ops('${fileId}', '[{"id":"p1","idempotencyKey":"panels-1","operationType":"create","objectId":"panels-rect","newValue":{"type":"rectangle","x":100,"y":100,"width":200,"height":120,"fill":"#3366ff"},"timestamp":1,"clientId":"psql"}]'::jsonb)`);
  await ada.page.addInitScript(() => {
    window.__sizes = { placed: null, panels: null };
    const size = () => {
      const c = document.querySelector('canvas');
      return c && { width: c.clientWidth, height: c.clientHeight };
    };
    new MutationObserver(() => {
      if (!window.__sizes.placed && document.querySelector('[data-testid="panel-place"]') && size()) window.__sizes.placed = size();
      if (!window.__sizes.panels && document.querySelector('nav[aria-label="Tools"]')) window.__sizes.panels = size();
    }).observe(document, { childList: true, subtree: true });
  });
  await open(ada, fileId);
  const sizes = await until(() => ada.page.evaluate(() => window.__sizes.panels && window.__sizes), { what: 'the panels' });
  assert.ok(sizes.placed, 'the canvas came before the panels, with their places held');
  assert.ok(sizes.placed.width > 300 && sizes.placed.height > 300, JSON.stringify(sizes));
  assert.deepEqual(sizes.panels, sizes.placed);
  assert.equal((await objectsOf(ada)).length, 1);
  await ada.page.getByRole('button', { name: 'Rectangle' }).waitFor();
  await shot(ada, '03-panels-after-canvas');
  assert.deepEqual(ada.errors, []);
});
