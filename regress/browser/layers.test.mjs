// The layers panel in a real browser: the eye and the lock, drag to reorder
// and to reparent, and a panel of 10,000 layers that draws only what is in
// view. Checked in PostgreSQL and in the other person's editor.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  canvasPixel, clickCanvas, closeEveryone, drag, hook, layerRow, near, newFile, objectsOf, open, psql, serverObjects, sharedFile, shot, signedIn, until,
} from './harness.mjs';

afterEach(closeEveryone);

const RED = [229, 72, 77];
const red = (id, x, y, w = 160, h = 120) => ({ id, type: 'rect', x, y, w, h, fill: '#e5484d', stroke: '#000000' });
const find = (objects, id) => objects.find((o) => o.id === id);

// Page point = canvas CSS pixel, and the frame drawn.
async function camera(p) {
  await hook(p, 'editor.setCamera(0, 0, 1)');
  await hook(p, 'editor.whenRendered()');
}

async function seenBy(p, id, test, what) {
  return until(async () => {
    const o = find(await objectsOf(p), id);
    return o && test(o) && o;
  }, { what: `${p.name} seeing ${what}` });
}

const selectedRow = (p, id) => layerRow(p, id).getAttribute('aria-selected').then((v) => v === 'true');

test('the eye hides an object and the lock keeps it from being clicked on the canvas, for both people', async () => {
  const { ada, bob, fileId } = await sharedFile();
  await hook(ada, 'editor.createShapes(arg)', [red('eye', 300, 200)]);
  await seenBy(bob, 'eye', () => true, 'the rectangle');
  for (const p of [ada, bob]) await camera(p);
  for (const p of [ada, bob]) await until(async () => near(await canvasPixel(p, [380, 260]), RED), { what: `${p.name}: the rectangle drawn` });

  // Hide: not drawn for either, visible false in PostgreSQL.
  await layerRow(ada, 'eye').getByRole('button', { name: 'Hide' }).click();
  await until(() => find(serverObjects(fileId), 'eye')?.visible === false, { what: 'visible false in PostgreSQL' });
  await seenBy(bob, 'eye', (o) => o.visible === false, 'it hidden');
  for (const p of [ada, bob]) {
    await camera(p);
    await until(async () => !near(await canvasPixel(p, [380, 260]), RED), { what: `${p.name}: the rectangle no longer drawn` });
  }
  await layerRow(bob, 'eye').getByRole('button', { name: 'Show' }).waitFor();
  await shot(bob, 'layers-01-hidden-for-bob');

  // Shown again by Bob.
  await layerRow(bob, 'eye').getByRole('button', { name: 'Show' }).click();
  await until(() => find(serverObjects(fileId), 'eye')?.visible === true, { what: 'visible true in PostgreSQL' });
  await seenBy(ada, 'eye', (o) => o.visible !== false, 'it shown again');
  await camera(ada);
  await until(async () => near(await canvasPixel(ada, [380, 260]), RED), { what: 'Ada: the rectangle drawn again' });

  // Lock: a click on the canvas passes it by, a drag does not move it; the layers panel still selects it.
  await layerRow(ada, 'eye').getByRole('button', { name: 'Lock' }).click();
  await until(() => find(serverObjects(fileId), 'eye')?.locked === true, { what: 'locked true in PostgreSQL' });
  await seenBy(bob, 'eye', (o) => o.locked === true, 'it locked');
  await layerRow(bob, 'eye').getByRole('button', { name: 'Unlock' }).waitFor();
  for (const p of [ada, bob]) {
    await layerRow(p, 'eye').click();
    await until(() => selectedRow(p, 'eye'), { what: `${p.name}: selected from the panel` });
    await clickCanvas(p, [700, 600]); // empty canvas (752 px wide): nothing selected
    await until(async () => !(await selectedRow(p, 'eye')), { what: `${p.name}: nothing selected` });
    await clickCanvas(p, [380, 260]);
    await p.page.waitForTimeout(200); // a selection would show within a frame
    assert.equal(await selectedRow(p, 'eye'), false, `${p.name} selected a locked object by clicking it`);
  }
  await drag(ada, [380, 260], [480, 360]);
  await hook(ada, 'editor.whenRendered()');
  assert.equal(await selectedRow(ada, 'eye'), false);
  assert.equal(await hook(ada, 'editor.pending()'), 0);
  assert.deepEqual([find(serverObjects(fileId), 'eye').x, find(serverObjects(fileId), 'eye').y], [300, 200], 'a drag moved a locked object');
  await layerRow(ada, 'eye').click();
  await until(() => selectedRow(ada, 'eye'), { what: 'the locked object selected from the layers panel' });
  await shot(ada, 'layers-02-locked-selected-from-panel');
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});

