// The REST resources end to end: a real gateway and PostgreSQL, signed-in
// users, every endpoint's success and its denials (no session, no access,
// too little access, bad input naming the field, unknown ids).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, op, psql, register, startGateway, subscribed, uniqueEmail } from './harness.mjs';
import { fails, restCall, succeeds } from './rest-client.mjs';

let gateway;

before(async () => {
  gateway = await startGateway();
});

after(async () => {
  await gateway?.stop();
});

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

// One REST call to the test's gateway.
const api = (user, method, path, body) => restCall(gateway.base, user, method, path, body);

async function createFile(user, fields = {}) {
  return succeeds(await api(user, 'POST', '/api/files', { name: 'Design', ...fields }), 201).file;
}

// Invites a user (by `by`) and has them accept: how people join a team.
async function joinTeam(by, teamId, user, role) {
  const { invitation } = succeeds(await api(by, 'POST', `/api/teams/${teamId}/members`, { email: user.email, role }), 202);
  return succeeds(await api(user, 'POST', `/api/invitations/${invitation.id}/accept`)).accepted;
}

// The same for a file.
async function joinFile(by, fileId, user, permission) {
  const { invitation } = succeeds(await api(by, 'PUT', `/api/files/${fileId}/permissions`, { email: user.email, permission }), 202);
  return succeeds(await api(user, 'POST', `/api/invitations/${invitation.id}/accept`)).accepted;
}

function grant(fileId, userId, permission) {
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${userId}', '${permission}')`);
}

// Ada owns a file; Ed may edit it, Vic may view it, Eve has no access.
async function cast() {
  const [ada, ed, vic, eve] = await Promise.all(['Ada', 'Ed', 'Vic', 'Eve'].map((n) => register(gateway, n)));
  const file = await createFile(ada, { name: 'Shared' });
  grant(file.id, ed.id, 'edit');
  grant(file.id, vic.id, 'view');
  return { ada, ed, vic, eve, file };
}

test('every endpoint needs a session', async () => {
  const id = NO_SUCH_ID;
  const endpoints = [
    ['GET', '/api/files'],
    ['POST', '/api/files'],
    ['GET', `/api/files/${id}`],
    ['PATCH', `/api/files/${id}`],
    ['DELETE', `/api/files/${id}`],
    ['POST', `/api/files/${id}/restore`],
    ['GET', `/api/files/${id}/versions`],
    ['POST', `/api/files/${id}/versions`],
    ['POST', `/api/files/${id}/versions/${id}/restore`],
    ['GET', `/api/files/${id}/versions/${id}`],
    ['PATCH', `/api/files/${id}/versions/${id}`],
    ['GET', `/api/files/${id}/history?seq=0`],
    ['GET', `/api/files/${id}/comments`],
    ['POST', `/api/files/${id}/comments`],
    ['POST', `/api/comments/${id}/replies`],
    ['PATCH', `/api/comments/${id}`],
    ['DELETE', `/api/comments/${id}`],
    ['POST', '/api/teams'],
    ['GET', '/api/teams'],
    ['POST', `/api/teams/${id}/members`],
    ['GET', `/api/teams/${id}/members`],
    ['PATCH', `/api/teams/${id}/members/${id}`],
    ['DELETE', `/api/teams/${id}/members/${id}`],
    ['GET', `/api/teams/${id}/invitations`],
    ['POST', '/api/projects'],
    ['GET', '/api/projects'],
    ['GET', `/api/files/${id}/permissions`],
    ['PUT', `/api/files/${id}/permissions`],
    ['PUT', `/api/files/${id}/permissions/${id}`],
    ['DELETE', `/api/files/${id}/permissions/${id}`],
    ['GET', `/api/files/${id}/invitations`],
    ['GET', '/api/invitations'],
    ['POST', `/api/invitations/${id}/accept`],
    ['DELETE', `/api/invitations/${id}`],
  ];
  for (const [method, path] of endpoints) {
    const body = method === 'GET' || method === 'DELETE' ? undefined : { name: 'x' };
    fails(await api(null, method, path, body), 401, 'unauthorized');
    fails(await api({ cookie: `vellum_session=${'0'.repeat(64)}` }, method, path, body), 401, 'unauthorized');
  }
});

test('routing: unknown paths 404, wrong methods 405, ids must be uuids', async () => {
  const ada = await register(gateway, 'Ada');
  fails(await api(ada, 'GET', '/api/nothing'), 404, 'not_found', /no such endpoint/);
  fails(await api(ada, 'GET', '/api/files/'), 404, 'not_found');
  fails(await api(ada, 'GET', `/api/files/${NO_SUCH_ID}/nothing`), 404, 'not_found');
  fails(await api(ada, 'GET', `/api/files/${NO_SUCH_ID}/versions/${NO_SUCH_ID}`), 404, 'not_found');
  const wrong = await api(ada, 'PUT', '/api/files');
  fails(wrong, 405, 'method_not_allowed');
  assert.match(wrong.headers.get('allow'), /GET/);
  assert.match(wrong.headers.get('allow'), /POST/);
  fails(await api(ada, 'GET', `/api/comments/${NO_SUCH_ID}`), 405, 'method_not_allowed');
  fails(await api(ada, 'POST', '/api/teams/x/members', { email: 'a@b.c', role: 'member' }), 400, 'invalid_request', /"teamId"/);
  fails(await api(ada, 'GET', '/api/files/not-a-uuid'), 400, 'invalid_request', /"fileId" in the path must be a uuid/);
  fails(await api(ada, 'POST', `/api/files/${NO_SUCH_ID}/versions/1/restore`), 400, 'invalid_request', /"versionId"/);
  fails(await api(ada, 'DELETE', `/api/files/${NO_SUCH_ID}/permissions/abc`), 400, 'invalid_request', /"userId"/);
  fails(await api(ada, 'POST', '/api/invitations/abc/accept'), 400, 'invalid_request', /"invitationId"/);
  fails(await api(ada, 'POST', '/api/invitations'), 405, 'method_not_allowed');
  fails(await api(ada, 'PATCH', "/api/comments/1'%20OR%20'1'='1", { resolved: true }), 400, 'invalid_request', /"commentId"/);
});

test('files: create, get, list, rename; bad input names the field', async () => {
  const ada = await register(gateway, 'Ada');
  const file = await createFile(ada, { name: "Robert'); DROP TABLE vellum.files; --" });
  assert.equal(file.name, "Robert'); DROP TABLE vellum.files; --");
  assert.equal(file.ownerId, ada.id);
  assert.equal(file.access, 'admin');
  assert.equal(file.deletedAt, null);
  assert.equal(file.lastSeq, 0);

  const got = succeeds(await api(ada, 'GET', `/api/files/${file.id}`)).file;
  assert.equal(got.id, file.id);
  assert.equal(got.access, 'admin');

  const other = await createFile(ada, { name: 'Other' });
  const list = succeeds(await api(ada, 'GET', '/api/files')).files;
  assert.deepEqual(list.map((f) => f.id).sort(), [file.id, other.id].sort());

  const renamed = succeeds(await api(ada, 'PATCH', `/api/files/${file.id}`, { name: 'Renamed' })).file;
  assert.equal(renamed.name, 'Renamed');
  assert.equal(psql(`SELECT name FROM vellum.files WHERE id = '${file.id}'`), 'Renamed');

  fails(await api(ada, 'POST', '/api/files', '{not json'), 400, 'invalid_request', /JSON object/);
  fails(await api(ada, 'POST', '/api/files', '[1]'), 400, 'invalid_request', /JSON object/);
  fails(await api(ada, 'POST', '/api/files', {}), 400, 'invalid_request', /"name"/);
  fails(await api(ada, 'POST', '/api/files', { name: 42 }), 400, 'invalid_request', /"name"/);
  fails(await api(ada, 'POST', '/api/files', { name: '   ' }), 400, 'invalid_request', /"name" must not be blank/);
  fails(await api(ada, 'POST', '/api/files', { name: 'x'.repeat(256) }), 400, 'invalid_request', /"name" must have 1 to 255/);
  fails(await api(ada, 'POST', '/api/files', { name: 'nul\u0000' }), 400, 'invalid_request', /"name"/);
  // 255 characters of 2 bytes each are fine: lengths count characters.
  succeeds(await api(ada, 'POST', '/api/files', { name: 'é'.repeat(255) }), 201);
  fails(await api(ada, 'POST', '/api/files', { name: 'x', projectId: 'nope' }), 400, 'invalid_request', /"projectId"/);
  fails(await api(ada, 'POST', '/api/files', { name: 'x', teamId: 7 }), 400, 'invalid_request', /"teamId"/);
  fails(await api(ada, 'PATCH', `/api/files/${file.id}`, { title: 'x' }), 400, 'invalid_request', /"name"/);
  fails(await api(ada, 'GET', '/api/files?teamId=abc'), 400, 'invalid_request', /"teamId"/);
  fails(await api(ada, 'GET', '/api/files?projectId=abc'), 400, 'invalid_request', /"projectId"/);
  fails(await api(ada, 'GET', '/api/files?trash=yes'), 400, 'invalid_request', /"trash"/);

  fails(await api(ada, 'GET', `/api/files/${NO_SUCH_ID}`), 404, 'not_found');
  fails(await api(ada, 'PATCH', `/api/files/${NO_SUCH_ID}`, { name: 'x' }), 404, 'not_found');
  fails(await api(ada, 'DELETE', `/api/files/${NO_SUCH_ID}`), 404, 'not_found');
  fails(await api(ada, 'POST', `/api/files/${NO_SUCH_ID}/restore`), 404, 'not_found');
});

