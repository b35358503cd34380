// Version history over REST: the versions list a page at a time, renaming a
// version, reading one with its document (preview), and time travel
// (/history?seq=): each with its success, its denials (a stranger gets 404,
// a viewer 403 where editing is needed) and its bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { op, psql, register, sharedGateways } from './harness.mjs';
import { fails, restCall, succeeds } from './rest-client.mjs';

const gateways = sharedGateways(1);

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

// One REST call to the test's gateway.
const api = (user, method, path, body) => restCall(gateways[0].base, user, method, path, body);

// Ada's file, Ed may edit it, Vic may view it, Eve is a stranger to it.
async function cast() {
  const [ada, ed, vic, eve] = await Promise.all(['Ada', 'Ed', 'Vic', 'Eve'].map((n) => register(gateways[0], n)));
  const file = succeeds(await api(ada, 'POST', '/api/files', { name: 'Versions' }), 201).file;
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${file.id}', '${ed.id}', 'edit'), ('${file.id}', '${vic.id}', 'view')`);
  return { ada, ed, vic, eve, file };
}

function applyOps(fileId, userId, ops) {
  psql(`SELECT vellum.apply_ops('${fileId}', '${JSON.stringify(ops)}', '${userId}')`);
}

const rect = (id, x) => op({ operationType: 'create', objectId: id, newValue: { type: 'rectangle', x, y: 0, width: 10, height: 10, index: 'a0' } });
const moveX = (id, x) => op({ operationType: 'update', objectId: id, propertyPath: 'x', newValue: x });

test('versions list: newest first, a page at a time, with who made each', async () => {
  const { ada, ed, vic, eve, file } = await cast();
  applyOps(file.id, ada.id, [rect('r1', 0)]);
  for (const name of ['One', 'Two', 'Three']) succeeds(await api(ed, 'POST', `/api/files/${file.id}/versions`, { name }), 201);
  psql(`SELECT vellum.snapshot('${file.id}')`); // an auto-save, made by nobody

  const first = succeeds(await api(vic, 'GET', `/api/files/${file.id}/versions?limit=3`));
  assert.deepEqual(first.versions.map((v) => [v.versionNumber, v.name, v.isAutoSave]), [[4, null, true], [3, 'Three', false], [2, 'Two', false]]);
  assert.equal(first.versions[0].createdByName, null);
  assert.equal(first.versions[1].createdByName, 'Ed');
  assert.equal(first.versions[1].createdBy, ed.id);
  assert.equal(typeof first.nextCursor, 'string');
  const second = succeeds(await api(vic, 'GET', `/api/files/${file.id}/versions?limit=3&cursor=${encodeURIComponent(first.nextCursor)}`));
  assert.deepEqual(second.versions.map((v) => v.versionNumber), [1]);
  assert.equal(second.nextCursor, undefined);
  const all = succeeds(await api(vic, 'GET', `/api/files/${file.id}/versions`));
  assert.equal(all.versions.length, 4);
  assert.equal(all.nextCursor, undefined);
  assert.equal(all.versions[0].document, undefined);

  fails(await api(eve, 'GET', `/api/files/${file.id}/versions`), 404, 'not_found');
  fails(await api(vic, 'GET', `/api/files/${file.id}/versions?limit=0`), 400, 'invalid_request', /"limit"/);
  fails(await api(vic, 'GET', `/api/files/${file.id}/versions?limit=x`), 400, 'invalid_request', /"limit"/);
  fails(await api(vic, 'GET', `/api/files/${file.id}/versions?cursor=nonsense`), 400, 'invalid_request', /"cursor"/);
});

