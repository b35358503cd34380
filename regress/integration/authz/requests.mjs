// How the authorization matrix (matrix.json) is exercised: the callers (one
// user each, with a session made in SQL), the fresh fixture ("world") every
// cell runs against, and for every row the realistic request it makes and the
// rows of PostgreSQL it may change.
//
// A recipe is { request(world, caller, login, callers) -> {method, path,
// body?, contentType?}; snapshot?(world, caller, login, callers) -> SQL whose
// output an allowed call changes and a denied one must leave as it was;
// changes?(caller) -> whether an allowed call by that caller changes it
// (default: yes); hiddenFrom?: callers whose allowed answer must still show
// nothing of the world (lists); world?: options of the fixture;
// freshSession?: the call ends the caller's session, so it gets one of its
// own }. A WebSocket row has ws: 'upgrade', or 'async' | 'sync' (whether the
// reply waits for the database) with message(world), sent after a subscribe
// to the world's file unless subscribeFirst is false.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import fs from 'node:fs';

import { database } from '../gateway/harness.mjs';

export const matrix = JSON.parse(fs.readFileSync(new URL('./matrix.json', import.meta.url), 'utf8'));

// One psql session for the whole suite (a psql process per statement costs
// about a second on a loaded machine): sql(script) runs statements and
// resolves with their output, or rejects with psql's error.
let session = null;
let queue = Promise.resolve();
function startSession() {
  const child = spawn('psql', ['-X', '-Atq', '-d', database], { stdio: ['pipe', 'pipe', 'pipe'] });
  const s = { child, out: '', err: '', waiting: null };
  const check = () => {
    if (!s.waiting || !s.out.includes(`${s.waiting.marker}\n`) || !s.err.includes(`${s.waiting.marker}\n`)) return;
    const out = s.out.slice(0, s.out.indexOf(`${s.waiting.marker}\n`)).trim();
    const err = s.err.slice(0, s.err.indexOf(`${s.waiting.marker}\n`)).trim();
    s.out = s.out.slice(s.out.indexOf(`${s.waiting.marker}\n`) + s.waiting.marker.length + 1);
    s.err = s.err.slice(s.err.indexOf(`${s.waiting.marker}\n`) + s.waiting.marker.length + 1);
    const { resolve, reject, script } = s.waiting;
    s.waiting = null;
    if (err) reject(new Error(`psql: ${err}\nin: ${script.slice(0, 2000)}`));
    else resolve(out);
  };
  child.stdout.on('data', (d) => { s.out += d; check(); });
  child.stderr.on('data', (d) => { s.err += d; check(); });
  child.unref();
  child.stdin.on('error', () => {});
  return s;
}

export function sql(script) {
  const run = () => new Promise((resolve, reject) => {
    session ??= startSession();
    const marker = `__authz_${randomBytes(8).toString('hex')}__`;
    session.waiting = { marker, resolve, reject, script };
    session.child.stdin.write(`${script}\n;\n\\echo ${marker}\n\\warn ${marker}\n`);
  });
  const result = queue.then(run, run);
  queue = result.catch(() => {});
  return result;
}

export function endSql() {
  if (session) session.child.stdin.end();
  session = null;
}

const quote = (text) => `'${String(text).replaceAll("'", "''")}'`;

// A PNG that sniffs as one, made unique by bytes after its end, so that each
// upload is new content (an upload of content already there changes nothing).
const pngBase = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
export const uniquePng = () => Buffer.concat([pngBase, randomBytes(8)]);

// The callers of matrix.json's columns that are users (all but anonymous and
// forged), and `target`, the member and grantee that calls on members and
// permissions act on. Made once per suite, in SQL; each gets a session.
const userCallers = ['expired', 'stranger', 'file_viewer', 'file_editor', 'file_admin', 'owner', 'team_viewer',
  'team_member', 'team_admin', 'site_admin', 'target'];

export async function newSession(userId, expired = false) {
  const token = randomBytes(32).toString('hex');
  await sql(`INSERT INTO vellum.sessions (token_hash, user_id, expires_at)
              VALUES (sha256(convert_to(${quote(token)}, 'UTF8')), ${quote(userId)},
                      now() + interval ${expired ? "'-1 minute'" : "'1 day'"});`);
  return token;
}