test('files: a list comes a page at a time, last edited first; q searches names; bad paging names the parameter', async () => {
  const ada = await register(gateway, 'Ada');
  const names = ['Logo', 'logo dark', 'Poster', 'Icons 100%', 'Icons_small', 'Site', 'Deck'];
  const files = [];
  for (const name of names) files.push(await createFile(ada, { name }));
  // Three share one updated_at, so that the id breaks the tie across a page's edge.
  files.forEach((f, i) => psql(`UPDATE vellum.files SET updated_at = '2026-01-01'::timestamptz + interval '${i < 3 ? 0 : i} min' WHERE id = '${f.id}'`));
  const expected = psql(`SELECT string_agg(id::text, ' ' ORDER BY updated_at DESC, id) FROM vellum.files WHERE owner_id = '${ada.id}'`).split(' ');

  const seen = [];
  let cursor = null;
  let pages = 0;
  do {
    const page = succeeds(await api(ada, 'GET', `/api/files?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
    assert.ok(page.files.length <= 3);
    seen.push(...page.files.map((f) => f.id));
    cursor = page.nextCursor ?? null;
    pages += 1;
    if (cursor === null) assert.equal('nextCursor' in page, false, 'the last page has no nextCursor');
  } while (cursor && pages < 10);
  assert.equal(pages, 3);
  assert.deepEqual(seen, expected);
  // The default page holds them all; a page of exactly all has no nextCursor.
  assert.deepEqual(succeeds(await api(ada, 'GET', '/api/files')).files.map((f) => f.id), expected);
  assert.equal('nextCursor' in succeeds(await api(ada, 'GET', '/api/files?limit=7')), false);

  const named = async (q) => succeeds(await api(ada, 'GET', `/api/files?q=${encodeURIComponent(q)}`)).files.map((f) => f.name).sort();
  assert.deepEqual(await named('LOGO'), ['Logo', 'logo dark']);
  // LIKE's wildcards are plain characters in a search.
  assert.deepEqual(await named('%'), ['Icons 100%']);
  assert.deepEqual(await named('s_'), ['Icons_small']);
  assert.deepEqual(await named("'; DROP TABLE vellum.files; --"), []);
  assert.deepEqual(succeeds(await api(ada, 'GET', '/api/files?q=o&limit=2')).files.length, 2);

  // The trash pages by the time of trashing.
  for (const f of files.slice(0, 3)) succeeds(await api(ada, 'DELETE', `/api/files/${f.id}`));
  const first = succeeds(await api(ada, 'GET', '/api/files?trash=true&limit=2'));
  const rest = succeeds(await api(ada, 'GET', `/api/files?trash=true&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`));
  assert.deepEqual([...first.files, ...rest.files].map((f) => f.id).sort(), files.slice(0, 3).map((f) => f.id).sort());
  assert.equal(rest.nextCursor, undefined);

  for (const limit of ['0', '201', 'x', '-1', '1.5', '99999']) {
    fails(await api(ada, 'GET', `/api/files?limit=${limit}`), 400, 'invalid_request', /"limit" must be an integer from 1 to 200/);
  }
  for (const bad of ['abc', '12~not-a-uuid', `~${files[0].id}`, `1e9~${files[0].id}`, `${'9'.repeat(30)}~${files[0].id}`]) {
    fails(await api(ada, 'GET', `/api/files?cursor=${encodeURIComponent(bad)}`), 400, 'invalid_request', /"cursor"/);
  }
  fails(await api(ada, 'GET', `/api/files?q=${'x'.repeat(101)}`), 400, 'invalid_request', /"q" must be text of at most 100/);
  fails(await api(ada, 'GET', '/api/files?q=a%00b'), 400, 'invalid_request', /"q"/);
  fails(await api(ada, 'GET', '/api/files?q=%FF'), 400, 'invalid_request', /"q"/);
});

test('files: duplicate copies the live objects and images into a new file of the user\'s; the copy edits on its own', async () => {
  const { ada, vic, eve, file } = await cast();
  const create = (id, value) => op({ operationType: 'create', objectId: id, newValue: value });
  const ops = [create('frame1', { type: 'frame', x: 0, y: 0, width: 100, height: 100, name: 'Card' }),
    create('r1', { type: 'rectangle', parentId: 'frame1', x: 5, y: 5, width: 10, height: 10 }),
    create('gone', { type: 'ellipse', x: 1, y: 1, width: 2, height: 2 })];
  psql(`SELECT vellum.apply_ops('${file.id}', '${JSON.stringify(ops)}')`);
  psql(`SELECT vellum.apply_ops('${file.id}', '${JSON.stringify([op({ operationType: 'delete', objectId: 'gone' })])}')`);
  psql(`INSERT INTO vellum.images (sha256, content_type, bytes) SELECT encode(sha256('\\x00'::bytea), 'hex'), 'image/png', '\\x00'::bytea ON CONFLICT DO NOTHING`);
  psql(`INSERT INTO vellum.file_images (file_id, sha256) SELECT '${file.id}', encode(sha256('\\x00'::bytea), 'hex')`);

  // A viewer may duplicate: the copy is Vic's, in Vic's own files.
  const copy = succeeds(await api(vic, 'POST', `/api/files/${file.id}/duplicate`), 201).file;
  assert.equal(copy.name, 'Shared (copy)');
  assert.equal(copy.ownerId, vic.id);
  assert.equal(copy.access, 'admin');
  assert.equal(copy.lastSeq, 0);
  assert.notEqual(copy.id, file.id);
  const objectsOf = (id) => JSON.parse(psql(`SELECT vellum.document('${id}')->'objects'`));
  assert.deepEqual(objectsOf(copy.id), objectsOf(file.id));
  assert.deepEqual(objectsOf(copy.id).map((o) => o.id).sort(), ['frame1', 'r1']);
  assert.equal(psql(`SELECT vellum.rebuild('${copy.id}', 0)->'objects' = vellum.document('${copy.id}')->'objects'`), 't');
  assert.equal(psql(`SELECT count(*) FROM vellum.file_images WHERE file_id = '${copy.id}'`), '1');
  assert.deepEqual(succeeds(await api(vic, 'GET', '/api/files')).files.map((f) => f.id).sort(), [file.id, copy.id].sort());

  // Edits of the copy go on from seq 1 and leave the original alone.
  const moved = op({ operationType: 'update', objectId: 'r1', propertyPath: 'x', newValue: 50 });
  assert.equal(JSON.parse(psql(`SELECT vellum.apply_ops('${copy.id}', '${JSON.stringify([moved])}')`))[0].seq, 1);
  assert.equal(objectsOf(copy.id).find((o) => o.id === 'r1').x, 50);
  assert.equal(objectsOf(file.id).find((o) => o.id === 'r1').x, 5);

  const named = succeeds(await api(ada, 'POST', `/api/files/${file.id}/duplicate`, { name: 'Variant B' }), 201).file;
  assert.equal(named.name, 'Variant B');
  fails(await api(ada, 'POST', `/api/files/${file.id}/duplicate`, { name: '  ' }), 400, 'invalid_request', /"name" must not be blank/);
  fails(await api(ada, 'POST', `/api/files/${file.id}/duplicate`, { name: 7 }), 400, 'invalid_request', /"name"/);
  fails(await api(ada, 'POST', `/api/files/${file.id}/duplicate`, '{"name": "a", "name": "b"}'), 400, 'invalid_request');
  fails(await api(eve, 'POST', `/api/files/${file.id}/duplicate`), 404, 'not_found');
  fails(await api(ada, 'POST', `/api/files/${NO_SUCH_ID}/duplicate`), 404, 'not_found');
  succeeds(await api(ada, 'DELETE', `/api/files/${file.id}`));
  fails(await api(ada, 'POST', `/api/files/${file.id}/duplicate`), 409, 'conflict', /trash/);
  assert.equal(psql(`SELECT count(*) FROM vellum.files WHERE owner_id = '${eve.id}'`), '0');
});

test('files: moving between projects needs admin access and a project the user may create files in', async () => {
  const [owner, member, viewer] = await Promise.all(['Olive', 'Mia', 'Vera'].map((n) => register(gateway, n)));
  const team = succeeds(await api(owner, 'POST', '/api/teams', { name: 'Studio' }), 201).team;
  await joinTeam(owner, team.id, member, 'member');
  await joinTeam(owner, team.id, viewer, 'viewer');
  const web = succeeds(await api(owner, 'POST', '/api/projects', { name: 'Web', teamId: team.id }), 201).project;
  const print = succeeds(await api(owner, 'POST', '/api/projects', { name: 'Print', teamId: team.id }), 201).project;
  const draft = await createFile(member, { name: 'Draft' });

  const moved = succeeds(await api(member, 'PATCH', `/api/files/${draft.id}`, { projectId: web.id })).file;
  assert.deepEqual([moved.projectId, moved.teamId, moved.name], [web.id, team.id, 'Draft']);
  // Now a team file: the viewer sees it.
  assert.equal(succeeds(await api(viewer, 'GET', `/api/files/${draft.id}`)).file.access, 'view');
  const both = succeeds(await api(member, 'PATCH', `/api/files/${draft.id}`, { projectId: print.id, name: 'Final' })).file;
  assert.deepEqual([both.projectId, both.name], [print.id, 'Final']);

  // The viewer's own draft cannot go into a project where they are a viewer.
  const vdraft = await createFile(viewer, { name: 'Mine' });
  fails(await api(viewer, 'PATCH', `/api/files/${vdraft.id}`, { projectId: web.id }), 403, 'forbidden', /viewers/);
  fails(await api(viewer, 'PATCH', `/api/files/${draft.id}`, { projectId: web.id }), 403, 'forbidden', /edit access/);
  fails(await api(member, 'PATCH', `/api/files/${draft.id}`, { projectId: NO_SUCH_ID }), 404, 'not_found', /project/);
  fails(await api(member, 'PATCH', `/api/files/${draft.id}`, { projectId: 'web' }), 400, 'invalid_request', /"projectId"/);
  // An editor who is not an admin of the file cannot move it.
  const teamFile = await createFile(owner, { name: 'Owned by Olive', projectId: web.id });
  assert.equal(succeeds(await api(member, 'GET', `/api/files/${teamFile.id}`)).file.access, 'edit');
  fails(await api(member, 'PATCH', `/api/files/${teamFile.id}`, { projectId: print.id }), 403, 'forbidden', /admin access/);
  succeeds(await api(member, 'PATCH', `/api/files/${teamFile.id}`, { name: 'Renamed by Mia' }));
  // Out of any project: the owner's own files, and only the owner may.
  fails(await api(owner, 'PATCH', `/api/files/${draft.id}`, { projectId: null }), 403, 'forbidden', /owner/);
  const out = succeeds(await api(member, 'PATCH', `/api/files/${draft.id}`, { projectId: null })).file;
  assert.deepEqual([out.projectId, out.teamId], [null, null]);
  fails(await api(viewer, 'GET', `/api/files/${draft.id}`), 404, 'not_found');
  assert.equal(psql(`SELECT name || ' ' || coalesce(project_id::text, '-') FROM vellum.files WHERE id = '${teamFile.id}'`), `Renamed by Mia ${web.id}`);
});

test('files: strangers get 404 (like unknown ids), viewers and editors are limited', async () => {
  const { ed, vic, eve, file } = await cast();
  const unknown = await api(eve, 'GET', `/api/files/${NO_SUCH_ID}`);
  const hidden = await api(eve, 'GET', `/api/files/${file.id}`);
  fails(hidden, 404, 'not_found');
  // The same answer for a file that exists and one that does not.
  assert.equal(hidden.body.error.message.replace(file.id, 'ID'), unknown.body.error.message.replace(NO_SUCH_ID, 'ID'));
  fails(await api(eve, 'PATCH', `/api/files/${file.id}`, { name: 'x' }), 404, 'not_found');
  // scope: the user's own files, or the ones others shared.
  const vicOwn = await createFile(vic, { name: 'Own' });
  const scoped = async (scope) => succeeds(await api(vic, 'GET', `/api/files?scope=${scope}`)).files.map((f) => f.id).sort();
  assert.deepEqual(await scoped('mine'), [vicOwn.id]);
  assert.deepEqual(await scoped('shared'), [file.id]);
  assert.deepEqual(await scoped('all'), [file.id, vicOwn.id].sort());
  fails(await api(vic, 'GET', '/api/files?scope=team'), 400, 'invalid_request', /"scope" must be all, mine or shared/);
  fails(await api(eve, 'DELETE', `/api/files/${file.id}`), 404, 'not_found');
  fails(await api(eve, 'POST', `/api/files/${file.id}/restore`), 404, 'not_found');
  assert.deepEqual(succeeds(await api(eve, 'GET', '/api/files')).files, []);

  assert.equal(succeeds(await api(vic, 'GET', `/api/files/${file.id}`)).file.access, 'view');
  assert.deepEqual(succeeds(await api(vic, 'GET', '/api/files?scope=shared')).files.map((f) => [f.id, f.access]), [[file.id, 'view']]);
  fails(await api(vic, 'PATCH', `/api/files/${file.id}`, { name: 'x' }), 403, 'forbidden', /edit access/);
  fails(await api(vic, 'DELETE', `/api/files/${file.id}`), 403, 'forbidden', /admin access/);

  const renamed = succeeds(await api(ed, 'PATCH', `/api/files/${file.id}`, { name: 'By Ed' })).file;
  assert.equal(renamed.access, 'edit');
  fails(await api(ed, 'DELETE', `/api/files/${file.id}`), 403, 'forbidden');
  assert.equal(psql(`SELECT name || ' ' || (deleted_at IS NULL) FROM vellum.files WHERE id = '${file.id}'`), 'By Ed true');
});

test('files: trash and restore', async () => {
  const { ada, ed, vic, file } = await cast();
  const trashed = succeeds(await api(ada, 'DELETE', `/api/files/${file.id}`)).file;
  assert.notEqual(trashed.deletedAt, null);
  assert.equal(succeeds(await api(ada, 'GET', '/api/files')).files.length, 0);
  assert.deepEqual(succeeds(await api(ada, 'GET', '/api/files?trash=true')).files.map((f) => f.id), [file.id]);
  assert.deepEqual(succeeds(await api(vic, 'GET', '/api/files?trash=true')).files.map((f) => f.access), ['view']);
  // Still readable, not writable.
  assert.notEqual(succeeds(await api(ada, 'GET', `/api/files/${file.id}`)).file.deletedAt, null);
  fails(await api(ed, 'PATCH', `/api/files/${file.id}`, { name: 'x' }), 409, 'conflict', /trash/);
  fails(await api(ada, 'DELETE', `/api/files/${file.id}`), 409, 'conflict', /already in the trash/);
  fails(await api(ed, 'POST', `/api/files/${file.id}/restore`), 403, 'forbidden');
  fails(await api(vic, 'POST', `/api/files/${file.id}/restore`), 403, 'forbidden');

  const restored = succeeds(await api(ada, 'POST', `/api/files/${file.id}/restore`)).file;
  assert.equal(restored.deletedAt, null);
  fails(await api(ada, 'POST', `/api/files/${file.id}/restore`), 409, 'conflict', /not in the trash/);
  assert.deepEqual(succeeds(await api(ada, 'GET', '/api/files')).files.map((f) => f.id), [file.id]);
  assert.equal(succeeds(await api(ada, 'GET', '/api/files?trash=true')).files.length, 0);
});

test('teams: create, list, invite and list members; denials', async () => {
  const [owner, admin, member, viewer, stranger] = await Promise.all(
    ['Olive', 'Adam', 'Mia', 'Vera', 'Sam'].map((n) => register(gateway, n)),
  );
  const team = succeeds(await api(owner, 'POST', '/api/teams', { name: 'Studio' }), 201).team;
  assert.equal(team.name, 'Studio');
  assert.equal(team.role, 'owner');
  assert.equal(team.ownerId, owner.id);
  fails(await api(owner, 'POST', '/api/teams', { name: '' }), 400, 'invalid_request', /"name"/);
  fails(await api(owner, 'POST', '/api/teams', 'null'), 400, 'invalid_request', /JSON object/);

  const invite = (by, email, role) => api(by, 'POST', `/api/teams/${team.id}/members`, { email, role });
  const joined = await joinTeam(owner, team.id, admin, 'admin');
  assert.deepEqual([joined.team.id, joined.team.name, joined.team.role], [team.id, 'Studio', 'admin']);
  // An admin may invite; emails match whatever their case.
  const upper = succeeds(await invite(admin, member.email.toUpperCase(), 'member'), 202).invitation;
  assert.equal(upper.email, member.email);
  succeeds(await api(member, 'POST', `/api/invitations/${upper.id}/accept`));
  await joinTeam(admin, team.id, viewer, 'viewer');
  fails(await invite(member, stranger.email, 'member'), 403, 'forbidden', /owner or admin/);
  fails(await invite(viewer, stranger.email, 'member'), 403, 'forbidden');
  fails(await invite(stranger, stranger.email, 'member'), 404, 'not_found', /team/);
  fails(await api(owner, 'POST', `/api/teams/${NO_SUCH_ID}/members`, { email: stranger.email, role: 'member' }), 404, 'not_found');
  fails(await invite(owner, stranger.email, 'owner'), 400, 'invalid_request', /"role" must be member, admin or viewer/);
  fails(await invite(owner, stranger.email), 400, 'invalid_request', /"role"/);
  fails(await api(owner, 'POST', `/api/teams/${team.id}/members`, { role: 'member' }), 400, 'invalid_request', /"email" is required/);
  fails(await invite(owner, 'not an email', 'member'), 400, 'invalid_request', /"email" must be an email address/);
  fails(await invite(owner, `${'x'.repeat(250)}@example.com`, 'member'), 400, 'invalid_request', /"email" must have 1 to 255/);
  fails(await invite(owner, 42, 'member'), 400, 'invalid_request', /"email" must be a string/);
  // Denied or refused invitations leave nothing behind.
  assert.equal(psql(`SELECT count(*) FROM vellum.invitations WHERE team_id = '${team.id}'`), '0');

  const teams = succeeds(await api(viewer, 'GET', '/api/teams')).teams;
  assert.deepEqual(teams.map((t) => [t.id, t.role]), [[team.id, 'viewer']]);
  assert.deepEqual(succeeds(await api(stranger, 'GET', '/api/teams')).teams, []);

  const members = succeeds(await api(viewer, 'GET', `/api/teams/${team.id}/members`)).members;
  assert.deepEqual(
    members.map((m) => [m.userId, m.role]).sort(),
    [[owner.id, 'owner'], [admin.id, 'admin'], [member.id, 'member'], [viewer.id, 'viewer']].sort(),
  );
  fails(await api(stranger, 'GET', `/api/teams/${team.id}/members`), 404, 'not_found');
  fails(await api(owner, 'GET', `/api/teams/${NO_SUCH_ID}/members`), 404, 'not_found');
});

test('teams: removing members; the last owner stays', async () => {
  const [owner, admin, member, viewer, stranger, second] = await Promise.all(
    ['Olive', 'Adam', 'Mia', 'Vera', 'Sam', 'Otto'].map((n) => register(gateway, n)),
  );
  const team = succeeds(await api(owner, 'POST', '/api/teams', { name: 'Studio' }), 201).team;
  for (const [user, role] of [[admin, 'admin'], [member, 'member'], [viewer, 'viewer']]) await joinTeam(owner, team.id, user, role);
  const remove = (by, user) => api(by, 'DELETE', `/api/teams/${team.id}/members/${user.id}`);

  fails(await remove(member, viewer), 403, 'forbidden');
  fails(await remove(viewer, member), 403, 'forbidden');
  fails(await remove(stranger, member), 404, 'not_found');
  fails(await remove(admin, owner), 403, 'forbidden', /only an owner/);
  fails(await remove(owner, stranger), 404, 'not_found', /not a member/);
  fails(await api(owner, 'DELETE', `/api/teams/${NO_SUCH_ID}/members/${member.id}`), 404, 'not_found');
  fails(await remove(owner, owner), 409, 'conflict', /last owner/);

  const removed = succeeds(await remove(admin, viewer)).removed;
  assert.deepEqual(removed, { teamId: team.id, userId: viewer.id });
  // Anyone may leave.
  succeeds(await remove(member, member));
  fails(await api(member, 'GET', `/api/teams/${team.id}/members`), 404, 'not_found');

  // With a second owner, the first may leave; then the second is the last.
  psql(`INSERT INTO vellum.team_members (team_id, user_id, role) VALUES ('${team.id}', '${second.id}', 'owner')`);
  succeeds(await remove(second, owner));
  fails(await remove(second, second), 409, 'conflict', /last owner/);
  assert.equal(psql(`SELECT string_agg(role, ',' ORDER BY role) FROM vellum.team_members WHERE team_id = '${team.id}'`), 'admin,owner');
});

test('teams: two owners removing each other at once leave one owner', async () => {
  for (let round = 0; round < 3; round += 1) {
    const [one, two] = await Promise.all(['One', 'Two'].map((n) => register(gateway, n)));
    const team = succeeds(await api(one, 'POST', '/api/teams', { name: 'Race' }), 201).team;
    psql(`INSERT INTO vellum.team_members (team_id, user_id, role) VALUES ('${team.id}', '${two.id}', 'owner')`);
    const answers = await Promise.all([
      api(one, 'DELETE', `/api/teams/${team.id}/members/${two.id}`),
      api(two, 'DELETE', `/api/teams/${team.id}/members/${one.id}`),
    ]);
    // One wins. The other is refused: 409 when both ran at once (the last
    // owner stays), 404 when it ran after the winner had already removed it.
    const statuses = answers.map((a) => a.status).sort();
    assert.ok(statuses[0] === 200 && [404, 409].includes(statuses[1]), answers.map((a) => a.text).join('\n'));
    assert.equal(psql(`SELECT count(*) FROM vellum.team_members WHERE team_id = '${team.id}' AND role = 'owner'`), '1');
  }
});

test('projects and team files: members create, viewers read, strangers see nothing', async () => {
  const [owner, member, viewer, stranger] = await Promise.all(['Olive', 'Mia', 'Vera', 'Sam'].map((n) => register(gateway, n)));
  const team = succeeds(await api(owner, 'POST', '/api/teams', { name: 'Studio' }), 201).team;
  const other = succeeds(await api(stranger, 'POST', '/api/teams', { name: 'Elsewhere' }), 201).team;
  await joinTeam(owner, team.id, member, 'member');
  await joinTeam(owner, team.id, viewer, 'viewer');

  const project = succeeds(await api(member, 'POST', '/api/projects', { name: 'Website', teamId: team.id }), 201).project;
  assert.deepEqual([project.name, project.teamId, project.ownerId], ['Website', team.id, member.id]);
  fails(await api(viewer, 'POST', '/api/projects', { name: 'No', teamId: team.id }), 403, 'forbidden');
  fails(await api(stranger, 'POST', '/api/projects', { name: 'No', teamId: team.id }), 404, 'not_found');
  fails(await api(member, 'POST', '/api/projects', { name: 'No' }), 400, 'invalid_request', /"teamId"/);
  fails(await api(member, 'POST', '/api/projects', { name: 'No', teamId: 'x' }), 400, 'invalid_request', /"teamId"/);
  fails(await api(member, 'POST', '/api/projects', { teamId: team.id }), 400, 'invalid_request', /"name"/);

  assert.deepEqual(succeeds(await api(viewer, 'GET', '/api/projects')).projects.map((p) => p.id), [project.id]);
  assert.deepEqual(succeeds(await api(viewer, 'GET', `/api/projects?teamId=${team.id}`)).projects.map((p) => p.id), [project.id]);
  assert.deepEqual(succeeds(await api(stranger, 'GET', '/api/projects')).projects, []);
  fails(await api(stranger, 'GET', `/api/projects?teamId=${team.id}`), 404, 'not_found');
  fails(await api(stranger, 'GET', '/api/projects?teamId=nope'), 400, 'invalid_request', /"teamId"/);

  // Files in the team and in the project.
  const teamFile = await createFile(member, { name: 'Team file', teamId: team.id });
  const projectFile = await createFile(member, { name: 'Project file', projectId: project.id });
  const both = await createFile(owner, { name: 'Both', projectId: project.id, teamId: team.id });
  fails(await api(member, 'POST', '/api/files', { name: 'x', projectId: project.id, teamId: other.id }), 404, 'not_found', /team/);
  const otherProject = succeeds(await api(stranger, 'POST', '/api/projects', { name: 'P', teamId: other.id }), 201).project;
  fails(await api(stranger, 'POST', '/api/files', { name: 'x', projectId: otherProject.id, teamId: team.id }), 404, 'not_found', /team/);
  psql(`INSERT INTO vellum.team_members (team_id, user_id, role) VALUES ('${other.id}', '${member.id}', 'member')`);
  fails(await api(member, 'POST', '/api/files', { name: 'x', projectId: project.id, teamId: other.id }), 400, 'invalid_request', /"teamId"/);
  fails(await api(viewer, 'POST', '/api/files', { name: 'x', teamId: team.id }), 403, 'forbidden');
  fails(await api(viewer, 'POST', '/api/files', { name: 'x', projectId: project.id }), 403, 'forbidden');
  fails(await api(stranger, 'POST', '/api/files', { name: 'x', teamId: team.id }), 404, 'not_found', /team/);
  fails(await api(stranger, 'POST', '/api/files', { name: 'x', projectId: project.id }), 404, 'not_found', /project/);
  fails(await api(member, 'POST', '/api/files', { name: 'x', projectId: NO_SUCH_ID }), 404, 'not_found', /project/);

  // Team members see the team's files with their role's access.
  const ids = (files) => files.map((f) => f.id).sort();
  const viewerFiles = succeeds(await api(viewer, 'GET', '/api/files')).files;
  assert.deepEqual(ids(viewerFiles), [teamFile.id, projectFile.id, both.id].sort());
  assert.ok(viewerFiles.every((f) => f.access === 'view'));
  assert.equal(succeeds(await api(owner, 'GET', `/api/files/${projectFile.id}`)).file.access, 'admin');
  assert.equal(succeeds(await api(member, 'GET', `/api/files/${both.id}`)).file.access, 'edit');
  assert.deepEqual(ids(succeeds(await api(viewer, 'GET', `/api/files?teamId=${team.id}`)).files), ids(viewerFiles));
  assert.deepEqual(ids(succeeds(await api(viewer, 'GET', `/api/files?projectId=${project.id}`)).files), [projectFile.id, both.id].sort());
  assert.deepEqual(succeeds(await api(viewer, 'GET', `/api/files?teamId=${other.id}`)).files, []);
  assert.deepEqual(succeeds(await api(stranger, 'GET', `/api/files?teamId=${team.id}`)).files, []);
  fails(await api(stranger, 'GET', `/api/files/${teamFile.id}`), 404, 'not_found');
  fails(await api(viewer, 'PATCH', `/api/files/${teamFile.id}`, { name: 'x' }), 403, 'forbidden');
});

test('versions: list, save a named one, restore one', async () => {
  const { ada, ed, vic, eve, file } = await cast();
  assert.deepEqual(succeeds(await api(vic, 'GET', `/api/files/${file.id}/versions`)).versions, []);
  const create = op({ operationType: 'create', objectId: 'r1', newValue: { type: 'rectangle', x: 1, y: 1, width: 10, height: 10 } });
  psql(`SELECT vellum.apply_ops('${file.id}', '${JSON.stringify([create])}')`);

  const v1 = succeeds(await api(ed, 'POST', `/api/files/${file.id}/versions`, { name: 'First' }), 201).version;
  assert.deepEqual([v1.name, v1.versionNumber, v1.createdBy, v1.isAutoSave, v1.seq, v1.fileId], ['First', 1, ed.id, false, 1, file.id]);

  const move = op({ operationType: 'update', objectId: 'r1', propertyPath: 'x', newValue: 500 });
  psql(`SELECT vellum.apply_ops('${file.id}', '${JSON.stringify([move])}')`);
  const v2 = succeeds(await api(ada, 'POST', `/api/files/${file.id}/versions`, { name: 'Moved' }), 201).version;
  assert.equal(v2.versionNumber, 2);

  const versions = succeeds(await api(vic, 'GET', `/api/files/${file.id}/versions`)).versions;
  assert.deepEqual(versions.map((v) => [v.versionNumber, v.name]), [[2, 'Moved'], [1, 'First']]);
  assert.equal(versions[0].canvasData, undefined);

  fails(await api(vic, 'POST', `/api/files/${file.id}/versions`, { name: 'No' }), 403, 'forbidden');
  fails(await api(eve, 'POST', `/api/files/${file.id}/versions`, { name: 'No' }), 404, 'not_found');
  fails(await api(eve, 'GET', `/api/files/${file.id}/versions`), 404, 'not_found');
  fails(await api(ada, 'GET', `/api/files/${NO_SUCH_ID}/versions`), 404, 'not_found');
  fails(await api(ed, 'POST', `/api/files/${file.id}/versions`, {}), 400, 'invalid_request', /"name"/);
  fails(await api(ed, 'POST', `/api/files/${file.id}/versions`, { name: ' ' }), 400, 'invalid_request', /"name"/);

  // Restoring v1 brings x back, through ops a subscribed client receives.
  const watcher = new Client(gateway, vic);
  await watcher.open();
  watcher.send({ type: 'subscribe', payload: { fileId: file.id } });
  await watcher.next((m) => m.type === 'sync');
  const restored = succeeds(await api(ed, 'POST', `/api/files/${file.id}/versions/${v1.id}/restore`)).restored;
  assert.equal(restored.versionId, v1.id);
  assert.equal(restored.versionNumber, 1);
  assert.equal(restored.applied, 1);
  assert.equal(psql(`SELECT vellum.document('${file.id}') #>> '{objects,0,x}'`), '1');
  const seen = await watcher.next((m) => m.type === 'operation');
  assert.equal(seen.payload.operations[0].objectId, 'r1');
  assert.equal(seen.payload.operations[0].userId, ed.id);
  watcher.close();

  fails(await api(vic, 'POST', `/api/files/${file.id}/versions/${v1.id}/restore`), 403, 'forbidden');
  fails(await api(eve, 'POST', `/api/files/${file.id}/versions/${v1.id}/restore`), 404, 'not_found');
  fails(await api(ed, 'POST', `/api/files/${file.id}/versions/${NO_SUCH_ID}/restore`), 404, 'not_found', /version/);
  // A version of another file is not this file's.
  const mine = await createFile(ed, { name: 'Ed own' });
  fails(await api(ed, 'POST', `/api/files/${mine.id}/versions/${v1.id}/restore`), 404, 'not_found', /version/);

  // A file in the trash takes no versions until restored.
  succeeds(await api(ada, 'DELETE', `/api/files/${file.id}`));
  fails(await api(ed, 'POST', `/api/files/${file.id}/versions`, { name: 'Late' }), 409, 'conflict', /trash/);
  fails(await api(ed, 'POST', `/api/files/${file.id}/versions/${v1.id}/restore`), 409, 'conflict', /trash/);
  assert.equal(succeeds(await api(vic, 'GET', `/api/files/${file.id}/versions`)).versions.length, 2);
});

test('comments: pinned to objects and points, threads, replies, resolve, delete', async () => {
  const { ada, ed, vic, eve, file } = await cast();
  const post = (user, body, id = file.id) => api(user, 'POST', `/api/files/${id}/comments`, body);

  // A viewer may comment.
  const onObject = succeeds(await post(vic, { content: 'Bigger?', objectId: 'rect-1' }), 201).comment;
  assert.deepEqual(
    [onObject.content, onObject.objectId, onObject.x, onObject.y, onObject.userId, onObject.userName, onObject.resolved],
    ['Bigger?', 'rect-1', null, null, vic.id, 'Vic', false],
  );
  assert.deepEqual(onObject.replies, []);
  const onPoint = succeeds(await post(ed, { content: 'Here', x: 10.5, y: -3 }), 201).comment;
  assert.deepEqual([onPoint.x, onPoint.y, onPoint.objectId], [10.5, -3, null]);

  fails(await post(vic, { objectId: 'x' }), 400, 'invalid_request', /"content"/);
  fails(await post(vic, { content: '' }), 400, 'invalid_request', /"content"/);
  fails(await post(vic, { content: 'x'.repeat(10001) }), 400, 'invalid_request', /"content"/);
  fails(await post(vic, { content: 'x', x: 1 }), 400, 'invalid_request', /"y"/);
  fails(await post(vic, { content: 'x', y: 1 }), 400, 'invalid_request', /"x"/);
  fails(await post(vic, { content: 'x', x: 'left', y: 1 }), 400, 'invalid_request', /"x"/);
  fails(await post(vic, { content: 'x', objectId: 'o'.repeat(101) }), 400, 'invalid_request', /"objectId"/);
  fails(await post(vic, { content: 'x', objectId: 5 }), 400, 'invalid_request', /"objectId"/);
  fails(await post(eve, { content: 'x' }), 404, 'not_found');
  fails(await post(ada, { content: 'x' }, NO_SUCH_ID), 404, 'not_found');

  // Replies join the thread, a reply to a reply too.
  const reply = (user, id, body) => api(user, 'POST', `/api/comments/${id}/replies`, body);
  const r1 = succeeds(await reply(ada, onObject.id, { content: 'Yes' }), 201).comment;
  assert.equal(r1.parentId, onObject.id);
  const r2 = succeeds(await reply(vic, r1.id, { content: 'Done' }), 201).comment;
  assert.equal(r2.parentId, onObject.id);
  fails(await reply(eve, onObject.id, { content: 'x' }), 404, 'not_found');
  fails(await reply(ada, NO_SUCH_ID, { content: 'x' }), 404, 'not_found');
  fails(await reply(ada, onObject.id, {}), 400, 'invalid_request', /"content"/);

  const threads = succeeds(await api(vic, 'GET', `/api/files/${file.id}/comments`)).comments;
  assert.deepEqual(threads.map((t) => t.id), [onObject.id, onPoint.id]);
  assert.deepEqual(threads[0].replies.map((r) => [r.id, r.content]), [[r1.id, 'Yes'], [r2.id, 'Done']]);
  assert.deepEqual(threads[1].replies, []);
  fails(await api(eve, 'GET', `/api/files/${file.id}/comments`), 404, 'not_found');
  fails(await api(ada, 'GET', `/api/files/${NO_SUCH_ID}/comments`), 404, 'not_found');

  // Resolve: edit access or the author.
  const patch = (user, id, body) => api(user, 'PATCH', `/api/comments/${id}`, body);
  fails(await patch(vic, onPoint.id, { resolved: true }), 403, 'forbidden');
  assert.equal(succeeds(await patch(vic, onObject.id, { resolved: true })).comment.resolved, true);
  assert.equal(succeeds(await patch(ed, onObject.id, { resolved: false })).comment.resolved, false);
  assert.equal(succeeds(await patch(ed, onPoint.id, { resolved: true })).comment.resolved, true);
  fails(await patch(eve, onPoint.id, { resolved: false }), 404, 'not_found');
  fails(await patch(ed, NO_SUCH_ID, { resolved: false }), 404, 'not_found');
  fails(await patch(ed, onPoint.id, { resolved: 'yes' }), 400, 'invalid_request', /"resolved"/);
  fails(await patch(ed, onPoint.id, {}), 400, 'invalid_request', /"resolved"/);
  // Edit the text: the author only, whatever their access.
  const edited = succeeds(await patch(vic, onObject.id, { content: 'Looks off, line 2\nsee https://example.com' })).comment;
  assert.equal(edited.content, 'Looks off, line 2\nsee https://example.com');
  assert.equal(edited.resolved, false);
  assert.equal(psql(`SELECT content FROM vellum.comments WHERE id = '${onObject.id}'`), 'Looks off, line 2\nsee https://example.com');
  fails(await patch(ed, onObject.id, { content: 'Not mine to change' }), 403, 'forbidden', /author/);
  fails(await patch(ada, onObject.id, { content: 'Admins neither', resolved: true }), 403, 'forbidden', /author/);
  fails(await patch(vic, onObject.id, { content: '' }), 400, 'invalid_request', /"content"/);
  fails(await patch(vic, onObject.id, { content: 'x'.repeat(10001) }), 400, 'invalid_request', /"content"/);
  fails(await patch(vic, onObject.id, { content: 7 }), 400, 'invalid_request', /"content"/);
  assert.equal(psql(`SELECT content FROM vellum.comments WHERE id = '${onObject.id}'`), 'Looks off, line 2\nsee https://example.com');

  // Delete: the author or an admin of the file.
  const del = (user, id) => api(user, 'DELETE', `/api/comments/${id}`);
  fails(await del(ed, r1.id), 403, 'forbidden');
  fails(await del(vic, r1.id), 403, 'forbidden');
  fails(await del(eve, r1.id), 404, 'not_found');
  fails(await del(ed, NO_SUCH_ID), 404, 'not_found');
  assert.deepEqual(succeeds(await del(vic, r2.id)), { deleted: true, id: r2.id });
  succeeds(await del(ed, onPoint.id));
  // An admin deletes anyone's comment; its replies go with it.
  succeeds(await del(ada, onObject.id));
  assert.deepEqual(succeeds(await api(vic, 'GET', `/api/files/${file.id}/comments`)).comments, []);
  assert.equal(psql(`SELECT count(*) FROM vellum.comments WHERE file_id = '${file.id}'`), '0');

  // A file in the trash takes no comments.
  succeeds(await api(ada, 'DELETE', `/api/files/${file.id}`));
  fails(await post(vic, { content: 'late' }), 409, 'conflict', /trash/);
});

test('file permissions: list, invite, change, revoke; only admins', async () => {
  const { ada, ed, vic, eve, file } = await cast();
  const list = succeeds(await api(ada, 'GET', `/api/files/${file.id}/permissions`)).permissions;
  assert.deepEqual(list.map((p) => [p.userId, p.permission]).sort(), [[ed.id, 'edit'], [vic.id, 'view']].sort());
  fails(await api(ed, 'GET', `/api/files/${file.id}/permissions`), 403, 'forbidden');
  fails(await api(vic, 'GET', `/api/files/${file.id}/permissions`), 403, 'forbidden');
  fails(await api(eve, 'GET', `/api/files/${file.id}/permissions`), 404, 'not_found');
  fails(await api(ada, 'GET', `/api/files/${NO_SUCH_ID}/permissions`), 404, 'not_found');

  const invite = (user, body, id = file.id) => api(user, 'PUT', `/api/files/${id}/permissions`, body);
  const accepted = await joinFile(ada, file.id, eve, 'view');
  assert.deepEqual([accepted.file.id, accepted.file.name, accepted.file.access], [file.id, 'Shared', 'view']);
  assert.equal(succeeds(await api(eve, 'GET', `/api/files/${file.id}`)).file.access, 'view');
  fails(await api(eve, 'PATCH', `/api/files/${file.id}`, { name: 'x' }), 403, 'forbidden');

  // Changing a grant goes by user id: the admin sees them in the list.
  const change = (user, userId, body, id = file.id) => api(user, 'PUT', `/api/files/${id}/permissions/${userId}`, body);
  const changed = succeeds(await change(ada, eve.id, { permission: 'edit' })).permission;
  assert.deepEqual([changed.userId, changed.email, changed.permission, changed.fileId], [eve.id, eve.email, 'edit', file.id]);
  succeeds(await api(eve, 'PATCH', `/api/files/${file.id}`, { name: 'By Eve' }));
  // An admin grant makes another admin.
  succeeds(await change(ada, ed.id, { permission: 'admin' }));
  succeeds(await api(ed, 'GET', `/api/files/${file.id}/permissions`));
  fails(await change(vic, eve.id, { permission: 'admin' }), 403, 'forbidden');
  fails(await change(ada, eve.id, { permission: 'owner' }), 400, 'invalid_request', /"permission" must be view, edit or admin/);
  fails(await change(ada, eve.id, {}), 400, 'invalid_request', /"permission" is required/);
  fails(await change(ada, ada.id, { permission: 'view' }), 404, 'not_found', /no permission/);
  fails(await change(ada, NO_SUCH_ID, { permission: 'view' }), 404, 'not_found', /no permission/);
  fails(await change(eve, vic.id, { permission: 'view' }, NO_SUCH_ID), 404, 'not_found');
  fails(await api(ada, 'PUT', `/api/files/${file.id}/permissions/nope`, { permission: 'view' }), 400, 'invalid_request', /"userId"/);

  fails(await invite(vic, { email: eve.email, permission: 'admin' }), 403, 'forbidden', /admin access/);
  fails(await invite(eve, { email: vic.email, permission: 'view' }), 403, 'forbidden');
  fails(await invite(ada, { email: eve.email, permission: 'owner' }), 400, 'invalid_request', /"permission" must be view, edit or admin/);
  fails(await invite(ada, { permission: 'view' }), 400, 'invalid_request', /"email"/);
  fails(await invite(ada, { email: 'nobody@', permission: 'view' }), 400, 'invalid_request', /"email" must be an email address/);
  fails(await invite(ada, { email: eve.email, permission: 'view' }, NO_SUCH_ID), 404, 'not_found');
  fails(await invite(ada, '[]'), 400, 'invalid_request', /JSON object/);

  // Revoking tells a subscribed client at once.
  const eveClient = new Client(gateway, eve);
  await eveClient.open();
  eveClient.send({ type: 'subscribe', payload: { fileId: file.id } });
  await eveClient.next((m) => m.type === 'sync');
  const del = (user, userId, id = file.id) => api(user, 'DELETE', `/api/files/${id}/permissions/${userId}`);
  fails(await del(vic, eve.id), 403, 'forbidden');
  assert.deepEqual(succeeds(await del(ada, eve.id)).revoked, { fileId: file.id, userId: eve.id });
  const gone = await eveClient.next((m) => m.type === 'unsubscribed');
  assert.equal(gone.payload.fileId, file.id);
  eveClient.close();
  fails(await api(eve, 'GET', `/api/files/${file.id}`), 404, 'not_found');
  fails(await del(ada, eve.id), 404, 'not_found', /no permission/);
  fails(await del(eve, vic.id), 404, 'not_found');
  fails(await del(ada, vic.id, NO_SUCH_ID), 404, 'not_found');
  assert.deepEqual(
    succeeds(await api(ada, 'GET', `/api/files/${file.id}/permissions`)).permissions.map((p) => [p.userId, p.permission]).sort(),
    [[ed.id, 'admin'], [vic.id, 'view']].sort(),
  );

  // A file in the trash takes no invitations and no changes until restored.
  succeeds(await api(ada, 'DELETE', `/api/files/${file.id}`));
  fails(await invite(ada, { email: eve.email, permission: 'view' }), 409, 'conflict', /trash/);
  fails(await change(ada, vic.id, { permission: 'edit' }), 409, 'conflict', /trash/);
});

// The share dialog names the owner and the team of a file to everyone who
// may open it, even to a collaborator outside the team.
test('a file names its owner and its team', async () => {
  const { ada, vic, eve, file } = await cast();
  const got = succeeds(await api(vic, 'GET', `/api/files/${file.id}`)).file;
  assert.deepEqual([got.owner, got.team, got.access], [{ id: ada.id, name: 'Ada' }, null, 'view']);

  const team = succeeds(await api(ada, 'POST', '/api/teams', { name: 'Studio' }), 201).team;
  const project = succeeds(await api(ada, 'POST', '/api/projects', { name: 'Web', teamId: team.id }), 201).project;
  const inProject = await createFile(ada, { name: 'Poster', projectId: project.id });
  grant(inProject.id, vic.id, 'view');
  assert.deepEqual(succeeds(await api(vic, 'GET', `/api/files/${inProject.id}`)).file.team, { id: team.id, name: 'Studio' });
  fails(await api(vic, 'GET', `/api/teams/${team.id}/members`), 404, 'not_found');
  fails(await api(eve, 'GET', `/api/files/${inProject.id}`), 404, 'not_found');

  // An owner whose account is gone leaves the file ownerless.
  const gone = await register(gateway, 'Gone');
  const orphan = await createFile(gone, { name: 'Orphan' });
  grant(orphan.id, vic.id, 'edit');
  psql(`DELETE FROM vellum.users WHERE id = '${gone.id}'`);
  assert.equal(succeeds(await api(vic, 'GET', `/api/files/${orphan.id}`)).file.owner, null);
});

test('a site admin sees every file', async () => {
  const [ada, root] = await Promise.all(['Ada', 'Root'].map((n) => register(gateway, n)));
  const file = await createFile(ada);
  psql(`UPDATE vellum.users SET role = 'admin' WHERE id = '${root.id}'`);
  assert.equal(succeeds(await api(root, 'GET', `/api/files/${file.id}`)).file.access, 'admin');
  assert.ok(succeeds(await api(root, 'GET', '/api/files')).files.some((f) => f.id === file.id));
});

// Invitations -----------------------------------------------------------------

// Signs up with a chosen email (harness.register picks one).
async function registerAs(email, name) {
  const res = await fetch(`${gateway.base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name, password: 'correct horse battery' }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return { ...(await res.json()).user, cookie: res.headers.get('set-cookie').split(';')[0] };
}

// An invitation's answer with what must differ (its id, date and email) blanked.
function blanked(res) {
  assert.equal(res.status, 202, res.text);
  const { id, createdAt, email } = res.body.invitation;
  return { type: res.headers.get('content-type'), text: res.text.replace(id, 'ID').replace(createdAt, 'DATE').replace(email, 'EMAIL') };
}

test('inviting answers the same whether the email has an account, has none, or is already in', async () => {
  const [owner, member, known] = await Promise.all(['Olive', 'Mia', 'Kim'].map((n) => register(gateway, n)));
  const team = succeeds(await api(owner, 'POST', '/api/teams', { name: 'Studio' }), 201).team;
  await joinTeam(owner, team.id, member, 'member');
  const nobody = uniqueEmail('nobody');
  const emails = [known.email, nobody, member.email, owner.email];
  const teamAnswers = [];
  for (const email of emails)
    teamAnswers.push(await api(owner, 'POST', `/api/teams/${team.id}/members`, { email, role: 'member' }));
  const first = blanked(teamAnswers[0]);
  for (const res of teamAnswers) assert.deepEqual(blanked(res), first);
  // Nothing in the answer about an account: no user id, no name.
  assert.deepEqual(Object.keys(teamAnswers[0].body.invitation).sort(), ['createdAt', 'email', 'id', 'role', 'teamId']);
  assert.equal(teamAnswers[0].body.invitation.teamId, team.id);
  assert.doesNotMatch(teamAnswers[0].text, new RegExp(`${known.id}|Kim`));
  // Every one is a pending invitation; nobody joined by being invited.
  const pending = succeeds(await api(owner, 'GET', `/api/teams/${team.id}/invitations`)).invitations;
  assert.deepEqual(pending.map((i) => i.email).sort(), [...emails].sort());
  assert.ok(pending.every((i) => i.role === 'member' && i.invitedBy.id === owner.id && i.invitedBy.name === 'Olive'));
  assert.equal(succeeds(await api(owner, 'GET', `/api/teams/${team.id}/members`)).members.length, 2);

  // Files: a grantee, an account without access, an email without an account.
  const { ada, ed, eve, file } = await cast();
  const fileAnswers = [];
  for (const email of [ed.email, eve.email, uniqueEmail('nobody')])
    fileAnswers.push(await api(ada, 'PUT', `/api/files/${file.id}/permissions`, { email, permission: 'edit' }));
  const one = blanked(fileAnswers[0]);
  for (const res of fileAnswers) assert.deepEqual(blanked(res), one);
  assert.deepEqual(Object.keys(fileAnswers[0].body.invitation).sort(), ['createdAt', 'email', 'fileId', 'id', 'permission']);
  assert.equal(succeeds(await api(ada, 'GET', `/api/files/${file.id}/invitations`)).invitations.length, 3);
  fails(await api(eve, 'GET', `/api/files/${file.id}`), 404, 'not_found');

  // Inviting again replaces the invitation (one per email), with the new role.
  const again = succeeds(await api(owner, 'POST', `/api/teams/${team.id}/members`, { email: nobody.toUpperCase(), role: 'viewer' }), 202);
  assert.equal(again.invitation.id, teamAnswers[1].body.invitation.id);
  assert.equal(again.invitation.role, 'viewer');
  assert.equal(psql(`SELECT count(*) || ' ' || min(role) FROM vellum.invitations WHERE email = '${nobody}'`), '1 viewer');
});

test('invitations: the invitee lists and accepts, and joins the team', async () => {
  const [owner, admin, mia, sam] = await Promise.all(['Olive', 'Adam', 'Mia', 'Sam'].map((n) => register(gateway, n)));
  const team = succeeds(await api(owner, 'POST', '/api/teams', { name: 'Studio' }), 201).team;
  await joinTeam(owner, team.id, admin, 'admin');
  const teamFile = await createFile(owner, { name: 'Team file', teamId: team.id });
  const invitation = succeeds(await api(admin, 'POST', `/api/teams/${team.id}/members`, { email: mia.email, role: 'member' }), 202).invitation;

  const mine = succeeds(await api(mia, 'GET', '/api/invitations')).invitations;
  assert.deepEqual(mine, [
    { ...invitation, teamName: 'Studio', invitedBy: { id: admin.id, name: 'Adam' } },
  ]);
  assert.deepEqual(succeeds(await api(sam, 'GET', '/api/invitations')).invitations, []);
  // Not before accepting.
  fails(await api(mia, 'GET', `/api/teams/${team.id}/members`), 404, 'not_found');
  fails(await api(mia, 'GET', `/api/files/${teamFile.id}`), 404, 'not_found');

  // Someone else's invitation is a missing one to anyone but its addressee.
  const foreign = await api(sam, 'POST', `/api/invitations/${invitation.id}/accept`);
  const missing = await api(sam, 'POST', `/api/invitations/${NO_SUCH_ID}/accept`);
  fails(foreign, 404, 'not_found', /does not exist or is not addressed to you/);
  assert.equal(foreign.text.replace(invitation.id, 'ID'), missing.text.replace(NO_SUCH_ID, 'ID'));
  fails(await api(sam, 'DELETE', `/api/invitations/${invitation.id}`), 404, 'not_found');
  // Nor does an admin accept it for the invitee.
  fails(await api(admin, 'POST', `/api/invitations/${invitation.id}/accept`), 404, 'not_found');

  const accepted = succeeds(await api(mia, 'POST', `/api/invitations/${invitation.id}/accept`)).accepted;
  assert.equal(accepted.invitationId, invitation.id);
  assert.deepEqual([accepted.team.id, accepted.team.name, accepted.team.role], [team.id, 'Studio', 'member']);
  fails(await api(mia, 'POST', `/api/invitations/${invitation.id}/accept`), 404, 'not_found');
  assert.deepEqual(succeeds(await api(mia, 'GET', '/api/invitations')).invitations, []);
  assert.deepEqual(succeeds(await api(admin, 'GET', `/api/teams/${team.id}/invitations`)).invitations, []);
  assert.deepEqual(succeeds(await api(mia, 'GET', '/api/teams')).teams.map((t) => [t.id, t.role]), [[team.id, 'member']]);
  const members = succeeds(await api(owner, 'GET', `/api/teams/${team.id}/members`)).members;
  assert.deepEqual(members.find((m) => m.userId === mia.id).role, 'member');
  assert.equal(succeeds(await api(mia, 'GET', `/api/files/${teamFile.id}`)).file.access, 'edit');

  // Only owners and admins see a team's invitations.
  succeeds(await api(owner, 'POST', `/api/teams/${team.id}/members`, { email: sam.email, role: 'viewer' }), 202);
  fails(await api(mia, 'GET', `/api/teams/${team.id}/invitations`), 403, 'forbidden', /owner or admin/);
  fails(await api(sam, 'GET', `/api/teams/${team.id}/invitations`), 404, 'not_found');
  fails(await api(owner, 'GET', `/api/teams/${NO_SUCH_ID}/invitations`), 404, 'not_found');
  assert.equal(succeeds(await api(admin, 'GET', `/api/teams/${team.id}/invitations`)).invitations.length, 1);
});

test('invitations: an email without an account is invited, signs up, and accepts', async () => {
  const ada = await register(gateway, 'Ada');
  const file = await createFile(ada, { name: 'Poster' });
  const email = uniqueEmail('newcomer');
  const invitation = succeeds(await api(ada, 'PUT', `/api/files/${file.id}/permissions`, { email, permission: 'edit' }), 202).invitation;
  assert.deepEqual([invitation.email, invitation.permission, invitation.fileId], [email, 'edit', file.id]);

  const newcomer = await registerAs(email.toUpperCase(), 'Newcomer');
  const mine = succeeds(await api(newcomer, 'GET', '/api/invitations')).invitations;
  assert.deepEqual(mine, [{ ...invitation, fileName: 'Poster', invitedBy: { id: ada.id, name: 'Ada' } }]);
  const accepted = succeeds(await api(newcomer, 'POST', `/api/invitations/${invitation.id}/accept`)).accepted;
  assert.deepEqual([accepted.file.id, accepted.file.name, accepted.file.access], [file.id, 'Poster', 'edit']);
  assert.equal(succeeds(await api(newcomer, 'GET', `/api/files/${file.id}`)).file.access, 'edit');
  const grants = succeeds(await api(ada, 'GET', `/api/files/${file.id}/permissions`)).permissions;
  assert.deepEqual(grants.map((p) => [p.userId, p.permission]), [[newcomer.id, 'edit']]);
  assert.deepEqual(succeeds(await api(ada, 'GET', `/api/files/${file.id}/invitations`)).invitations, []);
});

test('invitations: accepting never lowers a role, and may raise one', async () => {
  const [owner, admin, member] = await Promise.all(['Olive', 'Adam', 'Mia'].map((n) => register(gateway, n)));
  const team = succeeds(await api(owner, 'POST', '/api/teams', { name: 'Studio' }), 201).team;
  await joinTeam(owner, team.id, admin, 'admin');
  await joinTeam(owner, team.id, member, 'member');
  assert.equal((await joinTeam(owner, team.id, admin, 'viewer')).team.role, 'admin');
  assert.equal((await joinTeam(admin, team.id, owner, 'viewer')).team.role, 'owner');
  assert.equal((await joinTeam(owner, team.id, member, 'admin')).team.role, 'admin');
  assert.equal(
    psql(`SELECT string_agg(role, ',' ORDER BY role) FROM vellum.team_members WHERE team_id = '${team.id}'`),
    'admin,admin,owner',
  );

  const { ada, ed, vic, file } = await cast();
  assert.equal((await joinFile(ada, file.id, ed, 'view')).file.access, 'edit');
  assert.equal((await joinFile(ada, file.id, vic, 'admin')).file.access, 'admin');
  assert.equal((await joinFile(ada, file.id, ada, 'view')).file.access, 'admin');
  assert.equal(succeeds(await api(ed, 'GET', `/api/files/${file.id}`)).file.access, 'edit');
  assert.equal(succeeds(await api(vic, 'GET', `/api/files/${file.id}`)).file.access, 'admin');
});

test('invitations: accepting reaches the invitee\'s open WebSocket', async () => {
  const { ada, vic, file } = await cast();
  const { client, sync } = await subscribed(gateway, vic, file.id);
  assert.equal(sync.payload.access, 'view');
  const invitation = succeeds(await api(ada, 'PUT', `/api/files/${file.id}/permissions`, { email: vic.email, permission: 'edit' }), 202).invitation;
  succeeds(await api(vic, 'POST', `/api/invitations/${invitation.id}/accept`));
  const changed = await client.next((m) => m.type === 'access');
  assert.equal(changed.payload.access, 'edit');
  client.close();
});

test('invitations: two accepts at once join once', async () => {
  const [owner, mia] = await Promise.all(['Olive', 'Mia'].map((n) => register(gateway, n)));
  const team = succeeds(await api(owner, 'POST', '/api/teams', { name: 'Race' }), 201).team;
  const { invitation } = succeeds(await api(owner, 'POST', `/api/teams/${team.id}/members`, { email: mia.email, role: 'member' }), 202);
  const answers = await Promise.all([1, 2].map(() => api(mia, 'POST', `/api/invitations/${invitation.id}/accept`)));
  assert.deepEqual(answers.map((a) => a.status).sort(), [200, 404], answers.map((a) => a.text).join('\n'));
  assert.equal(psql(`SELECT count(*) FROM vellum.team_members WHERE team_id = '${team.id}' AND user_id = '${mia.id}'`), '1');
});

test('invitations: the invitee declines; team owners and admins and file admins cancel', async () => {
  const [owner, admin, member, mia] = await Promise.all(['Olive', 'Adam', 'Mia', 'Moe'].map((n) => register(gateway, n)));
  const team = succeeds(await api(owner, 'POST', '/api/teams', { name: 'Studio' }), 201).team;
  await joinTeam(owner, team.id, admin, 'admin');
  await joinTeam(owner, team.id, member, 'member');
  const inviteTeam = async () =>
    succeeds(await api(owner, 'POST', `/api/teams/${team.id}/members`, { email: mia.email, role: 'member' }), 202).invitation;
  const del = (user, id) => api(user, 'DELETE', `/api/invitations/${id}`);

  // Declined by the invitee: gone, and cannot be accepted.
  let invitation = await inviteTeam();
  assert.deepEqual(succeeds(await del(mia, invitation.id)), { deleted: true, id: invitation.id });
  fails(await api(mia, 'POST', `/api/invitations/${invitation.id}/accept`), 404, 'not_found');
  fails(await del(mia, invitation.id), 404, 'not_found', /does not exist/);
  assert.deepEqual(succeeds(await api(mia, 'GET', '/api/invitations')).invitations, []);

  // Cancelled by an admin of the team; a plain member cannot.
  invitation = await inviteTeam();
  fails(await del(member, invitation.id), 404, 'not_found');
  succeeds(await del(admin, invitation.id));
  fails(await api(mia, 'POST', `/api/invitations/${invitation.id}/accept`), 404, 'not_found');
  fails(await api(mia, 'GET', `/api/teams/${team.id}/members`), 404, 'not_found');
  fails(await del(owner, NO_SUCH_ID), 404, 'not_found');

  // Files: an admin cancels, an editor cannot.
  const { ada, ed, file } = await cast();
  const { invitation: toFile } = succeeds(await api(ada, 'PUT', `/api/files/${file.id}/permissions`, { email: mia.email, permission: 'view' }), 202);
  fails(await del(ed, toFile.id), 404, 'not_found');
  fails(await api(ed, 'GET', `/api/files/${file.id}/invitations`), 403, 'forbidden', /admin access/);
  fails(await api(mia, 'GET', `/api/files/${file.id}/invitations`), 404, 'not_found');
  fails(await api(ada, 'GET', `/api/files/${NO_SUCH_ID}/invitations`), 404, 'not_found');
  succeeds(await del(ada, toFile.id));
  assert.deepEqual(succeeds(await api(ada, 'GET', `/api/files/${file.id}/invitations`)).invitations, []);
  fails(await api(mia, 'POST', `/api/invitations/${toFile.id}/accept`), 404, 'not_found');
  fails(await api(mia, 'GET', `/api/files/${file.id}`), 404, 'not_found');
});

test('teams: changing a member\'s role by user id', async () => {
  const [owner, admin, member, viewer, stranger] = await Promise.all(
    ['Olive', 'Adam', 'Mia', 'Vera', 'Sam'].map((n) => register(gateway, n)),
  );
  const team = succeeds(await api(owner, 'POST', '/api/teams', { name: 'Studio' }), 201).team;
  for (const [user, role] of [[admin, 'admin'], [member, 'member'], [viewer, 'viewer']]) await joinTeam(owner, team.id, user, role);
  const patch = (by, user, role) => api(by, 'PATCH', `/api/teams/${team.id}/members/${user.id}`, { role });

  const changed = succeeds(await patch(admin, viewer, 'member')).member;
  assert.deepEqual([changed.teamId, changed.userId, changed.email, changed.role], [team.id, viewer.id, viewer.email, 'member']);
  assert.equal(succeeds(await api(viewer, 'GET', '/api/teams')).teams[0].role, 'member');
  fails(await patch(member, viewer, 'viewer'), 403, 'forbidden', /owner or admin/);
  fails(await patch(member, member, 'admin'), 403, 'forbidden');
  fails(await patch(stranger, member, 'viewer'), 404, 'not_found', /team/);
  fails(await patch(owner, stranger, 'viewer'), 404, 'not_found', /not a member/);
  fails(await api(owner, 'PATCH', `/api/teams/${NO_SUCH_ID}/members/${member.id}`, { role: 'viewer' }), 404, 'not_found');
  fails(await patch(admin, owner, 'admin'), 403, 'forbidden', /only an owner/);
  fails(await patch(admin, member, 'owner'), 403, 'forbidden', /only an owner/);
  fails(await patch(owner, member, 'boss'), 400, 'invalid_request', /"role" must be owner, admin, member or viewer/);
  fails(await api(owner, 'PATCH', `/api/teams/${team.id}/members/${member.id}`, {}), 400, 'invalid_request', /"role" is required/);
  fails(await patch(owner, owner, 'admin'), 409, 'conflict', /last owner/);

  // An owner makes another owner, and may then step down.
  assert.equal(succeeds(await patch(owner, admin, 'owner')).member.role, 'owner');
  assert.equal(succeeds(await patch(owner, owner, 'member')).member.role, 'member');
  fails(await patch(admin, admin, 'admin'), 409, 'conflict', /last owner/);
  assert.equal(
    psql(`SELECT string_agg(role, ',' ORDER BY role) FROM vellum.team_members WHERE team_id = '${team.id}'`),
    'member,member,member,owner',
  );
});
