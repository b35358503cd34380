// Test harness: real gateway processes against the test cluster, real
// WebSocket clients (ws), psql for SQL users. Every wait is bounded.
import { spawn, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { before, after } from 'node:test';
import WebSocket from 'ws';
import { eachLine } from './lines.mjs';

const root = new URL('../../../', import.meta.url).pathname;
export const gatewayBinary = process.env.VELLUM_GATEWAY || `${root}build/vellum-gateway`;
export const database = process.env.VELLUM_TEST_DB || 'vellum_gateway_test';
export const databaseUrl = `host=${process.env.PGHOST} port=${process.env.PGPORT} user=${process.env.PGUSER || 'postgres'} dbname=${database}`;

// Runs SQL as a SQL user would, in psql; returns the unaligned output.
export function psql(sql) {
  return execFileSync('psql', ['-X', '-Atq', '-v', 'ON_ERROR_STOP=1', '-d', database, '-c', sql], {
    encoding: 'utf8',
  }).trim();
}

export async function startGateway(env = {}) {
  const child = spawn(gatewayBinary, [], {
    // Every test client comes from 127.0.0.1: the per-address limit of /api is
    // lifted here and tested on its own (rate limit test).
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', HTTP_RATE_LIMIT: '100000', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const logs = [];
  let port = null;
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('gateway did not start in 10 s:\n' + logs.join('\n'))), 10000);
    eachLine(child.stderr, (line) => {
      logs.push(line);
      try {
        const entry = JSON.parse(line);
        if (entry.event === 'listening') port = entry.port;
        if (entry.event === 'postgres_listening' && port) {
          clearTimeout(timer);
          resolve();
        }
      } catch {
        /* not a log line */
      }
    });
    child.on('exit', (code) => reject(new Error(`gateway exited with ${code}:\n` + logs.join('\n'))));
  });
  await ready;
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    port,
    base,
    logs,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      const [code] = await once(child, 'exit');
      return code;
    },
  };
}

// Gateways shared by the tests of a file: started before them, stopped after.
// The array is filled once they are up.
export function sharedGateways(count, env = {}) {
  const gateways = [];
  before(async () => {
    for (let i = 0; i < count; i += 1) gateways.push(await startGateway(env));
  });
  after(async () => {
    for (const gw of gateways) await gw.stop();
  });
  return gateways;
}

let counter = 0;
export function uniqueEmail(prefix = 'user') {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}@example.com`;
}

export async function register(gateway, name = 'Tester') {
  const email = uniqueEmail(name.toLowerCase());
  const res = await fetch(`${gateway.base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name, password: 'correct horse battery' }),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { user } = await res.json();
  return { ...user, cookie, password: 'correct horse battery' };
}

// A WebSocket client that keeps every message and lets a test wait for one.
export class Client {
  constructor(gateway, user, { origin, query = '' } = {}) {
    this.messages = [];
    this.waiters = [];
    this.closed = null;
    this.ws = new WebSocket(`ws://127.0.0.1:${gateway.port}/ws${query}`, {
      headers: { cookie: user ? user.cookie : '', origin: origin ?? gateway.base },
    });
    this.ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      this.messages.push(msg);
      this.waiters = this.waiters.filter((w) => !w.check());
    });
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.waiters = this.waiters.filter((w) => !w.check());
    });
  }

  open() {
    return new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
      this.ws.once('unexpected-response', (req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
  }

  send(message) {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  // The first message (from `from` on) matching predicate, within timeoutMs.
  next(predicate, timeoutMs = 5000, from = 0) {
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          const found = this.messages.slice(from).find(predicate);
          if (found) {
            clearTimeout(waiter.timer);
            resolve(found);
            return true;
          }
          return false;
        },
      };
      if (waiter.check()) return;
      waiter.timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching message in ${timeoutMs} ms; got: ${JSON.stringify(this.messages.slice(-5))}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  waitClosed(timeoutMs = 5000) {
    return new Promise((resolve, reject) => {
      if (this.closed) return resolve(this.closed);
      const timer = setTimeout(() => reject(new Error('not closed in time')), timeoutMs);
      this.ws.once('close', (code, reason) => {
        clearTimeout(timer);
        resolve({ code, reason: reason.toString() });
      });
    });
  }

  close() {
    this.ws.close();
  }
}

export function op(fields) {
  const id = fields.id || `op-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return { id, idempotencyKey: id, timestamp: Date.now(), clientId: 'test-client', ...fields };
}

export function newFile(ownerId, name = 'Test file') {
  return psql(`INSERT INTO vellum.files (name, owner_id) VALUES ('${name}', '${ownerId}') RETURNING id`);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A signed-in client subscribed to a file, with the sync it got.
/** Ada's new file, shared with Bob at `permission`; both signed in and subscribed (Ada first). */
export async function adaAndBob(gw, permission = 'edit') {
  const ada = await register(gw, 'Ada');
  const bob = await register(gw, 'Bob');
  const fileId = newFile(ada.id);
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ('${fileId}', '${bob.id}', '${permission}')`);
  const a = await subscribed(gw, ada, fileId);
  const b = await subscribed(gw, bob, fileId);
  return { ada, bob, fileId, a, b };
}

export async function subscribed(gw, user, fileId) {
  const client = new Client(gw, user);
  await client.open();
  client.send({ type: 'subscribe', payload: { fileId } });
  const sync = await client.next((m) => m.type === 'sync');
  return { client, sync };
}