export async function makeCallers() {
  const run = randomBytes(4).toString('hex');
  const callers = { anonymous: { name: 'anonymous', cookie: null }, forged: { name: 'forged' } };
  callers.forged.token = randomBytes(32).toString('hex');
  callers.forged.cookie = `vellum_session=${callers.forged.token}`;
  for (const name of userCallers) {
    const id = randomUUID();
    const email = `authz-${name.replace('_', '-')}-${run}@example.com`;
    await sql(`INSERT INTO vellum.users (id, email, name, role) VALUES (${quote(id)}, ${quote(email)},
                ${quote(`Authz ${name}`)}, ${name === 'site_admin' ? "'admin'" : "'user'"});`);
    const token = await newSession(id, name === 'expired');
    callers[name] = { name, id, email, token, cookie: `vellum_session=${token}` };
  }
  return callers;
}

// A fresh world for one cell: every name in it carries `tag`, and
// world.secrets lists what no denied answer may show.
export async function makeWorld(callers, { trashed = false } = {}) {
  const tag = randomBytes(6).toString('hex');
  const w = {
    tag,
    team: randomUUID(), project: randomUUID(), file: randomUUID(), comment: randomUUID(), reply: randomUUID(),
    version: randomUUID(), fileInvitation: randomUUID(), teamInvitation: randomUUID(),
    fileName: `file-secret-${tag}`, teamName: `team-secret-${tag}`, projectName: `project-secret-${tag}`,
    commentText: `comment-secret-${tag}`, replyText: `reply-secret-${tag}`, versionName: `version-secret-${tag}`,
    objectName: `object-secret-${tag}`, invitee: `invitee-secret-${tag}@example.com`,
  };
  const image = uniquePng();
  w.image = createHash('sha256').update(image).digest('hex');
  const thumbnail = uniquePng();
  const u = (name) => quote(callers[name].id);
  const create = JSON.stringify([{ id: `c-${tag}`, operationType: 'create', objectId: `obj-${tag}`, timestamp: 1000,
    clientId: 'authz', newValue: { type: 'rectangle', name: w.objectName, x: 1, y: 2, width: 3, height: 4 } }]);
  const rename = JSON.stringify([{ id: `r-${tag}`, operationType: 'update', objectId: `obj-${tag}`, timestamp: 2000,
    clientId: 'authz', propertyPath: 'name', newValue: `${w.objectName}-renamed` }]);
  await sql(`BEGIN;
INSERT INTO vellum.teams (id, name, owner_id) VALUES (${quote(w.team)}, ${quote(w.teamName)}, ${u('owner')});
INSERT INTO vellum.team_members (team_id, user_id, role) VALUES
  (${quote(w.team)}, ${u('owner')}, 'owner'), (${quote(w.team)}, ${u('team_admin')}, 'admin'),
  (${quote(w.team)}, ${u('team_member')}, 'member'), (${quote(w.team)}, ${u('target')}, 'member'),
  (${quote(w.team)}, ${u('team_viewer')}, 'viewer');
INSERT INTO vellum.projects (id, name, team_id, owner_id) VALUES (${quote(w.project)}, ${quote(w.projectName)}, ${quote(w.team)}, ${u('owner')});
INSERT INTO vellum.files (id, name, owner_id, team_id, project_id)
  VALUES (${quote(w.file)}, ${quote(w.fileName)}, ${u('owner')}, ${quote(w.team)}, ${quote(w.project)});
INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES
  (${quote(w.file)}, ${u('file_viewer')}, 'view'), (${quote(w.file)}, ${u('file_editor')}, 'edit'),
  (${quote(w.file)}, ${u('file_admin')}, 'admin'), (${quote(w.file)}, ${u('target')}, 'view');
SELECT 1 FROM vellum.apply_ops(${quote(w.file)}, ${quote(create)});
SELECT 1 FROM vellum.snapshot(${quote(w.file)}, ${quote(w.versionName)}, ${u('owner')});
UPDATE vellum.file_versions SET id = ${quote(w.version)} WHERE file_id = ${quote(w.file)};
SELECT 1 FROM vellum.apply_ops(${quote(w.file)}, ${quote(rename)});
INSERT INTO vellum.comments (id, file_id, user_id, content) VALUES (${quote(w.comment)}, ${quote(w.file)}, ${u('owner')}, ${quote(w.commentText)});
INSERT INTO vellum.comments (id, file_id, user_id, parent_id, content)
  VALUES (${quote(w.reply)}, ${quote(w.file)}, ${u('owner')}, ${quote(w.comment)}, ${quote(w.replyText)});
INSERT INTO vellum.images (sha256, content_type, bytes) VALUES (${quote(w.image)}, 'image/png', decode(${quote(image.toString('hex'))}, 'hex'));
INSERT INTO vellum.file_images (file_id, sha256, uploaded_by) VALUES (${quote(w.file)}, ${quote(w.image)}, ${u('owner')});
INSERT INTO vellum.file_thumbnails (file_id, sha256, bytes)
  VALUES (${quote(w.file)}, encode(sha256(decode(${quote(thumbnail.toString('hex'))}, 'hex')), 'hex'), decode(${quote(thumbnail.toString('hex'))}, 'hex'));
INSERT INTO vellum.invitations (id, email, file_id, role, invited_by) VALUES (${quote(w.fileInvitation)}, ${quote(callers.stranger.email)}, ${quote(w.file)}, 'view', ${u('owner')});
INSERT INTO vellum.invitations (id, email, team_id, role, invited_by) VALUES (${quote(w.teamInvitation)}, ${quote(w.invitee)}, ${quote(w.team)}, 'member', ${u('owner')});
${trashed ? `UPDATE vellum.files SET deleted_at = now() WHERE id = ${quote(w.file)};` : ''}
COMMIT;`);
  // What no denied answer may show (and no list shows a caller outside the world).
  w.secrets = [w.fileName, w.teamName, w.projectName, w.commentText, w.replyText, w.versionName, w.objectName,
    w.invitee, callers.target.email];
  return w;
}

