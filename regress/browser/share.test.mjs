// Sharing, by two people: Ada shares her file with Bob by email through the
// share dialog, to view; Bob accepts, opens it and cannot draw (nothing in
// vellum.objects, the page says view only); Ada makes him an editor and he
// can draw; his own dialog shows him what he may see and no controls; Ada
// revokes him while he has the file open and his editor says so at once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, closeEveryone, drag, hook, newFile, open, psql, shot, signedIn, until, untilEqual } from './harness.mjs';

after(closeEveryone);

const objectCount = (fileId) => Number(psql(`SELECT count(*) FROM vellum.objects WHERE file_id = '${fileId}'`));
const dialog = (p) => p.page.getByRole('dialog', { name: 'Share' });

async function openShare(p) {
  await p.page.getByRole('banner').getByRole('button', { name: 'Share' }).click();
  await dialog(p).getByRole('list', { name: 'Who has access' }).waitFor();
}

async function closeShare(p) {
  await dialog(p).getByRole('button', { name: 'Close' }).click();
  await dialog(p).waitFor({ state: 'detached' });
}

async function drawRectangle(p, from, to) {
  await p.page.getByRole('button', { name: 'Rectangle' }).click({ force: true }).catch(() => {});
  await p.page.keyboard.press('r');
  await drag(p, from, to);
}

test('share with view by email, the viewer cannot edit; make them an editor; revoke while open', async () => {
  const ada = await signedIn('Ada');
  const bob = await signedIn('Bob');
  const fileId = await newFile(ada);
  await open(ada, fileId);

  // Ada shares by email. A typo is named in the dialog, and so is what the gateway refuses.
  await openShare(ada);
  const d = dialog(ada);
  await d.getByText('Owner').waitFor();
  assert.match(await d.locator('[data-testid="share-owner"]').textContent(), /^Ada \(you\)/);
  const email = d.getByLabel('Email to share with');
  await email.fill('bob');
  await d.getByRole('button', { name: 'Share' }).click();
  assert.equal(await d.locator('[data-testid="share-error"]').textContent(), '“bob” is not an email address.');
  await email.fill('bob@localhost');
  await d.getByRole('button', { name: 'Share' }).click();
  await until(async () => /"email" must be an email address/.test((await d.locator('[data-testid="share-error"]').textContent().catch(() => '')) ?? ''), {
    what: "the gateway's refusal in the dialog",
  });
  await email.fill(bob.email);
  await d.getByLabel('Permission to give').selectOption('view');
  await d.getByRole('button', { name: 'Share' }).click();
  await d.locator('[data-testid="share-note"]').getByText(`Invited ${bob.email} to view`).waitFor();
  await d.locator('[data-testid="share-invited"]').getByText(bob.email).waitFor();
  assert.equal(await d.locator('[data-testid="share-error"]').count(), 0);
  await shot(ada, 'share-01-ada-invites-bob');
  await closeShare(ada);

  // Bob accepts the invitation in his file list and opens the file: view only.
  await bob.page.goto(base + '/');
  const invitations = bob.page.getByRole('region', { name: 'Invitations' });
  await invitations.getByText('Ada invited you to “Untitled” (view)').waitFor();
  await invitations.getByRole('button', { name: 'Accept' }).click();
  await until(() => psql(`SELECT permission FROM vellum.file_permissions WHERE file_id = '${fileId}' AND user_id = '${bob.id}'`) === 'view', {
    what: "Bob's grant",
  });
  await open(bob, fileId);
  await bob.page.locator('[data-testid="view-only"]').getByText('View only').waitFor();
  await bob.page.locator('[data-testid="read-only"]').waitFor();
  assert.equal(await bob.page.getByRole('button', { name: 'Rectangle' }).isDisabled(), true);
  await drawRectangle(bob, [300, 250], [450, 350]);
  assert.equal(await bob.page.getByRole('button', { name: 'Rectangle' }).getAttribute('aria-pressed'), 'false', "a viewer's R picks no drawing tool");
  await bob.page.waitForTimeout(800);
  assert.equal(objectCount(fileId), 0, 'a viewer drew nothing');
  assert.deepEqual(await bob.page.evaluate(() => window.__editor.objects()), []);
  await shot(bob, 'share-02-bob-view-only');

  // Ada sees Bob among the people with access and makes him an editor: his open editor follows.
  await openShare(ada);
  const bobRow = dialog(ada).locator(`[data-testid="share-person"][data-user-id="${bob.id}"]`);
  await bobRow.getByText(bob.email).waitFor();
  assert.equal(await dialog(ada).locator('[data-testid="share-invited"]').count(), 0, 'the invitation is gone once accepted');
  await bobRow.getByLabel('Permission of Bob').selectOption('edit');
  await dialog(ada).locator('[data-testid="share-note"]').getByText('Bob can edit now.').waitFor();
  assert.equal(psql(`SELECT permission FROM vellum.file_permissions WHERE file_id = '${fileId}' AND user_id = '${bob.id}'`), 'edit');
  await shot(ada, 'share-03-ada-makes-bob-editor');
  await bob.page.locator('[data-testid="view-only"]').waitFor({ state: 'detached' });
  assert.equal(await bob.page.locator('[data-testid="read-only"]').count(), 0);
  await drawRectangle(bob, [300, 250], [450, 350]);
  await until(() => objectCount(fileId) === 1, { what: "Bob's rectangle in vellum.objects" });
  assert.equal(psql(`SELECT registers -> 'type' ->> 'v' FROM vellum.objects WHERE file_id = '${fileId}'`), 'rectangle');

  // Bob's own dialog: who owns the file and what he may do, and no controls.
  await openShare(bob);
  const b = dialog(bob);
  assert.match(await b.locator('[data-testid="share-owner"]').textContent(), /^AdaOwner$/);
  await b.locator('[data-testid="share-yours"]').getByText('You can edit this file.').waitFor();
  assert.equal(await b.getByLabel('Email to share with').count(), 0);
  assert.equal(await b.getByRole('combobox').count(), 0);
  assert.equal(await b.getByRole('button', { name: 'Remove' }).count(), 0);
  await shot(bob, 'share-04-bob-dialog-read-only');
  await closeShare(bob);

  // Ada revokes Bob while his editor is open: it is replaced by the message at once.
  await bobRow.getByRole('button', { name: 'Remove' }).click();
  await dialog(ada).locator('[data-testid="share-note"]').getByText('Bob has no access any more.').waitFor();
  assert.equal(await bobRow.count(), 0);
  const removed = bob.page.locator('[data-testid="access-removed"]');
  await removed.waitFor({ timeout: 5000 });
  assert.match(await removed.textContent(), /Your access to this file was removed/);
  assert.equal(await bob.page.locator('canvas').count(), 0, 'no dead canvas is left');
  await shot(bob, 'share-05-bob-removed');
  await shot(ada, 'share-06-ada-after-revoke');
  await removed.getByRole('link', { name: 'Back to your files' }).click();
  await bob.page.getByRole('button', { name: 'New file' }).waitFor();
  assert.equal(new URL(bob.page.url()).pathname, '/');

  await closeShare(ada);
  // Escape closes the dialog and nothing else: the canvas keeps its selection.
  await hook(ada, `editor.createShapes([{id: 's-rect', type: 'rect', x: 100, y: 100, w: 50, h: 50, fill: '#30a46c'}])`);
  const canvas = await ada.page.locator('canvas').last().boundingBox();
  await ada.page.mouse.click(canvas.x + 125, canvas.y + 125);
  const nothingSelected = ada.page.getByText('Select something to see its properties.');
  await nothingSelected.waitFor({ state: 'detached' });
  await openShare(ada);
  await dialog(ada).getByRole('heading').click(); // focus out of the email box, as after clicking in the dialog
  await ada.page.keyboard.press('Escape');
  await dialog(ada).waitFor({ state: 'detached' });
  await ada.page.waitForTimeout(200);
  assert.equal(await nothingSelected.count(), 0, 'the rectangle is still selected');
  assert.deepEqual([...ada.errors, ...bob.errors], []);
});

