// Every string a user supplies is rendered as text: a file name, a layer
// name, a text object, a comment and a display name that are all markup
// (an <img> whose onerror would set window.__pwned) show literally, in the
// file list and in the editor of a co-editor, and nothing runs. The page's
// Content-Security-Policy would refuse an inline handler too; this checks the
// rendering itself, with the policy's refusals counted as failures.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { base, closeEveryone, hook, layerRow, open, psql, shot, signedIn, until } from './harness.mjs';

afterEach(closeEveryone);

const hostile = '<img src=x onerror=window.__pwned=1>';
const sql = (text) => `'${text.replaceAll("'", "''")}'`;

async function nothingRan(p) {
  assert.equal(await p.page.evaluate(() => window.__pwned), undefined, `${p.name}: the markup ran`);
  assert.equal(await p.page.locator('img[src="x"]').count(), 0, `${p.name}: the markup became an element`);
}

test('a file, a layer, a text object, a comment and a display name that are markup show as text and never run', async () => {
  const ada = await signedIn('Ada');
  const bob = await signedIn('Bob');
  // Content-Security-Policy violations are reported on the page: none may happen.
  const violations = [];
  for (const p of [ada, bob])
    await p.page.exposeFunction('__cspViolation', (v) => violations.push(`${p.name}: ${v}`)).then(() =>
      p.page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`))));
  psql(`UPDATE vellum.users SET name = ${sql(`Bob ${hostile}`)} WHERE id = '${bob.id}'`);
  const fileId = psql(`INSERT INTO vellum.files (name, owner_id) VALUES (${sql(`Plan ${hostile}`)}, '${ada.id}') RETURNING id`);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${bob.id}', 'edit')`);

  // The file list shows the name as text.
  await ada.page.goto(base + '/');
  await ada.page.getByText(`Plan ${hostile}`, { exact: true }).first().waitFor({ timeout: 10000 });
  await nothingRan(ada);

  await open(ada, fileId);
  await hook(ada, `editor.createShapes([
    {id: 'h-rect', type: 'rect', x: 100, y: 100, w: 120, h: 80, fill: '#e5484d'},
    {id: 'h-text', type: 'text', x: 100, y: 240, w: 300, h: 30, fill: '#111111', text: arg}])`, hostile);
  // Ada names the rectangle in the layers panel (double-click, type, Enter).
  await layerRow(ada, 'h-rect').dblclick();
  const field = ada.page.getByLabel('Layer name');
  await field.fill(hostile);
  await field.press('Enter');
  await until(() => psql(`SELECT count(*) FROM vellum.objects WHERE file_id = '${fileId}' AND NOT deleted`) === '2' &&
    psql(`SELECT registers -> 'name' ->> 'v' FROM vellum.objects WHERE file_id = '${fileId}' AND object_id = 'h-rect'`) === hostile,
    { what: 'the objects stored, the layer named' });
  psql(`INSERT INTO vellum.comments (file_id, user_id, content, position_x, position_y) VALUES ('${fileId}', '${bob.id}', ${sql(hostile)}, 300, 300)`);

  await open(bob, fileId);
  for (const p of [ada, bob]) {
    // The layer's name, literally.
    await until(async () => (await layerRow(p, 'h-rect').innerText()).includes(hostile), { what: `${p.name}'s layer row` });
    // The text object's text is drawn on the canvas, and kept as a string.
    assert.equal(await hook(p, `editor.objects().find((o) => o.id === 'h-text').text`), hostile);
    // The comment (by Bob, whose name is markup too), opened from its pin.
    const pin = p.page.locator('[data-testid="comment-pin"]').first();
    await pin.waitFor({ timeout: 10000 });
    await pin.click();
    const text = p.page.locator('[data-testid="comment-thread"] [data-testid="comment-text"]').first();
    await text.waitFor();
    assert.equal(await text.innerText(), hostile);
    await until(async () => (await p.page.locator('[data-testid="comment-thread"]').innerText()).includes(`Bob ${hostile}`),
      { what: `${p.name} seeing Bob's name in the thread` });
    await nothingRan(p);
  }
  // Ada sees Bob's name literally wherever the page shows it (presence).
  await until(async () => (await ada.page.locator('body').innerText()).includes(`Bob ${hostile}`), { what: "Bob's name on Ada's page" });
  await shot(ada, 'hostile-strings-ada');
  await nothingRan(ada);
  await nothingRan(bob);
  assert.deepEqual(violations, []);
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});
