// Bundles the browser client's own code (client.ts: the Editor with its
// Document and SyncClient) for Node with the bundler that comes with Vite
// (rolldown), and loads it. Nothing of the client is reimplemented here.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const here = new URL('../', import.meta.url).pathname;
const web = new URL('../../../gateway/web/', import.meta.url).pathname;

export async function loadClient() {
  const rolldown = `${web}node_modules/.bin/rolldown`;
  if (!existsSync(rolldown)) throw new Error(`${rolldown} is missing: run npm ci in gateway/web first`);
  const out = `${here}.build/client.mjs`;
  execFileSync(rolldown, [`${here}client.ts`, '-o', out, '-f', 'esm', '-p', 'node'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return import(out);
}
