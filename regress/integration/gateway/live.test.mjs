// What PostgreSQL announces reaches the browsers: file lists (watch_files ->
// files_changed, fed by NOTIFY vellum_files and vellum_access), comments
// (comment, fed by NOTIFY vellum_comments, also for a comment written in
// SQL), and thumbnails (PUT/GET /api/files/:id/thumbnail), with their
// denials and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { Client, adaAndBob, psql, register, sleep, sharedGateways } from './harness.mjs';
import { fails, restCall, succeeds } from './rest-client.mjs';

const gateways = sharedGateways(1);

const api = (user, method, path, body) => restCall(gateways[0].base, user, method, path, body);

async function watching(user) {
  const client = new Client(gateways[0], user);
  await client.open();
  client.send({ type: 'watch_files', requestId: 'w' });
  const reply = await client.next((m) => m.type === 'watching_files');
  assert.equal(reply.requestId, 'w');
  return client;
}

const changedFor = (fileId) => (m) => m.type === 'files_changed' && m.payload.fileId === fileId;

test('file lists: create, rename, trash, restore and a grant reach the watchers who can see the file, and only them', async () => {
  const [ada, bob, eve] = await Promise.all(['Ada', 'Bob', 'Eve'].map((n) => register(gateways[0], n)));
  const [wa, wb, we] = await Promise.all([ada, bob, eve].map(watching));

  const file = succeeds(await api(ada, 'POST', '/api/files', { name: 'Live' }), 201).file;
  await wa.next(changedFor(file.id));
  let seen = wa.messages.length;
  succeeds(await api(ada, 'PATCH', `/api/files/${file.id}`, { name: 'Live, renamed' }));
  await wa.next(changedFor(file.id), 5000, seen);

  // Bob is granted view: he hears of it (his list gains the file), then of
  // its renames, done in SQL.
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${file.id}', '${bob.id}', 'view')`);
  await wb.next(changedFor(file.id));
  seen = wb.messages.length;
  psql(`UPDATE vellum.files SET name = 'Renamed in SQL' WHERE id = '${file.id}'`);
  await wb.next(changedFor(file.id), 5000, seen);

  seen = wa.messages.length;
  succeeds(await api(ada, 'DELETE', `/api/files/${file.id}`));
  await wa.next(changedFor(file.id), 5000, seen);
  seen = wa.messages.length;
  succeeds(await api(ada, 'POST', `/api/files/${file.id}/restore`));
  await wa.next(changedFor(file.id), 5000, seen);

  // Eve may see none of it: she is never told this file's id.
  await sleep(300);
  assert.equal(we.messages.filter((m) => m.payload?.fileId === file.id).length, 0, JSON.stringify(we.messages));
  // Edits are not list changes: an op announces nothing here.
  seen = wa.messages.length;
  psql(`SELECT vellum.apply_ops('${file.id}', '[{"operationType": "create", "objectId": "r", "newValue": {"type": "rectangle"}, "timestamp": 1, "clientId": "c"}]', '${ada.id}')`);
  await sleep(300);
  assert.equal(wa.messages.slice(seen).filter(changedFor(file.id)).length, 0);
  for (const c of [wa, wb, we]) c.close();
});

test('watch_files: a socket closed is forgotten, and a bad watch message is refused by name', async () => {
  const ada = await register(gateways[0], 'Ada');
  const w = await watching(ada);
  w.send({ type: 'watch_files', payload: [] });
  const error = await w.next((m) => m.type === 'error');
  assert.equal(error.payload.code, 'invalid_message');
  assert.match(error.payload.message, /payload/);
  w.close();
  await w.waitClosed();
  // The gateway stays up and keeps telling others.
  const again = await watching(ada);
  const file = succeeds(await api(ada, 'POST', '/api/files', { name: 'After close' }), 201).file;
  await again.next(changedFor(file.id));
  again.close();
});

test('comments: every open editor of the file is told, for REST and SQL writes; other files hear nothing', async () => {
  const { ada, bob, fileId, a, b } = await adaAndBob(gateways[0], 'edit');
  const other = await adaAndBob(gateways[0], 'edit');
  const posted = succeeds(await api(ada, 'POST', `/api/files/${fileId}/comments`, { content: 'Look here', positionX: 1, positionY: 2 }), 201);
  const commentId = posted.comment.id;
  const heard = await b.client.next((m) => m.type === 'comment' && m.payload.commentId === commentId);
  assert.deepEqual(heard.payload, { fileId, commentId, action: 'created' });
  await a.client.next((m) => m.type === 'comment' && m.payload.commentId === commentId);

  const sqlId = psql(`INSERT INTO vellum.comments (file_id, user_id, content) VALUES ('${fileId}', '${bob.id}', 'From SQL') RETURNING id`);
  await a.client.next((m) => m.type === 'comment' && m.payload.commentId === sqlId && m.payload.action === 'created');
  psql(`UPDATE vellum.comments SET resolved = true WHERE id = '${sqlId}'`);
  await a.client.next((m) => m.type === 'comment' && m.payload.commentId === sqlId && m.payload.action === 'updated');
  psql(`DELETE FROM vellum.comments WHERE id = '${sqlId}'`);
  await a.client.next((m) => m.type === 'comment' && m.payload.commentId === sqlId && m.payload.action === 'deleted');

  await sleep(300);
  assert.equal(other.a.client.messages.filter((m) => m.type === 'comment').length, 0);
  for (const c of [a, b, other.a, other.b]) c.client.close();
});

