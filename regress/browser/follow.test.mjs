// Following a collaborator (issue 9): Bob clicks Ada's avatar and his view
// follows hers live as she pans and zooms; his own pan stops it, and so does
// her leaving the file.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { closeEveryone, hook, sharedFile, shot, until, untilEqual } from './harness.mjs';

afterEach(closeEveryone);

const camera = (p) => hook(p, 'editor.getCamera()');
const banner = (p) => p.page.locator('[data-testid="follow-banner"]');

/** A real wheel over the canvas (ctrl held: a zoom). */
async function wheel(p, dx, dy, { ctrl = false } = {}) {
  const box = await p.page.locator('canvas').last().boundingBox();
  await p.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  if (ctrl) await p.page.keyboard.down('Control');
  await p.page.mouse.wheel(dx, dy);
  if (ctrl) await p.page.keyboard.up('Control');
}

test('Bob follows Ada\'s viewport live; his own pan stops it; her leaving stops it', async () => {
  const { ada, bob } = await sharedFile();
  await hook(ada, `editor.createShapes([
    {id: 'f-a', type: 'rect', x: 100, y: 100, w: 240, h: 160, fill: '#e5484d', stroke: '#000000'},
    {id: 'f-b', type: 'ellipse', x: 700, y: 500, w: 200, h: 200, fill: '#3e63dd', stroke: '#000000'},
    {id: 'f-c', type: 'text', x: 1200, y: 900, w: 300, h: 40, fill: '#000000', stroke: 'none', text: 'Far corner'}])`);

  const avatar = bob.page.locator(`[data-testid="avatar"][data-user-id="${ada.id}"]`);
  await avatar.waitFor();
  assert.equal(await avatar.getAttribute('aria-label'), 'Follow Ada');
  await avatar.click();
  await banner(bob).waitFor();
  assert.equal(await banner(bob).textContent(), 'Following Ada');
  assert.equal(await avatar.getAttribute('aria-pressed'), 'true');
  // Outlined in Ada's colour, which is the avatar's own.
  const { outline, fill } = await avatar.evaluate((el) => ({ outline: getComputedStyle(el).outlineColor, fill: getComputedStyle(el).backgroundColor }));
  assert.equal(outline, fill);

  // Ada pans and zooms with her wheel: Bob's camera is hers (same window size: the same camera).
  await wheel(ada, 300, 200);
  await wheel(ada, 0, -300, { ctrl: true });
  const hers = await camera(ada);
  assert.notDeepEqual(hers, { x: 0, y: 0, zoom: 1 });
  await untilEqual(() => camera(bob), hers, { what: 'Bob\'s camera following Ada\'s' });
  await wheel(ada, -150, 400);
  const later = await camera(ada);
  await untilEqual(() => camera(bob), later, { what: 'Bob\'s camera following Ada\'s next pan' });
  await bob.page.waitForTimeout(300);
  await shot(ada, 'follow-01-ada');
  await shot(bob, 'follow-02-bob-following');

  // Bob pans himself: no longer following; Ada moves on alone.
  await wheel(bob, 0, 120);
  await until(async () => (await banner(bob).count()) === 0, { what: 'the banner to go when Bob pans' });
  assert.equal(await avatar.getAttribute('aria-pressed'), 'false');
  const his = await camera(bob);
  await wheel(ada, 500, 0);
  await ada.page.waitForTimeout(800);
  assert.deepEqual(await camera(bob), his, 'Bob\'s camera stays where he put it');
  await shot(bob, 'follow-03-bob-stopped');

  // Following again, then Ada leaves the file: following stops.
  await avatar.click();
  await untilEqual(() => camera(bob), await camera(ada), { what: 'Bob following Ada again' });
  await ada.page.goto('about:blank');
  await until(async () => (await banner(bob).count()) === 0, { what: 'the banner to go when Ada leaves' });
  assert.equal(await avatar.count(), 0);
  await shot(bob, 'follow-04-ada-left');
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});
