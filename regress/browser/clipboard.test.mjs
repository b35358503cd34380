// Copy in one tab, paste in another: a group with its children goes from one
// file to another through the browser's clipboard (ctrl+C, ctrl+V), keeping
// its properties and page place, under new ids.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, closeEveryone, layerRow, newFile, open, serverObjects, shot, signedIn, until } from './harness.mjs';

after(closeEveryone);

test('copy a group in one tab and paste it into another file in another tab', async () => {
  const ada = await signedIn('Ada');
  const first = ada.page;
  const from = await newFile(ada);
  await open(ada, from);
  await first.evaluate(() =>
    window.__editor.createShapes([
      { id: 'c-rect', type: 'rect', x: 100, y: 120, w: 140, h: 90, fill: '#e5484d', stroke: '#000000' },
      { id: 'c-text', type: 'text', x: 100, y: 240, w: 200, h: 30, fill: '#111111', text: 'Copied across' },
    ]),
  );
  // Both selected from the layers panel, grouped, copied.
  await layerRow(ada, 'c-rect').click();
  await layerRow(ada, 'c-text').click({ modifiers: ['Shift'] });
  await first.locator('canvas').last().focus().catch(() => {});
  await first.keyboard.press('Control+g');
  await until(() => serverObjects(from).some((o) => o.type === 'group'), { what: 'the group in PostgreSQL' });
  await first.keyboard.press('Control+c');

  const second = await ada.context.newPage();
  second.on('pageerror', (e) => ada.errors.push(String(e)));
  ada.page = second;
  await second.goto(base + '/');
  const to = await newFile(ada);
  await open(ada, to);
  await second.locator('canvas').last().click({ position: { x: 600, y: 500 } });
  await second.keyboard.press('Control+v');
  const pasted = await until(() => {
    const doc = serverObjects(to);
    return doc.length === 3 && doc;
  }, { what: 'the pasted group and its children in the other file' });
  const group = pasted.find((o) => o.type === 'group');
  const rect = pasted.find((o) => o.type === 'rectangle');
  const text = pasted.find((o) => o.type === 'text');
  assert.ok(group && rect && text, JSON.stringify(pasted));
  assert.equal(rect.parentId, group.id);
  assert.equal(text.parentId, group.id);
  assert.equal(rect.fill, '#e5484d');
  assert.equal(text.text, 'Copied across');
  assert.ok(!['c-rect', 'c-text'].includes(rect.id) && !['c-rect', 'c-text'].includes(text.id), 'new ids');
  assert.equal(serverObjects(from).length, 3, 'the source file is unchanged');
  await until(() => second.evaluate(() => window.__editor.pending() === 0), { what: 'the paste acked' });
  await second.waitForTimeout(200);
  await shot(ada, '22-pasted-in-another-file');
  assert.deepEqual(ada.errors, []);
});