// Back to front, as vellum.document() orders siblings: by fractional index.
function zOrder(objects, parentId) {
  return objects
    .filter((o) => (o.parentId ?? null) === parentId)
    .sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : a.id < b.id ? -1 : 1))
    .map((o) => o.id);
}

const rowOrder = (p) => p.page.locator('[data-testid="layer-row"]').evaluateAll((rows) => rows.map((r) => r.dataset.objectId));

// Drops one row on a part of another: 0.1 of its height is "above", 0.5 "inside" a container, 0.9 "below".
async function dropRow(p, id, onto, fraction) {
  const target = layerRow(p, onto);
  const box = await target.boundingBox();
  await layerRow(p, id).dragTo(target, { targetPosition: { x: box.width / 2, y: box.height * fraction } });
}

test('dragging layers reorders them and moves them into a frame and out again, for both people', async () => {
  const { ada, bob, fileId } = await sharedFile();
  // A frame drawn with the frame tool, then three rectangles in front of it.
  await camera(ada);
  await ada.page.getByRole('button', { name: 'Frame' }).click();
  await drag(ada, [600, 100], [900, 400]);
  const frame = await until(() => serverObjects(fileId).find((o) => o.type === 'frame'), { what: 'the frame in PostgreSQL' });
  const card = frame.id;
  assert.deepEqual([frame.x, frame.y, frame.width, frame.height], [600, 100, 300, 300]);
  await hook(ada, 'editor.createShapes(arg)', [red('a', 100, 100, 80, 60), red('b', 100, 200, 80, 60), red('c', 100, 300, 80, 60)]);
  const order = (ids) => ids.join().replace(card, 'card');
  await until(() => order(zOrder(serverObjects(fileId), null)) === 'card,a,b,c', { what: 'card, a, b, c back to front in PostgreSQL' });
  await until(async () => order(await rowOrder(bob)) === 'c,b,a,card', { what: 'Bob\'s panel: c, b, a, card' });

  // a on top: dragged above c.
  await dropRow(ada, 'a', 'c', 0.1);
  await until(() => order(zOrder(serverObjects(fileId), null)) === 'card,b,c,a', { what: 'a on top in PostgreSQL' });
  // One move op, to a fractional index above c's.
  const moves = psql(`SELECT new_value FROM vellum.operations WHERE file_id = '${fileId}' AND object_id = 'a' AND operation_type = 'move'`).split('\n').map((v) => JSON.parse(v));
  assert.equal(moves.length, 1);
  assert.equal(moves[0].parentId, null);
  assert.ok(moves[0].index > find(serverObjects(fileId), 'c').index, JSON.stringify(moves));
  await until(async () => order(await rowOrder(bob)) === 'a,c,b,card', { what: 'Bob\'s panel with a on top' });

  // b below a: dragged onto the lower half of a's row.
  await dropRow(ada, 'b', 'a', 0.9);
  await until(() => order(zOrder(serverObjects(fileId), null)) === 'card,c,b,a', { what: 'b just under a in PostgreSQL' });

  // b into the frame, where it keeps its place on the page.
  await dropRow(ada, 'b', card, 0.5);
  // The move and the new place may be sent in two messages: read once Ada has nothing unsent.
  await until(() => hook(ada, 'editor.pending() === 0'), { what: 'Ada\'s drag into the frame saved' });
  const inside = await until(() => {
    const b = find(serverObjects(fileId), 'b');
    return b?.parentId === card && b;
  }, { what: 'b in the frame in PostgreSQL' });
  assert.deepEqual([inside.x, inside.y], [100 - 600, 200 - 100], 'b jumped on the page when it went into the frame');
  await seenBy(bob, 'b', (o) => o.parentId === card, 'b in the frame');
  await until(async () => order(await rowOrder(bob)) === 'a,c,card,b', { what: 'Bob\'s panel with b under the frame' });
  await shot(ada, 'layers-03-b-in-frame');

  // And out again, on top of the page.
  await dropRow(ada, 'b', 'a', 0.1);
  await until(() => hook(ada, 'editor.pending() === 0'), { what: 'Ada\'s drag out of the frame saved' });
  const outside = await until(() => {
    const b = find(serverObjects(fileId), 'b');
    return b && (b.parentId ?? null) === null && b;
  }, { what: 'b out of the frame in PostgreSQL' });
  assert.deepEqual([outside.x, outside.y], [100, 200]);
  assert.equal(order(zOrder(serverObjects(fileId), null)), 'card,c,a,b');
  await seenBy(bob, 'b', (o) => (o.parentId ?? null) === null, 'b out of the frame');
  await until(async () => order(await rowOrder(bob)) === 'b,a,c,card', { what: 'Bob\'s panel with b on top' });
  await shot(bob, 'layers-04-bob-after-drags');
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});