test('the file browser offers Share… to the file\'s admins only', async () => {
  const ada = await signedIn('Ada');
  const vic = await signedIn('Vic');
  const fileId = await newFile(ada);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${vic.id}', 'edit')`);

  await ada.page.goto(base + '/');
  const adaCard = ada.page.locator(`[data-testid="file-card"][data-file-id="${fileId}"]`);
  await adaCard.getByRole('button', { name: 'Actions for Untitled' }).click();
  await adaCard.getByRole('menuitem', { name: 'Share…' }).click();
  await dialog(ada).locator(`[data-testid="share-person"][data-user-id="${vic.id}"]`).getByText(vic.email).waitFor();
  await dialog(ada).getByLabel('Email to share with').waitFor();
  await shot(ada, 'share-07-from-the-file-browser');
  await ada.page.keyboard.press('Escape');
  await dialog(ada).waitFor({ state: 'detached' });

  await vic.page.goto(base + '/');
  const vicCard = vic.page.locator(`[data-testid="file-card"][data-file-id="${fileId}"]`);
  await vicCard.getByRole('button', { name: 'Actions for Untitled' }).click();
  await vicCard.getByRole('menuitem', { name: 'Rename' }).waitFor();
  assert.equal(await vicCard.getByRole('menuitem', { name: 'Share…' }).count(), 0);
  assert.deepEqual([...ada.errors, ...vic.errors], []);
});

test("a team's file: its members are listed with the access their role gives, to members; others see the team's name", async () => {
  const ada = await signedIn('Ada');
  const tom = await signedIn('Tom');
  const vic = await signedIn('Vic');
  const fileId = await newFile(ada);
  const teamId = psql(`INSERT INTO vellum.teams (name, owner_id) VALUES ('Studio <b>', '${ada.id}') RETURNING id`);
  psql(`INSERT INTO vellum.team_members (team_id, user_id, role) VALUES ('${teamId}', '${ada.id}', 'owner'), ('${teamId}', '${tom.id}', 'member')`);
  psql(`UPDATE vellum.files SET team_id = '${teamId}' WHERE id = '${fileId}'`);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${vic.id}', 'view')`);

  await open(ada, fileId);
  await openShare(ada);
  const team = dialog(ada).getByRole('region', { name: 'Team access' });
  // The team's name is text, never markup.
  await team.getByText('Everyone in the team Studio <b>').waitFor();
  await untilEqual(() => team.locator('[data-testid="share-member"]').allTextContents(), [
    `Ada (you)${ada.email}Admin (owner)`,
    `Tom${tom.email}Can edit (member)`,
  ], { what: "the team's members in Ada's dialog" });
  await shot(ada, 'share-08-team-members');

  await open(vic, fileId);
  await vic.page.locator('[data-testid="view-only"]').waitFor();
  await openShare(vic);
  const vicTeam = dialog(vic).getByRole('region', { name: 'Team access' });
  await vicTeam.getByText('Everyone in the team Studio <b>').waitFor();
  assert.equal(await vicTeam.locator('[data-testid="share-member"]').count(), 0, 'Vic is not in the team: he may not list it');
  await dialog(vic).locator('[data-testid="share-yours"]').getByText('You can view this file.').waitFor();
  assert.equal(await dialog(vic).getByLabel('Email to share with').count(), 0);
  await shot(vic, 'share-09-viewer-outside-the-team');
  assert.deepEqual([...ada.errors, ...vic.errors], []);
});