test('rename a version: edit access, a trimmed name of 1 to 255 characters', async () => {
  const { ada, ed, vic, eve, file } = await cast();
  applyOps(file.id, ada.id, [rect('r1', 0)]);
  const auto = psql(`SELECT id FROM vellum.snapshot('${file.id}')`);
  const renamed = succeeds(await api(ed, 'PATCH', `/api/files/${file.id}/versions/${auto}`, { name: '  Approved  ' })).version;
  assert.deepEqual([renamed.id, renamed.name, renamed.isAutoSave, renamed.versionNumber], [auto, 'Approved', false, 1]);
  assert.equal(psql(`SELECT name || '/' || is_auto_save FROM vellum.file_versions WHERE id = '${auto}'`), 'Approved/false');
  succeeds(await api(ada, 'PATCH', `/api/files/${file.id}/versions/${auto}`, { name: 'x'.repeat(255) }));

  fails(await api(vic, 'PATCH', `/api/files/${file.id}/versions/${auto}`, { name: 'No' }), 403, 'forbidden', /edit access/);
  fails(await api(eve, 'PATCH', `/api/files/${file.id}/versions/${auto}`, { name: 'No' }), 404, 'not_found');
  fails(await api(ed, 'PATCH', `/api/files/${file.id}/versions/${auto}`, {}), 400, 'invalid_request', /"name"/);
  fails(await api(ed, 'PATCH', `/api/files/${file.id}/versions/${auto}`, { name: '   ' }), 400, 'invalid_request', /"name" must not be blank/);
  fails(await api(ed, 'PATCH', `/api/files/${file.id}/versions/${auto}`, { name: 'x'.repeat(256) }), 400, 'invalid_request', /"name"/);
  fails(await api(ed, 'PATCH', `/api/files/${file.id}/versions/${auto}`, { name: 7 }), 400, 'invalid_request', /"name"/);
  fails(await api(ed, 'PATCH', `/api/files/${file.id}/versions/${auto}`, 'not json'), 400, 'invalid_request');
  fails(await api(ed, 'PATCH', `/api/files/${file.id}/versions/${NO_SUCH_ID}`, { name: 'No' }), 404, 'not_found', /version/);
  fails(await api(ed, 'PATCH', `/api/files/${file.id}/versions/abc`, { name: 'No' }), 400, 'invalid_request', /"versionId"/);
  // A version of another file is not this file's, even to its owner.
  const other = succeeds(await api(ed, 'POST', '/api/files', { name: 'Other' }), 201).file;
  fails(await api(ed, 'PATCH', `/api/files/${other.id}/versions/${auto}`, { name: 'No' }), 404, 'not_found', /version/);
  assert.equal(psql(`SELECT length(name) FROM vellum.file_versions WHERE id = '${auto}'`), '255');
  // A file in the trash keeps its versions as they are.
  psql(`UPDATE vellum.files SET deleted_at = now() WHERE id = '${file.id}'`);
  fails(await api(ed, 'PATCH', `/api/files/${file.id}/versions/${auto}`, { name: 'Late' }), 409, 'conflict', /trash/);
});

test('get a version with its document, for a preview', async () => {
  const { ada, ed, vic, eve, file } = await cast();
  applyOps(file.id, ada.id, [rect('r1', 5)]);
  const v = succeeds(await api(ed, 'POST', `/api/files/${file.id}/versions`, { name: 'Five' }), 201).version;
  applyOps(file.id, ada.id, [moveX('r1', 50)]);

  const got = succeeds(await api(vic, 'GET', `/api/files/${file.id}/versions/${v.id}`)).version;
  assert.deepEqual([got.id, got.name, got.versionNumber, got.seq, got.createdByName], [v.id, 'Five', 1, 1, 'Ed']);
  assert.equal(got.document.fileId, file.id);
  assert.equal(got.document.seq, 1);
  assert.deepEqual(got.document.objects.map((o) => [o.id, o.x]), [['r1', 5]]);
  // The live document moved on and the version did not.
  assert.equal(psql(`SELECT vellum.document('${file.id}') -> 'objects' -> 0 ->> 'x'`), '50');

  fails(await api(eve, 'GET', `/api/files/${file.id}/versions/${v.id}`), 404, 'not_found');
  fails(await api(vic, 'GET', `/api/files/${file.id}/versions/${NO_SUCH_ID}`), 404, 'not_found', /version/);
  fails(await api(vic, 'GET', `/api/files/${file.id}/versions/nope`), 400, 'invalid_request', /"versionId"/);
  const other = succeeds(await api(ada, 'POST', '/api/files', { name: 'Other' }), 201).file;
  fails(await api(ada, 'GET', `/api/files/${other.id}/versions/${v.id}`), 404, 'not_found', /version/);
});