// A valid PNG of w x h pixels, grey.
function png(w, h, grey = 128) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((w + 1) * h, grey);
  for (let y = 0; y < h; y++) rows[y * (w + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

async function putThumbnail(user, fileId, bytes, type = 'image/png') {
  const res = await fetch(`${gateways[0].base}/api/files/${fileId}/thumbnail`, {
    method: 'PUT',
    headers: { cookie: user?.cookie ?? '', 'content-type': type, origin: gateways[0].base },
    body: bytes,
  });
  const text = await res.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body, text };
}

test('thumbnails: an editor sets one, viewers read it, the file list names it; denials and bad input', async () => {
  const [ada, vic, eve] = await Promise.all(['Ada', 'Vic', 'Eve'].map((n) => register(gateways[0], n)));
  const file = succeeds(await api(ada, 'POST', '/api/files', { name: 'Thumb' }), 201).file;
  assert.equal(file.thumbnailUrl, null);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${file.id}', '${vic.id}', 'view')`);
  fails(await api(vic, 'GET', `/api/files/${file.id}/thumbnail`), 404, 'not_found', /no thumbnail yet/);

  const w = await watching(vic);
  const first = png(32, 20, 100);
  const set = succeeds(await putThumbnail(ada, file.id, first));
  assert.match(set.thumbnailUrl, new RegExp(`^/api/files/${file.id}/thumbnail\\?v=[0-9a-f]{16}$`));
  await w.next(changedFor(file.id)); // lists refresh to show it
  const listed = succeeds(await api(vic, 'GET', '/api/files?scope=shared')).files.find((f) => f.id === file.id);
  assert.equal(listed.thumbnailUrl, set.thumbnailUrl);
  const got = await fetch(gateways[0].base + set.thumbnailUrl, { headers: { cookie: vic.cookie } });
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'image/png');
  assert.match(got.headers.get('content-security-policy'), /sandbox/);
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), first);

  // The same bytes again change nothing (no new address, no list refresh);
  // new bytes replace the old: one row per file.
  const seen = w.messages.length;
  assert.equal(succeeds(await putThumbnail(ada, file.id, first)).thumbnailUrl, set.thumbnailUrl);
  await sleep(300);
  assert.equal(w.messages.slice(seen).filter(changedFor(file.id)).length, 0);
  const second = succeeds(await putThumbnail(ada, file.id, png(32, 20, 200)));
  assert.notEqual(second.thumbnailUrl, set.thumbnailUrl);
  assert.equal(psql(`SELECT count(*) FROM vellum.file_thumbnails WHERE file_id = '${file.id}'`), '1');

  fails(await putThumbnail(vic, file.id, first), 403, 'forbidden', /edit access/);
  fails(await putThumbnail(eve, file.id, first), 404, 'not_found');
  fails(await api(eve, 'GET', `/api/files/${file.id}/thumbnail`), 404, 'not_found');
  fails(await putThumbnail(null, file.id, first), 401, 'unauthorized');
  fails(await putThumbnail(ada, file.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'image/svg+xml'), 415, 'unsupported_media_type', /PNG/);
  fails(await putThumbnail(ada, file.id, first, 'image/jpeg'), 415, 'unsupported_media_type', /image\/jpeg/);
  fails(await putThumbnail(ada, file.id, Buffer.alloc(0)), 400, 'invalid_request', /PNG bytes/);
  fails(await putThumbnail(ada, file.id, Buffer.concat([first, Buffer.alloc(300 * 1024)])), 413, 'too_large', /262144/);
  succeeds(await api(ada, 'DELETE', `/api/files/${file.id}`));
  fails(await putThumbnail(ada, file.id, first), 409, 'conflict', /trash/);
  // In the trash it can still be seen, by whoever may view the file.
  assert.equal((await fetch(gateways[0].base + second.thumbnailUrl, { headers: { cookie: vic.cookie } })).status, 200);
  w.close();
});
