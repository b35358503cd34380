// The hostile-input table: every row is one attack and the answer it must get.
// The suite (regress/integration/gateway/hostile.test.mjs) reads `cases` and
// nothing else; `node regress/integration/hostile/cases.mjs` lists the rows.
//
// A row:
//   id      unique name
//   kind    rest | ws | sql | static | conn
//   target  what is attacked: "METHOD /api/path", a WebSocket message type,
//           a SQL function, "GET static" or a connection-level scenario
//   input   what is sent. Strings and objects as they are; a generator for
//           the big ones: {gen: 'nested', depth, open, close, inner} |
//           {gen: 'big', bytes, wrap} | {gen: 'bytes', hex} (raw bytes)
//   expect  rest/static: {status, code?, message?} (message: a regex source the
//           error message must match) or {status, echo} (the field comes back
//           as sent, stored literally); ws: {type: 'error', code, message} |
//           {type: 'ack', status, reason} | {close: code}; sql: {sqlstate, message}
//           or {ok: regex of the result}; conn: scenario-specific.
// Paths and SQL take placeholders filled at run time with the attacker's own
// objects: {file} {team} {comment} {version} {me} {other} {invitation} {sha}.

const NIL = '00000000-0000-0000-0000-000000000000';
export const injections = [
  "'); DROP TABLE vellum.files; --",
  "\" OR 1=1 --",
  '$1::uuid',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00%0d%0aSet-Cookie: x=1',
  '\u202egnp.exe',
  'Z\u0351\u0352\u0353\u0354\u0355a\u0300\u0301\u0302',
  '\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67 \ufeff \uffff',
];

const cases = [];
const add = (row) => cases.push(row);

// ---------------------------------------------------------------- REST bodies
// The JSON-body endpoints, with the string field every attack aims at and a
// valid body to start from. `ok` is the status a valid body gets.
const bodyEndpoints = [
  { target: 'POST /api/auth/register', field: 'name', valid: () => ({ email: `h${Math.random().toString(36).slice(2)}@example.com`, name: 'N', password: 'correct horse battery' }), ok: 201, echo: (b) => b.user.name, anonymous: true },
  { target: 'POST /api/auth/login', field: 'email', valid: () => ({ email: 'nobody@example.com', password: 'x' }), anonymous: true },
  { target: 'POST /api/files', field: 'name', valid: () => ({ name: 'f' }), ok: 201, echo: (b) => b.file.name },
  { target: 'PATCH /api/files/{file}', field: 'name', valid: () => ({ name: 'f' }), ok: 200, echo: (b) => b.file.name },
  { target: 'POST /api/files/{file}/duplicate', field: 'name', valid: () => ({ name: 'f' }), ok: 201, echo: (b) => b.file.name, optional: true },
  { target: 'POST /api/files/{file}/versions', field: 'name', valid: () => ({ name: 'v' }), ok: 201, echo: (b) => b.version.name },
  { target: 'PATCH /api/files/{file}/versions/{version}', field: 'name', valid: () => ({ name: 'v' }), ok: 200, echo: (b) => b.version.name },
  { target: 'POST /api/files/{file}/comments', field: 'content', valid: () => ({ content: 'c' }), ok: 201, echo: (b) => b.comment.content },
  { target: 'POST /api/comments/{comment}/replies', field: 'content', valid: () => ({ content: 'c' }), ok: 201, echo: (b) => b.comment.content },
  { target: 'PATCH /api/comments/{comment}', field: 'content', valid: () => ({ content: 'c' }), ok: 200, echo: (b) => b.comment.content, optional: true },
  { target: 'POST /api/teams', field: 'name', valid: () => ({ name: 't' }), ok: 201, echo: (b) => b.team.name },
  { target: 'POST /api/projects', field: 'name', valid: () => ({ name: 'p', teamId: '{team}' }), ok: 201, echo: (b) => b.project.name },
  { target: 'POST /api/teams/{team}/members', field: 'email', valid: () => ({ email: 'invitee@example.com', role: 'member' }) },
  { target: 'PUT /api/files/{file}/permissions', field: 'email', valid: () => ({ email: 'invitee@example.com', permission: 'view' }) },
  { target: 'PATCH /api/teams/{team}/members/{me}', field: 'role', valid: () => ({ role: 'owner' }) },
  { target: 'PUT /api/files/{file}/permissions/{other}', field: 'permission', valid: () => ({ permission: 'view' }) },
];

const object = /must be a JSON object/.source;
for (const e of bodyEndpoints) {
  const f = e.field;
  const who = e.anonymous ? 'anonymous' : 'attacker';
  const row = (suffix, input, expect, extra = {}) =>
    add({ id: `${e.target} ${suffix}`, kind: 'rest', target: e.target, user: who, input, expect, ...extra });
  const bad = (message, status = 400) => ({ status, code: status === 413 ? 'too_large' : 'invalid_request', message });
  row('truncated JSON', '{"' + f + '": "x', bad(/not valid JSON/.source));
  row('trailing garbage', JSON.stringify(e.valid()) + ' x', bad(/not valid JSON.*(Terminate|root)/i.source));
  row('single quotes', `{'${f}': 'x'}`, bad(/not valid JSON/.source));
  row('array body', '[]', bad(object));
  row('string body', '"x"', bad(object));
  row('null body', 'null', bad(object));
  if (!e.optional) row('empty body', '', bad(/not valid JSON|must be a JSON object/.source));
  row('duplicate key', `{"${f}": "a", "${f}": "b"}`, bad(`"${f}" appears twice`));
  row('invalid UTF-8', { gen: 'bytes', hex: Buffer.from(`{"${f}": "a`).toString('hex') + 'c328' + Buffer.from('"}').toString('hex') }, bad(/not valid UTF-8/.source));
  row('overlong UTF-8 slash', { gen: 'bytes', hex: Buffer.from(`{"${f}": "`).toString('hex') + 'c0af' + Buffer.from('"}').toString('hex') }, bad(/not valid UTF-8/.source));
  row('lone surrogate escape', `{"${f}": "\\udc00"}`, bad(/not valid UTF-8/.source));
  row('NUL escape', `{"${f}": "a\\u0000b"}`, bad(/NUL/.source));
  row('NUL in a key', `{"${f}\\u0000": "a"}`, bad(/NUL/.source));
  row('nested 10000 deep', { gen: 'nested', depth: 10000, open: `{"${f}": `, close: '}', inner: '1' }, bad(/nested deeper than 64/.source));
  row('number 1e999', JSON.stringify(e.valid()).replace(/}$/, ', "extra": 1e999}'), bad(/not valid JSON: Number too big/.source));
  row('2 MiB body', { gen: 'big', bytes: 2 << 20, wrap: f }, bad(/over the limit/.source, 413));
  if (['name', 'content', 'email', 'role', 'permission'].includes(f)) {
    row(`"${f}" a number`, { ...e.valid(), [f]: 12 }, bad(`"${f}".*(string|must be)`));
    row(`"${f}" an object`, { ...e.valid(), [f]: { $gt: '' } }, bad(`"${f}"`));
    row(`"${f}" an array`, { ...e.valid(), [f]: ['a'] }, bad(`"${f}"`));
    row(`"${f}" true`, { ...e.valid(), [f]: true }, bad(`"${f}"`));
    if (!e.optional) {
      const missing = e.valid();
      delete missing[f];
      row(`"${f}" missing`, missing, bad(`"${f}"`));
    }
  }
  if (e.echo) {
    for (const [i, text] of injections.entries())
      row(`injection ${i} in "${f}"`, { ...e.valid(), [f]: text }, { status: e.ok, echo: text });
    row(`"${f}" over 255 characters`, { ...e.valid(), [f]: 'x'.repeat(f === 'content' ? 10001 : 256) }, bad(`"${f}"`));
    row(`"${f}" empty`, { ...e.valid(), [f]: '' }, bad(`"${f}"`));
  }
}

