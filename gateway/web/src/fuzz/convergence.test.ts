// Convergence fuzzing of the client's document and sync layers (issue 10):
// seeded runs of convergence-run.ts, each ending with every client equal to
// the model server. The short version runs with the unit tests; the long one
// is scripts/fuzz-convergence.sh (FUZZ_RUNS=10000).
//   FUZZ_SEED=<n>     replays run n alone (with FUZZ_RUNS, runs n, n+1, ...)
//   FUZZ_RUNS=<n>     how many runs (default 300)
//   FUZZ_ACTIONS=<n>  stops a run's random actions after n (a shrunk replay)
//   FUZZ_TRACE=1      prints the trace of every run, not only a failing one
import { describe, expect, it, vi } from "vitest";
import { runConvergence, type RunFigures, type RunResult } from "./convergence-run";

// Idempotency keys from a counter, so that a replay's trace names the same keys.
vi.mock("../doc/ids", async () => {
  const ids = await import("./fuzz-ids");
  return { newId: ids.nextFuzzId };
});

// Node's process, which the client's tsconfig (browser types) does not declare.
const processEnv = (globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env;

const env = (name: string): number | undefined => {
  const text = processEnv[name];
  if (text === undefined || text === "") return undefined;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer, not "${text}"`);
  return n;
};

const firstSeed = env("FUZZ_SEED") ?? 1;
const runs = env("FUZZ_RUNS") ?? (env("FUZZ_SEED") !== undefined ? 1 : 300);
const actionLimit = env("FUZZ_ACTIONS") ?? Infinity;
const printTraces = processEnv.FUZZ_TRACE === "1";

/** The fewest random actions with which the seed still fails (its run is a prefix of the full one). */
async function shrink(failed: RunResult): Promise<RunResult> {
  for (let k = 0; k < failed.figures.actions; k++) {
    const r = await runConvergence(failed.seed, k);
    if (!r.ok) return r;
  }
  return failed;
}

function report(r: RunResult): string {
  const actions = r.figures.actions;
  return [
    `convergence fuzz: seed ${r.seed} FAILED after ${actions} actions: ${r.failure}`,
    `replay: cd gateway/web && FUZZ_SEED=${r.seed} FUZZ_ACTIONS=${actions} FUZZ_TRACE=1 npx vitest run src/fuzz/convergence.test.ts`,
    `trace (the run shrunk to its first ${actions} actions${r.trace.length > 200 ? ", last 200 lines" : ""}):`,
    ...r.trace.slice(-200),
  ].join("\n");
}

// Seeds that found defects, with the actions their shrunk runs took: each
// failed before its fix (see the commit that added it). Those found before
// SQL users re-created deleted objects replay without that, as they ran.
const REGRESSIONS = [
  { seed: 5, actions: 44, sqlRecreates: false, defect: "an undo's undelete carried only {type}: a client that loaded the file meanwhile showed the object bare" },
  { seed: 32, actions: 62, sqlRecreates: false, defect: "a move out of a deleted frame showed an object the client's sync document never had" },
  { seed: 36, actions: 67, sqlRecreates: false, defect: "undoing a delete after a reconnect threw: the reloaded document no longer had the object" },
  { seed: 443, actions: 59, sqlRecreates: false, defect: "an undelete acked after a reconnect left the client without the values the server kept" },
  { seed: 226, actions: 50, sqlRecreates: false, defect: "a relayed move that only half won unset the index it did not name" },
  { seed: 522, actions: 48, sqlRecreates: false, defect: "an ack that arrived after a reload merged an op older than the loaded document's values" },
  { seed: 1084, actions: 65, sqlRecreates: false, defect: "a duplicate answer (the applied ack lost) merged the whole op, properties that had lost included" },
  { seed: 2338, actions: 70, sqlRecreates: false, defect: "an object under a parent known only from relayed writes (hidden at load) was shown" },
  { seed: 9190, actions: 30, sqlRecreates: false, defect: "an op given up as rejected whose resend was then applied was never merged" },
  { seed: 21, actions: 36, defect: "a SQL user's create of a deleted object, with an ordinary key, showed it bare where it was loaded deleted" },
];

describe("convergence fuzzing", () => {
  it.each(REGRESSIONS)("seed $seed still converges ($defect)", async ({ seed, actions, sqlRecreates }) => {
    const r = await runConvergence(seed, actions, { sqlRecreates });
    if (!r.ok) console.log(report(r));
    expect(r.failure).toBeUndefined();
  });

  it(
    `every client equals the model server at quiescence (${runs} seeded runs from seed ${firstSeed})`,
    async () => {
      const started = performance.now();
      const totals: Partial<Record<keyof RunFigures, number>> = {};
      for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
        const r = await runConvergence(seed, actionLimit);
        if (printTraces) console.log(`seed ${seed}:\n${r.trace.join("\n")}`);
        for (const [name, n] of Object.entries(r.figures)) totals[name as keyof RunFigures] = (totals[name as keyof RunFigures] ?? 0) + n;
        if (!r.ok) {
          const small = actionLimit === Infinity ? await shrink(r) : r;
          console.log(report(small));
          expect.fail(`seed ${seed} diverged: ${small.failure}\n(replay: FUZZ_SEED=${seed} FUZZ_ACTIONS=${small.figures.actions}; trace above)`);
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const t = totals;
      console.log(
        `convergence fuzz: ${runs} runs (seeds ${firstSeed}..${firstSeed + runs - 1}) in ${seconds.toFixed(1)} s: ` +
          `${t.actions} actions (${t.refused} refused locally), ${t.opsReceived} ops received by the gateway, ` +
          `${t.logLength} applied, ${t.duplicateAnswers} answered duplicate, ${t.rejectedOps} rejected, ` +
          `${t.duplicatesDelivered} frames delivered twice, ${t.drops} connections dropped, ${t.reconnects} reconnects, ` +
          `${t.reloads} reloads, ${t.undos} undos, ${t.redos} redos, ${t.lostAcks} acks lost, ${t.unavailable} unavailable, ` +
          `${t.catchups} catch-ups, ${t.resyncs} resyncs`,
      );
    },
    24 * 3600 * 1000,
  );
});
