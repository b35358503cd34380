// Chaos under load. Editors (the browser client's own Editor, over real
// WebSockets) keep editing several files through two gateways while a seeded
// schedule kill -9s a gateway and starts it again, stops PostgreSQL with
// -m immediate and starts it, stops and starts Redis, and cuts single client
// connections. After each fault, once every editor is quiet again: every
// acked op is in vellum.operations exactly once (at the seq its ack named),
// per-file seq has no gap, every editor shows vellum.document(); at the end,
// the gateway that was never killed has not grown past a stated bound in
// memory or file descriptors, nor has any incarnation of the other one.
//
//   node regress/chaos/chaos.mjs [--seed N] [--kills 100] [--pg-stops 20]
//        [--redis-restarts 10] [--cuts 30] [--editors 8] [--files 3]
// Exits 1 on the first broken invariant, printing the seed and the fault.
import { parseArgs } from 'node:util';
import { closeOnSignal, openArena } from './lib/arena.mjs';
import { EditorBot } from './lib/editor-bot.mjs';
import { check, quiesce } from './lib/invariants.mjs';
import { prng } from './lib/prng.mjs';
import { sleep } from './lib/wait.mjs';

const { values: opt } = parseArgs({
  options: {
    seed: { type: 'string', default: String(Date.now() % 1e9) },
    kills: { type: 'string', default: '100' },
    'pg-stops': { type: 'string', default: '20' },
    'redis-restarts': { type: 'string', default: '10' },
    cuts: { type: 'string', default: '30' },
    editors: { type: 'string', default: '8' },
    files: { type: 'string', default: '3' },
  },
});
const seed = Number(opt.seed);
const rng = prng(seed);
const QUIET_TIMEOUT_MS = 60_000;
// The leak bounds: after warm-up, a gateway may grow this much and no more
// over the whole run (allocator arenas settle; a leak per fault or per
// reconnect would pass them within the run).
const RSS_BOUND_KIB = 64 * 1024;
const FD_BOUND = 8;

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const arena = await openArena({ users: Number(opt.editors) });
closeOnSignal(arena);
const [survivor, victim] = arena.gateways;
const bots = [];
let exitCode = 0;