// Mass assignment: fields the client may not set are ignored, never stored.
for (const target of ['POST /api/files', 'POST /api/teams', 'POST /api/projects']) {
  const base = target === 'POST /api/projects' ? { name: 'p', teamId: '{team}' } : { name: 'x' };
  add({ id: `${target} extra fields ignored`, kind: 'rest', target, user: 'attacker', input: { ...base, id: NIL, ownerId: '{other}', owner_id: '{other}', role: 'admin', deletedAt: '2000-01-01', lastSeq: 99 }, expect: { status: 201, owner: '{me}' } });
}

// Wrong types and out-of-range values of the other fields.
const restRows = [
  ['POST /api/files', { name: 'f', projectId: 'not-a-uuid' }, 400, /"projectId" must be a uuid/],
  ['POST /api/files', { name: 'f', teamId: 12 }, 400, /"teamId" must be a uuid/],
  ['POST /api/files', { name: 'f', teamId: `${NIL}' OR '1'='1` }, 400, /"teamId" must be a uuid/],
  ['POST /api/files', { name: '   ' }, 400, /"name" must not be blank/],
  ['POST /api/files', { name: '\t\n\r' }, 400, /"name" must not be blank/],
  ['PATCH /api/files/{file}', { projectId: 'x' }, 400, /"projectId" must be a uuid/],
  ['PATCH /api/files/{file}', {}, 400, /"name"/],
  ['POST /api/projects', { name: 'p' }, 400, /"teamId" is required/],
  ['POST /api/projects', { name: 'p', teamId: [] }, 400, /"teamId" must be a uuid/],
  ['POST /api/files/{file}/comments', { content: 'c', x: 1 }, 400, /"y" is required with "x"/],
  ['POST /api/files/{file}/comments', { content: 'c', y: 1 }, 400, /"x" is required with "y"/],
  ['POST /api/files/{file}/comments', { content: 'c', x: 'a', y: 1 }, 400, /"x" must be a finite number/],
  ['POST /api/files/{file}/comments', { content: 'c', objectId: 7 }, 400, /"objectId" must be a string/],
  ['POST /api/files/{file}/comments', { content: 'c', objectId: 'o'.repeat(101) }, 400, /"objectId" must have 1 to 100/],
  ['PATCH /api/comments/{comment}', { resolved: 'yes' }, 400, /"resolved" must be true or false/],
  ['PATCH /api/comments/{comment}', { resolved: 1 }, 400, /"resolved" must be true or false/],
  ['PATCH /api/comments/{comment}', {}, 400, /give "resolved"/],
  ['POST /api/teams/{team}/members', { email: 'a@b.c', role: 'owner' }, 400, /"role" must be member, admin or viewer/],
  ['POST /api/teams/{team}/members', { email: 'a@b.c', role: "member' OR '1'='1" }, 400, /"role" must be/],
  ['POST /api/teams/{team}/members', { email: 'not an email', role: 'member' }, 400, /"email" must be an email address/],
  ['POST /api/teams/{team}/members', { email: 'a@b.c', role: 'MEMBER' }, 400, /"role" must be/],
  ['PUT /api/files/{file}/permissions', { email: 'a@b.c', permission: 'owner' }, 400, /"permission" must be view, edit or admin/],
  ['PUT /api/files/{file}/permissions', { email: 'x'.repeat(251) + '@b.cc', permission: 'view' }, 400, /"email" must/],
  ['PUT /api/files/{file}/permissions', { email: 'a@b.c\n', permission: 'view' }, 400, /"email" must be an email address/],
  ['PUT /api/files/{file}/permissions/{other}', { permission: null }, 400, /"permission" is required/],
  ['PATCH /api/teams/{team}/members/{me}', { role: 'superuser' }, 400, /"role" must be owner, admin, member or viewer/],
  ['POST /api/auth/register', { email: 'a@b.c', name: 'N', password: 'short' }, 400, /"password" must have 8 to 72/],
  ['POST /api/auth/register', { email: 'a@b.c', name: 'N', password: 'p'.repeat(73) }, 400, /"password" must have 8 to 72/],
  ['POST /api/auth/register', { email: 'nope', name: 'N', password: 'correct horse battery' }, 400, /"email" must be an email address/],
  ['POST /api/auth/register', { email: 'a\u0001b@example.com', name: 'N', password: 'correct horse battery' }, 400, /"email" must be an email address/],
  ['POST /api/auth/register', { email: 'a\tb@example.com', name: 'N', password: 'correct horse battery' }, 400, /"email" must be an email address/],
  ['POST /api/auth/register', { email: 'ab@example.com\r\nBcc: x@y.z', name: 'N', password: 'correct horse battery' }, 400, /"email" must be an email address/],
  ['POST /api/auth/register', { email: 'ctl-{rand}@example.com', name: '   ', password: 'correct horse battery' }, 400, /"name" must not be blank/],
  ['POST /api/auth/register', { email: 'ctl-{rand}@example.com', name: 'a\u0007b', password: 'correct horse battery' }, 400, /"name" must not contain control characters/],
  ['POST /api/auth/register', { email: 'ctl-{rand}@example.com', name: 'line\nbreak', password: 'correct horse battery' }, 400, /"name" must not contain control characters/],
  ['POST /api/auth/register', { email: 'ctl-{rand}@example.com', name: '\ud83d\ude00'.repeat(256), password: 'correct horse battery' }, 400, /"name" must have 1 to 255 characters \(it has 256\)/],
  ['POST /api/auth/register', { email: 'ctl-{rand}@example.com', name: 'N', password: 12345678 }, 400, /"password" is required and must be a string/],
  ['POST /api/files', { name: 'two\nlines' }, 400, /"name" must not contain control characters/],
  ['POST /api/files', { name: 'bell\u0007' }, 400, /"name" must not contain control characters/],
  ['POST /api/files', { name: 'c1\u0085control' }, 400, /"name" must not contain control characters/],
  ['POST /api/teams', { name: 'tab\tname' }, 400, /"name" must not contain control characters/],
  ['POST /api/projects', { name: 'esc\u001b[31m', teamId: '{team}' }, 400, /"name" must not contain control characters/],
  ['POST /api/files/{file}/versions', { name: 'del\u007f' }, 400, /"name" must not contain control characters/],
  ['PATCH /api/files/{file}', { name: 'cr\r' }, 400, /"name" must not contain control characters/],
  ['POST /api/auth/login', { email: 'a@b.c' }, 400, /"password" is required/],
  ['POST /api/auth/login', { email: ['a@b.c'], password: 'x' }, 400, /"email" is required and must be a string/],
];
for (const [target, input, status, message] of restRows)
  add({ id: `${target} ${JSON.stringify(input).slice(0, 60)}`, kind: 'rest', target, user: target.startsWith('POST /api/auth') ? 'anonymous' : 'attacker', input, expect: { status, message: message.source } });
