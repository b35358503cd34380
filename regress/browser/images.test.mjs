// Images dropped and pasted onto the canvas: sent once, stored once by content hash in
// vellum.images, an image object pointing at it in the file, and drawn, for
// the person who dropped it and for the other one.
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { canvasPixel, closeEveryone, hook, near, objectsOf, psql, serverObjects, sharedFile, shot, until } from './harness.mjs';

afterEach(closeEveryone);

const GREEN = [48, 164, 108];
const BLUE = [62, 99, 221];

// A solid PNG made by the page's canvas; its bytes come back as base64.
function png(p, rgb, width, height) {
  return p.page.evaluate(async ([[r, g, b], w, h]) => {
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    const g2 = c.getContext('2d');
    g2.fillStyle = `rgb(${r}, ${g}, ${b})`;
    g2.fillRect(0, 0, w, h);
    const blob = await new Promise((resolve) => c.toBlob(resolve, 'image/png'));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    return btoa(String.fromCharCode(...bytes));
  }, [rgb, width, height]);
}

// Dispatches what a file dragged from the desktop and dropped at a canvas point gives the page.
async function dropFile(p, base64, name, at) {
  const box = await p.page.locator('canvas').last().boundingBox();
  await p.page.evaluate(([b64, fileName, x, y]) => {
    const file = new File([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], fileName, { type: 'image/png' });
    const data = new DataTransfer();
    data.items.add(file);
    const target = document.elementFromPoint(x, y);
    for (const type of ['dragenter', 'dragover', 'drop'])
      target.dispatchEvent(new DragEvent(type, { dataTransfer: data, clientX: x, clientY: y, bubbles: true, cancelable: true }));
  }, [base64, name, box.x + at[0], box.y + at[1]]);
}

// What ctrl+V with an image on the clipboard gives the page.
async function pasteFile(p, base64, name) {
  await p.page.evaluate(([b64, fileName]) => {
    const file = new File([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))], fileName, { type: 'image/png' });
    const data = new DataTransfer();
    data.items.add(file);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, [base64, name]);
}

// The uploads the page made (the only fetches to that URL; an entry is there once its response is).
const uploads = (p, fileId) =>
  p.page.evaluate((path) => performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'fetch' && new URL(e.name).pathname === path).length, `/api/files/${fileId}/images`);
const sha256 = (base64) => crypto.createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');
const images = (fileId) => serverObjects(fileId).filter((o) => o.type === 'image');

test('an image dropped twice is stored once and drawn twice; a pasted one is stored and drawn too', async () => {
  const { ada, bob, fileId } = await sharedFile();
  for (const p of [ada, bob]) await hook(p, 'editor.setCamera(0, 0, 1)');
  const green = await png(ada, GREEN, 60, 40);
  const hash = sha256(green);

  // Dropped at (200, 150), then again at (200, 300): one image in the database, two objects using it.
  await dropFile(ada, green, 'green.png', [200, 150]);
  const first = await until(() => images(fileId)[0], { what: 'the dropped image in PostgreSQL' });
  assert.equal(first.src, `/api/files/${fileId}/images/${hash}`);
  assert.deepEqual([first.x, first.y, first.width, first.height, first.name], [200, 150, 60, 40, 'green.png']);
  await dropFile(ada, green, 'green.png', [200, 300]);
  await until(() => images(fileId).length === 2, { what: 'the second drop in PostgreSQL' });
  assert.deepEqual(images(fileId).map((o) => [o.src, o.y]).sort((a, b) => a[1] - b[1]), [[first.src, 150], [first.src, 300]]);
  assert.equal(psql(`SELECT count(*) || ':' || min(content_type) || ':' || min(byte_size) FROM vellum.images WHERE sha256 = '${hash}'`), `1:image/png:${Buffer.from(green, 'base64').length}`);
  assert.equal(psql(`SELECT count(*) FROM vellum.file_images WHERE file_id = '${fileId}'`), '1');
  assert.equal(await uploads(ada, fileId), 1, 'the same bytes were sent twice');

  // Pasted: a blue one, at the top left of the view (40, 40 on the screen).
  const blue = await png(ada, BLUE, 50, 50);
  await pasteFile(ada, blue, 'blue.png');
  const pasted = await until(() => images(fileId).find((o) => o.src.endsWith(sha256(blue))), { what: 'the pasted image in PostgreSQL' });
  assert.deepEqual([pasted.x, pasted.y, pasted.width, pasted.height], [40, 40, 50, 50]);
  assert.equal(psql(`SELECT count(*) FROM vellum.file_images WHERE file_id = '${fileId}'`), '2');
  assert.equal(await uploads(ada, fileId), 2);

  // Drawn for both: the pixels inside each image are its colour.
  await until(async () => (await objectsOf(bob)).filter((o) => o.type === 'image').length === 3, { what: 'Bob seeing the three images' });
  for (const p of [ada, bob]) {
    await hook(p, 'editor.setCamera(0, 0, 1)');
    for (const [at, rgb] of [[[230, 170], GREEN], [[230, 320], GREEN], [[65, 65], BLUE]])
      await until(async () => near(await canvasPixel(p, at), rgb), { what: `${p.name}: the image at ${at} drawn` });
  }
  await shot(ada, 'images-01-ada');
  await shot(bob, 'images-02-bob');
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});
