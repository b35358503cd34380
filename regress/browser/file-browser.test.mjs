// The file browser at "/": create a file, rename it, duplicate it, search,
// move it to the trash and restore it, make a team and a project and move a
// file into it, and page through a long list; each checked on screen and in
// PostgreSQL, with screenshots to look at.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, closeEveryone, newFile, psql, shot, signedIn, until, untilEqual } from './harness.mjs';

after(closeEveryone);

const cards = (p) => p.page.locator('[data-testid="file-card"]');
const card = (p, name) => cards(p).filter({ has: p.page.locator('[data-testid="file-name"]', { hasText: new RegExp(`^${name}$`) }) });
const names = async (p) => (await p.page.locator('[data-testid="file-name"]').allTextContents()).sort();

async function menu(p, name, action) {
  await card(p, name).getByRole('button', { name: `Actions for ${name}` }).click();
  await card(p, name).getByRole('menuitem', { name: action }).click();
}

async function home(p) {
  await p.page.goto(base + '/');
  await p.page.getByRole('button', { name: 'New file' }).waitFor();
}

test('files from the browser: create, rename, duplicate, search, trash and restore', async () => {
  const ada = await signedIn('Ada');
  const fileId = await newFile(ada);
  await home(ada);
  await untilEqual(() => names(ada), ['Untitled'], { what: 'the new file in the list' });

  await menu(ada, 'Untitled', 'Rename');
  await ada.page.getByLabel('File name').fill('Poster');
  await ada.page.getByLabel('File name').press('Enter');
  await untilEqual(() => names(ada), ['Poster'], { what: 'the renamed card' });
  assert.equal(psql(`SELECT name FROM vellum.files WHERE id = '${fileId}'`), 'Poster');

  await menu(ada, 'Poster', 'Duplicate');
  await untilEqual(() => names(ada), ['Poster', 'Poster (copy)'], { what: 'the copy' });
  assert.equal(psql(`SELECT count(*) FROM vellum.files WHERE owner_id = '${ada.id}' AND name = 'Poster (copy)'`), '1');

  await ada.page.getByLabel('Search files').fill('COPY');
  await untilEqual(() => names(ada), ['Poster (copy)'], { what: 'the search' });
  await ada.page.getByLabel('Search files').fill('nothing like it');
  await ada.page.getByText('No files match “nothing like it”.').waitFor();
  await ada.page.getByLabel('Search files').fill('');
  await untilEqual(() => names(ada), ['Poster', 'Poster (copy)'], { what: 'every file again' });
  await shot(ada, 'file-browser-list');

  await menu(ada, 'Poster', 'Move to trash');
  await untilEqual(() => names(ada), ['Poster (copy)'], { what: 'the list without the trashed file' });
  assert.equal(psql(`SELECT deleted_at IS NOT NULL FROM vellum.files WHERE id = '${fileId}'`), 't');
  await ada.page.getByRole('button', { name: 'Trash' }).click();
  await untilEqual(() => names(ada), ['Poster'], { what: 'the trash' });
  assert.equal(await card(ada, 'Poster').locator('[data-testid="file-when"]').textContent(), 'Deleted in 30 days');
  await shot(ada, 'file-browser-trash');
  await menu(ada, 'Poster', 'Restore');
  await ada.page.getByText('The trash is empty.').waitFor();
  assert.equal(psql(`SELECT deleted_at IS NULL FROM vellum.files WHERE id = '${fileId}'`), 't');
  await ada.page.getByRole('button', { name: 'Recent' }).click();
  await untilEqual(() => names(ada), ['Poster', 'Poster (copy)'], { what: 'the restored file' });

  // Opening a card opens the editor.
  await card(ada, 'Poster').locator('[data-testid="file-row"]').click();
  await ada.page.waitForURL(new RegExp(`/file/${fileId}$`));
  await ada.page.locator('canvas').first().waitFor();
  assert.deepEqual(ada.errors, []);
});

