// The gateway benchmark's driver (started by gateway_bench.sh, which starts the
// cluster and ONE gateway and passes GATEWAY_PORT, GATEWAY_PID, BENCH_DB and
// PGHOST/PGPORT/PGUSER). Real WebSocket clients (the `ws` package of
// regress/integration), each a registered user with edit access to its file,
// send updates to pre-created objects, one op per message, each with its own
// id and idempotency key, and time
//   ack latency:       send -> the sender's ack (sent by the gateway after commit)
//   broadcast latency: send -> receipt of that op (matched by idempotencyKey)
//                      by each other client subscribed to the file
// in this process's monotonic clock. After each run, every acked op's key is
// looked up in vellum.operations ("durable: N/N"). The gateway's CPU comes from
// /proc/<pid>/stat, its memory from /proc/<pid>/status.
//
// Prints medians of BENCH_RUNS runs; asserts nothing about timings. Exits 1
// only when something is broken: a run without any ack, an acked op missing
// from the database, clients that cannot connect or subscribe, the gateway gone.
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, openSync, readSync, closeSync, fstatSync } from 'node:fs';
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import os from 'node:os';

const require = createRequire(import.meta.url);
const WebSocket = require('../integration/node_modules/ws');

const env = process.env;
const intEnv = (name, def) => {
  const v = env[name] === undefined || env[name] === '' ? def : Number(env[name]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
  return v;
};
const listEnv = (name, def) => (env[name] || def).split(',').map((s) => s.trim()).filter(Boolean);

const port = intEnv('GATEWAY_PORT', 0);
const gatewayPid = intEnv('GATEWAY_PID', 0);
const postmasterPid = intEnv('POSTMASTER_PID', 0);
const gatewayLog = env.GATEWAY_LOG || '';
const database = env.BENCH_DB || 'vellum_gateway_bench';
const runs = Math.max(1, intEnv('BENCH_RUNS', 3));
const seconds = intEnv('BENCH_SECONDS', 10);
const warmup = intEnv('BENCH_WARMUP', 1);
const stepSeconds = intEnv('BENCH_STEP_SECONDS', 5);
const stepWarmup = intEnv('BENCH_STEP_WARMUP', 0.5);
const drainMs = intEnv('BENCH_DRAIN_MS', 3000);
const settleMs = intEnv('BENCH_SETTLE_MS', 30000);
// A steady run stops sending when an op stays unacked this long: the gateway
// is overloaded, and a growing backlog would only make the run (and the next
// ones) longer.
const abortMs = intEnv('BENCH_ABORT_MS', 5000);
const clkTck = intEnv('CLK_TCK', 100);
const scenarios = new Set(listEnv('BENCH_SCENARIOS', '1,2,3'));
const s1Clients = listEnv('BENCH_S1_CLIENTS', '2,10,50').map(Number);
const s1Rate = intEnv('BENCH_S1_RATE', 10);
const s2Files = intEnv('BENCH_S2_FILES', 100);
const s2PerFile = 5;
const s2Rate = intEnv('BENCH_S2_RATE', 2);
const s3Files = intEnv('BENCH_S3_FILES', 20);
const s3PerFile = 5;
const satSteps = listEnv('BENCH_SAT_STEPS', '1,2,3,5,7,10,20,40,80').map(Number).slice(0, 12);
// 4. Closed loop: each client keeps K ops unacked (sends one more as each is
// acked or refused), K raised step by step: one file x 10 clients, and
// BENCH_S4_FILES files x 5 clients.
const loopSteps = listEnv('BENCH_LOOP_STEPS', '1,2,4,8,16,32,64').map(Number).slice(0, 12);
const s4OneFileClients = 10;
const s4Files = intEnv('BENCH_S4_FILES', 20);
const s4PerFile = 5;
const satP99Limit = 50; // ms: the issue's "broadcast p99 under 50 ms"
const objectsPerClient = 10; // each client updates only its own objects: no op supersedes another
if (!port || !gatewayPid) {
  console.error('gateway_bench.mjs is started by gateway_bench.sh (GATEWAY_PORT and GATEWAY_PID unset)');
  process.exit(2);
}
const base = `http://127.0.0.1:${port}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const problems = []; // things that are broken: make the exit status 1
const notes = []; // gateway behaviour worth reporting, not failures

// ---------------------------------------------------------------- SQL, /proc

function psql(sql, input) {
  const args = ['-X', '-Atq', '-v', 'ON_ERROR_STOP=1', '-d', database];
  if (input === undefined) args.push('-c', sql);
  else args.push('-f', '-');
  return execFileSync('psql', args, {
    encoding: 'utf8',
    input: input === undefined ? undefined : sql + '\n' + input,
    maxBuffer: 64 << 20,
    timeout: 120000,
  }).trim();
}
const q = (s) => `'${String(s).replace(/'/g, "''")}'`;

function gatewayAlive() {
  try {
    process.kill(gatewayPid, 0);
    return true;
  } catch {
    return false;
  }
}

// utime + stime of a process in clock ticks, and its parent, or null.
function procTimes(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}
// The postmaster and its children (backends, walwriter, ...) by pid.
function postgresTimes() {
  const out = new Map();
  if (!postmasterPid) return out;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const t = procTimes(name);
    if (t && (Number(name) === postmasterPid || t.ppid === postmasterPid)) out.set(name, t.ticks);
  }
  return out;
}
function memory(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => Number((status.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm')) || [])[1] || 0);
    return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}
// Resets the gateway's VmHWM, so that each run reports its own peak.
let hwmResettable = true;
function resetHwm() {
  if (!hwmResettable) return;
  try {
    writeFileSync(`/proc/${gatewayPid}/clear_refs`, '5');
  } catch {
    hwmResettable = false;
  }
}

// Busy clock ticks of the whole machine (all CPUs), from /proc/stat.
function machineBusy() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = f.reduce((a, b) => a + b, 0);
    return total - f[3] - (f[4] || 0); // minus idle and iowait
  } catch {
    return NaN;
  }
}