const totals = { faults: 0, kills: 0, pgStops: 0, redisRestarts: 0, cuts: 0 };
try {
  const files = [];
  for (let i = 0; i < Number(opt.files); i += 1) files.push(await arena.newFile(`Chaos ${i}`));
  for (let i = 0; i < Number(opt.editors); i += 1) {
    const bot = new EditorBot({ name: `editor${i}`, client: arena.client, user: arena.users[i], gateway: arena.gateways[i % 2], fileId: files[i % files.length], rng: prng(seed * 31 + i) });
    bots.push(bot);
    await bot.start();
  }

  // Editing goes on the whole time a fault happens; it stops only to check.
  let editing = false;
  const editLoop = (async () => {
    for (;;) {
      if (editing) for (let k = 0; k < 2; k += 1) rng.pick(bots).step();
      if (editing === null) return;
      await sleep(20);
    }
  })();

  const faults = {
    async kill() {
      await victim.kill();
      await sleep(rng.int(0, 300));
      await victim.start();
      totals.kills += 1;
    },
    async pg() {
      await arena.pg.stopImmediate();
      await sleep(rng.int(200, 1500));
      await arena.pg.start();
      totals.pgStops += 1;
    },
    async redis() {
      await arena.redis.stop();
      await sleep(rng.int(200, 1000));
      await arena.redis.start();
      totals.redisRestarts += 1;
    },
    async cut() {
      rng.pick(bots).cut();
      totals.cuts += 1;
    },
  };
  const schedule = rng.shuffle([
    ...Array(Number(opt.kills)).fill('kill'),
    ...Array(Number(opt['pg-stops'])).fill('pg'),
    ...Array(Number(opt['redis-restarts'])).fill('redis'),
    ...Array(Number(opt.cuts)).fill('cut'),
  ]);

  let last = null;
  const verify = async (what) => {
    editing = false;
    try {
      await quiesce(arena.pg, bots, QUIET_TIMEOUT_MS);
    } catch (error) {
      for (const gw of arena.gateways) console.error(`gateway ${gw.name}'s last warnings:\n${gw.logs.filter((l) => !l.includes('"info"')).slice(-15).join('\n')}`);
      throw new Error(`after ${what}: ${error.message}`);
    }
    const result = await check(arena.pg, bots);
    for (const gw of arena.gateways)
      for (const exit of gw.unexpectedExits.splice(0)) result.failures.push(`gateway ${gw.name} exited by itself (${exit.code ?? exit.signal}):\n${exit.logs.join('\n')}`);
    if (result.failures.length) {
      console.error(`chaos: seed ${seed}, after ${what}: ${result.failures.length} invariant(s) broken:\n- ${result.failures.slice(0, 20).join('\n- ')}`);
      throw new Error('invariants broken');
    }
    last = result.counts;
  };

  editing = true;
  await sleep(1000);
  await verify('warm-up');
  const baseline = { survivor: survivor.usage(), victim: victim.usage() };
  let worstVictim = baseline.victim;
  console.log(`chaos: seed ${seed}; warm-up done at ${elapsed()}; ${schedule.length} faults to go; gateway ${survivor.name} at ${baseline.survivor.rssKiB} KiB, ${baseline.survivor.fds} fds`);

  for (const [i, fault] of schedule.entries()) {
    editing = true;
    await sleep(rng.int(100, 600));
    await faults[fault]();
    totals.faults += 1;
    // A connection cut now and then while another fault is under way.
    if (fault !== 'cut' && rng.chance(0.2)) {
      rng.pick(bots).cut();
      totals.cuts += 1;
      totals.faults += 1;
    }
    await sleep(rng.int(100, 500));
    await verify(`fault ${i + 1} (${fault})`);
    const v = victim.usage();
    if (v.fds > worstVictim.fds || v.rssKiB > worstVictim.rssKiB) worstVictim = { fds: Math.max(v.fds, worstVictim.fds), rssKiB: Math.max(v.rssKiB, worstVictim.rssKiB) };
    if ((i + 1) % 10 === 0) console.log(`chaos: ${i + 1}/${schedule.length} faults at ${elapsed()}: ${JSON.stringify(last)}`);
  }
  editing = null;
  await editLoop;

  const end = survivor.usage();
  const leaks = [];
  if (end.rssKiB - baseline.survivor.rssKiB > RSS_BOUND_KIB) leaks.push(`gateway ${survivor.name} grew from ${baseline.survivor.rssKiB} to ${end.rssKiB} KiB (bound ${RSS_BOUND_KIB} KiB)`);
  if (end.fds - baseline.survivor.fds > FD_BOUND) leaks.push(`gateway ${survivor.name} went from ${baseline.survivor.fds} to ${end.fds} fds (bound +${FD_BOUND})`);
  if (worstVictim.rssKiB - baseline.victim.rssKiB > RSS_BOUND_KIB) leaks.push(`gateway ${victim.name}: an incarnation reached ${worstVictim.rssKiB} KiB, the first ${baseline.victim.rssKiB} (bound +${RSS_BOUND_KIB} KiB)`);
  if (worstVictim.fds - baseline.victim.fds > FD_BOUND) leaks.push(`gateway ${victim.name}: an incarnation held ${worstVictim.fds} fds, the first ${baseline.victim.fds} (bound +${FD_BOUND})`);

  console.log(`chaos: seed ${seed}, ${elapsed()}`);
  console.log(`  faults injected: ${totals.faults} (gateway kill -9: ${totals.kills}, PostgreSQL -m immediate: ${totals.pgStops}, Redis restarts: ${totals.redisRestarts}, connection cuts: ${totals.cuts})`);
  console.log(`  ops sent: ${last.sent}, acked: ${last.acked} (+ ${last.superseded} superseded, ${last.rejected} rejected), found: ${last.found}, lost: ${last.lost}, duplicated: ${last.duplicated}`);
  console.log(`  clients converged: ${last.converged}/${last.clients}`);
  console.log(`  gateway ${survivor.name} (never killed): ${baseline.survivor.rssKiB} -> ${end.rssKiB} KiB RSS, ${baseline.survivor.fds} -> ${end.fds} fds; ` +
    `gateway ${victim.name} (${victim.incarnations} incarnations): first ${baseline.victim.rssKiB} KiB / ${baseline.victim.fds} fds, most ${worstVictim.rssKiB} KiB / ${worstVictim.fds} fds ` +
    `(bounds +${RSS_BOUND_KIB / 1024} MiB, +${FD_BOUND} fds)`);
  if (leaks.length) {
    console.error(`chaos: seed ${seed}: ${leaks.join('; ')}`);
    exitCode = 1;
  }
  if (last.lost || last.duplicated || last.converged !== last.clients) exitCode = 1;
} catch (error) {
  console.error(`chaos: seed ${seed} FAILED at ${elapsed()} (replay: node regress/chaos/chaos.mjs --seed ${seed} ...): ${error.stack}`);
  for (const bot of bots) console.error(`  ${bot.describe()}; problems: ${bot.problems.slice(-3).join(' | ')}`);
  exitCode = 1;
} finally {
  for (const bot of bots) bot.close();
  await arena.close();
}
process.exit(exitCode);
