// A link to a file opened without a session asks to sign in, then opens that
// file; a wrong password is refused with the gateway's message.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, closeEveryone, hook, newFile, open, person, psql, serverObjects, shot, signedIn, until } from './harness.mjs';

after(closeEveryone);

test('a file link opened signed out asks to sign in and comes back to the file', async () => {
  const ada = await signedIn('Ada');
  const fileId = await newFile(ada);
  await open(ada, fileId);
  await hook(ada, `editor.createShapes([{id: 'link-rect', type: 'rect', x: 200, y: 150, w: 160, h: 100, fill: '#12a594', stroke: '#000000'}])`);
  await until(() => hook(ada, 'editor.pending() === 0'), { what: 'the rectangle saved' });

  // Bob has an account (made here through the REST API) and edit access, but no session in this browser.
  const email = `bob-link-${process.pid}-${Date.now()}@example.com`;
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, name: 'Bob', password: 'correct horse battery' }),
  });
  assert.equal(res.status, 201, await res.text());
  const bobId = psql(`SELECT id FROM vellum.users WHERE email = '${email}'`);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${bobId}', 'edit')`);
  const bob = await person('Bob');
  after(() => bob.close());

  await bob.page.goto(`${base}/file/${fileId}?bench=1`);
  await bob.page.getByText('Sign in to open this file').waitFor();
  await bob.page.getByLabel('Email').fill(email);
  await bob.page.getByLabel('Password').fill('wrong password here');
  await bob.page.getByRole('button', { name: 'Sign in' }).first().click();
  await bob.page.getByRole('alert').waitFor();
  assert.match(await bob.page.getByRole('alert').textContent(), /password/i);
  await shot(bob, '23-sign-in-refused');

  await bob.page.getByLabel('Password').fill('correct horse battery');
  await bob.page.getByRole('button', { name: 'Sign in' }).first().click();
  await until(() => hook(bob, 'editor && editor.objects().some((o) => o.id === "link-rect")'), { what: "Bob's editor showing Ada's file" });
  assert.ok(bob.page.url().endsWith(`/file/${fileId}?bench=1`), bob.page.url());
  await bob.page.waitForTimeout(200);
  await shot(bob, '24-back-at-the-file');
  assert.deepEqual(bob.errors, []);
});

test('a link to a file that does not exist, or that is not shared with you, says so', async () => {
  const ada = await signedIn('Ada');
  const eve = await signedIn('Eve');
  const fileId = await newFile(ada);
  for (const [who, id] of [[ada, '7d0c5e59-0000-4000-8000-000000000000'], [eve, fileId]]) {
    await who.page.goto(`${base}/file/${id}`);
    await who.page.getByTestId('file-error').waitFor();
    assert.match(await who.page.getByTestId('file-error').textContent(), /does not exist, or you have no access/);
  }
  await shot(eve, '25-not-shared');
  assert.equal(serverObjects(fileId).length, 0);
  assert.deepEqual([...ada.errors, ...eve.errors], []);
});
