// Images on a canvas: uploaded to a file with edit access, stored once per
// content in PostgreSQL, read back with view access; judged by their bytes,
// limited in size, and an SVG is served so that nothing in it can run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { newFile, psql, register, startGateway } from './harness.mjs';

let gateway;

before(async () => {
  gateway = await startGateway({ MAX_IMAGE_BYTES: String(64 * 1024) });
});

after(async () => {
  await gateway?.stop();
});

const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from(`pixels ${Date.now()}`)]);
const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10"/></svg>');

function upload(user, fileId, body, type) {
  return fetch(`${gateway.base}/api/files/${fileId}/images`, {
    method: 'POST',
    headers: { cookie: user.cookie, 'content-type': type },
    body,
  });
}

test('upload, deduplicate by content, read back with view access only', async () => {
  const ada = await register(gateway, 'Ada');
  const vic = await register(gateway, 'Vic');
  const eve = await register(gateway, 'Eve');
  const fileId = newFile(ada.id);
  const other = newFile(ada.id);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${vic.id}', 'view')`);

  const res = await upload(ada, fileId, png, 'image/png');
  assert.equal(res.status, 201);
  const { image } = await res.json();
  const sha256 = createHash('sha256').update(png).digest('hex');
  assert.deepEqual(image, { sha256, contentType: 'image/png', size: png.length, url: `/api/files/${fileId}/images/${sha256}` });
  // The same bytes, again and into another file: one stored copy, two links.
  assert.equal((await upload(ada, fileId, png, 'image/png')).status, 201);
  assert.equal((await upload(ada, other, png, 'image/png')).status, 201);
  assert.equal(psql(`SELECT count(*) FROM vellum.images WHERE sha256 = '${sha256}'`), '1');
  assert.equal(psql(`SELECT count(*) FROM vellum.file_images WHERE sha256 = '${sha256}'`), '2');

  const read = await fetch(`${gateway.base}${image.url}`, { headers: { cookie: vic.cookie } });
  assert.equal(read.status, 200);
  assert.equal(read.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await read.arrayBuffer()), png);
  // Upper-case hash in the path: the same image.
  assert.equal((await fetch(`${gateway.base}/api/files/${fileId}/images/${sha256.toUpperCase()}`, { headers: { cookie: vic.cookie } })).status, 200);

  // A viewer cannot upload; a stranger sees nothing, and an image of a file
  // the stranger cannot see answers like a missing one.
  assert.equal((await upload(vic, fileId, png, 'image/png')).status, 403);
  assert.equal((await upload(eve, fileId, png, 'image/png')).status, 404);
  const stranger = await fetch(`${gateway.base}${image.url}`, { headers: { cookie: eve.cookie } });
  assert.equal(stranger.status, 404);
  const missing = await fetch(`${gateway.base}/api/files/${fileId}/images/${'0'.repeat(64)}`, { headers: { cookie: ada.cookie } });
  assert.equal(missing.status, 404);
  assert.equal((await missing.json()).error.code, 'not_found');
  // An image of another file is not readable through this one.
  const elsewhere = newFile(ada.id);
  const third = Buffer.concat([png, Buffer.from('elsewhere')]);
  const up = await (await upload(ada, elsewhere, third, 'image/png')).json();
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${eve.id}', 'view')`);
  assert.equal((await fetch(`${gateway.base}/api/files/${fileId}/images/${up.image.sha256}`, { headers: { cookie: eve.cookie } })).status, 404);
  assert.equal((await fetch(`${gateway.base}/api/files/${fileId}/images/not-a-hash`, { headers: { cookie: ada.cookie } })).status, 400);
});

test('the bytes decide: wrong or unknown types and oversized bodies are refused', async () => {
  const ada = await register(gateway, 'Ada');
  const fileId = newFile(ada.id);
  const mismatch = await upload(ada, fileId, png, 'image/jpeg');
  assert.equal(mismatch.status, 415);
  assert.match((await mismatch.json()).error.message, /says "image\/jpeg" but the bytes are image\/png/);
  const html = await upload(ada, fileId, Buffer.from('<html><script>alert(1)</script></html>'), 'image/svg+xml');
  assert.equal(html.status, 415);
  assert.equal((await upload(ada, fileId, Buffer.alloc(0), 'image/png')).status, 400);
  const big = await upload(ada, fileId, Buffer.concat([png, Buffer.alloc(65 * 1024)]), 'image/png');
  assert.equal(big.status, 413);
  assert.match((await big.json()).error.message, /65536 bytes/);
  assert.equal(psql(`SELECT count(*) FROM vellum.file_images WHERE file_id = '${fileId}'`), '0');
  // Other requests keep the small limit.
  const res = await fetch(`${gateway.base}/api/files`, {
    method: 'POST',
    headers: { cookie: ada.cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
  });
  assert.equal(res.status, 413);
});

test('an SVG is served with a sandbox, so its scripts can never run', async () => {
  const ada = await register(gateway, 'Ada');
  const fileId = newFile(ada.id);
  const res = await upload(ada, fileId, svg, 'image/svg+xml; charset=utf-8');
  assert.equal(res.status, 201);
  const { image } = await res.json();
  const read = await fetch(`${gateway.base}${image.url}`, { headers: { cookie: ada.cookie } });
  assert.equal(read.status, 200);
  assert.equal(read.headers.get('content-type'), 'image/svg+xml');
  assert.match(read.headers.get('content-security-policy'), /^sandbox;.*default-src 'none'/);
  assert.equal(read.headers.get('x-content-type-options'), 'nosniff');
  assert.deepEqual(Buffer.from(await read.arrayBuffer()), svg);
});
