// Comments in the editor, two people on one file, against the real gateway,
// PostgreSQL and Redis: a comment pinned on an object reaches the other
// person live, replies and resolving go both ways, a pin follows its object,
// a comment inserted in SQL shows up live, text stays text.
// Screenshots go to VELLUM_SCREENSHOTS.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { closeEveryone, drag, hook, newFile, open, psql, sharedFile, shot, signedIn, until } from './harness.mjs';

afterEach(closeEveryone);

const pin = (p, id) => p.page.locator(`[data-testid="comment-pin"][data-comment-id="${id}"]`);
const thread = (p) => p.page.locator('[data-testid="comment-thread"]');

/** A pin's tip (its bottom-left corner, the pinned point) in the canvas's CSS pixels. */
async function pinTip(p, id) {
  const canvas = await p.page.locator('canvas').last().boundingBox();
  const box = await pin(p, id).boundingBox();
  return box && { x: Math.round(box.x - canvas.x), y: Math.round(box.y + box.height - canvas.y) };
}

const rows = (fileId) =>
  JSON.parse(psql(`SELECT coalesce(json_agg(json_build_object('id', id, 'objectId', object_id, 'x', position_x, 'y', position_y,
    'content', content, 'resolved', resolved, 'parentId', parent_id, 'userId', user_id) ORDER BY created_at), '[]')
    FROM vellum.comments WHERE file_id = '${fileId}'`));

