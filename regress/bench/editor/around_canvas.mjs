// Issue 9's performance figures, the way a designer meets them: the file
// browser's first paint with 1,000 files, and time travel (the document at
// an arbitrary seq) of a file with 100,000 ops and 10,000 objects, each
// through the gateway as a signed-in user, beside a peer measured in the same
// run. Prints medians; asserts nothing about timings.
//
//   VELLUM_URL=http://127.0.0.1:PORT VELLUM_PG_PORT=... node around_canvas.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const base = process.env.VELLUM_URL;
const runs = Number(process.env.BENCH_AROUND_RUNS || 7);
const pg = ['-X', '-Atq', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', process.env.VELLUM_PG_PORT, '-U', 'postgres', '-d', 'vellum'];
const psql = (sql) => execFileSync('psql', [...pg, '-c', sql], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim();
const psqlFile = (text) => execFileSync('psql', [...pg, '-f', '-'], { input: text, encoding: 'utf8', maxBuffer: 1 << 26 }).trim();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;

async function register(name) {
  const email = `${name.toLowerCase()}-${process.pid}-${Date.now()}@example.com`;
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, name, password: 'correct horse battery' }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  return { id: (await res.json()).user.id, cookie: res.headers.get('set-cookie').split(';')[0] };
}

async function timedGet(user, url) {
  const t0 = performance.now();
  const res = await fetch(base + url, { headers: { cookie: user.cookie } });
  const body = await res.text();
  const t = performance.now() - t0;
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 300)}`);
  return { t, body };
}

// --- The file browser with 1,000 files --------------------------------------
async function fileBrowser() {
  const user = await register('Browser');
  psql(`INSERT INTO vellum.files (name, owner_id, updated_at)
        SELECT 'Bench file ' || n, '${user.id}', now() - n * interval '1 min' FROM generate_series(1, 1000) n`);
  const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'vellum-around-bench-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args, viewport: { width: 1280, height: 800 } });
  const [name, value] = user.cookie.split('=');
  await context.addCookies([{ name, value, url: base }]);
  // When the first file card is in the DOM, and the paint after it.
  await context.addInitScript(() => {
    const seen = () => {
      if (window.__cards || !document.querySelector('[data-testid="file-card"]')) return;
      window.__cards = performance.now();
      requestAnimationFrame(() => setTimeout(() => (window.__painted = performance.now()), 0));
    };
    new MutationObserver(seen).observe(document, { childList: true, subtree: true });
  });
  const page = context.pages()[0] || (await context.newPage());
  const cards = [], painted = [], fcp = [], api = [];
  for (let i = 0; i < runs + 1; i++) {
    await page.goto(base + '/');
    await page.waitForFunction(() => window.__painted, null, { timeout: 20000 });
    const shown = await page.locator('[data-testid="file-card"]').count();
    if (shown < 50) throw new Error(`the browser showed ${shown} cards, not a page of 50`);
    const m = await page.evaluate(() => ({
      cards: window.__cards,
      painted: window.__painted,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    }));
    // The peer: the list's own REST call, alone, from outside the browser.
    const rest = await timedGet(user, '/api/files?limit=50');
    if (i === 0) continue; // warm-up
    cards.push(m.cards);
    painted.push(m.painted);
    fcp.push(m.fcp);
    api.push(rest.t);
  }
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
  console.log(`File browser, 1,000 files (first page of 50 shown), medians of ${runs} loads of / :`);
  console.log(`  first contentful paint:                 ${ms(median(fcp))}`);
  console.log(`  first file cards in the page:           ${ms(median(cards))}`);
  console.log(`  first paint with the cards (target < 300 ms): ${ms(median(painted))}`);
  console.log(`  peer: GET /api/files?limit=50 alone:    ${ms(median(api))}`);
}

// --- Time travel ---------------------------------------------------------------
// 10,000 creates then 90,000 moves, 1,000 ops a statement; the versioned twin
// gets a version every 5,000 ops (what auto-saves give a file edited at
// about 170 ops/s with the default 30 s cadence), the other none, so that it
// is replayed from op zero: the peer.
function fillFile(ownerId, name, versionEvery) {
  const id = psql(`INSERT INTO vellum.files (name, owner_id) VALUES ('${name}', '${ownerId}') RETURNING id`);
  const lines = [];
  const batch = (opsSql) => lines.push(`SELECT count(*) FROM jsonb_array_elements(vellum.apply_ops('${id}', (${opsSql}), '${ownerId}'));`);
  for (let b = 0; b < 10; b++)
    batch(`SELECT jsonb_agg(jsonb_build_object('operationType', 'create', 'objectId', 'o' || i, 'newValue', jsonb_build_object('type', 'rectangle', 'x', i % 1000, 'y', i / 1000, 'width', 8, 'height', 8, 'fill', '#3366cc', 'index', 'a0'), 'timestamp', 1000 + i, 'clientId', 'bench')) FROM generate_series(${b * 1000}, ${b * 1000 + 999}) i`);
  for (let b = 0; b < 90; b++) {
    batch(`SELECT jsonb_agg(jsonb_build_object('operationType', 'update', 'objectId', 'o' || (i % 10000), 'propertyPath', 'x', 'newValue', i % 997, 'timestamp', 100000 + i, 'clientId', 'bench')) FROM generate_series(${b * 1000}, ${b * 1000 + 999}) i`);
    if (versionEvery && ((b + 11) * 1000) % versionEvery === 0) lines.push(`SELECT 1 FROM vellum.snapshot('${id}');`);
  }
  psqlFile(lines.join('\n'));
  return id;
}

async function timeTravel() {
  const user = await register('Traveller');
  const t0 = performance.now();
  const versioned = fillFile(user.id, 'Time travel (versions)', 5000);
  const replayed = fillFile(user.id, 'Time travel (no versions)', 0);
  console.log(`Time travel: two files of 10,000 objects and 100,000 ops each, filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  // The same seqs for both, spread over the log (seeded, so runs compare).
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const seqs = Array.from({ length: Math.max(runs * 2, 11) }, () => 1 + Math.floor(random() * 100000));
  const times = { versioned: [], replayed: [] };
  for (const [i, seq] of [[0, 50000], ...seqs.map((s, j) => [j + 1, s])]) {
    const a = await timedGet(user, `/api/files/${versioned}/history?seq=${seq}`);
    const b = await timedGet(user, `/api/files/${replayed}/history?seq=${seq}`);
    const objects = (body) => JSON.parse(body).document.objects;
    if (JSON.stringify(objects(a.body)) !== JSON.stringify(objects(b.body))) throw new Error(`the two files differ at seq ${seq}`);
    if (i === 0) continue; // warm-up
    times.versioned.push(a.t);
    times.replayed.push(b.t);
  }
  const sorted = (xs) => [...xs].sort((x, y) => x - y);
  console.log(`  GET /api/files/:id/history?seq=N at ${seqs.length} seeded seqs (the document and the changes near N), medians:`);
  console.log(`  from the nearest version (target < 200 ms): ${ms(median(times.versioned))} (slowest ${ms(sorted(times.versioned).at(-1))})`);
  console.log(`  peer, the same file replayed from op zero:  ${ms(median(times.replayed))} (slowest ${ms(sorted(times.replayed).at(-1))})`);
}

await fileBrowser();
await timeTravel();
