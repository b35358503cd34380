// Version history in the browser: Ada names a version, edits on, previews the
// version (the canvas shows the old file, the live one is untouched and takes
// no edits), restores it (Bob sees it live), and undoes the restore with
// ctrl+Z (the file is back as it was after her edits, in PostgreSQL). Time
// travel: the slider at an earlier seq shows the file as it was then, with
// who changed what, and "Restore this point" applies it like a version.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { canvasPixel, clickCanvas, closeEveryone, drag, hook, near, objectsOf, psql, serverObjects, sharedFile, shot, until, untilEqual } from './harness.mjs';

afterEach(closeEveryone);

const RED = [225, 29, 72];
const GREEN = [22, 163, 74];
const RED_HEX = '#e11d48';
const GREEN_HEX = '#16a34a';

// Ids and places of the objects, which is what a restore and its undo must bring back.
const layout = (objects) => Object.fromEntries(objects.map((o) => [o.id, [o.x, o.y]]));
const banner = (p) => p.page.locator('[data-testid="version-banner-title"]');

async function everywhere(people, fileId, expected, what) {
  await untilEqual(() => layout(serverObjects(fileId)), expected, { what: `PostgreSQL: ${what}` });
  for (const p of people) await untilEqual(async () => layout(await objectsOf(p)), expected, { what: `${p.name}: ${what}` });
}

const shownPixel = async (p, at, rgb, what) =>
  until(async () => near(await canvasPixel(p, at), rgb), { what: `${what} at ${at}` });

test('name a version, preview it, restore it for everyone, undo the restore', async () => {
  const { ada, bob, fileId } = await sharedFile();
  for (const p of [ada, bob]) await hook(p, 'editor.setCamera(0, 0, 1)');
  await hook(ada, 'editor.createShapes(arg)', [{ id: 'box', type: 'rect', x: 40, y: 100, w: 120, h: 80, fill: RED_HEX }]);
  await everywhere([ada, bob], fileId, { box: [40, 100] }, 'the red box');

  // Name the current state.
  await ada.page.getByTestId('versions-toggle').click();
  await ada.page.getByTestId('version-name').fill('Red box alone');
  await ada.page.getByTestId('version-save').click();
  const row = ada.page.getByTestId('version-row').filter({ hasText: 'Red box alone' });
  await row.waitFor();
  assert.match(await row.textContent(), /Ada/);
  assert.equal(psql(`SELECT name || ' ' || is_auto_save FROM vellum.file_versions WHERE file_id = '${fileId}'`), 'Red box alone false');

  // Rename it inline.
  await row.hover();
  await row.getByTestId('version-rename').click();
  await ada.page.getByTestId('version-rename-input').fill('Just the red box');
  await ada.page.getByTestId('version-rename-input').press('Enter');
  await until(() => psql(`SELECT name FROM vellum.file_versions WHERE file_id = '${fileId}'`) === 'Just the red box', { what: 'the new name in PostgreSQL' });
  const renamed = ada.page.getByTestId('version-row').filter({ hasText: 'Just the red box' });
  await renamed.waitFor();

  // More edits: the box moves, a green one is added.
  await drag(ada, [100, 140], [300, 340]);
  await hook(ada, 'editor.createShapes(arg)', [{ id: 'green', type: 'rect', x: 300, y: 60, w: 100, h: 100, fill: GREEN_HEX }]);
  const edited = { box: [240, 300], green: [300, 60] };
  await everywhere([ada, bob], fileId, edited, 'the edits');
  await shot(ada, 'versions-01-edited');

  // Preview the version: the canvas shows the old file, the live one stays as it is.
  await renamed.getByTestId('version-open').click();
  await until(async () => (await banner(ada).textContent()) === 'Viewing version 1', { what: 'the preview banner' });
  assert.equal(await ada.page.getByTestId('version-banner-detail').textContent(), 'Just the red box');
  await shownPixel(ada, [100, 140], RED, 'the box where it was');
  assert.ok(!near(await canvasPixel(ada, [300, 340]), RED), 'the moved box is not in the preview');
  assert.ok(!near(await canvasPixel(ada, [350, 110]), GREEN), 'the green box is not in the preview');
  await shot(ada, 'versions-02-preview');
  // No edits meanwhile: Delete (the box is selected) and ctrl+Z reach nothing.
  await ada.page.keyboard.press('Delete');
  await ada.page.keyboard.press('Control+z');
  await everywhere([ada, bob], fileId, edited, 'the live file untouched by the preview');

  // Restore: one change, which Bob sees live.
  await ada.page.getByTestId('version-restore').click();
  await ada.page.getByTestId('version-banner').waitFor({ state: 'detached' });
  await everywhere([ada, bob], fileId, { box: [40, 100] }, 'the version restored');
  await hook(bob, 'editor.whenRendered()');
  await shownPixel(bob, [100, 140], RED, 'Bob seeing the box back');
  await shot(bob, 'versions-03-restored-for-bob');

  // ctrl+Z undoes the restore: the file as it was after the edits.
  await clickCanvas(ada, [420, 700]);
  await ada.page.keyboard.press('Control+z');
  await everywhere([ada, bob], fileId, edited, 'the restore undone');
  await shownPixel(ada, [350, 110], GREEN, 'the green box back');
  await shot(ada, 'versions-04-restore-undone');
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});