test('a comment pinned on an object: the other sees it live, replies, it follows the object, and is resolved', async () => {
  const { ada, bob, fileId } = await sharedFile();
  await hook(ada, `editor.createShapes([{id: 'c-rect', type: 'rect', x: 200, y: 150, w: 200, h: 120, fill: '#e5484d'}])`);
  await until(() => hook(bob, `editor.objects().some((o) => o.id === 'c-rect')`), { what: 'Bob seeing the rectangle' });

  // Ada, in comment mode (the toolbar's button), clicks the rectangle and writes two lines.
  await ada.page.getByRole('button', { name: 'Comment', exact: true }).click();
  const canvas = await ada.page.locator('canvas').last().boundingBox();
  await ada.page.mouse.click(canvas.x + 250, canvas.y + 180);
  const box = ada.page.getByRole('textbox', { name: 'New comment' });
  await box.waitFor();
  await box.type('Make this blue, see https://example.com/spec.');
  await box.press('Shift+Enter');
  await box.type('<script>window.pwned = 1</script> and javascript:alert(1)');
  await box.press('Enter');
  const [comment] = await until(() => { const r = rows(fileId); return r.length === 1 && r; }, { what: 'the comment in PostgreSQL' });
  assert.deepEqual({ objectId: comment.objectId, x: comment.x, y: comment.y, userId: comment.userId }, { objectId: 'c-rect', x: 50, y: 30, userId: ada.id });
  assert.equal(comment.content, 'Make this blue, see https://example.com/spec.\n<script>window.pwned = 1</script> and javascript:alert(1)');
  await pin(ada, comment.id).waitFor();
  assert.deepEqual(await pinTip(ada, comment.id), { x: 250, y: 180 });
  await shot(ada, 'comments-01-ada-pinned');

  // Bob sees it without reloading, where Ada put it, and opens it.
  await pin(bob, comment.id).waitFor({ timeout: 10000 });
  assert.deepEqual(await pinTip(bob, comment.id), { x: 250, y: 180 });
  await pin(bob, comment.id).click();
  const text = thread(bob).locator('[data-testid="comment-text"]').first();
  await text.waitFor();
  assert.equal(await text.innerText(), 'Make this blue, see https://example.com/spec.\n<script>window.pwned = 1</script> and javascript:alert(1)');
  assert.equal(await text.locator('br').count(), 1, 'the line break is kept');
  const links = text.locator('a');
  assert.equal(await links.count(), 1, 'only the https address is a link');
  assert.deepEqual(await links.evaluate((a) => [a.getAttribute('href'), a.target, a.rel, a.textContent]),
    ['https://example.com/spec', '_blank', 'noopener noreferrer', 'https://example.com/spec']);
  assert.equal(await thread(bob).locator('script').count(), 0, 'markup stays text');
  assert.equal(await bob.page.evaluate(() => window.pwned), undefined);
  // Bob may resolve (he can edit the file) but not delete Ada's comment.
  await thread(bob).getByRole('button', { name: 'Resolve' }).waitFor();
  assert.equal(await thread(bob).getByRole('button', { name: 'Delete' }).count(), 0);

  // Bob replies; Ada, whose thread is open, sees the reply come.
  const reply = thread(bob).getByRole('textbox', { name: 'Reply' });
  await reply.type('On it');
  await reply.press('Enter');
  await thread(ada).getByText('On it').waitFor({ timeout: 10000 });
  assert.equal(rows(fileId)[1].parentId, comment.id);
  // His own reply he may delete; Ada may not.
  assert.equal(await thread(bob).locator('[data-testid="comment"]').nth(1).getByRole('button', { name: 'Delete' }).count(), 1);
  assert.equal(await thread(ada).locator('[data-testid="comment"]').nth(1).getByRole('button', { name: 'Delete' }).count(), 0);
  // Bob edits his reply in place; Ada sees the new text live. Only the author is offered Edit.
  assert.equal(await thread(ada).locator('[data-testid="comment"]').nth(1).getByRole('button', { name: 'Edit' }).count(), 0);
  await thread(bob).locator('[data-testid="comment"]').nth(1).getByRole('button', { name: 'Edit' }).click();
  const editBox = thread(bob).getByRole('textbox', { name: 'Edit comment' });
  await editBox.fill('On it, after lunch');
  await thread(bob).getByRole('button', { name: 'Save' }).click();
  await until(() => rows(fileId)[1].content === 'On it, after lunch', { what: 'the edited reply in PostgreSQL' });
  await thread(ada).getByText('On it, after lunch').waitFor({ timeout: 10000 });
  await shot(bob, 'comments-02-bob-replied');
  await shot(ada, 'comments-03-ada-sees-reply');

  // Bob drags the rectangle 200 right, 100 down: the pin goes with it, on both screens.
  await bob.page.getByRole('button', { name: 'Close the thread' }).click();
  await bob.page.getByRole('button', { name: 'Select', exact: true }).click();
  await drag(bob, [330, 240], [530, 340]);
  await until(() => hook(ada, `editor.objects().find((o) => o.id === 'c-rect').x === 400`), { what: 'Ada seeing the rectangle moved' });
  for (const p of [bob, ada])
    await until(async () => { const t = await pinTip(p, comment.id); return t && t.x === 450 && t.y === 280; }, { what: `${p.name}'s pin following the rectangle` });
  await shot(ada, 'comments-04-pin-followed');

  // Ada resolves it: its pin goes on both screens, and the side list keeps it under "Show resolved".
  await thread(ada).getByRole('button', { name: 'Resolve' }).click();
  await until(() => rows(fileId)[0].resolved, { what: 'the comment resolved in PostgreSQL' });
  await until(async () => (await pin(bob, comment.id).count()) === 0, { what: 'the resolved pin gone for Bob' });
  await until(async () => (await pin(ada, comment.id).count()) === 0, { what: 'the resolved pin gone for Ada' });
  await bob.page.keyboard.press('c');
  const item = bob.page.locator(`[data-testid="comment-list-item"][data-comment-id="${comment.id}"]`);
  assert.equal(await item.count(), 0);
  await bob.page.getByLabel(/Show resolved/).check();
  await item.waitFor();
  assert.match(await item.innerText(), /Resolved/);
  // Bob's view is far away: opening the thread from the list brings its pin into view.
  await hook(bob, `editor.setCamera(5000, 5000, 1)`);
  await item.click();
  await thread(bob).getByRole('button', { name: 'Reopen' }).waitFor();
  const canvasBox = await bob.page.locator('canvas').last().boundingBox();
  await until(async () => { const t = await pinTip(bob, comment.id); return t && t.x > 0 && t.y > 0 && t.x < canvasBox.width && t.y < canvasBox.height; },
    { what: "the pin brought into Bob's view" });
  await shot(bob, 'comments-05-bob-resolved-list');
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});