test('time travel: the document at a seq, the retained range and who changed what', async () => {
  const { ada, ed, vic, eve, file } = await cast();
  applyOps(file.id, ada.id, [rect('r1', 1)]); // seq 1
  applyOps(file.id, ed.id, [moveX('r1', 2)]); // seq 2
  applyOps(file.id, ada.id, [rect('r2', 3)]); // seq 3

  const at1 = succeeds(await api(vic, 'GET', `/api/files/${file.id}/history?seq=1`));
  assert.deepEqual([at1.seq, at1.firstSeq, at1.lastSeq], [1, 0, 3]);
  assert.deepEqual(at1.document.objects.map((o) => [o.id, o.x]), [['r1', 1]]);
  assert.deepEqual(at1.changes.map((c) => [c.seq, c.userName, c.type, c.objectId]), [[1, 'Ada', 'create', 'r1']]);
  assert.equal(at1.changes[0].userId, ada.id);
  assert.equal(typeof at1.changes[0].createdAt, 'string');

  const at3 = succeeds(await api(vic, 'GET', `/api/files/${file.id}/history?seq=3`));
  assert.deepEqual(at3.document.objects.map((o) => [o.id, o.x]).sort(), [['r1', 2], ['r2', 3]]);
  assert.deepEqual(at3.changes.map((c) => [c.seq, c.userName, c.type, c.property]), [
    [3, 'Ada', 'create', null],
    [2, 'Ed', 'update', 'x'],
    [1, 'Ada', 'create', null],
  ]);
  const at0 = succeeds(await api(vic, 'GET', `/api/files/${file.id}/history?seq=0`));
  assert.deepEqual([at0.document.objects, at0.changes], [[], []]);

  // Retention folded seqs 1 and 2 into the baseline: they are gone, 2 is the first retained.
  psql(`SELECT vellum.compact_operations('${file.id}', 2)`);
  const folded = succeeds(await api(vic, 'GET', `/api/files/${file.id}/history?seq=2`));
  assert.deepEqual([folded.firstSeq, folded.lastSeq], [2, 3]);
  assert.deepEqual(folded.document.objects.map((o) => [o.id, o.x]), [['r1', 2]]);
  fails(await api(vic, 'GET', `/api/files/${file.id}/history?seq=1`), 400, 'invalid_request', /"seq" must be from 2 to 3/);
  fails(await api(vic, 'GET', `/api/files/${file.id}/history?seq=4`), 400, 'invalid_request', /"seq" must be from 2 to 3.*got 4/);

  fails(await api(vic, 'GET', `/api/files/${file.id}/history`), 400, 'invalid_request', /"seq" is required/);
  fails(await api(vic, 'GET', `/api/files/${file.id}/history?seq=-1`), 400, 'invalid_request', /"seq"/);
  fails(await api(vic, 'GET', `/api/files/${file.id}/history?seq=1.5`), 400, 'invalid_request', /"seq"/);
  fails(await api(vic, 'GET', `/api/files/${file.id}/history?seq=abc`), 400, 'invalid_request', /"seq"/);
  fails(await api(vic, 'GET', `/api/files/${file.id}/history?seq=9999999999999999999`), 400, 'invalid_request', /"seq"/);
  fails(await api(eve, 'GET', `/api/files/${file.id}/history?seq=3`), 404, 'not_found');
  fails(await api(vic, 'GET', `/api/files/${NO_SUCH_ID}/history?seq=0`), 404, 'not_found');
  fails(await api(null, 'GET', `/api/files/${file.id}/history?seq=3`), 401, 'unauthorized');
});
