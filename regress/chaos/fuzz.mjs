// End-to-end convergence fuzzing: seeded runs of 3 to 6 editors (the browser
// client's own Editor over real WebSockets, split across two real gateways)
// plus a SQL writer calling vellum.apply_ops on one file, with random
// connection cuts, page reloads (the outbox replayed with its original keys)
// and the SQL writer resending batches it already sent. After each run,
// once every editor is quiet: every replica equals vellum.document(), every
// acked op is logged exactly once, seq has no gap.
//
//   node regress/chaos/fuzz.mjs [--runs 500] [--seed N] [--parallel 3]
// Run r uses seed N + r (the seed decides every choice of the run, not the
// timing of the network); a failure prints the command that replays it alone.
import { parseArgs } from 'node:util';
import { closeOnSignal, openArena } from './lib/arena.mjs';
import { EditorBot } from './lib/editor-bot.mjs';
import { check, quiesce } from './lib/invariants.mjs';
import { prng } from './lib/prng.mjs';
import { sleep } from './lib/wait.mjs';

const { values: opt } = parseArgs({
  options: { runs: { type: 'string', default: '500' }, parallel: { type: 'string', default: '3' }, seed: { type: 'string', default: String(Date.now() % 1e9) } },
});
const runs = Number(opt.runs);
const firstSeed = Number(opt.seed);
const QUIET_TIMEOUT_MS = 60_000;

/**
 * The SQL user: ops straight into vellum.apply_ops, sometimes a batch again
 * (its keys make that a no-op), and sometimes a create that brings back an
 * object someone deleted, with an ordinary key and only some of its values:
 * a replica that loaded the file while it was deleted lacks the rest.
 */
class SqlWriter {
  constructor(pg, fileId, user, rng, tag) {
    Object.assign(this, { pg, fileId, user, rng, tag });
    this.batches = [];
    this.acked = new Map(); // key -> seq
    this.conflicts = [];
    this.count = 0;
    this.recreates = 0;
    this.inFlight = new Set();
    this.seen = new Map(); // id -> type, of every object the writer saw alive
  }

  write(objects) {
    const rng = this.rng;
    const alive = new Set(objects.map((o) => o.id));
    for (const o of objects) this.seen.set(o.id, o.type);
    const gone = [...this.seen.keys()].filter((id) => !alive.has(id));
    let ops;
    if (this.batches.length && rng.chance(0.25)) ops = rng.pick(this.batches);
    else {
      ops = [];
      for (let i = rng.int(1, 3); i > 0; i -= 1) {
        const key = `${this.tag}-sql-${++this.count}`;
        const base = { id: key, idempotencyKey: key, timestamp: Date.now(), clientId: `${this.tag}-sql` };
        const target = objects.length ? rng.pick(objects).id : null;
        const roll = rng.next();
        if (roll < 0.15 && gone.length) {
          const id = rng.pick(gone);
          this.recreates += 1;
          ops.push({ ...base, operationType: 'create', objectId: id, newValue: { type: this.seen.get(id), x: rng.int(0, 500) } });
        } else if (roll < 0.3 || !target) ops.push({ ...base, operationType: 'create', objectId: `${this.tag}-obj-${this.count}`, newValue: { type: 'rectangle', x: rng.int(0, 500), y: 0, width: 10, height: 10 } });
        else if (roll < 0.85) ops.push({ ...base, operationType: 'update', objectId: target, propertyPath: rng.pick(['x', 'y', 'fill']), newValue: rng.chance(0.5) ? rng.int(0, 1000) : '#123456' });
        else ops.push({ ...base, operationType: 'delete', objectId: target });
      }
      this.batches.push(ops);
    }
    const done = this.pg
      .sql(`SELECT vellum.apply_ops(:'file', :'ops'::jsonb, :'user')`, { file: this.fileId, ops: JSON.stringify(ops), user: this.user.id })
      .then((out) => {
        for (const r of JSON.parse(out)) {
          if (r.status !== 'applied' && r.status !== 'duplicate') continue;
          const had = this.acked.get(r.id);
          if (had !== undefined && had !== r.seq) this.conflicts.push(`SQL writer: op ${r.id} applied at seq ${had}, then said ${JSON.stringify(r)}`);
          this.acked.set(r.id, r.seq);
        }
      });
    this.inFlight.add(done);
    done.finally(() => this.inFlight.delete(done));
  }