// Unicode that is valid and must be kept exactly: 64 four-byte characters (256 bytes) is a fine name.
add({ id: 'POST /api/auth/register 64 emoji name', kind: 'rest', target: 'POST /api/auth/register', user: 'anonymous', input: { email: 'emoji-{rand}@example.com', name: '\ud83d\ude00'.repeat(64), password: 'correct horse battery' }, expect: { status: 201, echo: '\ud83d\ude00'.repeat(64) }, echoOf: 'user.name' });
add({ id: 'POST /api/files combining marks name', kind: 'rest', target: 'POST /api/files', user: 'attacker', input: { name: 'e\u0301'.repeat(127) }, expect: { status: 201, echo: 'e\u0301'.repeat(127) }, echoOf: 'file.name' });

// ------------------------------------------------------------ path parameters
// Every route with an id in its path: the id must be refused by name.
const idRoutes = [
  'GET /api/files/{file}', 'PATCH /api/files/{file}', 'DELETE /api/files/{file}', 'POST /api/files/{file}/restore',
  'POST /api/files/{file}/duplicate', 'PUT /api/files/{file}/thumbnail', 'GET /api/files/{file}/thumbnail',
  'GET /api/files/{file}/versions', 'POST /api/files/{file}/versions', 'GET /api/files/{file}/versions/{version}',
  'PATCH /api/files/{file}/versions/{version}', 'POST /api/files/{file}/versions/{version}/restore',
  'GET /api/files/{file}/history', 'GET /api/files/{file}/comments', 'POST /api/files/{file}/comments',
  'POST /api/comments/{comment}/replies', 'PATCH /api/comments/{comment}', 'DELETE /api/comments/{comment}',
  'GET /api/teams/{team}/members', 'POST /api/teams/{team}/members', 'PATCH /api/teams/{team}/members/{me}',
  'DELETE /api/teams/{team}/members/{me}', 'GET /api/teams/{team}/invitations', 'GET /api/files/{file}/permissions',
  'PUT /api/files/{file}/permissions', 'PUT /api/files/{file}/permissions/{other}', 'DELETE /api/files/{file}/permissions/{other}',
  'POST /api/files/{file}/images', 'GET /api/files/{file}/images/{sha}', 'GET /api/files/{file}/invitations',
  'POST /api/invitations/{invitation}/accept', 'DELETE /api/invitations/{invitation}',
];
const paramName = { file: 'fileId', version: 'versionId', comment: 'commentId', team: 'teamId', me: 'userId', other: 'userId', invitation: 'invitationId', sha: 'sha256' };
const badIds = [
  ['not a uuid', 'not-a-uuid'],
  ['SQL injection', "1'%20OR%20'1'='1"],
  ['encoded NUL', `${NIL.slice(0, 35)}%00`],
  ['overlong', 'a'.repeat(5000)],
];
for (const route of idRoutes) {
  const params = [...route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const last = params[params.length - 1];
  for (const [label, value] of route === idRoutes[0] ? badIds : badIds.slice(0, 2)) {
    const path = route.replace(`{${last}}`, value);
    const name = paramName[last];
    add({ id: `${route} ${label} ${last}`, kind: 'rest', target: route, user: 'attacker', input: undefined, path, expect: { status: 400, code: 'invalid_request', message: `"${name}" in the path must be` } });
  }
}
add({ id: 'GET /api/files/ (empty id)', kind: 'rest', target: 'GET /api/files/{file}', user: 'attacker', path: 'GET /api/files/', expect: { status: 404, message: 'no such endpoint' } });
add({ id: 'GET /api/files//versions', kind: 'rest', target: 'GET /api/files/{file}/versions', user: 'attacker', path: 'GET /api/files//versions', expect: { status: 404, message: 'no such endpoint' } });
add({ id: 'PROPFIND /api/files', kind: 'rest', target: 'GET /api/files', user: 'attacker', path: 'PROPFIND /api/files', expect: { status: 405, message: 'PROPFIND is not allowed on /api/files; use GET, POST' } });
add({ id: 'PUT /api/files (wrong method)', kind: 'rest', target: 'POST /api/files', user: 'attacker', path: 'PUT /api/files', input: { name: 'x' }, expect: { status: 405, message: 'PUT is not allowed on /api/files' } });
add({ id: 'GET /api/nothing', kind: 'rest', target: 'GET /api/*', user: 'attacker', path: 'GET /api/nothing', expect: { status: 404, message: 'no such endpoint: GET /api/nothing' } });
add({ id: 'GET /api/files/{file}/versions/{version}/../..', kind: 'rest', target: 'GET /api/files/{file}/versions/{version}', user: 'attacker', path: 'GET /api/files/{file}/versions/{version}/x/y', expect: { status: 404, message: 'no such endpoint' } });
add({ id: 'GET /metrics with a forged token', kind: 'rest', target: 'GET /metrics', user: 'anonymous', path: 'GET /metrics', headers: { authorization: "Bearer ' OR 1=1 --" }, expect: { status: 404, message: 'METRICS_TOKEN' } });
add({ id: 'GET /health with a hostile query', kind: 'rest', target: 'GET /health', user: 'anonymous', path: 'GET /health?x=%3Cscript%3E&x=%00', expect: { status: 200 } });
add({ id: 'GET /api/auth/me bad cookie', kind: 'rest', target: 'GET /api/auth/me', user: 'forged', path: 'GET /api/auth/me', expect: { status: 401, message: 'sign in first' } });
add({ id: 'POST /api/auth/logout bad cookie', kind: 'rest', target: 'POST /api/auth/logout', user: 'forged', path: 'POST /api/auth/logout', expect: { status: 200 } });
add({ id: 'GET /api/files injection cookie', kind: 'rest', target: 'GET /api/files', user: 'injected-cookie', path: 'GET /api/files', expect: { status: 401, message: 'sign in first' } });

// ----------------------------------------------------------- query parameters
const queryRows = [
  ['GET /api/files', 'limit=0', /"limit" must be an integer from 1 to 200/],
  ['GET /api/files', 'limit=-1', /"limit" must be/],
  ['GET /api/files', 'limit=201', /"limit" must be/],
  ['GET /api/files', 'limit=99999999999999999999', /"limit" must be/],
  ['GET /api/files', 'limit=1e2', /"limit" must be/],
  ['GET /api/files', 'limit=%00', /"limit" must be/],
  ['GET /api/files', 'cursor=garbage', /"cursor" is not a cursor/],
  ['GET /api/files', `cursor=1~${NIL}'--`, /"cursor" is not a cursor/],
  ['GET /api/files', `cursor=9999999999999999999~${NIL}`, /"cursor" is not a cursor/],
  ['GET /api/files', 'teamId=x', /"teamId" must be a uuid/],
  ['GET /api/files', "projectId=1'%20OR%201=1", /"projectId" must be a uuid/],
  ['GET /api/files', 'trash=yes', /"trash" must be true or false/],
  ['GET /api/files', 'scope=everyone', /"scope" must be all, mine or shared/],
  ['GET /api/files', `q=${'x'.repeat(101)}`, /"q" must be text of at most 100/],
  ['GET /api/files', 'q=a%0Ab', /"q" must be text .*no control characters/],
  ['GET /api/files', 'q=%FF%FE', /"q" must be text .*valid UTF-8/],
  ['GET /api/files', 'q=%00', /"q" must be text/],
  ['GET /api/teams', 'limit=abc', /"limit" must be/],
  ['GET /api/projects', 'teamId=%27', /"teamId" must be a uuid/],
  ['GET /api/invitations', 'cursor=~', /"cursor" is not a cursor/],
  ['GET /api/files/{file}/versions', 'limit=1000', /"limit" must be/],
  ['GET /api/files/{file}/comments', 'cursor=1~x', /"cursor" is not a cursor/],
  ['GET /api/files/{file}/permissions', 'limit=', /"limit" must be/],
  ['GET /api/teams/{team}/members', 'limit=2%2B2', /"limit" must be/],
  ['GET /api/files/{file}/history', '', /"seq" is required/],
  ['GET /api/files/{file}/history', 'seq=-1', /"seq" is required and must be a whole number/],
  ['GET /api/files/{file}/history', 'seq=1;DROP', /"seq" .*whole number/],
  ['GET /api/files/{file}/history', 'seq=9999999999999999999', /"seq" .*whole number/],
];
for (const [target, query, message] of queryRows)
  add({ id: `${target}?${query.slice(0, 40)}`, kind: 'rest', target, user: 'attacker', path: `${target}?${query}`, expect: { status: 400, code: 'invalid_request', message: message.source } });
// Valid-looking queries that must be safe: search text is a value, never SQL.
for (const text of ["%' OR '1'='1", '_', '%', '\\']) {
  add({ id: `GET /api/files q=${text}`, kind: 'rest', target: 'GET /api/files', user: 'attacker', path: `GET /api/files?q=${encodeURIComponent(text)}`, expect: { status: 200, everyName: text } });
}

// -------------------------------------------------------------- binary bodies
const png = '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1ddc1c70000000049454e44ae426082';
const binRows = [
  ['PUT /api/files/{file}/thumbnail', 'image/png', { gen: 'bytes', hex: '' }, 400, /the request body must be the thumbnail's PNG bytes/],
  ['PUT /api/files/{file}/thumbnail', 'image/png', { gen: 'bytes', hex: 'ffd8ffe000104a464946' }, 415, /a thumbnail must be a PNG .*image\/jpeg/],
  ['PUT /api/files/{file}/thumbnail', 'image/jpeg', { gen: 'bytes', hex: png }, 415, /Content-Type says "image\/jpeg"/],
  ['PUT /api/files/{file}/thumbnail', 'image/png', { gen: 'big', bytes: 300 * 1024, raw: true, prefix: png }, 413, /at most 262144 bytes/],
  ['PUT /api/files/{file}/thumbnail', 'image/png', '<svg xmlns="http://www.w3.org/2000/svg"/>', 415, /not an image|image\/svg/],
  ['POST /api/files/{file}/images', 'image/png', { gen: 'bytes', hex: '00112233' }, 415, /not a PNG, JPEG, WebP or SVG/],
  ['POST /api/files/{file}/images', 'image/png', { gen: 'bytes', hex: '' }, 400, /must be the image's bytes/],
  ['POST /api/files/{file}/images', 'image/gif', { gen: 'bytes', hex: png }, 415, /Content-Type says "image\/gif" but the bytes are image\/png/],
  ['POST /api/files/{file}/images', 'image/svg+xml', { gen: 'bytes', hex: Buffer.from('<svg>').toString('hex') + 'ff' + Buffer.from('</svg>').toString('hex') }, 415, /not a PNG, JPEG, WebP or SVG/],
  ['POST /api/files/{file}/images', 'image/svg+xml', '<html><script>alert(1)</script></html>', 415, /not a PNG, JPEG, WebP or SVG/],
  ['POST /api/files/{file}/images', 'image/png', { gen: 'big', bytes: 11 << 20, raw: true, prefix: png }, 413, /over the limit of 10485760/],
];
for (const [target, type, input, status, message] of binRows)
  add({ id: `${target} ${type} ${status} ${JSON.stringify(input).slice(0, 50)}`, kind: 'rest', target, user: 'attacker', contentType: type, input, expect: { status, message: message.source } });

// ------------------------------------------------------------------ WebSocket
const op = (fields) => ({ id: 'hostile-op', timestamp: 1, clientId: 'hostile', ...fields });
const opMessage = (fields) => ({ type: 'operation', payload: { operations: [op(fields)] } });
const wsRows = [
  // framing and JSON
  ['any', 'not json', 'error', 'invalid_json', /message refused: not valid JSON/],
  ['any', '{"type": "ping"', 'error', 'invalid_json', /not valid JSON/],
  ['any', '[]', 'error', 'invalid_message', /a message must be a JSON object/],
  ['any', '42', 'error', 'invalid_message', /must be a JSON object/],
  ['any', '{}', 'error', 'invalid_message', /needs a string "type"/],
  ['any', '{"type": 7}', 'error', 'invalid_message', /needs a string "type"/],
  ['any', '{"type": "ping", "type": "subscribe"}', 'error', 'invalid_json', /"type" appears twice/],
  ['any', '{"type": "ping\\u0000"}', 'error', 'invalid_json', /NUL/],
  ['any', '{"type": "\\ud800"}', 'error', 'invalid_json', /not valid UTF-8/],
  ['any', { gen: 'nested', depth: 5000, open: '{"type": "ping", "payload": {"a": ', close: '}}', inner: '1', single: true }, 'error', 'invalid_json', /nested deeper than 64/],
  ['any', { gen: 'nested', depth: 100, open: '[', close: ']', inner: '1' }, 'error', 'invalid_json', /nested deeper than 64 levels at/],
  ['any', { gen: 'big', bytes: 1200 * 1024, wrap: 'type' }, 'error', 'too_large', /bytes is over the limit of 1048576/],
  ['any', '{"type": "drop_tables"}', 'error', 'unknown_type', /unknown message type "drop_tables"/],
  ['any', '{"type": "<script>"}', 'error', 'unknown_type', /unknown message type/],
  ['any', '{"type": "ping", "requestId": 5}', 'error', 'invalid_message', /"requestId" must be a string/],
  ['any', `{"type": "ping", "requestId": "${'r'.repeat(101)}"}`, 'error', 'invalid_message', /"requestId" must be a string of at most 100/],
  ['any', '{"type": "ping", "payload": []}', 'error', 'invalid_message', /"payload" must be an object/],
  ['any', '{"type": "ping", "payload": "x"}', 'error', 'invalid_message', /"payload" must be an object/],
  ['any', '{"type": "ping", "x": 1e999}', 'error', 'invalid_json', /not valid JSON: Number too big/],
  ['any', { type: 'ping', requestId: 'extra', extra: { a: [1, 2] }, admin: true }, 'pong'],
  // unsubscribe and watch_files take no payload fields: extra ones are ignored, a wrong payload is refused
  ['unsubscribe', { type: 'unsubscribe', payload: 5 }, 'error', 'invalid_message', /"payload" must be an object/],
  ['unsubscribe', { type: 'unsubscribe', payload: { fileId: "' OR 1=1 --" }, requestId: 'u' }, 'unsubscribe-then-op'],
  ['watch_files', { type: 'watch_files', payload: ['all'] }, 'error', 'invalid_message', /"payload" must be an object/],
  ['watch_files', { type: 'watch_files', requestId: 'w', payload: { teamId: "' OR 1=1 --", all: true } }, 'watching_files'],
  ['ping', { type: 'ping', requestId: '\u202e<script>' }, 'pong'],
  // subscribe
  ['subscribe', { type: 'subscribe' }, 'error', 'invalid_message', /subscribe needs "payload.fileId"/],
  ['subscribe', { type: 'subscribe', payload: { fileId: 12 } }, 'error', 'invalid_message', /"payload.fileId", a file id/],
  ['subscribe', { type: 'subscribe', payload: { fileId: "x' OR '1'='1" } }, 'error', 'invalid_message', /a file id \(uuid\)/],
  ['subscribe', { type: 'subscribe', payload: { fileId: NIL } }, 'error', 'not_found', /does not exist or you have no access/],
  ['subscribe', { type: 'subscribe', payload: { fileId: ['{file}'] } }, 'error', 'invalid_message', /"payload.fileId"/],
  // catchup
  ['catchup', { type: 'catchup', payload: {} }, 'error', 'invalid_message', /catchup needs "payload.afterSeq"/],
  ['catchup', { type: 'catchup', payload: { afterSeq: -1 } }, 'error', 'invalid_message', /"payload.afterSeq", a seq \(integer, 0 or more\)/],
  ['catchup', { type: 'catchup', payload: { afterSeq: 1.5 } }, 'error', 'invalid_message', /afterSeq/],
  ['catchup', { type: 'catchup', payload: { afterSeq: '1' } }, 'error', 'invalid_message', /afterSeq/],
  ['catchup', '{"type": "catchup", "payload": {"afterSeq": 99999999999999999999999}}', 'error', 'invalid_message', /afterSeq/],
  ['catchup', { type: 'catchup', payload: { afterSeq: 0 } }, 'error', 'not_subscribed', /subscribe to a file before catching up/, false],
  // presence
  ['presence', { type: 'presence', payload: { cursor: { x: 'a', y: 1 } } }, 'error', 'invalid_message', /"cursor.x" must be a number/],
  ['presence', '{"type": "presence", "payload": {"cursor": {"x": 1, "y": 1e400}}}', 'error', 'invalid_json', /not valid JSON: Number too big/],
  ['presence', { type: 'presence', payload: { cursor: [1, 2] } }, 'error', 'invalid_message', /"cursor" must be an object/],
  ['presence', { type: 'presence', payload: { selection: 'all' } }, 'error', 'invalid_message', /"selection" must be an array of object ids/],
  ['presence', { type: 'presence', payload: { selection: Array(2000).fill('a') } }, 'error', 'invalid_message', /"selection" may hold at most/],
  ['presence', { type: 'presence', payload: { selection: [''] } }, 'error', 'invalid_message', /strings of 1 to 100 characters/],
  ['presence', { type: 'presence', payload: { selection: [{}] } }, 'error', 'invalid_message', /"selection" must hold object ids/],
  ['presence', { type: 'presence', payload: { viewport: { x: 0, y: 0, zoom: 0 } } }, 'error', 'invalid_message', /"viewport.zoom" must be a number greater than 0/],
  ['presence', { type: 'presence', payload: { viewport: { x: 0, y: 0, zoom: -1 } } }, 'error', 'invalid_message', /"viewport.zoom"/],
  ['presence', { type: 'presence', payload: { viewport: { x: 0, y: 0, zoom: 1, width: 1e9 } } }, 'error', 'invalid_message', /"viewport.width" must be a number from 0 to 100000/],
  ['presence', { type: 'presence', payload: { viewport: { x: 0, y: 0, zoom: 1, height: -5 } } }, 'error', 'invalid_message', /"viewport.height"/],
  ['presence', { type: 'presence', payload: {} }, 'error', 'not_subscribed', /subscribe to a file before sending presence/, false],
  // operation envelope
  ['operation', { type: 'operation', payload: {} }, 'error', 'invalid_message', /operation needs "payload.operations", an array of ops/],
  ['operation', { type: 'operation', payload: { operations: {} } }, 'error', 'invalid_message', /an array of ops/],
  ['operation', { type: 'operation', payload: { operations: [] } }, 'error', 'invalid_message', /"payload.operations" is empty/],
  ['operation', { type: 'operation', payload: { operations: [1] } }, 'error', 'invalid_message', /every op must be a JSON object/],
  ['operation', { type: 'operation', payload: { operations: Array(1001).fill({}) } }, 'error', 'too_many_ops', /at most \d+ ops; this one has 1001/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle' } }), 'error', 'not_subscribed', /subscribe to a file before sending ops/, false],
  // ops (validated by the extension, answered per op)
  ['operation', opMessage({ objectId: 'x' }), 'ack', 'rejected', /missing "operationType"/],
  ['operation', opMessage({ operationType: 7, objectId: 'x' }), 'ack', 'rejected', /"operationType" must be a string/],
  ['operation', opMessage({ operationType: 'drop', objectId: 'x' }), 'ack', 'rejected', /unknown operationType "drop"/],
  ['operation', opMessage({ operationType: 'create', newValue: { type: 'rectangle' } }), 'ack', 'rejected', /missing "objectId"/],
  ['operation', opMessage({ operationType: 'create', objectId: '', newValue: { type: 'rectangle' } }), 'ack', 'rejected', /"objectId" must be a string of 1 to 100/],
  ['operation', opMessage({ operationType: 'create', objectId: 'o'.repeat(101), newValue: { type: 'rectangle' } }), 'ack', 'rejected', /"objectId" must be a string of 1 to 100/],
  ['operation', opMessage({ operationType: 'create', objectId: 5, newValue: { type: 'rectangle' } }), 'ack', 'rejected', /"objectId" must be a string/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle' }, timestamp: -1 }), 'ack', 'rejected', /"timestamp" must be a non-negative integer/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle' }, timestamp: 'now' }), 'ack', 'rejected', /"timestamp" must be/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle' }, timestamp: 1e300 }), 'ack', 'rejected', /"timestamp" must be/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle' }, clientId: '' }), 'ack', 'rejected', /"clientId" must be a string of 1 to 100/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle' }, idempotencyKey: 'k'.repeat(256) }), 'ack', 'rejected', /"idempotencyKey" must be a string of 1 to 255/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x' }), 'ack', 'rejected', /a create op needs "newValue"/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: {} }), 'ack', 'rejected', /needs "newValue.type"/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'virus' } }), 'ack', 'rejected', /"type" must be one of rectangle/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle', id: 'y' } }), 'ack', 'rejected', /"newValue.id" differs from "objectId"/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle', width: -1 } }), 'ack', 'rejected', /"width" must be at least 0/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle', opacity: 2 } }), 'ack', 'rejected', /"opacity" must be from 0 to 1/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'text', fontSize: 0 } }), 'ack', 'rejected', /"fontSize" must be greater than 0/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle', fill: 'url(javascript:alert(1))' } }), 'ack', 'rejected', /"fill" must be a colour/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle', fill: 'rgb(1,2,3);background:url(x)' } }), 'ack', 'rejected', /"fill" must be a colour/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle', visible: 'yes' } }), 'ack', 'rejected', /"visible" must be true or false/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle', parentId: 7 } }), 'ack', 'rejected', /"parentId" must be an object id/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle', index: 'a b' } }), 'ack', 'rejected', /"index" must be a fractional index/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'rectangle', '': 1 } }), 'ack', 'rejected', /property names must not be empty/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'text', textAlign: 'diagonal' } }), 'ack', 'rejected', /"textAlign" must be left, center, right or justify/],
  ['operation', '{"type": "operation", "payload": {"operations": [{"id": "h", "timestamp": 1, "clientId": "h", "operationType": "create", "objectId": "x", "newValue": {"type": "rectangle", "x": 1e400}}]}}', 'error', 'invalid_json', /not valid JSON: Number too big/],
  ['operation', opMessage({ operationType: 'update', objectId: 'x', propertyPath: 5, newValue: 1 }), 'ack', 'rejected', /"propertyPath" must be a string/],
  ['operation', opMessage({ operationType: 'update', objectId: 'x' }), 'ack', 'rejected', /an update op needs "newValue"/],
  ['operation', opMessage({ operationType: 'update', objectId: 'x', newValue: {} }), 'ack', 'rejected', /an update op with an empty "newValue" changes nothing/],
  ['operation', opMessage({ operationType: 'update', objectId: 'x', newValue: 5 }), 'ack', 'rejected', /needs "newValue" to be an object of properties/],
  ['operation', opMessage({ operationType: 'update', objectId: 'x', propertyPath: 'x', newValue: 'far' }), 'ack', 'rejected', /"x" must be a number/],
  ['operation', opMessage({ operationType: 'move', objectId: 'x', newValue: { parentId: null } }), 'ack', 'rejected', /a move op needs "newValue.index"/],
  ['operation', opMessage({ operationType: 'move', objectId: 'x', newValue: { index: 'a' } }), 'ack', 'rejected', /a move op needs "newValue.parentId"/],
  ['operation', opMessage({ operationType: 'move', objectId: 'x', newValue: { parentId: null, index: null } }), 'ack', 'rejected', /not null: a move places the object/],
  ['operation', opMessage({ operationType: 'move', objectId: 'x', newValue: { parentId: null, index: 'a', x: 1 } }), 'ack', 'rejected', /a move op sets only "parentId" and "index"/],
  ['operation', opMessage({ operationType: 'move', objectId: 'x', newValue: 'up' }), 'ack', 'rejected', /a move op needs "newValue"/],
  ['operation', opMessage({ operationType: 'create', objectId: 'x', newValue: { type: 'text', text: 'x'.repeat(1000 * 1000) } }), 'ack', 'rejected', /"newValue" is larger than/],
  // binary and protocol-level
  ['any', { gen: 'binary', hex: '00ff00ff' }, 'error', 'invalid_message', /binary frames are not part of the protocol/],
  ['any', { gen: 'invalid-utf8-frame', hex: '7b2274797065223a2022ff227d' }, 'close', 1007],
  // Far over the limit (4 x MAX_MESSAGE_BYTES) Beast closes with 1009 at once;
  // the client, still writing, may see the reset first (1006).
  ['any', { gen: 'big', bytes: 5 << 20, wrap: 'type' }, 'close', [1009, 1006]],
];
for (const [i, [target, input, type, code, message, subscribe = true]] of wsRows.entries()) {
  const expect = type === 'close' ? { close: code }
    : type === 'ack' ? { type: 'ack', status: code, reason: message.source }
    : type === 'error' ? { type: 'error', code, message: message.source }
    : type === 'unsubscribe-then-op' ? { type: 'error', code: 'not_subscribed', message: /subscribe to a file before sending ops/.source, then: opMessage({ operationType: 'create', objectId: 'after-unsubscribe', newValue: { type: 'rectangle' } }) }
    : { type };
  add({ id: `ws ${i} ${target} ${typeof input === 'string' ? input.slice(0, 40) : JSON.stringify(input).slice(0, 60)}`, kind: 'ws', target, input, subscribe, expect });
}
// Injection payloads in every string of an op: stored literally, never run.
for (const [i, text] of injections.entries()) {
  add({ id: `ws op injection ${i} in text`, kind: 'ws', target: 'operation', subscribe: true, input: opMessage({ operationType: 'create', objectId: `inj-${i}`, newValue: { type: 'text', text, name: text } }), expect: { type: 'ack', status: 'applied', stored: { objectId: `inj-${i}`, property: 'text', value: text } } });
  add({ id: `ws op injection ${i} in objectId`, kind: 'ws', target: 'operation', subscribe: true, input: opMessage({ operationType: 'create', objectId: text.slice(0, 100), newValue: { type: 'rectangle' } }), expect: { type: 'ack', status: 'applied', stored: { objectId: text.slice(0, 100), property: 'type', value: 'rectangle' } } });
}
// The upgrade request itself.
add({ id: 'ws upgrade ?subscribe=not-a-uuid', kind: 'ws', target: 'upgrade', upgrade: { query: '?subscribe=not-a-uuid' }, expect: { status: 400 } });
add({ id: 'ws upgrade ?subscribe=SQL', kind: 'ws', target: 'upgrade', upgrade: { query: "?subscribe=1'%20OR%20'1'='1" }, expect: { status: 400 } });
add({ id: 'ws upgrade /ws/../api', kind: 'ws', target: 'upgrade', upgrade: { path: '/wsx' }, expect: { status: 404 } });
add({ id: 'ws upgrade forged cookie', kind: 'ws', target: 'upgrade', upgrade: { cookie: 'vellum_session=' + 'a'.repeat(64) }, expect: { status: 401 } });
add({ id: 'ws upgrade cookie injection', kind: 'ws', target: 'upgrade', upgrade: { cookie: "vellum_session=' OR '1'='1" }, expect: { status: 401 } });