test('a layer renamed by double-click, and a frame collapsed and opened, in a panel that draws only rows in view', async () => {
  const ada = await signedIn('Ada');
  const fileId = await newFile(ada);
  await open(ada, fileId);
  await camera(ada);
  await ada.page.getByRole('button', { name: 'Frame' }).click();
  await drag(ada, [100, 100], [500, 400]);
  const frame = await until(() => serverObjects(fileId).find((o) => o.type === 'frame'), { what: 'the frame' });
  await hook(ada, 'editor.createShapes(arg)', [red('inner', 300, 250, 40, 40)]);
  await dropRow(ada, 'inner', frame.id, 0.5);
  await until(() => find(serverObjects(fileId), 'inner')?.parentId === frame.id, { what: 'inner in the frame' });

  await layerRow(ada, frame.id).getByRole('button', { name: 'Collapse' }).click();
  await until(async () => (await layerRow(ada, 'inner').count()) === 0, { what: 'the frame collapsed' });
  await layerRow(ada, frame.id).getByRole('button', { name: 'Expand' }).click();
  await layerRow(ada, 'inner').waitFor();

  await layerRow(ada, 'inner').dblclick();
  const name = ada.page.getByLabel('Layer name');
  await name.fill('Avatar');
  await name.press('Enter');
  await until(() => find(serverObjects(fileId), 'inner')?.name === 'Avatar', { what: 'the new name in PostgreSQL' });
  assert.equal(await layerRow(ada, 'inner').textContent(), 'Avatar');
  await shot(ada, 'layers-06-renamed');
  assert.deepEqual(ada.errors, []);
});

test('10,000 layers: the panel draws a window of rows, scrolls to the rest, and a row far down selects', async () => {
  const ada = await signedIn('Ada');
  const fileId = await newFile(ada);
  await open(ada, fileId);
  const N = 10000;
  await ada.page.evaluate((n) => {
    const shapes = Array.from({ length: n }, (_, i) => ({ id: `many-${i}`, type: 'rect', x: (i % 100) * 12, y: Math.floor(i / 100) * 12, w: 10, h: 10, fill: '#3e63dd' }));
    window.__editor.createShapes(shapes);
  }, N);
  await until(() => hook(ada, 'editor.objects().length === arg', N), { what: 'the 10,000 objects in the editor' });
  const rows = ada.page.locator('[data-testid="layer-row"]');
  await until(async () => (await rows.count()) > 0, { what: 'layer rows' });
  const count = await rows.count();
  assert.ok(count < 200, `${count} rows in the DOM for ${N} objects`);
  assert.equal(await rows.first().getAttribute('data-object-id'), `many-${N - 1}`, 'the top row is the topmost object');

  // Scrolled to the bottom: the first objects made show, and one selects.
  const scroller = ada.page.locator('[data-testid="layers-scroll"]');
  await scroller.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await layerRow(ada, 'many-0').waitFor();
  assert.ok((await rows.count()) < 200);
  await layerRow(ada, 'many-3').click();
  await until(() => selectedRow(ada, 'many-3'), { what: 'the row far down selected' });
  // The properties panel shows the object selected: its X.
  await until(async () => (await ada.page.getByLabel('X', { exact: true }).inputValue()) === '36', { what: 'the properties of many-3' });

  // Halfway, by the wheel, as a person scrolls.
  await scroller.evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  await layerRow(ada, 'many-5000').waitFor();
  const box = await scroller.boundingBox();
  await ada.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await ada.page.mouse.wheel(0, 28 * 30);
  await layerRow(ada, 'many-4960').waitFor();
  await shot(ada, 'layers-05-ten-thousand');

  // Back at the top, an object picked on the canvas far down the list is scrolled into view, selected.
  await scroller.evaluate((el) => {
    el.scrollTop = 0;
  });
  await until(async () => (await layerRow(ada, 'many-0').count()) === 0, { what: 'the bottom rows gone from the DOM' });
  await hook(ada, 'editor.setCamera(0, 0, 1)');
  await hook(ada, 'editor.whenRendered()');
  await clickCanvas(ada, [5, 5]);
  await until(async () => (await layerRow(ada, 'many-0').count()) === 1 && selectedRow(ada, 'many-0'), { what: 'many-0 selected and in the panel' });
  const row = await layerRow(ada, 'many-0').boundingBox();
  assert.ok(row.y >= box.y && row.y + row.height <= box.y + box.height + 1, `the row is in view: ${JSON.stringify([row, box])}`);
  // Everything made is in PostgreSQL.
  await until(() => hook(ada, 'editor.pending() === 0'), { timeout: 60000, what: 'the 10,000 creates acknowledged' });
  assert.equal(psql(`SELECT count(DISTINCT object_id) FROM vellum.operations WHERE file_id = '${fileId}' AND object_id LIKE 'many-%'`), String(N));
  assert.deepEqual(ada.errors, []);
});
