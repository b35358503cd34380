// Every REST list is paginated: `limit` bounds the items of an answer, a
// `nextCursor` (absent on the last page) continues with `cursor=`, and the
// pages together hold every item once, in the list's order. A bad limit or
// cursor is a 400 naming it. (Files and versions have their own tests.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { psql, register, sharedGateways } from './harness.mjs';
import { fails, restCall, succeeds } from './rest-client.mjs';

const gateways = sharedGateways(1);

const api = (user, method, path, body) => restCall(gateways[0].base, user, method, path, body);
const withQuery = (path, query) => `${path}${path.includes('?') ? '&' : '?'}${query}`;

// Reads a list two items at a time; returns the ids in page order.
async function pagesOf(user, path, list, idOf = (item) => item.id) {
  const ids = [];
  let cursor;
  for (let i = 0; i < 20; i++) {
    const page = succeeds(await api(user, 'GET', withQuery(path, `limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)));
    assert.ok(Array.isArray(page[list]), JSON.stringify(page));
    assert.ok(page[list].length <= 2);
    ids.push(...page[list].map(idOf));
    if (!page.nextCursor) return ids;
    assert.equal(page[list].length, 2, 'a page before the last is full');
    cursor = page.nextCursor;
  }
  throw new Error('more than 20 pages');
}

async function checkList(user, path, list, expected, idOf) {
  const all = succeeds(await api(user, 'GET', path));
  assert.equal(all.nextCursor, undefined, `${path}: one page holds them all by default`);
  assert.deepEqual(all[list].map(idOf ?? ((x) => x.id)), expected, `${path}: the whole list`);
  assert.deepEqual(await pagesOf(user, path, list, idOf), expected, `${path}: the same list two at a time`);
  fails(await api(user, 'GET', withQuery(path, 'limit=0')), 400, 'invalid_request', /"limit"/);
  fails(await api(user, 'GET', withQuery(path, 'limit=201')), 400, 'invalid_request', /"limit"/);
  fails(await api(user, 'GET', withQuery(path, 'limit=two')), 400, 'invalid_request', /"limit"/);
  fails(await api(user, 'GET', withQuery(path, 'cursor=12~not-a-uuid')), 400, 'invalid_request', /"cursor"/);
  fails(await api(user, 'GET', withQuery(path, "cursor=1'%3B--~00000000-0000-4000-8000-000000000000")), 400, 'invalid_request', /"cursor"/);
}

test('teams, members, projects, permissions, invitations and comments come a page at a time', async () => {
  const [ada, ...others] = await Promise.all(['Ada', 'Bob', 'Cy', 'Di', 'Ed', 'Flo'].map((n) => register(gateways[0], n)));
  const teams = [];
  for (const name of ['One', 'Two', 'Three', 'Four', 'Five']) teams.push(succeeds(await api(ada, 'POST', '/api/teams', { name }), 201).team);
  await checkList(ada, '/api/teams', 'teams', teams.map((t) => t.id)); // oldest first

  const team = teams[0];
  for (const [i, u] of others.entries())
    psql(`INSERT INTO vellum.team_members (team_id, user_id, role, joined_at) VALUES ('${team.id}', '${u.id}', 'member', now() + interval '${i + 1} s')`);
  await checkList(ada, `/api/teams/${team.id}/members`, 'members', [ada, ...others].map((u) => u.id), (m) => m.userId ?? m.id);

  const projects = [];
  for (const name of ['Web', 'Print', 'Video']) projects.push(succeeds(await api(ada, 'POST', '/api/projects', { name, teamId: team.id }), 201).project);
  await checkList(ada, `/api/projects?teamId=${team.id}`, 'projects', projects.map((p) => p.id));

  const file = succeeds(await api(ada, 'POST', '/api/files', { name: 'Paged' }), 201).file;
  for (const [i, u] of others.entries())
    psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission, granted_at) VALUES ('${file.id}', '${u.id}', 'view', now() + interval '${i + 1} s')`);
  await checkList(ada, `/api/files/${file.id}/permissions`, 'permissions', others.map((u) => u.id), (p) => p.userId);

  for (const n of [1, 2, 3]) succeeds(await api(ada, 'PUT', `/api/files/${file.id}/permissions`, { email: `guest${n}-${Date.now()}@example.com`, permission: 'view' }), 202);
  const fileInvites = psql(`SELECT string_agg(id::text, ' ' ORDER BY created_at, id) FROM vellum.invitations WHERE file_id = '${file.id}'`).split(' ');
  await checkList(ada, `/api/files/${file.id}/invitations`, 'invitations', fileInvites);
  for (const n of [1, 2, 3]) succeeds(await api(ada, 'POST', `/api/teams/${team.id}/members`, { email: `member${n}-${Date.now()}@example.com`, role: 'member' }), 202);
  const teamInvites = psql(`SELECT string_agg(id::text, ' ' ORDER BY created_at, id) FROM vellum.invitations WHERE team_id = '${team.id}'`).split(' ');
  await checkList(ada, `/api/teams/${team.id}/invitations`, 'invitations', teamInvites);

  // Bob's own invitations: newest first.
  for (const t of teams.slice(1, 4)) succeeds(await api(ada, 'POST', `/api/teams/${t.id}/members`, { email: others[0].email, role: 'member' }), 202);
  const mine = psql(`SELECT string_agg(id::text, ' ' ORDER BY created_at DESC, id) FROM vellum.invitations WHERE email = '${others[0].email}'`).split(' ');
  await checkList(others[0], '/api/invitations', 'invitations', mine);

  // Threads oldest first, each with all its replies.
  const roots = [];
  for (const content of ['First', 'Second', 'Third']) roots.push(succeeds(await api(ada, 'POST', `/api/files/${file.id}/comments`, { content, x: 1, y: 2 }), 201).comment.id);
  succeeds(await api(ada, 'POST', `/api/comments/${roots[0]}/replies`, { content: 'A reply' }), 201);
  await checkList(ada, `/api/files/${file.id}/comments`, 'comments', roots);
  const first = succeeds(await api(ada, 'GET', `/api/files/${file.id}/comments?limit=1`));
  assert.equal(first.comments[0].replies.length, 1);
});