  settle() {
    return Promise.all([...this.inFlight]);
  }
}

async function oneRun(arena, seed, runIndex) {
  const rng = prng(seed);
  const fileId = await arena.newFile(`Fuzz ${seed}`);
  const bots = [];
  for (let i = 0; i < rng.int(3, 6); i += 1)
    bots.push(new EditorBot({ name: `run${runIndex}-editor${i}`, client: arena.client, user: arena.users[i], gateway: arena.gateways[i % arena.gateways.length], fileId, rng: prng(seed * 7 + i) }));
  const writer = new SqlWriter(arena.pg, fileId, arena.users[0], rng, `s${seed}`);
  const events = { cuts: 0, reloads: 0, sql: 0, steps: 0 };
  try {
    for (const bot of bots) await bot.start();
    for (let step = rng.int(30, 80); step > 0; step -= 1) {
      const roll = rng.next();
      const bot = rng.pick(bots);
      if (roll < 0.06) {
        bot.cut();
        events.cuts += 1;
      } else if (roll < 0.08) {
        await bot.reload();
        events.reloads += 1;
      } else if (roll < 0.18) {
        writer.write(bot.editor.objects());
        events.sql += 1;
      } else {
        bot.step();
        events.steps += 1;
      }
      await sleep(rng.int(0, 30));
    }
    await writer.settle();
    await quiesce(arena.pg, bots, QUIET_TIMEOUT_MS);
    const result = await check(arena.pg, bots, { extraAcked: writer.acked });
    result.failures.push(...writer.conflicts);
    events.recreates = writer.recreates;
    return { ...result, events };
  } finally {
    for (const bot of bots) bot.close();
  }
}

const started = Date.now();
const arena = await openArena({ users: 6 });
closeOnSignal(arena);
let exitCode = 0;
const totals = { runs: 0, clients: 0, converged: 0, sent: 0, acked: 0, lost: 0, duplicated: 0, cuts: 0, reloads: 0, sql: 0, recreates: 0 };
try {
  // Runs are independent (a file each): a few at a time, each still decided by its own seed.
  let nextRun = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && nextRun < runs) {
      const r = nextRun++;
      const seed = firstSeed + r;
      const result = await oneRun(arena, seed, r).catch((error) => ({ failures: [error.stack], counts: null, events: {} }));
      totals.runs += 1;
      if (result.counts) {
        for (const k of ['clients', 'converged', 'sent', 'acked', 'lost', 'duplicated']) totals[k] += result.counts[k];
        for (const k of ['cuts', 'reloads', 'sql', 'recreates']) totals[k] += result.events[k];
      }
      if (result.failures.length) {
        console.error(`fuzz: run ${r} (seed ${seed}) FAILED; replay: node regress/chaos/fuzz.mjs --runs 1 --seed ${seed}\n- ${result.failures.slice(0, 20).join('\n- ')}`);
        failed = true;
        exitCode = 1;
      }
      if (totals.runs % 50 === 0) console.log(`fuzz: ${totals.runs}/${runs} runs at ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(runs, Number(opt.parallel)) }, worker));
  console.log(`fuzz: seeds ${firstSeed}..${firstSeed + runs - 1}: ${totals.runs} runs in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
    `${totals.clients} clients, ${totals.converged} converged; ops sent by clients ${totals.sent}, acked (clients and SQL) ${totals.acked}, ` +
    `lost ${totals.lost}, duplicated ${totals.duplicated}; ${totals.cuts} cuts, ${totals.reloads} reloads, ${totals.sql} SQL batches (${totals.recreates} creates of deleted objects)`);
} finally {
  await arena.close();
}
process.exit(exitCode);
