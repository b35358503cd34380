// Browser test harness: Debian's Chromium through playwright-core, against
// the stack `make run` started (VELLUM_URL), with psql for SQL users. Every
// user is a browser context of its own, with a fresh profile.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { chromium } from 'playwright-core';

export const base = process.env.VELLUM_URL || 'http://127.0.0.1:8080';
const pg = ['-X', '-Atq', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', process.env.VELLUM_PG_PORT || '55432', '-U', 'postgres', '-d', 'vellum'];
export const shots = process.env.VELLUM_SCREENSHOTS || fs.mkdtempSync(path.join(os.tmpdir(), 'vellum-shots-'));

export function psql(sql) {
  return execFileSync('psql', [...pg, '-c', sql], { encoding: 'utf8' }).trim();
}

const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// A signed-out person in a browser of their own.
export async function person(name) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), `vellum-${name.toLowerCase()}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args,
    viewport: { width: 1280, height: 800 },
  });
  const page = context.pages()[0] || (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  return {
    name,
    context,
    page,
    errors,
    email: `${name.toLowerCase()}-${process.pid}-${Date.now()}@example.com`,
    password: 'correct horse battery',
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Registers through the page, as a newcomer does.
export async function register(p) {
  await p.page.goto(base + '/');
  await p.page.getByRole('button', { name: 'Create account' }).first().click().catch(() => {});
  await p.page.getByLabel('Name').fill(p.name);
  await p.page.getByLabel('Email').fill(p.email);
  await p.page.getByLabel('Password').fill(p.password);
  await p.page.getByRole('button', { name: 'Create account' }).last().click();
  await p.page.getByRole('button', { name: 'New file' }).waitFor({ timeout: 10000 });
  p.id = psql(`SELECT id FROM vellum.users WHERE email = '${p.email}'`);
  return p;
}

export async function shot(p, name) {
  const file = path.join(shots, `${name}.png`);
  await p.page.screenshot({ path: file });
  return file;
}

// Waits until fn() is truthy, polling; fails with what it saw last.
export async function until(fn, { timeout = 10000, what = 'condition' } = {}) {
  const start = Date.now();
  let last;
  while (Date.now() - start < timeout) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}

// Waits until fn() deep-equals expected; fails with the difference it saw last.
export async function untilEqual(fn, expected, { timeout = 10000, what = 'value' } = {}) {
  let last;
  try {
    await until(async () => isDeepStrictEqual((last = await fn()), expected), { timeout, what });
  } catch {
    assert.deepEqual(last, expected, `timed out waiting for ${what}`);
  }
}

// The page's editor through the test hook (?bench=1).
export function hook(p, expression, arg) {
  return p.page.evaluate(([expr, a]) => new Function('editor', 'arg', `return (${expr})`)(window.__editor, a), [expression, arg]);
}

// ---- what every test file does ---------------------------------------------

const everyone = [];

/** A registered, signed-in person, closed by closeEveryone(). */
export async function signedIn(name) {
  const p = await person(name);
  everyone.push(p);
  return register(p);
}

export async function closeEveryone() {
  for (const p of everyone.splice(0)) await p.close();
}

/** Makes a file from the file list and waits for its canvas; returns its id. */
export async function newFile(p) {
  await p.page.getByRole('button', { name: 'New file' }).click();
  await p.page.waitForURL(/\/file\/[0-9a-f-]{36}/, { timeout: 10000 });
  const fileId = p.page.url().match(/\/file\/([0-9a-f-]{36})/)[1];
  await p.page.locator('canvas').first().waitFor();
  return fileId;
}

/** Opens the file with the test hook and waits until the editor has nothing unsent. */
export async function open(p, fileId) {
  await p.page.goto(`${base}/file/${fileId}?bench=1`);
  await p.page.locator('canvas').first().waitFor();
  // Synced (before that, edits are refused: the file is not loaded yet) with nothing unsent.
  await until(async () => (await connection(p)) === 'Connected' && hook(p, 'editor && editor.pending() === 0'), { what: `${p.name}'s editor` });
}

/** What the connection indicator says. */
export const connection = (p) => p.page.locator('[data-testid="connection"]').textContent();

/** A file of Ada's that Bob may edit, open in both their editors. */
export async function sharedFile() {
  const ada = await signedIn('Ada');
  const bob = await signedIn('Bob');
  const fileId = await newFile(ada);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${bob.id}', 'edit')`);
  await open(ada, fileId);
  await open(bob, fileId);
  return { ada, bob, fileId };
}

/** Drags on the canvas from one point to another, in the canvas's CSS pixels. */
export async function drag(p, from, to) {
  const box = await p.page.locator('canvas').last().boundingBox();
  await p.page.mouse.move(box.x + from[0], box.y + from[1]);
  await p.page.mouse.down();
  await p.page.mouse.move(box.x + (from[0] + to[0]) / 2, box.y + (from[1] + to[1]) / 2, { steps: 4 });
  await p.page.mouse.move(box.x + to[0], box.y + to[1], { steps: 4 });
  await p.page.mouse.up();
}

/** Clicks the canvas at a point in its CSS pixels. */
export async function clickCanvas(p, at, options) {
  const box = await p.page.locator('canvas').last().boundingBox();
  await p.page.mouse.click(box.x + at[0], box.y + at[1], options);
}

/** The file as vellum.document() has it: its objects. */
export const serverObjects = (fileId) =>
  JSON.parse(psql(`SELECT coalesce(vellum.document('${fileId}') -> 'objects', '[]')::text`));

/** The file as a person's editor shows it. */
export const objectsOf = (p) => hook(p, 'editor.objects()');

/** The layers panel's row of an object. */
export const layerRow = (p, id) => p.page.locator(`[data-testid="layer-row"][data-object-id="${id}"]`);

/**
 * The RGBA pixels of a PNG (a screenshot, an export), decoded by the person's
 * browser: { width, height, data } with 4 bytes a pixel, of the region given
 * or of the whole image.
 */
export async function decodePng(p, png, region = {}) {
  const out = await p.page.evaluate(async ([b64, region]) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0);
    const { x = 0, y = 0, width = img.width - x, height = img.height - y } = region;
    const data = g.getImageData(x, y, width, height).data;
    let bytes = '';
    for (let i = 0; i < data.length; i += 0x8000) bytes += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width, height, rgba: btoa(bytes) };
  }, [png.toString('base64'), region]);
  return { width: out.width, height: out.height, data: Buffer.from(out.rgba, 'base64') };
}

/** The colour [r, g, b, a] of the pixel at a point of the page's screenshot (CSS pixels, device scale 1). */
export async function pixel(p, x, y) {
  const { data } = await decodePng(p, await p.page.screenshot(), { x: Math.round(x), y: Math.round(y), width: 1, height: 1 });
  return [...data];
}

/** The pixel at a point of the canvas (its CSS pixels). */
export async function canvasPixel(p, at) {
  const box = await p.page.locator('canvas').last().boundingBox();
  return pixel(p, box.x + at[0], box.y + at[1]);
}

/** Whether two colours are within `tolerance` in each channel, e.g. near(px, [229, 72, 77]). */
export const near = (rgba, rgb, tolerance = 12) => rgb.every((v, i) => Math.abs(rgba[i] - v) <= tolerance);