// ------------------------------------------------------------------------ SQL
// Every function of the extension, called as a SQL user could call it.
const sqlRows = [
  ['vellum.apply_ops', "SELECT vellum.apply_ops(NULL, '[]')", '22004', /file_id must not be null/],
  ['vellum.apply_ops', `SELECT vellum.apply_ops('${NIL}', '[]')`, 'P0002', /file 0{8}-.* does not exist/],
  ['vellum.apply_ops', "SELECT vellum.apply_ops('{file}', '{}')", '22023', /array/],
  ['vellum.apply_ops', "SELECT vellum.apply_ops('{file}', '\"x\"')", '22023', /array/],
  ['vellum.apply_ops', "SELECT vellum.apply_ops('{file}', NULL)", '22004', /ops must not be null/],
  ['vellum.apply_ops', "SELECT vellum.apply_ops('not-a-uuid', '[]')", '22P02', /invalid input syntax for type uuid/],
  ['vellum.apply_ops', "SELECT vellum.apply_ops('{file}', '[1]')::text", null, /"reason": "an op must be a JSON object, not number", "status": "rejected"/],
  ['vellum.apply_ops', `SELECT vellum.apply_ops('{file}', '[{"id":"s","timestamp":1,"clientId":"c","operationType":"create","objectId":"s","newValue":{"type":"rectangle","x":"1; DROP TABLE vellum.files"}}]')::text`, null, /"reason": "\\"x\\" must be a number, not .*"status": "rejected"/],
  ['vellum.apply_ops', "SELECT vellum.apply_ops('{file}', (repeat('[', 3000) || repeat(']', 3000))::jsonb)::text", null, /rejected|nested|deep|array/],
  ['vellum.apply_ops', `SELECT vellum.apply_ops('{file}', ('[{"id":"d","timestamp":1,"clientId":"c","operationType":"create","objectId":"d","newValue":{"type":"text","text":' || repeat('[', 2000) || repeat(']', 2000) || '}}]')::jsonb)::text`, null, /rejected/],
  ['vellum.apply_ops', "SELECT vellum.apply_ops('{file}', jsonb_build_array(jsonb_build_object('id','b','timestamp',1,'clientId','c','operationType','create','objectId','b','newValue',jsonb_build_object('type','text','text',repeat('x', 2000000)))))::text", null, /larger than/],
  ['vellum.apply_ops', "SELECT vellum.apply_ops('{file}', '[{\"operationType\":\"create\",\"objectId\":\"x\",\"timestamp\":9223372036854775808,\"clientId\":\"c\",\"newValue\":{\"type\":\"rectangle\"}}]')::text", null, /\\"timestamp\\" must be a non-negative integer of milliseconds, not 9223372036854775808/],
  ['vellum.apply_ops', "SELECT vellum.apply_ops('{file}', '[]', 'not-a-uuid')", '22P02', /uuid/],
  ['vellum.apply_ops_batch', "SELECT vellum.apply_ops_batch('{file}', '{}')", '22023', /batch|array/],
  ['vellum.apply_ops_batch', "SELECT vellum.apply_ops_batch('{file}', '[1]')", '22023', /batch|array|object/],
  ['vellum.apply_ops_batch', "SELECT vellum.apply_ops_batch('{file}', '[{\"ops\": 5}]')", '22023', /ops|array/],
  ['vellum.apply_ops_batch', "SELECT vellum.apply_ops_batch('{file}', '[{\"userId\": \"x\", \"ops\": []}]')", '22', /uuid|userId/],
  ['vellum.apply_ops_batch', "SELECT vellum.apply_ops_batch(NULL, '[]')", '22004', /must not be null/],
  ['vellum.apply_ops_files', "SELECT vellum.apply_ops_files('[1]')", '22023', /files must be a JSON array of \{"fileId"/],
  ['vellum.apply_ops_files', "SELECT vellum.apply_ops_files('{}')", '22023', /files must be a JSON array/],
  ['vellum.apply_ops_files', "SELECT vellum.apply_ops_files('[{\"fileId\": \"x\", \"batches\": []}]')", '22', /fileId|uuid/],
  ['vellum.apply_ops_files', `SELECT vellum.apply_ops_files('[{"fileId": "${NIL}", "batches": []}]')::text`, null, /"error": \{"message": "file 0{8}-0{4}-0{4}-0{4}-0{12} does not exist", "sqlstate": "P0002"\}/],
  ['vellum.apply_ops_files', "SELECT vellum.apply_ops_files(NULL)", '22004', /must not be null/],
  ['vellum.changes_since', "SELECT * FROM vellum.changes_since('{file}', -1)", '22023', /after_seq|negative|0 or more/],
  ['vellum.changes_since', `SELECT * FROM vellum.changes_since('${NIL}', 0)`, 'P0002', /does not exist/],
  ['vellum.changes_since', "SELECT * FROM vellum.changes_since(NULL, 0)", '22004', /must not be null/],
  ['vellum.changes_since', "SELECT count(*) FROM vellum.changes_since('{file}', 9223372036854775807)", '22023', /after_seq 9223372036854775807 is out of range/],
  ['vellum.compact_operations', "SELECT vellum.compact_operations('{file}', -5)", '22023', /upto_seq -5 is out of range/],
  ['vellum.compact_operations', "SELECT vellum.compact_operations('{file}', 99)", '22023', /upto_seq 99 is past the file's last seq/],
  ['vellum.compact_operations', `SELECT vellum.compact_operations('${NIL}', 0)`, 'P0002', /does not exist/],
  ['vellum.compact_operations', "SELECT vellum.compact_operations(NULL, NULL)", '22004', /must not be null/],
  ['vellum.document', `SELECT vellum.document('${NIL}')`, 'P0002', /does not exist/],
  ['vellum.document', 'SELECT vellum.document(NULL) IS NULL', null, /^t$/],
  ['vellum.document_text', `SELECT vellum.document_text('${NIL}')`, 'P0002', /does not exist/],
  ['vellum.document_text', 'SELECT vellum.document_text(NULL) IS NULL', null, /^t$/],
  ['vellum.file_access', "SELECT coalesce(vellum.file_access(NULL, NULL), 'none')", null, /^none$/],
  ['vellum.file_access', `SELECT coalesce(vellum.file_access('${NIL}', '{me}'), 'none')`, null, /^none$/],
  ['vellum.file_access', "SELECT vellum.file_access('{file}', 'x'' OR ''1''=''1')", '22P02', /uuid/],
  ['vellum.lww_merge', "SELECT vellum.lww_merge('1', '[]')", '22023', /the first argument is not a register map/],
  ['vellum.lww_merge', "SELECT vellum.lww_merge('{}', '\"x\"')", '22023', /the second argument is not a register map/],
  ['vellum.lww_merge', "SELECT vellum.lww_merge('{\"a\": {\"t\": 1, \"c\": \"x\"}}', '{}')", '22023', /a register needs "v"/],
  ['vellum.lww_merge', "SELECT vellum.lww_merge('{\"a\": {\"v\": 1, \"t\": \"x\", \"c\": \"x\"}}', '{}')", '22023', /"t"|register/],
  ['vellum.lww_merge', "SELECT vellum.lww_merge((repeat('{\"a\":', 3000) || '1' || repeat('}', 3000))::jsonb, '{}')", '22023', /register/],
  ['vellum.lww_merge', "SELECT vellum.lww_merge(NULL, '{}') IS NULL", null, /^t$/],
  ['vellum.lww_values', "SELECT vellum.lww_values('\"x\"')", '22023', /registers is not a register map/],
  ['vellum.lww_values', "SELECT vellum.lww_values('[]')", '22023', /register map/],
  ['vellum.lww_values', "SELECT vellum.lww_values('{\"a\": 5}')", '22023', /register/],
  ['vellum.rebuild', "SELECT vellum.rebuild('{file}', -1)", '22023', /upto_seq|negative|0 or more/],
  ['vellum.rebuild', `SELECT vellum.rebuild('${NIL}')`, 'P0002', /does not exist/],
  ['vellum.rebuild', 'SELECT vellum.rebuild(NULL)', '22004', /must not be null/],
  ['vellum.restore_version', `SELECT vellum.restore_version('{file}', '${NIL}')`, 'P0002', /version .* does not exist|does not exist/],
  ['vellum.restore_version', "SELECT vellum.restore_version('{file}', NULL)", '22004', /must not be null/],
  ['vellum.restore_version', `SELECT vellum.restore_version('${NIL}', '${NIL}')`, 'P0002', /does not exist/],
  ['vellum.snapshot', `SELECT vellum.snapshot('${NIL}')`, 'P0002', /does not exist/],
  ['vellum.snapshot', 'SELECT vellum.snapshot(NULL)', '22004', /must not be null/],
  ['vellum.snapshot', "SELECT (vellum.snapshot('{file}', E'''); DROP TABLE vellum.files; --')).name", null, /^'\); DROP TABLE vellum\.files; --$/],
  ['vellum.snapshot', "SELECT vellum.snapshot('{file}', repeat('x', 100000))", '2', /name|long|characters|value too long/],
  ['vellum.snapshot', "SELECT vellum.snapshot('{file}', 'v', 'not-a-uuid')", '22P02', /uuid/],
  ['vellum.cleanup', 'SELECT vellum.cleanup(-1)', '22023', /auto_save_days|negative|0 or more/],
  ['vellum.cleanup', 'SELECT vellum.cleanup(1, 1, -1)', '22023', /retention periods and counts must be 0 or more/],
  ['vellum.cleanup', 'SELECT vellum.cleanup(1, 1, 1, -2147483648)', '22023', /retention periods and counts must be 0 or more/],
  ['vellum.cleanup', 'SELECT vellum.cleanup(1, -1)', '22023', /keep_auto_saves|negative|0 or more/],
  ['vellum.auto_save', 'SELECT vellum.auto_save(1)', '42883', /function vellum.auto_save\(integer\) does not exist/],
  ['vellum.notify_access_change', 'SELECT vellum.notify_access_change()', '0A000', /trigger functions can only be called as triggers/],
  ['vellum.notify_comment_change', 'SELECT vellum.notify_comment_change()', '0A000', /trigger functions can only be called as triggers/],
  ['vellum.notify_file_listed', 'SELECT vellum.notify_file_listed()', '0A000', /trigger functions can only be called as triggers/],
  ['vellum.notify_session_ended', 'SELECT vellum.notify_session_ended()', '0A000', /trigger functions can only be called as triggers/],
  ['vellum.operations_before_insert', 'SELECT vellum.operations_before_insert()', '39P01', /not called as a trigger/],
];
for (const [target, sql, sqlstate, message] of sqlRows)
  add({ id: `${target}: ${sql.slice(7, 90)}`, kind: 'sql', target, input: sql, expect: sqlstate ? { sqlstate, message: message.source } : { ok: message.source } });

// --------------------------------------------------------------- static files
// Sent as raw request lines, so that no client library tidies the path first.
const staticRows = [
  '/../../../../etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/%2e%2e/%2e%2e/etc/passwd', '/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
  '/..\\..\\etc\\passwd', '/assets/..%5c..%5cetc%5cpasswd', '/index.html%00.png', '/%00', '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
  '/....//....//etc/passwd', '/.%2e/.%2e/etc/passwd', '//etc/passwd', '/%252e%252e/etc/passwd', `/${'a/'.repeat(2000)}x.js`,
  '/etc/passwd', '/proc/self/environ', '/..;/etc/passwd', '/%c0%ae%c0%ae/etc/passwd', '/index.html/../../etc/passwd', '/\u00e9%ff.js',
];
// The web root holds link-out.txt and link-dir, symlinks to a file and a folder outside it.
staticRows.push('/link-out.txt', '/link-dir/secret.txt', '/link-dir/../secret.txt', '/secret.txt');
for (const path of staticRows)
  add({ id: `static ${path.slice(0, 60)}`, kind: 'static', target: 'GET static', input: path, expect: { notServed: true } });
add({ id: 'static overlong request line', kind: 'static', target: 'GET static', input: '/' + 'a'.repeat(20000), expect: { status: 400, message: 'malformed HTTP request' } });
add({ id: 'static bad method', kind: 'static', target: 'GET static', input: '/', method: 'DELETE', expect: { status: 405, message: 'use GET for pages' } });
add({ id: 'static malformed request line', kind: 'static', target: 'GET static', raw: 'GET\t/ HTTP/9.9\r\n\r\n', expect: { status: 400, message: 'malformed HTTP request' } });
add({ id: 'static header without colon', kind: 'static', target: 'GET static', raw: 'GET / HTTP/1.1\r\nHost: x\r\nthis is not a header\r\n\r\n', expect: { status: 400, message: 'malformed HTTP request' } });
add({ id: 'static 20 kB of headers', kind: 'static', target: 'GET static', raw: `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20000)}\r\n\r\n`, expect: { status: 400, message: 'malformed HTTP request' } });
add({ id: 'api bad chunked body', kind: 'static', target: 'POST /api/files', raw: 'POST /api/files HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', expect: { status: 400, message: 'malformed HTTP request' } });
add({ id: 'api Content-Length over the limit', kind: 'static', target: 'POST /api/files', raw: 'POST /api/files HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n', expect: { status: 413, message: 'over the limit' } });
add({ id: 'api negative Content-Length', kind: 'static', target: 'POST /api/files', raw: 'POST /api/files HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n', expect: { status: 400, message: 'malformed HTTP request' } });

// ---------------------------------------------------- connection-level attacks
// Bounded: a few connections, a few seconds (the header deadline is 30 s).
add({ id: 'conn slow headers, a byte every 300 ms', kind: 'conn', target: 'slow headers', input: { scenario: 'slow_headers', connections: 3 }, expect: { closedByGateway: true } });
add({ id: 'conn TCP open, nothing sent', kind: 'conn', target: 'half-open', input: { scenario: 'silent', connections: 5 }, expect: { closedByGateway: true } });
add({ id: 'conn headers sent, body never finished', kind: 'conn', target: 'half-open body', input: { scenario: 'partial_body', connections: 3 }, expect: { closedByGateway: true } });
add({ id: 'conn WebSocket that never reads', kind: 'conn', target: 'non-reading WebSocket', input: { scenario: 'never_reads', connections: 2 }, expect: { log: 'websocket_slow_consumer' } });
add({ id: 'conn flood of 200 HTTP connections', kind: 'conn', target: 'flood HTTP', input: { scenario: 'flood_http', connections: 200 }, expect: { allAnswered: true } });
add({ id: 'conn flood of 100 WebSocket upgrades', kind: 'conn', target: 'flood WebSocket', input: { scenario: 'flood_ws', connections: 100 }, expect: { allAnswered: true } });
add({ id: 'conn 300 connections opened and reset', kind: 'conn', target: 'flood resets', input: { scenario: 'flood_reset', connections: 300 }, expect: { recovers: true } });

export { cases };

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const c of cases) console.log(`${c.kind}\t${c.target}\t${c.id}`);
  const kinds = {};
  for (const c of cases) kinds[c.kind] = (kinds[c.kind] || 0) + 1;
  console.log(`${cases.length} cases`, kinds);
}
