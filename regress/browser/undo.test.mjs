// Undo and redo with two people on a file: Ada's ctrl+Z undoes Ada's own
// changes only, and redo brings the file back as it was, Bob's move included.
// Checked in PostgreSQL and in both editors.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { clickCanvas, closeEveryone, drag, hook, objectsOf, serverObjects, sharedFile, shot, until, untilEqual } from './harness.mjs';

afterEach(closeEveryone);

// What both editors and PostgreSQL must agree on, by id.
const byId = (objects) => Object.fromEntries(objects.map((o) => [o.id, o]));

async function everywhere(people, fileId, expected, what) {
  await untilEqual(() => byId(serverObjects(fileId)), expected, { what: `PostgreSQL: ${what}` });
  for (const p of people) await untilEqual(async () => byId(await objectsOf(p)), expected, { what: `${p.name}: ${what}` });
}

test('ctrl+Z undoes only my changes, and ctrl+shift+Z brings back the file with the other person\'s move', async () => {
  const { ada, bob, fileId } = await sharedFile();
  for (const p of [ada, bob]) await hook(p, 'editor.setCamera(0, 0, 1)');

  // Ada draws a rectangle and recolours it; Bob moves it.
  await ada.page.getByRole('button', { name: 'Rectangle' }).click();
  await drag(ada, [300, 250], [460, 370]);
  const made = await until(() => serverObjects(fileId).find((o) => o.type === 'rectangle'), { what: 'the rectangle in PostgreSQL' });
  await ada.page.getByLabel('Fill', { exact: true }).fill('#3366ff');
  await ada.page.getByLabel('Fill', { exact: true }).press('Enter');
  await until(() => serverObjects(fileId)[0]?.fill === '#3366ff', { what: 'the new colour in PostgreSQL' });
  await until(async () => (await objectsOf(bob)).find((o) => o.id === made.id)?.fill === '#3366ff', { what: 'Bob seeing the colour' });
  await drag(bob, [380, 310], [480, 410]);
  const moved = await until(() => {
    const r = serverObjects(fileId)[0];
    return r.x !== made.x && r;
  }, { what: 'Bob\'s move in PostgreSQL' });
  assert.deepEqual([moved.x, moved.y], [made.x + 100, made.y + 100]);
  const before = byId(serverObjects(fileId));
  await everywhere([ada, bob], fileId, before, 'the rectangle recoloured and moved');

  // Out of the Fill field (keys there are typing) onto the canvas, then ctrl+Z: the colour goes back, Bob's move stays.
  await clickCanvas(ada, [700, 650]);
  await ada.page.keyboard.press('Control+z');
  await everywhere([ada, bob], fileId, { [made.id]: { ...before[made.id], fill: made.fill } }, 'the colour undone, the move kept');
  await shot(ada, 'undo-01-colour-undone');

  // ctrl+Z again: Ada's create is undone, so the rectangle is deleted.
  await ada.page.keyboard.press('Control+z');
  await everywhere([ada, bob], fileId, {}, 'the rectangle deleted');
  await shot(bob, 'undo-02-create-undone-for-bob');

  // ctrl+shift+Z twice: the file as it was before the undos, Bob's move included.
  await ada.page.keyboard.press('Control+Shift+z');
  await everywhere([ada, bob], fileId, { [made.id]: { ...before[made.id], fill: made.fill } }, 'the rectangle back, moved, first colour');
  await ada.page.keyboard.press('Control+Shift+z');
  await everywhere([ada, bob], fileId, before, 'the file as before the undos');
  await hook(bob, 'editor.whenRendered()');
  await shot(bob, 'undo-03-redone-for-bob');
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});
