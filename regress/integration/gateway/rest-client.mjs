// REST calls for the tests: one request as a signed-in user (or none), and
// the two ways a test reads the answer.
import assert from 'node:assert/strict';

// One REST call to the gateway at base; body may be an object (sent as JSON) or a raw string.
export async function restCall(base, user, method, path, body) {
  const headers = { 'content-type': 'application/json' };
  if (user) headers.cookie = user.cookie;
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: json, text, headers: res.headers };
}

// Asserts an error answer: status, code, and a message matching pattern.
export function fails(res, status, code, pattern) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  assert.equal(res.body?.error?.code, code, res.text);
  assert.equal(typeof res.body.error.message, 'string');
  if (pattern) assert.match(res.body.error.message, pattern);
}

export function succeeds(res, status = 200) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  return res.body;
}