// WAL flushes to disk so far (fsyncs, pg_stat_wal.wal_sync): one per
// writing commit, a few more by the WAL writer. Read-only transactions (the
// gateway's fetches) flush nothing, so this counts the commits that cost.
function walSyncs() {
  return Number(psql(`SELECT pg_stat_force_next_flush(); SELECT wal_sync FROM pg_stat_wal`).split('\n').at(-1));
}

// CPU of the gateway, PostgreSQL and this process between start() and stop(),
// and of everything else on the machine (other work makes the figures worse).
class Resources {
  start() {
    this.wall = performance.now();
    this.gw = procTimes(gatewayPid)?.ticks ?? 0;
    this.pg = postgresTimes();
    this.node = process.cpuUsage();
    this.busy = machineBusy();
    this.lag = monitorEventLoopDelay({ resolution: 2 });
    this.lag.enable();
    this.walSyncs = walSyncs();
  }
  stop() {
    const wall = (performance.now() - this.wall) / 1000;
    const gw = ((procTimes(gatewayPid)?.ticks ?? 0) - this.gw) / clkTck;
    let pg = 0;
    for (const [pid, ticks] of postgresTimes()) if (this.pg.has(pid)) pg += ticks - this.pg.get(pid);
    const node = process.cpuUsage(this.node);
    const busy = (machineBusy() - this.busy) / clkTck;
    this.lag.disable();
    const mem = memory(gatewayPid);
    return {
      gwCpu: (100 * gw) / wall,
      pgCpu: (100 * pg) / clkTck / wall,
      nodeCpu: (100 * (node.user + node.system)) / 1e6 / wall,
      otherCpu: Math.max(0, (100 * (busy - gw - pg / clkTck - (node.user + node.system) / 1e6)) / wall),
      // The histogram holds whole timer intervals: the delay is what exceeds the 2 ms.
      lagP99: Math.max(0, this.lag.percentile(99) / 1e6 - 2),
      rss: mem.rss,
      hwm: mem.hwm,
      walSyncsPerS: (walSyncs() - this.walSyncs) / wall,
    };
  }
}

// Warnings and errors the gateway logged since the last call.
let logOffset = 0;
function newLogProblems() {
  const counts = {};
  if (!gatewayLog) return counts;
  try {
    const fd = openSync(gatewayLog, 'r');
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - logOffset));
    readSync(fd, buf, 0, buf.length, logOffset);
    closeSync(fd);
    logOffset = size;
    for (const line of buf.toString('utf8').split('\n')) {
      if (!line.includes('"warn"') && !line.includes('"error"')) continue;
      try {
        const e = JSON.parse(line);
        if (e.level === 'warn' || e.level === 'error') counts[e.event] = (counts[e.event] || 0) + 1;
      } catch {
        /* not a log line */
      }
    }
  } catch {
    /* no log */
  }
  return counts;
}

// ---------------------------------------------------------------- statistics

function percentile(sorted, p) {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
function summary(values) {
  const s = Float64Array.from(values).sort();
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.length ? s[s.length - 1] : NaN };
}
function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return NaN;
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
}
const fmt = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '-');

// ---------------------------------------------------------------- setup