test('teams and projects from the browser; a viewer gets no actions it may not use', async () => {
  const ada = await signedIn('Ada');
  await newFile(ada);
  await home(ada);
  await ada.page.getByRole('button', { name: 'New team' }).click();
  await ada.page.getByLabel('New team').fill('Studio');
  await ada.page.getByLabel('New team').press('Enter');
  await ada.page.getByRole('button', { name: 'Studio' }).waitFor();
  await ada.page.getByRole('button', { name: 'New project' }).click();
  await ada.page.getByLabel('New project').fill('Web');
  await ada.page.getByLabel('New project').press('Enter');
  await ada.page.getByRole('button', { name: 'Web' }).waitFor();

  await card(ada, 'Untitled').getByRole('button', { name: 'Actions for Untitled' }).click();
  await card(ada, 'Untitled').getByRole('menuitem', { name: 'Move to project…' }).click();
  await ada.page.getByLabel('Move to').selectOption({ label: 'Web' });
  await until(() => psql(`SELECT count(*) FROM vellum.files f JOIN vellum.projects p ON p.id = f.project_id WHERE f.owner_id = '${ada.id}' AND p.name = 'Web'`) === '1', { what: 'the move in PostgreSQL' });
  await ada.page.getByRole('button', { name: 'Web' }).click();
  await ada.page.getByRole('heading', { name: 'Web' }).waitFor();
  await untilEqual(() => names(ada), ['Untitled'], { what: "the project's files" });
  await ada.page.getByRole('button', { name: 'Studio' }).click();
  await ada.page.getByRole('region', { name: 'Members' }).getByText(ada.email).waitFor();
  await shot(ada, 'file-browser-team');

  // Vic only views a file of Ada's: no rename, no trash, no new file in "Shared with you".
  const vic = await signedIn('Vic');
  const fileId = psql(`SELECT f.id FROM vellum.files f WHERE f.owner_id = '${ada.id}'`);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${vic.id}', 'view')`);
  await vic.page.getByRole('button', { name: 'Shared with you' }).click();
  await untilEqual(() => names(vic), ['Untitled'], { what: "Vic's shared files" });
  assert.equal(await vic.page.getByRole('button', { name: 'New file' }).count(), 0);
  await card(vic, 'Untitled').getByRole('button', { name: 'Actions for Untitled' }).click();
  const items = await card(vic, 'Untitled').getByRole('menuitem').allTextContents();
  assert.deepEqual(items, ['Open', 'Duplicate']);
  assert.match(await card(vic, 'Untitled').locator('[data-testid="file-when"]').textContent(), /view only/);
});

test('a long list comes a page at a time', async () => {
  const ada = await signedIn('Ada');
  psql(`INSERT INTO vellum.files (name, owner_id, updated_at) SELECT 'Bulk ' || lpad(n::text, 3, '0'), '${ada.id}', now() - n * interval '1 min' FROM generate_series(1, 120) n`);
  await home(ada);
  await until(async () => (await cards(ada).count()) === 50, { what: 'the first page' });
  assert.equal(await cards(ada).first().locator('[data-testid="file-name"]').textContent(), 'Bulk 001');
  await ada.page.getByRole('button', { name: 'Load more' }).click();
  await until(async () => (await cards(ada).count()) === 100, { what: 'the second page' });
  await ada.page.getByRole('button', { name: 'Load more' }).click();
  await until(async () => (await cards(ada).count()) === 120, { what: 'the last page' });
  assert.equal(await ada.page.getByRole('button', { name: 'Load more' }).count(), 0);
  const shown = await ada.page.locator('[data-testid="file-name"]').allTextContents();
  assert.deepEqual(shown, Array.from({ length: 120 }, (_, i) => `Bulk ${String(i + 1).padStart(3, '0')}`));
});

test("a second user's list updates live: a file shared with them appears, renames and trashes show without a reload", async () => {
  const ada = await signedIn('Ada');
  const bob = await signedIn('Bob');
  await home(bob);
  await bob.page.getByRole('button', { name: 'Shared with you' }).click();
  await bob.page.getByText('No files here yet.').waitFor();

  // Ada makes a file and shares it (in SQL, as a SQL user could): Bob's
  // open list gains it, with no reload of his page.
  const fileId = await newFile(ada);
  psql(`UPDATE vellum.files SET name = 'Live poster' WHERE id = '${fileId}'`);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${bob.id}', 'edit')`);
  await untilEqual(() => names(bob), ['Live poster'], { what: "the shared file in Bob's list" });

  // Ada renames it from her browser; Bob sees the new name.
  await home(ada);
  await menu(ada, 'Live poster', 'Rename');
  await ada.page.getByLabel('File name').fill('Live poster v2');
  await ada.page.getByLabel('File name').press('Enter');
  await untilEqual(() => names(bob), ['Live poster v2'], { what: "the rename in Bob's list" });
  await shot(bob, 'file-browser-live-rename');

  // Ada moves it to the trash; it leaves Bob's list.
  await menu(ada, 'Live poster v2', 'Move to trash');
  await untilEqual(() => names(bob), [], { what: "the trashed file gone from Bob's list" });
  assert.deepEqual(bob.errors, []);
});