test('time travel to an earlier seq shows the file as it was, and restores it', async () => {
  const { ada, bob, fileId } = await sharedFile();
  for (const p of [ada, bob]) await hook(p, 'editor.setCamera(0, 0, 1)');
  await hook(ada, 'editor.createShapes(arg)', [{ id: 'first', type: 'rect', x: 100, y: 100, w: 120, h: 80, fill: RED_HEX }]);
  await until(() => serverObjects(fileId).length === 1, { what: 'the first box in PostgreSQL' });
  const early = Number(psql(`SELECT last_seq FROM vellum.files WHERE id = '${fileId}'`));
  await hook(bob, 'editor.createShapes(arg)', [{ id: 'second', type: 'rect', x: 260, y: 100, w: 100, h: 100, fill: GREEN_HEX }]);
  await everywhere([ada, bob], fileId, { first: [100, 100], second: [260, 100] }, 'both boxes');
  const last = Number(psql(`SELECT last_seq FROM vellum.files WHERE id = '${fileId}'`));
  assert.ok(last > early);

  await ada.page.getByTestId('versions-toggle').click();
  await ada.page.getByTestId('time-travel-tab').click();
  await until(async () => Number(await ada.page.getByTestId('time-travel-seq').textContent()) === last, { what: 'the slider at the last seq' });
  await until(async () => /Bob created rectangle/.test(await ada.page.getByTestId('time-travel-changes').textContent()), { what: "Bob's change listed" });
  await shownPixel(ada, [310, 150], GREEN, 'the second box at the last seq');

  // Back along the slider, a step at a time, to the seq before Bob's box.
  const slider = ada.page.getByTestId('time-travel-slider');
  await slider.focus();
  for (let seq = last; seq > early; seq -= 1) await slider.press('ArrowLeft');
  await until(async () => (await banner(ada).textContent()) === `Viewing seq ${early} of ${last}`, { what: 'the banner at the earlier seq' });
  await until(async () => (await ada.page.getByTestId('version-preview-canvas').getAttribute('data-seq')) === String(early), { what: 'the document at the earlier seq' });
  await shownPixel(ada, [160, 140], RED, 'the first box at the earlier seq');
  assert.ok(!near(await canvasPixel(ada, [310, 150]), GREEN), 'no second box yet at the earlier seq');
  const changes = await ada.page.getByTestId('time-travel-change').allTextContents();
  assert.match(changes[0], /^Ada created rectangle/);
  assert.ok(changes.every((c) => !/Bob/.test(c)), `no change of Bob's before it: ${changes}`);
  await shot(ada, 'versions-05-time-travel');
  // The live file is untouched.
  assert.deepEqual(layout(await objectsOf(ada)), { first: [100, 100], second: [260, 100] });

  await ada.page.getByTestId('version-restore').click();
  await everywhere([ada, bob], fileId, { first: [100, 100] }, 'the earlier point restored');
  await clickCanvas(ada, [420, 700]);
  await ada.page.keyboard.press('Control+z');
  await everywhere([ada, bob], fileId, { first: [100, 100], second: [260, 100] }, 'the restore undone');
  await shot(ada, 'versions-06-time-travel-undone');
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});

test('a viewer sees the versions and previews them, and is offered nothing that edits', async () => {
  const { ada, bob, fileId } = await sharedFile();
  psql(`UPDATE vellum.file_permissions SET permission = 'view' WHERE file_id = '${fileId}' AND user_id = '${bob.id}'`);
  await bob.page.reload();
  await bob.page.getByTestId('read-only').waitFor();
  for (const p of [ada, bob]) await hook(p, 'editor.setCamera(0, 0, 1)');
  await hook(ada, 'editor.createShapes(arg)', [{ id: 'box', type: 'rect', x: 40, y: 100, w: 120, h: 80, fill: RED_HEX }]);
  await until(() => serverObjects(fileId).length === 1, { what: 'the box in PostgreSQL' });
  psql(`SELECT vellum.snapshot('${fileId}', 'For review', '${ada.id}')`);

  await bob.page.getByTestId('versions-toggle').click();
  const row = bob.page.getByTestId('version-row').filter({ hasText: 'For review' });
  await row.waitFor();
  await row.hover();
  assert.equal(await bob.page.getByTestId('version-name').count(), 0, 'no Save version for a viewer');
  assert.equal(await row.getByTestId('version-rename').count(), 0, 'no rename for a viewer');
  await row.getByTestId('version-open').click();
  await until(async () => (await banner(bob).textContent()) === 'Viewing version 1', { what: "the viewer's preview" });
  await shownPixel(bob, [100, 140], RED, 'the box in the preview');
  assert.equal(await bob.page.getByTestId('version-restore').count(), 0, 'no Restore for a viewer');
  await shot(bob, 'versions-07-viewer-preview');
  await bob.page.getByTestId('version-back').click();
  await bob.page.getByTestId('version-banner').waitFor({ state: 'detached' });
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});