async function register(name) {
  const email = `${name}-${process.pid}-${Date.now()}@bench.example.com`;
  const res = await fetch(`${base}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, name, password: 'correct horse battery staple' }),
    signal: AbortSignal.timeout(20000),
  });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const { user } = await res.json();
  return { id: user.id, cookie };
}

// Files named prefix-0.., each with `perFile` client slots: slot i of file f is
// user users[(f * perFile + i) % users.length], granted edit, with objects
// c<i>-o0..c<i>-o<objectsPerClient-1> created through apply_ops.
function createFiles(prefix, count, perFile, owner, users) {
  const ids = psql(
    `INSERT INTO vellum.files (name, owner_id) SELECT ${q(prefix)} || '-' || n, ${q(owner.id)}
     FROM generate_series(0, ${count - 1}) n ORDER BY n RETURNING id`,
  ).split('\n');
  if (ids.length !== count) throw new Error(`created ${ids.length} files, not ${count}`);
  const grants = [];
  ids.forEach((id, f) => {
    const seen = new Set();
    for (let i = 0; i < perFile; i++) {
      const u = users[(f * perFile + i) % users.length];
      if (!seen.has(u.id)) grants.push(`(${q(id)}, ${q(u.id)}, 'edit')`);
      seen.add(u.id);
    }
  });
  psql(`INSERT INTO vellum.file_permissions (file_id, user_id, permission) VALUES ${grants.join(', ')}`);
  const bad = psql(
    `SELECT count(*) FROM unnest(ARRAY[${ids.map(q).join(', ')}]::uuid[]) AS f(id),
       LATERAL jsonb_array_elements(vellum.apply_ops(f.id, (
         SELECT jsonb_agg(jsonb_build_object('id', 'setup-' || c || '-' || k, 'idempotencyKey', 'setup-' || c || '-' || k,
                'operationType', 'create', 'objectId', 'c' || c || '-o' || k,
                'newValue', jsonb_build_object('type', 'rectangle', 'x', k * 20, 'y', c * 20, 'width', 10, 'height', 10),
                'timestamp', (extract(epoch FROM clock_timestamp()) * 1000)::bigint - 60000, 'clientId', 'bench-setup'))
         FROM generate_series(0, ${perFile - 1}) c, generate_series(0, ${objectsPerClient - 1}) k))) r
     WHERE r ->> 'status' <> 'applied'`,
  );
  if (bad !== '0') throw new Error(`creating the objects of ${prefix}: ${bad} creates not applied`);
  return ids.map((id, f) => ({
    id,
    slots: Array.from({ length: perFile }, (_, i) => users[(f * perFile + i) % users.length]),
  }));
}

// ---------------------------------------------------------------- clients

let runSerial = 0;

// One run's (or saturation step's) bookkeeping.
class Tally {
  constructor(tag) {
    this.tag = tag;
    this.sent = 0;
    this.sentMeasured = 0;
    this.ackLat = [];
    this.bcastLat = [];
    this.acked = 0;
    this.ackedMeasured = 0;
    this.ackedInWindow = 0; // acks received while the measured ops were being sent
    this.windowFrom = Infinity;
    this.windowTo = Infinity;
    this.statuses = {};
    this.errors = {};
    this.expected = 0; // broadcast receipts due: applied ops x (members - 1)
    this.delivered = 0;
    this.echoes = 0; // a sender receiving its own op back (the gateway's out-of-order path)
    this.skipped = 0; // sends this process was too late for
    this.durableKeys = []; // "file\tkey" of ops acked applied or duplicate
  }
}

class Run {
  constructor() {
    this.ops = new Map(); // key -> op record
    this.clients = [];
    this.disconnects = {};
    this.unknown = 0;
    this.tally = null;
    this.serial = ++runSerial;
  }

  // Opens and subscribes every (file, slot) client, `concurrency` at a time.
  async connect(files, concurrency = 50) {
    const todo = [];
    files.forEach((file, f) => file.slots.forEach((user, slot) => todo.push(new Client(this, file, f, slot, user))));
    this.clients = todo;
    for (const file of files) file.members = file.slots.length;
    const started = performance.now();
    let next = 0;
    let failed = 0;
    let firstError = null;
    const worker = async () => {
      while (next < todo.length) {
        const c = todo[next++];
        try {
          await c.connect();
        } catch (e) {
          failed++;
          firstError ??= e;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
    if (failed) throw new Error(`${failed} of ${todo.length} clients could not connect and subscribe: ${firstError.message}`);
    return (performance.now() - started) / 1000;
  }

  async close() {
    for (const c of this.clients) c.close();
    const until = performance.now() + 10000;
    while (this.clients.some((c) => c.ws.readyState !== WebSocket.CLOSED) && performance.now() < until) await sleep(20);
    for (const c of this.clients) if (c.ws.readyState !== WebSocket.CLOSED) c.ws.terminate();
  }

  outstanding() {
    let n = 0;
    let oldest = Infinity;
    for (const op of this.ops.values())
      // (an op whose sender was disconnected will never be acked)
      if (op.ackAt === undefined && !op.failed && op.sender.ws.readyState === WebSocket.OPEN) {
        n++;
        oldest = Math.min(oldest, op.t0);
      }
    return { n, oldestAge: n ? performance.now() - oldest : 0 };
  }

  // Every client sends `rate` ops/s for warmupS + measureS seconds (samples of
  // the warm-up are not counted), then waits (bounded) for acks and broadcasts.
  // abortAfterMs: stop sending when an op stays unacked that long.
  // outstanding > 0: a closed loop instead, each client keeping that many ops
  // unacked (rate is then unused).
  async drive(tally, rate, warmupS, measureS, abortAfterMs, outstanding = 0) {
    this.tally = tally;
    const period = 1000 / rate;
    const t0 = performance.now();
    const measureFrom = t0 + warmupS * 1000;
    const end = measureFrom + measureS * 1000;
    const resources = new Resources();
    let measuring = false;
    let aborted = null;
    let stopped = false;
    const timers = [];
    for (const c of this.clients) {
      if (outstanding > 0) {
        c.refill = () => {
          const now = performance.now();
          if (!stopped && now < end) c.sendOp(now >= measureFrom);
        };
        for (let k = 0; k < outstanding; k++) c.sendOp(false);
        continue;
      }
      let due = t0 + Math.random() * period;
      const tick = () => {
        if (stopped) return;
        const now = performance.now();
        if (now >= end) return;
        // Far behind (this process was busy): skip the missed sends rather than
        // bursting them; the achieved rate shows it.
        if (now - due > Math.max(100, 2 * period)) {
          const missed = Math.floor((now - due) / period);
          tally.skipped += missed;
          due += missed * period;
        }
        c.sendOp(now >= measureFrom);
        due += period;
        c.timer = setTimeout(tick, Math.max(0, due - performance.now()));
      };
      c.timer = setTimeout(tick, Math.max(0, due - performance.now()));
      timers.push(c);
    }
    // A watchdog: start the resource window after the warm-up, stop at the end
    // or when acks fall too far behind.
    while (performance.now() < end) {
      if (!measuring && performance.now() >= measureFrom) {
        measuring = true;
        resetHwm();
        resources.start();
        tally.windowFrom = resources.wall;
      }
      if (abortAfterMs) {
        const o = this.outstanding();
        if (o.oldestAge > abortAfterMs) {
          aborted = `sending stopped after ${fmt((performance.now() - t0) / 1000)} s: an op stayed unacked for ${Math.round(o.oldestAge)} ms`;
          break;
        }
      }
      await sleep(abortAfterMs ? 100 : 50);
    }
    stopped = true;
    for (const c of timers) clearTimeout(c.timer);
    for (const c of this.clients) c.refill = null;
    if (!measuring) {
      resetHwm();
      resources.start();
      tally.windowFrom = resources.wall;
    }
    tally.windowTo = performance.now();
    const measuredS = (tally.windowTo - tally.windowFrom) / 1000;
    const res = resources.stop();
    // Drain: every op acked and every broadcast delivered, or drainMs.
    const drainUntil = performance.now() + drainMs;
    while (performance.now() < drainUntil) {
      if (this.outstanding().n === 0 && tally.delivered >= tally.expected) break;
      await sleep(25);
    }
    tally.outstandingAfterDrain = this.outstanding().n;
    // Settle: queued ops still running in the gateway would slow the next run
    // down; wait (bounded) until every op sent has been acked.
    const settleFrom = performance.now();
    const settleUntil = settleFrom + settleMs;
    while ((this.outstanding().n > 0 || tally.delivered < tally.expected) && performance.now() < settleUntil) await sleep(100);
    tally.unackedAfterSettle = this.outstanding().n;
    tally.deliveredAfterSettle = tally.delivered;
    tally.settleS = tally.outstandingAfterDrain ? (performance.now() - settleFrom) / 1000 : 0;
    return { res, measuredS, aborted };
  }

  // Looks up every op acked (applied or duplicate) in vellum.operations.
  durability(tally) {
    const n = tally.durableKeys.length;
    if (!n) return { checked: 0, found: 0 };
    const found = Number(
      psql(
        `CREATE TEMP TABLE k (file_id uuid, key text);
COPY k FROM STDIN;`,
        tally.durableKeys.join('\n') +
          `\n\\.\nSELECT count(*) FROM k JOIN vellum.operations o ON o.file_id = k.file_id AND o.idempotency_key = k.key;\n`,
      ),
    );
    return { checked: n, found };
  }
}

class Client {
  constructor(run, file, fileIndex, slot, user) {
    this.run = run;
    this.file = file;
    this.fileIndex = fileIndex;
    this.slot = slot;
    this.user = user;
    this.n = 0;
    this.clientId = `bench-${process.pid}-${run.serial}-${fileIndex}-${slot}`;
    this.closing = false;
  }

  connect() {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('no sync within 20 s'));
        this.ws.terminate();
      }, 20000);
      this.ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, {
        headers: { cookie: this.user.cookie, origin: base },
        perMessageDeflate: false,
      });
      this.ws.on('open', () => this.ws.send(JSON.stringify({ type: 'subscribe', payload: { fileId: this.file.id } })));
      this.ws.on('unexpected-response', (req, res) => {
        clearTimeout(timer);
        reject(new Error(`upgrade refused: ${res.statusCode}`));
      });
      this.ws.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      this.ws.on('message', (data) => {
        const t = performance.now();
        let msg;
        try {
          msg = JSON.parse(data);
        } catch {
          return;
        }
        if (msg.type === 'sync') {
          clearTimeout(timer);
          resolve();
        } else this.onMessage(msg, t);
      });
      this.ws.on('close', (code, reason) => {
        clearTimeout(timer);
        if (!this.closing) {
          const k = `${code} ${reason.toString()}`.trim();
          this.run.disconnects[k] = (this.run.disconnects[k] || 0) + 1;
        }
        reject(new Error(`closed: ${code}`));
      });
    });
  }

  sendOp(measured) {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const tally = this.run.tally;
    const n = this.n++;
    const key = `${tally.tag}-${this.fileIndex}-${this.slot}-${n}`;
    const op = {
      id: key,
      idempotencyKey: key,
      operationType: 'update',
      objectId: `c${this.slot}-o${n % objectsPerClient}`,
      propertyPath: 'x',
      newValue: n,
      timestamp: Date.now(),
      clientId: this.clientId,
    };
    const text = JSON.stringify({ type: 'operation', requestId: key, payload: { operations: [op] } });
    const record = { t0: performance.now(), sender: this, tally, measured, ackAt: undefined };
    this.run.ops.set(key, record);
    tally.sent++;
    if (measured) tally.sentMeasured++;
    this.ws.send(text);
  }

  onMessage(msg, t) {
    const run = this.run;
    if (msg.type === 'ack') {
      const op = run.ops.get(msg.requestId);
      if (!op || op.ackAt !== undefined) return;
      op.ackAt = t;
      const tally = op.tally;
      const status = msg.payload?.results?.[0]?.status ?? 'unknown';
      tally.statuses[status] = (tally.statuses[status] || 0) + 1;
      tally.acked++;
      if (t >= tally.windowFrom && t <= tally.windowTo) tally.ackedInWindow++;
      if (op.measured) {
        tally.ackedMeasured++;
        tally.ackLat.push(t - op.t0);
      }
      if (status === 'applied' || status === 'duplicate') tally.durableKeys.push(`${this.file.id}\t${msg.requestId}`);
      if (status === 'applied') tally.expected += this.file.members - 1;
      this.refill?.();
    } else if (msg.type === 'operation') {
      for (const o of msg.payload?.operations ?? []) {
        const op = run.ops.get(o.idempotencyKey);
        if (!op) {
          run.unknown++;
          continue;
        }
        if (op.sender === this) {
          op.tally.echoes++;
          continue;
        }
        op.tally.delivered++;
        if (op.measured) op.tally.bcastLat.push(t - op.t0);
      }
    } else if (msg.type === 'error') {
      const code = msg.payload?.code ?? 'unknown';
      const op = msg.requestId ? run.ops.get(msg.requestId) : null;
      const tally = op ? op.tally : run.tally;
      if (op) op.failed = true;
      if (tally) tally.errors[code] = (tally.errors[code] || 0) + 1;
      if (op) this.refill?.();
    } else if (msg.type === 'resync' || msg.type === 'unsubscribed') {
      const tally = run.tally;
      if (tally) tally.errors[msg.type] = (tally.errors[msg.type] || 0) + 1;
    }
  }

  close() {
    this.closing = true;
    clearTimeout(this.timer);
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close();
  }
}

// The figures of one measured run (or saturation step).
function figures(tally, drive, disconnects, durable, connectS) {
  const ack = summary(tally.ackLat);
  const bc = summary(tally.bcastLat);
  return {
    ack,
    bc,
    offered: tally.sentMeasured / drive.measuredS,
    achieved: tally.ackedInWindow / drive.measuredS,
    sent: tally.sent,
    acked: tally.acked,
    statuses: tally.statuses,
    errors: tally.errors,
    expected: tally.expected,
    delivered: tally.deliveredAfterSettle,
    echoes: tally.echoes,
    skipped: tally.skipped,
    outstanding: tally.outstandingAfterDrain,
    unackedAfterSettle: tally.unackedAfterSettle,
    settleS: tally.settleS,
    durable,
    disconnects,
    connectS,
    aborted: drive.aborted,
    ...drive.res,
  };
}

function checkRun(label, r) {
  if (r.sent > 0 && r.acked === 0) problems.push(`${label}: ${r.sent} ops sent, not one acked`);
  if (r.durable && r.durable.found < r.durable.checked)
    problems.push(`${label}: ${r.durable.checked - r.durable.found} acked op(s) MISSING from vellum.operations`);
  const other = Object.entries(r.statuses).filter(([s]) => s !== 'applied');
  if (other.length) notes.push(`${label}: ack statuses other than applied: ${other.map(([s, n]) => `${s} x${n}`).join(', ')}`);
  if (Object.keys(r.errors).length)
    notes.push(`${label}: error messages: ${Object.entries(r.errors).map(([c, n]) => `${c} x${n}`).join(', ')}`);
  if (Object.keys(r.disconnects).length)
    notes.push(`${label}: unexpected disconnects (close code, reason): ${Object.entries(r.disconnects).map(([c, n]) => `"${c}" x${n}`).join(', ')}`);
  if (r.aborted) notes.push(`${label}: OVERLOADED: ${r.aborted}`);
  if (r.skipped) notes.push(`${label}: this client fell behind its schedule and skipped ${r.skipped} send(s)`);
  if (r.outstanding)
    notes.push(
      `${label}: ${r.outstanding} op(s) still unacked ${drainMs} ms after the last send` +
        (r.unackedAfterSettle ? `, ${r.unackedAfterSettle} never acked (waited ${fmt(r.settleS)} s more)` : `; all acked ${fmt(r.settleS)} s later`),
    );
  if (r.expected > r.delivered)
    notes.push(`${label}: ${r.expected - r.delivered} of ${r.expected} broadcast receipts never arrived (waited up to ${fmt(drainMs / 1000 + settleMs / 1000, 0)} s)`);
  if (r.logProblems && Object.keys(r.logProblems).length)
    notes.push(`${label}: gateway logged ${Object.entries(r.logProblems).map(([e, n]) => `${e} x${n}`).join(', ')}`);
  if (!gatewayAlive()) {
    problems.push(`${label}: the gateway process is gone`);
    throw new Error('the gateway process is gone');
  }
}

// ---------------------------------------------------------------- scenarios

// Before each run: a CHECKPOINT, so that no run pays for the previous one's
// dirty pages, and (at most 10 s) for autovacuum workers to finish.
async function quiet() {
  psql('CHECKPOINT');
  for (let i = 0; i < 100; i++) {
    if (psql("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'") === '0') break;
    await sleep(100);
  }
}

async function steadyRun(label, files, rate, warmupS, measureS) {
  await quiet();
  const run = new Run();
  const connectS = await run.connect(files);
  const tally = new Tally(`r${run.serial}`);
  let drive;
  try {
    drive = await run.drive(tally, rate, warmupS, measureS, abortMs);
  } finally {
    await run.close();
  }
  const durable = run.durability(tally);
  const r = figures(tally, drive, run.disconnects, durable, connectS);
  r.logProblems = newLogProblems();
  checkRun(label, r);
  return r;
}

// Measures one step after another on the same connections (step(run, value,
// connectS) drives and returns the step's figures, with r.stop saying why it
// is the last), until a step stops or the values run out.
async function steppedRun(files, values, step) {
  await quiet();
  const run = new Run();
  const connectS = await run.connect(files);
  const steps = [];
  try {
    for (const value of values) {
      const r = await step(run, value, connectS);
      steps.push(r);
      if (r.stop) break;
    }
  } finally {
    await run.close();
  }
  return { steps, sustained: steps.filter((s) => !s.stop), connectS };
}

// A step's figures, checked, with the reasons to stop that every kind of
// step has (broadcast p99 over the limit, an abort, ops left unacked,
// disconnects) before the ones of its kind (more(r) returns those).
function stepFigures(label, run, tally, drive, connectS, more) {
  const r = figures(tally, drive, { ...run.disconnects }, null, connectS);
  r.durable = run.durability(tally);
  r.logProblems = newLogProblems();
  const why = [];
  if (!(r.bc.p99 < satP99Limit)) why.push(`broadcast p99 ${fmt(r.bc.p99)} ms`);
  if (drive.aborted) why.push(drive.aborted);
  if (r.outstanding) why.push(`${r.outstanding} ops unacked after the step`);
  if (Object.keys(run.disconnects).length) why.push('clients were disconnected');
  why.push(...more(r));
  r.stop = why.join('; ');
  checkRun(label, r);
  return r;
}

// Raises the per-client rate step by step on the same connections, until
// broadcast p99 exceeds 50 ms, acks fall behind, or the steps run out.
async function saturationRun(label, files) {
  const { steps, sustained, connectS } = await steppedRun(files, satSteps, async (run, rate, connectS) => {
    const tally = new Tally(`r${run.serial}s${rate}`);
    const drive = await run.drive(tally, rate, stepWarmup, stepSeconds, 2000);
    const target = rate * run.clients.length;
    const r = stepFigures(`${label}, ${rate} ops/s per client`, run, tally, drive, connectS, (r) => {
      const why = [];
      if (!drive.aborted && r.achieved < 0.9 * r.offered) why.push(`acked ${fmt(r.achieved, 0)} of ${fmt(r.offered, 0)} ops/s sent`);
      if (r.offered < 0.9 * target) why.push(`this client sent only ${fmt(r.offered, 0)} of ${target} ops/s`);
      return why;
    });
    r.rate = rate;
    r.target = target;
    return r;
  });
  return { steps, best: sustained.length ? sustained[sustained.length - 1] : null, connectS };
}

// Raises the ops each client keeps unacked step by step on the same
// connections, until broadcast p99 exceeds 50 ms or the steps run out.
async function closedLoopRun(label, files) {
  const { steps, sustained, connectS } = await steppedRun(files, loopSteps, async (run, k, connectS) => {
    const tally = new Tally(`r${run.serial}k${k}`);
    const drive = await run.drive(tally, 1, stepWarmup, stepSeconds, 2000, k);
    const r = stepFigures(`${label}, ${k} unacked per client`, run, tally, drive, connectS, () => {
      const refused = Object.entries(tally.errors);
      return refused.length ? [`refused: ${refused.map(([code, n]) => `${n} ${code}`).join(', ')}`] : [];
    });
    r.outstanding_per_client = k;
    return r;
  });
  return { steps, best: sustained.length ? sustained.reduce((a, b) => (b.achieved > a.achieved ? b : a)) : null, connectS };
}

// ---------------------------------------------------------------- report

function latencyRow(name, rs) {
  const m = (f) => median(rs.map(f));
  const perRun = rs.map((r) => fmt(r.bc.p99) + (r.aborted || r.outstanding ? '*' : '')).join(' ');
  return (
    `   ${name.padEnd(16)} ${fmt(m((r) => r.achieved), 0).padStart(7)} ` +
    `${fmt(m((r) => r.ack.p50)).padStart(7)} ${fmt(m((r) => r.ack.p95)).padStart(7)} ${fmt(m((r) => r.ack.p99)).padStart(7)}   ` +
    `${fmt(m((r) => r.bc.p50)).padStart(7)} ${fmt(m((r) => r.bc.p95)).padStart(7)} ${fmt(m((r) => r.bc.p99)).padStart(7)}  [${perRun}]`
  );
}
const latencyHeader =
  `   ${'workload'.padEnd(16)} ${'ops/s'.padStart(7)} ${'ack p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}   ` +
  `${'bc p50'.padStart(7)} ${'p95'.padStart(7)} ${'p99'.padStart(7)}  [bc p99 per run]`;

function resourceRow(name, rs) {
  const m = (f) => median(rs.map(f));
  const durable = rs.map((r) => (r.durable ? `${r.durable.found}/${r.durable.checked}` : '-')).join(' ');
  const delivered = `${rs.reduce((a, r) => a + r.delivered, 0)}/${rs.reduce((a, r) => a + r.expected, 0)}`;
  return (
    `   ${name.padEnd(16)} ${fmt(m((r) => r.gwCpu), 0).padStart(6)}% ${fmt(m((r) => r.rss), 1).padStart(7)} ${fmt(m((r) => r.hwm), 1).padStart(7)}  ` +
    `${fmt(m((r) => r.pgCpu), 0).padStart(6)}% ${fmt(m((r) => r.nodeCpu), 0).padStart(6)}% ${fmt(m((r) => r.otherCpu), 0).padStart(5)}% ${fmt(m((r) => r.lagP99), 1).padStart(6)}  ` +
    `${delivered.padStart(15)} ${echoPct(rs).padStart(6)}  ${durable}`
  );
}
const resourceHeader =
  `   ${'workload'.padEnd(16)} ${'gw CPU'.padStart(7)} ${'RSS MB'.padStart(7)} ${'HWM MB'.padStart(7)}  ${'pg CPU'.padStart(7)} ` +
  `${'bench'.padStart(7)} ${'other'.padStart(6)} ${'lag99'.padStart(6)}  ${'bc delivered'.padStart(15)} ${'echo'.padStart(6)}  durable (acked ops found in vellum.operations, per run)`;
// The share of applied ops that came back to their own sender (a gateway
// before 0.2.0's batching relayed fetched ranges, own ops included).
function echoPct(rs) {
  const applied = rs.reduce((a, r) => a + (r.statuses.applied || 0), 0);
  return applied ? `${fmt((100 * rs.reduce((a, r) => a + r.echoes, 0)) / applied, 0)}%` : '-';
}

// ---------------------------------------------------------------- main

async function main() {
  const started = performance.now();
  const loadBefore = os.loadavg().map((x) => x.toFixed(2)).join(' ');
  const maxPerFile = Math.max(s3PerFile, s2PerFile, ...(scenarios.has('1') ? s1Clients : [0]), scenarios.has('4') ? s4OneFileClients : 0);
  console.log(`Registering ${maxPerFile + 1} users and creating the files ...`);
  const owner = await register('bench-owner');
  const users = [];
  for (let i = 0; i < maxPerFile; i += 4) {
    const batch = [];
    for (let j = i; j < Math.min(maxPerFile, i + 4); j++) batch.push(register(`bench-u${j}`));
    users.push(...(await Promise.all(batch)));
  }
  const s1 = scenarios.has('1') ? s1Clients.map((n) => ({ n, files: createFiles(`bench-s1-${n}`, 1, n, owner, users) })) : [];
  const s2 = scenarios.has('2') ? createFiles('bench-s2', s2Files, s2PerFile, owner, users) : null;
  const s3 = scenarios.has('3') ? createFiles('bench-s3', s3Files, s3PerFile, owner, users) : null;
  const s4 = scenarios.has('4')
    ? [
        { name: `one file x ${s4OneFileClients} clients`, files: createFiles('bench-s4-one', 1, s4OneFileClients, owner, users) },
        { name: `${s4Files} files x ${s4PerFile} clients`, files: createFiles('bench-s4-many', s4Files, s4PerFile, owner, users) },
      ]
    : [];
  const r4 = new Map(s4.map(({ name }) => [name, []]));
  newLogProblems();

  const r1 = new Map(s1.map(({ n }) => [n, []]));
  const r2 = [];
  const r3 = [];
  // A run that fails (clients cannot connect, ...) is a problem; its scenario
  // is skipped in later rounds, the others go on. A dead gateway ends it all.
  const failed = new Set();
  const attempt = async (scenario, label, fn) => {
    if (failed.has(scenario)) return;
    try {
      await fn();
    } catch (e) {
      failed.add(scenario);
      if (!problems.some((p) => p.startsWith(label))) problems.push(`${label}: ${e.message}`);
      console.log(`  ${label}: FAILED: ${e.message}`);
      if (!gatewayAlive()) throw new Error('the gateway process is gone');
    }
  };
  for (let round = 1; round <= runs; round++) {
    console.log(`Round ${round} of ${runs}:`);
    for (const { n, files } of s1) {
      const label = `1. one file, ${n} clients, round ${round}`;
      await attempt(`1-${n}`, label, async () => {
        const r = await steadyRun(label, files, s1Rate, warmup, seconds);
        r1.get(n).push(r);
        console.log(
          `  one file, ${String(n).padStart(2)} clients: ${fmt(r.achieved, 0)} ops/s, ack p99 ${fmt(r.ack.p99)} ms, ` +
            `broadcast p99 ${fmt(r.bc.p99)} ms, durable ${r.durable.found}/${r.durable.checked}` +
            (r.settleS ? `, backlog acked ${fmt(r.settleS)} s after the drain` : ''),
        );
      });
    }
    if (s2) {
      const label = `2. ${s2Files} files x ${s2PerFile} clients, round ${round}`;
      await attempt('2', label, async () => {
        const r = await steadyRun(label, s2, s2Rate, warmup, seconds);
        r2.push(r);
        console.log(
          `  ${s2Files} files x ${s2PerFile} clients: connected in ${fmt(r.connectS)} s, ${fmt(r.achieved, 0)} ops/s, ` +
            `ack p99 ${fmt(r.ack.p99)} ms, broadcast p99 ${fmt(r.bc.p99)} ms, durable ${r.durable.found}/${r.durable.checked}` +
            (r.settleS ? `, backlog acked ${fmt(r.settleS)} s after the drain` : ''),
        );
      });
    }
    if (s3) {
      const label = `3. saturation, round ${round}`;
      await attempt('3', label, async () => {
        const r = await saturationRun(label, s3);
        r3.push(r);
        const steps = r.steps.map((s) => `${s.rate}/s: ${fmt(s.achieved, 0)} ops/s bc p99 ${fmt(s.bc.p99)}${s.stop ? ' (stop)' : ''}`);
        console.log(`  saturation: ${steps.join(', ')}`);
      });
    }
    for (const { name, files } of s4) {
      const label = `4. closed loop, ${name}, round ${round}`;
      await attempt(`4-${name}`, label, async () => {
        const r = await closedLoopRun(label, files);
        r4.get(name).push(r);
        const steps = r.steps.map((s) => `${s.outstanding_per_client}: ${fmt(s.achieved, 0)} ops/s bc p99 ${fmt(s.bc.p99)}${s.stop ? ' (stop)' : ''}`);
        console.log(`  closed loop, ${name}: ${steps.join(', ')}`);
      });
    }
  }

  // ---- the table
  const version = psql('SELECT version()').split(',')[0];
  console.log();
  console.log('================ Vellum gateway benchmark ================');
  console.log(
    `${version}; ${os.cpus().length} CPUs, shared by PostgreSQL, the gateway and this client; node ${process.version}, ws`,
  );
  console.log(
    `Load average (1, 5, 15 min) before: ${loadBefore}; after: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`,
  );
  console.log(
    `Gateway settings: THREADS=${env.THREADS || '2 (default)'} PG_POOL_SIZE=${env.PG_POOL_SIZE || '4 (default)'} ` +
      `MAX_SEND_QUEUE=${env.MAX_SEND_QUEUE || '256 (default)'} RATE_LIMIT=${env.RATE_LIMIT || '200 (default)'}; no Redis`,
  );
  console.log(
    `Each figure: median of ${runs} run(s). Latencies in ms, in the client's clock: ack = send -> ack (sent after commit);`,
  );
  console.log('bc (broadcast) = send -> receipt by each other client of the file. One update op per message.');
  console.log('ops/s: acks received per second while sending. gw CPU: the gateway process, % of one core (utime+stime); pg CPU: the');
  console.log('postmaster and its children; bench: this client process; other: every other process on the machine');
  console.log('(other work there makes the figures worse); lag99: this client\'s event-loop delay p99 (ms), which');
  console.log(`inflates the latencies it measures. RSS at the end of the run; HWM: ${hwmResettable ? 'the run\'s peak (reset before each run)' : 'the process\'s peak so far'}.`);
  console.log('bc delivered: receipts of applied ops by the other clients of their file / receipts due, over all runs.');
  console.log('echo: applied ops sent back to their own sender too (the gateway leaves a sender\'s own ops out of what it');
  console.log('relays, from a commit\'s result or from a changes_since fetch; an older gateway echoed fetched ones).');
  console.log(`A * after a run's p99: acks fell behind the offered rate in that run (ops still unacked ${drainMs / 1000} s after the`);
  console.log(`last send, or sending stopped early because an op stayed unacked ${abortMs / 1000} s): the gateway was overloaded.`);
  if (s1.length) {
    console.log();
    console.log(
      `1. One file, each client ${s1Rate} ops/s for ${seconds} s (after ${warmup} s warm-up). Target: broadcast p99 < 16 ms at 50 clients,`,
    );
    console.log('   every op durable before its ack.');
    console.log(latencyHeader);
    for (const { n } of s1) if (r1.get(n).length) console.log(latencyRow(`${n} clients`, r1.get(n)));
    console.log(resourceHeader);
    for (const { n } of s1) if (r1.get(n).length) console.log(resourceRow(`${n} clients`, r1.get(n)));
    const at50 = r1.get(50);
    if (at50?.length) {
      const p99 = median(at50.map((r) => r.bc.p99));
      console.log(`   50 clients: broadcast p99 ${fmt(p99)} ms: ${p99 < 16 ? 'within' : 'OVER'} the 16 ms target (not asserted).`);
    }
  }
  if (s2 && r2.length) {
    console.log();
    console.log(`2. ${s2Files} files x ${s2PerFile} clients (${s2Files * s2PerFile} connections), each client ${s2Rate} ops/s for ${seconds} s`);
    console.log(latencyHeader);
    console.log(latencyRow(`${s2Files * s2PerFile} clients`, r2));
    console.log(resourceHeader);
    console.log(resourceRow(`${s2Files * s2PerFile} clients`, r2));
    // CPU per acked op: a process's share of one core over the ops it served.
    const perOp = (f) => median(r2.map((r) => (r.achieved > 0 ? ((f(r) / 100) * 1e6) / r.achieved : 0)));
    console.log(
      `   CPU per op: PostgreSQL ${fmt(perOp((r) => r.pgCpu), 0)} us, gateway ${fmt(perOp((r) => r.gwCpu), 0)} us ` +
        `(targets: broadcast p99 < 50 ms, PostgreSQL <= 200 us per op)`,
    );
    const syncs = median(r2.map((r) => r.walSyncsPerS));
    const opsPerSync = median(r2.map((r) => (r.walSyncsPerS > 0 ? r.achieved / r.walSyncsPerS : 0)));
    console.log(`   WAL flushes (fsyncs, about one per commit): ${fmt(syncs, 0)}/s, ${fmt(opsPerSync, 1)} ops per flush (median)`);
    console.log(`   Connecting and subscribing the ${s2Files * s2PerFile} clients (50 at a time): ${fmt(median(r2.map((r) => r.connectS)), 2)} s (median)`);
  }
  if (s3 && r3.length) {
    const clients = s3Files * s3PerFile;
    console.log();
    console.log(
      `3. Saturation: ${s3Files} files x ${s3PerFile} clients, per-client rate raised ${satSteps.join(', ')} ops/s, ${stepSeconds} s steps,`,
    );
    console.log(`   until broadcast p99 > ${satP99Limit} ms or acks fall behind (acked < 90% of sent, an op unacked for 2 s).`);
    console.log(`   ${'per client'.padEnd(12)} ${'offered'.padStart(8)} ${'acked/s'.padStart(8)} ${'ack p99'.padStart(8)} ${'bc p50'.padStart(7)} ${'bc p99'.padStart(8)} ${'gw CPU'.padStart(7)} ${'pg CPU'.padStart(7)} ${'bench'.padStart(6)} ${'other'.padStart(6)} ${'HWM MB'.padStart(7)} ${'echo'.padStart(5)}  runs  durable`);
    for (const rate of satSteps) {
      const rs = r3.map((r) => r.steps.find((s) => s.rate === rate)).filter(Boolean);
      if (!rs.length) continue;
      const m = (f) => median(rs.map(f));
      const stops = rs.filter((s) => s.stop).length;
      const durable = `${rs.reduce((a, r) => a + r.durable.found, 0)}/${rs.reduce((a, r) => a + r.durable.checked, 0)}`;
      console.log(
        `   ${`${rate} ops/s`.padEnd(12)} ${fmt(m((s) => s.offered), 0).padStart(8)} ${fmt(m((s) => s.achieved), 0).padStart(8)} ` +
          `${fmt(m((s) => s.ack.p99)).padStart(8)} ${fmt(m((s) => s.bc.p50)).padStart(7)} ${fmt(m((s) => s.bc.p99)).padStart(8)} ` +
          `${fmt(m((s) => s.gwCpu), 0).padStart(6)}% ${fmt(m((s) => s.pgCpu), 0).padStart(6)}% ${fmt(m((s) => s.nodeCpu), 0).padStart(5)}% ${fmt(m((s) => s.otherCpu), 0).padStart(5)}% ` +
          `${fmt(m((s) => s.hwm)).padStart(7)} ${echoPct(rs).padStart(5)}  ${rs.length}${stops ? ` (${stops} over)` : ''}  ${durable}`,
      );
    }
    for (const [i, r] of r3.entries()) {
      const last = r.steps[r.steps.length - 1];
      if (last?.stop) console.log(`   run ${i + 1} stopped at ${last.rate} ops/s per client: ${last.stop}`);
    }
    const best = r3.map((r) => (r.best ? r.best.achieved : 0));
    console.log(
      `   Highest sustained rate with broadcast p99 < ${satP99Limit} ms (${clients} clients): ${fmt(median(best), 0)} ops/s ` +
        `(median; per run: ${r3.map((r) => (r.best ? `${fmt(r.best.achieved, 0)} at ${r.best.rate}/client` : 'none')).join(', ')})`,
    );
    if (r3.some((r) => !r.steps[r.steps.length - 1]?.stop))
      console.log('   (some runs passed every step: raise BENCH_SAT_STEPS to find the ceiling)');
  }
  for (const [name, rs] of r4) {
    if (!rs.length) continue;
    console.log();
    console.log(`4. Closed loop, ${name}: each client keeps K ops unacked (one more sent as each is acked), K raised`);
    console.log(`   ${loopSteps.join(', ')} in ${stepSeconds} s steps until broadcast p99 > ${satP99Limit} ms (targets: one file 3,000 ops/s, across files 10,000)`);
    console.log(`   ${'K'.padEnd(6)} ${'acked/s'.padStart(8)} ${'ack p99'.padStart(8)} ${'bc p50'.padStart(7)} ${'bc p99'.padStart(8)} ${'gw CPU'.padStart(7)} ${'pg CPU'.padStart(7)} ${'bench'.padStart(6)} ${'pg us/op'.padStart(9)}  runs  durable`);
    for (const k of loopSteps) {
      const steps = rs.map((r) => r.steps.find((s) => s.outstanding_per_client === k)).filter(Boolean);
      if (!steps.length) continue;
      const m = (f) => median(steps.map(f));
      const stops = steps.filter((s) => s.stop).length;
      const durable = `${steps.reduce((a, r) => a + r.durable.found, 0)}/${steps.reduce((a, r) => a + r.durable.checked, 0)}`;
      console.log(
        `   ${String(k).padEnd(6)} ${fmt(m((s) => s.achieved), 0).padStart(8)} ${fmt(m((s) => s.ack.p99)).padStart(8)} ` +
          `${fmt(m((s) => s.bc.p50)).padStart(7)} ${fmt(m((s) => s.bc.p99)).padStart(8)} ${fmt(m((s) => s.gwCpu), 0).padStart(6)}% ` +
          `${fmt(m((s) => s.pgCpu), 0).padStart(6)}% ${fmt(m((s) => s.nodeCpu), 0).padStart(5)}% ` +
          `${fmt(m((s) => (s.achieved > 0 ? (s.pgCpu / 100) * 1e6 / s.achieved : 0)), 0).padStart(9)}  ${steps.length}${stops ? ` (${stops} over)` : ''}  ${durable}`,
      );
    }
    for (const [i, r] of rs.entries()) {
      const last = r.steps[r.steps.length - 1];
      if (last?.stop) console.log(`   run ${i + 1} stopped at K=${last.outstanding_per_client}: ${last.stop}`);
    }
    const best = rs.map((r) => (r.best ? r.best.achieved : 0));
    console.log(
      `   Highest rate with broadcast p99 < ${satP99Limit} ms: ${fmt(median(best), 0)} ops/s (median; per run: ` +
        `${rs.map((r) => (r.best ? `${fmt(r.best.achieved, 0)} at K=${r.best.outstanding_per_client}` : 'none')).join(', ')})`,
    );
  }
  console.log();
  if (notes.length) {
    console.log('Observations (not failures):');
    for (const n of notes) console.log(`   - ${n}`);
  }
  if (problems.length) {
    console.log('BROKEN:');
    for (const p of problems) console.log(`   - ${p}`);
  }
  console.log(`Benchmark time: ${fmt((performance.now() - started) / 1000, 0)} s`);
  return problems.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`gateway benchmark failed: ${e.stack || e.message}`);
    for (const p of problems) console.error(`   - ${p}`);
    process.exit(1);
  },
);