// One SQL row of the world, as text: what a write changes.
const fileRow = (w) => `SELECT name, project_id, deleted_at, updated_at, last_seq FROM vellum.files WHERE id = ${quote(w.file)}`;
const members = (w) => `SELECT string_agg(user_id || role, ',' ORDER BY user_id) FROM vellum.team_members WHERE team_id = ${quote(w.team)}`;
const grants = (w) => `SELECT string_agg(user_id || permission, ',' ORDER BY user_id) FROM vellum.file_permissions WHERE file_id = ${quote(w.file)}`;
const count = (table, where) => `SELECT count(*) FROM vellum.${table} WHERE ${where}`;
const signedIn = (c) => !['anonymous', 'forged'].includes(c);
// The callers outside team T: an answer about T must not show them it.
const outsideTeam = ['stranger', 'file_viewer', 'file_editor', 'file_admin', 'site_admin'];

export const recipes = {
  'GET /health': { request: () => ({ method: 'GET', path: '/health' }) },
  'GET /metrics': { request: () => ({ method: 'GET', path: '/metrics' }) },
  'POST /api/auth/register': {
    request: (w, c) => ({ method: 'POST', path: '/api/auth/register',
      body: { email: `new-${w.tag}-${c.name.replace('_', '-')}@example.com`, name: 'New', password: 'correct horse battery' } }),
    snapshot: (w, c) => count('users', `email = ${quote(`new-${w.tag}-${c.name.replace('_', '-')}@example.com`)}`),
  },
  'POST /api/auth/login': {
    request: (w, c, login) => ({ method: 'POST', path: '/api/auth/login', body: { email: login.email, password: login.password } }),
    snapshot: (w, c, login) => count('sessions', `user_id = ${quote(login.id)}`),
  },
  'POST /api/auth/logout': {
    freshSession: true,  // the call ends the caller's session: a session of the cell's own
    request: () => ({ method: 'POST', path: '/api/auth/logout' }),
    snapshot: (w, c) => (c.token ? count('sessions', `token_hash = sha256(convert_to(${quote(c.token)}, 'UTF8'))`) : 'SELECT 0'),
    changes: (c) => signedIn(c),
  },
  'GET /api/auth/me': { request: () => ({ method: 'GET', path: '/api/auth/me' }) },
  'GET /api/files': {
    request: () => ({ method: 'GET', path: '/api/files?limit=200' }),
    hiddenFrom: ['stranger'],
  },
  'POST /api/files [in team T]': {
    request: (w) => ({ method: 'POST', path: '/api/files', body: { name: `new-${w.tag}`, teamId: w.team } }),
    snapshot: (w) => count('files', `name = ${quote(`new-${w.tag}`)}`),
  },
  'POST /api/files [own]': {
    request: (w) => ({ method: 'POST', path: '/api/files', body: { name: `new-${w.tag}` } }),
    snapshot: (w) => count('files', `name = ${quote(`new-${w.tag}`)}`),
  },
  'GET /api/files/:fileId': { request: (w) => ({ method: 'GET', path: `/api/files/${w.file}` }) },
  'PATCH /api/files/:fileId [rename]': {
    request: (w) => ({ method: 'PATCH', path: `/api/files/${w.file}`, body: { name: `renamed-${w.tag}` } }),
    snapshot: fileRow,
  },
  'PATCH /api/files/:fileId [rename, in the trash]': {
    world: { trashed: true },
    request: (w) => ({ method: 'PATCH', path: `/api/files/${w.file}`, body: { name: `renamed-${w.tag}` } }),
    snapshot: fileRow,
  },
  'GET /api/files/:fileId [in the trash]': { world: { trashed: true }, request: (w) => ({ method: 'GET', path: `/api/files/${w.file}` }) },
  'PATCH /api/files/:fileId [out of its project]': {
    request: (w) => ({ method: 'PATCH', path: `/api/files/${w.file}`, body: { projectId: null } }),
    snapshot: fileRow,
  },
  'DELETE /api/files/:fileId': { request: (w) => ({ method: 'DELETE', path: `/api/files/${w.file}` }), snapshot: fileRow },
  'POST /api/files/:fileId/restore': {
    world: { trashed: true },
    request: (w) => ({ method: 'POST', path: `/api/files/${w.file}/restore` }),
    snapshot: fileRow,
  },
  'POST /api/files/:fileId/duplicate': {
    request: (w) => ({ method: 'POST', path: `/api/files/${w.file}/duplicate`, body: { name: `copy-${w.tag}` } }),
    snapshot: (w) => count('files', `name = ${quote(`copy-${w.tag}`)}`),
  },
  'PUT /api/files/:fileId/thumbnail': {
    request: (w) => ({ method: 'PUT', path: `/api/files/${w.file}/thumbnail`, body: uniquePng(), contentType: 'image/png' }),
    snapshot: (w) => `SELECT sha256 FROM vellum.file_thumbnails WHERE file_id = ${quote(w.file)}`,
  },
  'GET /api/files/:fileId/thumbnail': { request: (w) => ({ method: 'GET', path: `/api/files/${w.file}/thumbnail` }) },
  'GET /api/files/:fileId/versions': { request: (w) => ({ method: 'GET', path: `/api/files/${w.file}/versions` }) },
  'POST /api/files/:fileId/versions': {
    request: (w) => ({ method: 'POST', path: `/api/files/${w.file}/versions`, body: { name: `saved-${w.tag}` } }),
    snapshot: (w) => count('file_versions', `file_id = ${quote(w.file)}`),
  },
  'GET /api/files/:fileId/versions/:versionId': {
    request: (w) => ({ method: 'GET', path: `/api/files/${w.file}/versions/${w.version}` }),
  },
  'PATCH /api/files/:fileId/versions/:versionId': {
    request: (w) => ({ method: 'PATCH', path: `/api/files/${w.file}/versions/${w.version}`, body: { name: `renamed-${w.tag}` } }),
    snapshot: (w) => `SELECT name FROM vellum.file_versions WHERE id = ${quote(w.version)}`,
  },
  'POST /api/files/:fileId/versions/:versionId/restore': {
    request: (w) => ({ method: 'POST', path: `/api/files/${w.file}/versions/${w.version}/restore` }),
    snapshot: (w) => count('operations', `file_id = ${quote(w.file)}`),
  },
  'GET /api/files/:fileId/history': { request: (w) => ({ method: 'GET', path: `/api/files/${w.file}/history?seq=1` }) },
  'GET /api/files/:fileId/comments': { request: (w) => ({ method: 'GET', path: `/api/files/${w.file}/comments` }) },
  'POST /api/files/:fileId/comments': {
    request: (w) => ({ method: 'POST', path: `/api/files/${w.file}/comments`, body: { content: 'A new comment', x: 10, y: 20 } }),
    snapshot: (w) => count('comments', `file_id = ${quote(w.file)}`),
  },
  'POST /api/files/:fileId/comments [in the trash]': {
    world: { trashed: true },
    request: (w) => ({ method: 'POST', path: `/api/files/${w.file}/comments`, body: { content: 'A new comment', x: 10, y: 20 } }),
    snapshot: (w) => count('comments', `file_id = ${quote(w.file)}`),
  },
  'POST /api/comments/:commentId/replies': {
    request: (w) => ({ method: 'POST', path: `/api/comments/${w.comment}/replies`, body: { content: 'A new reply' } }),
    snapshot: (w) => count('comments', `file_id = ${quote(w.file)}`),
  },
  'PATCH /api/comments/:commentId [resolve]': {
    request: (w) => ({ method: 'PATCH', path: `/api/comments/${w.comment}`, body: { resolved: true } }),
    snapshot: (w) => `SELECT resolved, content FROM vellum.comments WHERE id = ${quote(w.comment)}`,
  },
  'PATCH /api/comments/:commentId [edit text]': {
    request: (w) => ({ method: 'PATCH', path: `/api/comments/${w.comment}`, body: { content: 'Changed text' } }),
    snapshot: (w) => `SELECT resolved, content FROM vellum.comments WHERE id = ${quote(w.comment)}`,
  },
  'DELETE /api/comments/:commentId': {
    request: (w) => ({ method: 'DELETE', path: `/api/comments/${w.comment}` }),
    snapshot: (w) => count('comments', `file_id = ${quote(w.file)}`),
  },
  'POST /api/teams': {
    request: (w) => ({ method: 'POST', path: '/api/teams', body: { name: `new-team-${w.tag}` } }),
    snapshot: (w) => count('teams', `name = ${quote(`new-team-${w.tag}`)}`),
  },
  'GET /api/teams': { request: () => ({ method: 'GET', path: '/api/teams?limit=200' }), hiddenFrom: outsideTeam },
  'GET /api/teams/:teamId/members': { request: (w) => ({ method: 'GET', path: `/api/teams/${w.team}/members` }) },
  'POST /api/teams/:teamId/members': {
    request: (w) => ({ method: 'POST', path: `/api/teams/${w.team}/members`, body: { email: `asked-${w.tag}@example.com`, role: 'member' } }),
    snapshot: (w) => count('invitations', `team_id = ${quote(w.team)}`),
  },
  'PATCH /api/teams/:teamId/members/:userId': {
    request: (w, c, login, callers) => ({ method: 'PATCH', path: `/api/teams/${w.team}/members/${callers.target.id}`, body: { role: 'viewer' } }),
    snapshot: members,
  },
  'PATCH /api/teams/:teamId/members/:userId [make owner]': {
    request: (w, c, login, callers) => ({ method: 'PATCH', path: `/api/teams/${w.team}/members/${callers.target.id}`, body: { role: 'owner' } }),
    snapshot: members,
  },
  'DELETE /api/teams/:teamId/members/:userId': {
    request: (w, c, login, callers) => ({ method: 'DELETE', path: `/api/teams/${w.team}/members/${callers.target.id}` }),
    snapshot: members,
  },
  'DELETE /api/teams/:teamId/members/:userId [the owner]': {
    request: (w, c, login, callers) => ({ method: 'DELETE', path: `/api/teams/${w.team}/members/${callers.owner.id}` }),
    snapshot: members,
  },
  'GET /api/teams/:teamId/invitations': { request: (w) => ({ method: 'GET', path: `/api/teams/${w.team}/invitations` }) },
  'POST /api/projects': {
    request: (w) => ({ method: 'POST', path: '/api/projects', body: { name: `new-project-${w.tag}`, teamId: w.team } }),
    snapshot: (w) => count('projects', `team_id = ${quote(w.team)}`),
  },
  'GET /api/projects': { request: () => ({ method: 'GET', path: '/api/projects?limit=200' }), hiddenFrom: outsideTeam },
  'GET /api/files/:fileId/permissions': { request: (w) => ({ method: 'GET', path: `/api/files/${w.file}/permissions` }) },
  'PUT /api/files/:fileId/permissions': {
    request: (w) => ({ method: 'PUT', path: `/api/files/${w.file}/permissions`, body: { email: `asked-${w.tag}@example.com`, permission: 'edit' } }),
    snapshot: (w) => count('invitations', `file_id = ${quote(w.file)}`),
  },
  'PUT /api/files/:fileId/permissions/:userId': {
    request: (w, c, login, callers) => ({ method: 'PUT', path: `/api/files/${w.file}/permissions/${callers.target.id}`, body: { permission: 'edit' } }),
    snapshot: grants,
  },
  'DELETE /api/files/:fileId/permissions/:userId': {
    request: (w, c, login, callers) => ({ method: 'DELETE', path: `/api/files/${w.file}/permissions/${callers.target.id}` }),
    snapshot: grants,
  },
  'POST /api/files/:fileId/images': {
    request: (w) => ({ method: 'POST', path: `/api/files/${w.file}/images`, body: uniquePng(), contentType: 'image/png' }),
    snapshot: (w) => count('file_images', `file_id = ${quote(w.file)}`),
  },
  'GET /api/files/:fileId/images/:sha256': { request: (w) => ({ method: 'GET', path: `/api/files/${w.file}/images/${w.image}` }) },
  'GET /api/files/:fileId/invitations': { request: (w) => ({ method: 'GET', path: `/api/files/${w.file}/invitations` }) },
  'GET /api/invitations': {
    request: () => ({ method: 'GET', path: '/api/invitations?limit=200' }),
    // Only the invitee sees the invitation (and through it the file's name).
    hiddenFrom: ['file_viewer', 'file_editor', 'file_admin', 'owner', 'team_viewer', 'team_member', 'team_admin', 'site_admin'],
  },
  'POST /api/invitations/:invitationId/accept': {
    request: (w) => ({ method: 'POST', path: `/api/invitations/${w.fileInvitation}/accept` }),
    snapshot: (w) => `SELECT (SELECT count(*) FROM vellum.invitations WHERE id = ${quote(w.fileInvitation)}) || '/' ||
                             (SELECT count(*) FROM vellum.file_permissions WHERE file_id = ${quote(w.file)})`,
  },
  'DELETE /api/invitations/:invitationId': {
    request: (w) => ({ method: 'DELETE', path: `/api/invitations/${w.fileInvitation}` }),
    snapshot: (w) => count('invitations', `id = ${quote(w.fileInvitation)}`),
  },
  'GET /*': { request: (w) => ({ method: 'GET', path: `/file/${w.file}` }) },
  'GET /ws': { ws: 'upgrade' },
  // WebSocket messages: sent after subscribing to the world's file (which
  // fails for a stranger), each with requestId "cell".
  'WS subscribe': { ws: 'async', message: (w) => ({ type: 'subscribe', payload: { fileId: w.file } }), subscribeFirst: false },
  'WS subscribe [in the trash]': {
    ws: 'async', world: { trashed: true }, subscribeFirst: false,
    message: (w) => ({ type: 'subscribe', payload: { fileId: w.file } }),
  },
  'WS unsubscribe': { ws: 'sync', message: () => ({ type: 'unsubscribe', payload: {} }) },
  'WS operation': {
    ws: 'async',
    message: (w) => ({ type: 'operation', payload: { operations: [{ id: `ws-${w.tag}`, idempotencyKey: `ws-${w.tag}`,
      operationType: 'update', objectId: `obj-${w.tag}`, propertyPath: 'x', newValue: 99, timestamp: Date.now(), clientId: 'authz' }] } }),
    snapshot: (w) => count('operations', `file_id = ${quote(w.file)}`),
  },
  'WS presence': { ws: 'sync', message: () => ({ type: 'presence', payload: { cursor: { x: 1, y: 2 }, selection: [] } }) },
  'WS catchup': { ws: 'async', message: () => ({ type: 'catchup', payload: { afterSeq: 0 } }) },
  'WS ping': { ws: 'sync', message: () => ({ type: 'ping', payload: {} }) },
  'WS watch_files': { ws: 'sync', message: () => ({ type: 'watch_files', payload: {} }) },
};

// The route a row is about: its name without a [variant].
export const routeOf = (row) => row.replace(/ \[.*\]$/, '');
