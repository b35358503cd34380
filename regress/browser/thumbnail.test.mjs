// File thumbnails (issue 9): the editor renders the file and uploads its
// thumbnail after edits settle and when the user leaves; the file browser's
// card shows it. Checked on screen (the card's image loads and shows the
// drawing's colours) and in PostgreSQL (files.thumbnail_url).
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { base, closeEveryone, decodePng, hook, newFile, open, psql, shot, signedIn, until } from './harness.mjs';

afterEach(closeEveryone);

const thumbnailUrl = (fileId) => psql(`SELECT coalesce(thumbnail_url, '') FROM vellum.files WHERE id = '${fileId}'`);

/** The card's thumbnail once the page has loaded it: its size and the colour at its centre. */
async function cardThumbnail(p, fileId) {
  const img = p.page.locator(`[data-testid="file-card"][data-file-id="${fileId}"] img`);
  await img.waitFor({ timeout: 10000 });
  const { src, width, height } = await img.evaluate(async (el) => {
    await el.decode();
    return { src: el.currentSrc, width: el.naturalWidth, height: el.naturalHeight };
  });
  // The same URL fetched with the same cookies, decoded to read its pixels.
  const response = await p.page.request.get(src);
  assert.equal(response.headers()['content-type'], 'image/png');
  const png = await decodePng(p, await response.body());
  assert.deepEqual([png.width, png.height], [width, height], 'the page shows the image the URL serves');
  const i = (Math.floor(height / 2) * width + Math.floor(width / 2)) * 4;
  return { width, height, centre: [...png.data.subarray(i, i + 4)] };
}

async function backToFiles(p) {
  await p.page.getByRole('button', { name: 'Files' }).click();
  await p.page.getByRole('button', { name: 'New file' }).waitFor();
}

test('after editing, the file card shows the file\'s thumbnail; a change made just before leaving is in it', async () => {
  const ada = await signedIn('Ada');
  const fileId = await newFile(ada);
  await open(ada, fileId);
  assert.equal(thumbnailUrl(fileId), '');

  // One red square in the middle of the file: the thumbnail's centre is red.
  await hook(ada, `editor.createShapes([{id: 't-square', type: 'rect', x: 0, y: 0, w: 400, h: 250, fill: '#e5484d', stroke: '#000000'}])`);
  // Uploaded once the edit has settled (5 s).
  await until(() => thumbnailUrl(fileId), { timeout: 15000, what: 'the thumbnail in PostgreSQL' });
  await backToFiles(ada);
  const first = await cardThumbnail(ada, fileId);
  assert.deepEqual([first.width, first.height], [320, 200]);
  assert.deepEqual(first.centre.slice(0, 3), [0xe5, 0x48, 0x4d]);
  await shot(ada, 'thumbnail-01-card');

  // Recoloured, then straight back to the files: leaving sends it.
  await open(ada, fileId);
  await ada.page.locator('[data-testid="layer-row"][data-object-id="t-square"]').click();
  await ada.page.getByLabel('Fill', { exact: true }).fill('#3e63dd');
  await ada.page.getByLabel('Fill', { exact: true }).press('Enter');
  const before = thumbnailUrl(fileId);
  await backToFiles(ada);
  // Sent from the file list, long before the 5 s an edit waits to settle (a new PNG, a new URL).
  await until(() => thumbnailUrl(fileId) !== before, { timeout: 4000, what: 'the thumbnail sent on leaving' });
  await ada.page.goto(base + '/');
  const second = await cardThumbnail(ada, fileId);
  assert.deepEqual(second.centre.slice(0, 3), [0x3e, 0x63, 0xdd]);
  await shot(ada, 'thumbnail-02-after-leaving');
  assert.deepEqual(ada.errors, []);
});
