// Browser test harness: Debian's Chromium through playwright-core, against
// the stack `make run` started (VELLUM_URL), with psql for SQL users. Every
// user is a browser context of its own, with a fresh profile.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

// The page's editor through the test hook (?bench=1).
export function hook(p, expression, arg) {
  return p.page.evaluate(([expr, a]) => new Function('editor', 'arg', `return (${expr})`)(window.__editor, a), [expression, arg]);
}
