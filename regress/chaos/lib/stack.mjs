// The parts the chaos and fuzz drivers run for real, on free ports: a
// PostgreSQL cluster of their own (regress/cluster.sh; they stop it with
// -m immediate, so never the suite's cluster), Redis, and gateway processes
// that can be killed and started again on the same port (clients reconnect
// to the address they know, as a browser does).
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import { sleep, until } from './wait.mjs';
import { eachLine } from '../../integration/gateway/lines.mjs';

const run = promisify(execFile);
const root = new URL('../../../', import.meta.url).pathname;
const clusterScript = `${root}regress/cluster.sh`;
export const gatewayBinary = process.env.VELLUM_GATEWAY || `${root}build/vellum-gateway`;

/** A TCP port nothing listens on now. */
export async function freePort() {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address();
  server.close();
  await once(server, 'close');
  return port;
}

async function clusterCommand(body, ...args) {
  await run('bash', ['-c', `source "${clusterScript}"; ${body}`, '_', ...args], { maxBuffer: 16 << 20 });
}

export class Postgres {
  constructor(dir, port) {
    this.dir = dir;
    this.port = port;
    this.database = 'vellum_chaos';
    this.env = { ...process.env, PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'postgres', PGDATABASE: this.database };
  }

  static async create() {
    const pg = new Postgres(mkdtempSync('/tmp/vellum-chaos-pg.'), await freePort());
    await pg.start();
    await run('createdb', [pg.database], { env: pg.env });
    await pg.sql('CREATE EXTENSION vellum');
    return pg;
  }

  get url() {
    return `host=127.0.0.1 port=${this.port} user=postgres dbname=${this.database}`;
  }

  start() {
    return clusterCommand('cluster_start "$1" "$2"', this.dir, String(this.port));
  }

  /** A crash, as far as PostgreSQL can tell: no checkpoint, crash recovery on the next start. */
  stopImmediate() {
    return clusterCommand('as_pg "$PG_BIN/pg_ctl" -D "$1/data" -m immediate -w stop', this.dir);
  }

  async destroy() {
    await clusterCommand('cluster_stop "$1"', this.dir).catch(() => {});
    rmSync(this.dir, { recursive: true, force: true });
  }

  /**
   * Runs SQL in psql with psql variables (:'name' quotes a value as a
   * literal: no value is ever pasted into the text); the unaligned output.
   */
  async sql(text, vars = {}) {
    const args = ['-X', '-Atq', '-v', 'ON_ERROR_STOP=1'];
    for (const [name, value] of Object.entries(vars)) args.push('-v', `${name}=${value}`);
    const child = execFile('psql', [...args, '-f', '-'], { env: this.env, maxBuffer: 256 << 20 });
    const out = new Promise((resolve, reject) => {
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => (code === 0 ? resolve(stdout.trim()) : reject(new Error(`psql failed (${code}): ${stderr.trim()}`))));
    });
    child.stdin.end(text);
    return out;
  }
}

export class Redis {
  constructor(port) {
    this.port = port;
    this.child = null;
  }

  static async create() {
    const redis = new Redis(await freePort());
    await redis.start();
    return redis;
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start() {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await until('redis-server answers', async () => {
      try {
        return (await run('redis-cli', ['-p', String(this.port), 'ping'])).stdout.trim() === 'PONG';
      } catch {
        return false;
      }
    }, 10000);
  }

  async stop() {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
}

/** One gateway at a fixed port, started again there after every kill; one incarnation at a time. */
export class Gateway {
  constructor(name, port, env) {
    this.name = name;
    this.port = port;
    this.env = env;
    this.child = null;
    this.logs = [];
    this.incarnations = 0;
    this.unexpectedExits = [];
  }

  get base() {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid() {
    return this.child?.pid;
  }

  /** Starts it and waits until it listens (and, when waitForPostgres, until its LISTEN connection is up). */
  async start({ waitForPostgres = true } = {}) {
    const child = spawn(gatewayBinary, [], {
      env: { ...process.env, ...this.env, PORT: String(this.port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.child = child;
    this.incarnations += 1;
    child.expectedExit = false;
    let listening = false;
    let pgListening = false;
    eachLine(child.stderr, (line) => {
      this.logs.push(line);
      if (this.logs.length > 400) this.logs.splice(0, 200);
      if (line.includes('"listening"')) listening = true;
      if (line.includes('"postgres_listening"')) pgListening = true;
    });
    child.on('exit', (code, signal) => {
      if (!child.expectedExit) this.unexpectedExits.push({ code, signal, logs: this.logs.slice(-30) });
    });
    await until(`gateway ${this.name} listens`, () => {
      if (child.exitCode !== null) throw new Error(`gateway ${this.name} exited with ${child.exitCode}:\n${this.logs.slice(-20).join('\n')}`);
      return listening && (!waitForPostgres || pgListening);
    }, 20000);
  }

  /** kill -9: no drain, no goodbye. */
  async kill() {
    const child = this.child;
    child.expectedExit = true;
    child.kill('SIGKILL');
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }

  async stop() {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.expectedExit = true;
    child.kill('SIGTERM');
    const exited = once(child, 'exit');
    const timeout = sleep(10000).then(() => 'timeout');
    if ((await Promise.race([exited, timeout])) === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  }

  /** Resident memory (KiB) and open file descriptors of the running incarnation. */
  usage() {
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
    const fds = readdirSync(`/proc/${this.pid}/fd`).length;
    return { rssKiB, fds };
  }
}

/** A gateway's REST API as a designer's browser uses it (session cookie, Origin). */
export async function api(gateway, path, { method = 'GET', body, cookie } = {}) {
  const headers = { 'content-type': 'application/json', origin: gateway.base };
  if (cookie) headers.cookie = cookie;
  const res = await fetch(gateway.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
}

let users = 0;
export async function registerUser(gateway, name) {
  users += 1;
  const email = `${name.toLowerCase()}-${process.pid}-${Date.now()}-${users}@example.com`;
  const res = await api(gateway, '/api/auth/register', { method: 'POST', body: { email, name, password: 'correct horse battery' } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.user.id, email, cookie: res.cookie };
}

/** A new file of owner's, which every one of editors may edit (granted in SQL: by email it would be an invitation to accept). */
export async function sharedFile(gateway, pg, owner, editors, name) {
  const created = await api(gateway, '/api/files', { method: 'POST', cookie: owner.cookie, body: { name } });
  if (created.status !== 201) throw new Error(`file not created: ${created.status} ${JSON.stringify(created.body)}`);
  const fileId = created.body.file.id;
  const others = editors.filter((u) => u !== owner).map((u) => u.id);
  await pg.sql(
    `INSERT INTO vellum.file_permissions (file_id, user_id, permission)
     SELECT :'file', u::uuid, 'edit' FROM unnest(string_to_array(:'users', ',')) AS u`,
    { file: fileId, users: others.join(',') },
  );
  return fileId;
}