test('a comment inserted in SQL shows up live; a viewer comments but resolves and deletes only what the server allows', async () => {
  const ada = await signedIn('Ada');
  const vic = await signedIn('Vic');
  const fileId = await newFile(ada);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${vic.id}', 'view')`);
  await open(ada, fileId);
  await open(vic, fileId);
  await ada.page.keyboard.press('c');
  await ada.page.getByText('No comments yet').waitFor();

  const id = psql(`INSERT INTO vellum.comments (file_id, user_id, position_x, position_y, content)
    VALUES ('${fileId}', '${ada.id}', 300, 200, 'Hello from psql') RETURNING id`);
  for (const p of [ada, vic]) await pin(p, id).waitFor({ timeout: 10000 });
  await ada.page.locator(`[data-testid="comment-list-item"][data-comment-id="${id}"]`).getByText('Hello from psql').waitFor();
  assert.deepEqual(await pinTip(vic, id), { x: 300, y: 200 });
  // Pins are in page coordinates: zoomed to 200% from (100, 50), the pin is at ((300 - 100) * 2, (200 - 50) * 2).
  await hook(ada, 'editor.setCamera(100, 50, 2)');
  await until(async () => { const t = await pinTip(ada, id); return t && t.x === 400 && t.y === 300; }, { what: 'the pin placed by the camera' });
  await shot(ada, 'comments-06-from-psql');

  // The viewer: the comment tool is there; on Ada's thread, no Resolve and no Delete, but a reply box.
  await vic.page.locator('[data-testid="read-only"]').waitFor();
  await pin(vic, id).click();
  await thread(vic).getByRole('textbox', { name: 'Reply' }).waitFor();
  assert.equal(await thread(vic).getByRole('button', { name: 'Resolve' }).count(), 0);
  assert.equal(await thread(vic).getByRole('button', { name: 'Delete' }).count(), 0);
  await thread(vic).getByRole('button', { name: 'Close the thread' }).click();
  const tool = vic.page.getByRole('button', { name: 'Comment', exact: true });
  assert.equal(await tool.isEnabled(), true);
  await tool.click();
  const canvas = await vic.page.locator('canvas').last().boundingBox();
  await vic.page.mouse.click(canvas.x + 600, canvas.y + 400);
  const box = vic.page.getByRole('textbox', { name: 'New comment' });
  // Too long: said, and nothing sent.
  await box.fill('x'.repeat(10001));
  await box.press('Enter');
  await vic.page.getByRole('alert').getByText('A comment can have at most 10,000 characters; this one has 10,001.').waitFor();
  await shot(vic, 'comments-07-too-long');
  await box.fill('A viewer\'s note');
  await box.press('Enter');
  const mine = await until(() => rows(fileId).find((r) => r.userId === vic.id), { what: 'the viewer\'s comment in PostgreSQL' });
  assert.deepEqual([mine.objectId, mine.x, mine.y], [null, 600, 400]);
  // Her own thread: she may resolve it (its author) and delete it.
  await thread(vic).getByRole('button', { name: 'Resolve' }).waitFor();
  await pin(ada, mine.id).waitFor({ timeout: 10000 });
  await thread(vic).getByRole('button', { name: 'Delete' }).click();
  await thread(vic).getByText('Delete the thread and its replies?').waitFor();
  await thread(vic).getByRole('button', { name: 'Delete' }).click();
  await until(() => !rows(fileId).some((r) => r.id === mine.id), { what: 'the viewer\'s comment deleted' });
  await until(async () => (await pin(ada, mine.id).count()) === 0, { what: 'the deleted pin gone for Ada' });
  await shot(ada, 'comments-08-after-delete');
  assert.deepEqual([...ada.errors, ...vic.errors], []);
});
