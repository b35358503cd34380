// One seeded convergence run: 2 to 5 browser clients (the real Editor, with
// its Document, History and SyncClient) edit one file through the model
// gateway and server while the network misbehaves; then the faults stop,
// everything is delivered and acknowledged, and every client's document
// must equal the model's. Everything is drawn from the seed's Prng, on
// virtual time: the same seed (and action limit) replays the same run.
import { LocalEditError } from "../doc/document";
import type { Json, JsonObject } from "../doc/json";
import { Editor, type ObjectSpec } from "../editor/editor";
import { MemoryOutboxStore } from "../sync/outbox-store";
import type { Signal } from "../sync/sync-client";
import { resetFuzzIds } from "./fuzz-ids";
import { ModelGateway, NO_FAULTS, type Faults, type NetworkCounts } from "./model-gateway";
import { ModelServer, type Value } from "./model-server";
import { Prng } from "./prng";
import { SimClock } from "./sim-clock";

const FILE = "33333333-3333-3333-3333-333333333333";
const START = 1_700_000_000_000;
/** How long the faults-off phase may take (virtual time) before a run counts as stuck. */
const QUIESCE_LIMIT_MS = 300_000;

export interface RunFigures extends NetworkCounts {
  clients: number;
  actions: number;
  refused: number;
  undos: number;
  redos: number;
  reconnects: number;
  reloads: number;
  rejectedOps: number;
  logLength: number;
}

export interface RunResult {
  seed: number;
  ok: boolean;
  failure?: string;
  figures: RunFigures;
  trace: string[];
}

class Switch implements Signal {
  private value = true;
  private readonly listeners = new Set<() => void>();

  get(): boolean {
    return this.value;
  }

  subscribe(onChange: () => void): () => void {
    this.listeners.add(onChange);
    return () => this.listeners.delete(onChange);
  }

  set(value: boolean): void {
    if (value === this.value) return;
    this.value = value;
    for (const fn of this.listeners) fn();
  }
}

interface Client {
  name: string;
  userId: string;
  skewMs: number;
  store: MemoryOutboxStore;
  online: Switch;
  editor: Editor;
}

const COLOURS = ["#ff0000", "#00ff00", "#0000ff", "#123456", "none", "transparent"];
const TYPES = ["rectangle", "ellipse", "text", "frame", "group"] as const;
const CONTAINERS = new Set(["frame", "group"]);

/** A few random property values, of the properties the fuzzer edits. */
function randomProps(prng: Prng): JsonObject {
  const props: JsonObject = {};
  for (let n = prng.int(1, 3); n > 0; n--) {
    switch (prng.int(0, 6)) {
      case 0:
        props.x = prng.int(-50, 50);
        break;
      case 1:
        props.y = prng.int(-50, 50);
        break;
      case 2:
        props.width = prng.int(0, 100);
        break;
      case 3:
        props.fill = prng.pick(COLOURS);
        break;
      case 4:
        props.name = prng.chance(0.2) ? null : prng.pick(["a", "b", "c", "dd", "eee"]);
        break;
      case 5:
        props.opacity = prng.int(0, 10) / 10;
        break;
      case 6:
        props.visible = prng.chance(0.5);
        break;
    }
  }
  return props;
}

/** What a run may do beyond what older runs did (a seed found before a kind of action was added replays without it). */
export interface RunOptions {
  /** SQL users re-create deleted objects (added with the objectExisted mark). */
  sqlRecreates?: boolean;
}

export async function runConvergence(seed: number, actionLimit = Infinity, options: RunOptions = {}): Promise<RunResult> {
  const sqlRecreates = options.sqlRecreates ?? true;
  resetFuzzIds();
  const prng = new Prng(seed);
  const clock = new SimClock(START);
  const trace: string[] = [];
  const say = (line: string) => trace.push(`t+${clock.now - START} ${line}`);
  const server = new ModelServer();
  const gateway = new ModelGateway(server, clock, prng, say);
  const figures: RunFigures = {
    clients: prng.int(2, 5),
    actions: 0,
    refused: 0,
    undos: 0,
    redos: 0,
    reconnects: 0,
    reloads: 0,
    rejectedOps: 0,
    logLength: 0,
    ...gateway.counts,
  };
  const plannedActions = Math.min(prng.int(10, 80), actionLimit);
  const faults: Faults = {
    maxDelayMs: prng.pick([2, 20, 120, 400]),
    lateAck: prng.pick([0, 0.1, 0.3]),
    duplicate: prng.pick([0, 0.1, 0.3]),
    lostAck: prng.pick([0, 0.02, 0.1]),
    unavailable: prng.pick([0, 0.02, 0.1]),
    resync: prng.pick([0, 0.3, 1]),
  };
  say(`${figures.clients} clients, ${plannedActions} actions, faults ${JSON.stringify(faults)}`);
  let objectCounter = 0;

  const makeEditor = (c: Omit<Client, "editor">): Editor => {
    const editor = new Editor({
      fileId: FILE,
      url: `ws://fuzz/ws`,
      connect: gateway.connector(c.userId),
      store: c.store,
      online: c.online,
      visible: { get: () => true, subscribe: () => () => {} },
      timers: clock.timers(),
      random: () => prng.next(),
      now: () => clock.now + c.skewMs,
    });
    let status = "";
    editor.subscribe((event) => {
      if (event.type === "problem") {
        figures.rejectedOps++;
        say(`${c.name} problem: ${event.message}`);
      }
      if (event.type === "connection") {
        if (event.state.status === "connected" && status !== "connected") figures.reconnects++;
        status = event.state.status;
      }
    });
    return editor;
  };

  const clients: Client[] = [];
  for (let i = 0; i < figures.clients; i++) {
    const base = {
      name: String.fromCharCode(65 + i),
      userId: `u${i + 1}`,
      skewMs: prng.int(-2000, 2000),
      store: new MemoryOutboxStore(),
      online: new Switch(),
    };
    const client: Client = { ...base, editor: makeEditor(base) };
    clients.push(client);
    await client.editor.start();
  }
  clock.advance(1000);

  const shownIds = (c: Client) => c.editor.objects().map((o) => o.id);
  const knownIds = (c: Client) => [...c.editor.doc.ids()];
  const containers = (c: Client) => c.editor.objects().filter((o) => CONTAINERS.has(o.type)).map((o) => o.id);
  const target = (c: Client): string | null => {
    const ids = prng.chance(0.85) ? shownIds(c) : knownIds(c);
    return ids.length ? prng.pick(ids) : null;
  };
  const parentFor = (c: Client): string | null => {
    const list = containers(c);
    return list.length && prng.chance(0.6) ? prng.pick(list) : null;
  };

  /** Runs a local edit; a LocalEditError (the client refusing what the server would) is counted, anything else fails the run. */
  const attempt = (c: Client, what: string, edit: () => void) => {
    say(`${c.name} ${what}`);
    try {
      edit();
    } catch (e) {
      if (!(e instanceof LocalEditError)) throw e;
      figures.refused++;
      say(`${c.name}   refused: ${e.message}`);
    }
  };

  const act = async (c: Client) => {
    const e = c.editor;
    const kind = prng.weighted({
      create: 14,
      update: 18,
      updateMany: 4,
      delete: 7,
      move: 8,
      order: 3,
      drag: 5,
      undo: 10,
      redo: 5,
      undoBurst: 2,
      drop: 4,
      offline: 3,
      reload: 2,
      restart: 1,
      sql: 3,
      wait: 3,
    });
    switch (kind) {
      case "create": {
        const parentId = parentFor(c);
        const specs: ObjectSpec[] = [];
        for (let n = prng.int(1, 3); n > 0; n--) {
          const spec: ObjectSpec = { type: prng.pick(TYPES), id: `o${++objectCounter}`, ...randomProps(prng) };
          if (parentId) spec.parentId = parentId;
          specs.push(spec);
        }
        return attempt(c, `create ${specs.map((s) => `${s.id}:${s.type}`).join(" ")} in ${parentId}`, () => e.createObjects(specs));
      }
      case "update": {
        const id = target(c);
        if (!id) return;
        const props = randomProps(prng);
        return attempt(c, `update ${id} ${JSON.stringify(props)}`, () => e.update(id, props));
      }
      case "updateMany": {
        const updates = [target(c), target(c)].filter((id) => id !== null).map((id) => ({ id, props: randomProps(prng) }));
        return attempt(c, `updateMany ${JSON.stringify(updates)}`, () => e.updateMany(updates));
      }
      case "delete": {
        const ids = [target(c), prng.chance(0.3) ? target(c) : null].filter((id): id is string => id !== null);
        return attempt(c, `delete ${ids.join(" ")}`, () => e.delete(ids));
      }
      case "move": {
        const id = target(c);
        if (!id) return;
        const parent = parentFor(c);
        const siblings = e.children(parent).filter((s) => s !== id);
        const before = siblings.length && prng.chance(0.5) ? prng.pick(siblings) : undefined;
        return attempt(c, `move ${id} into ${parent} before ${before}`, () => e.moveTo([id], parent, before));
      }
      case "order": {
        const id = target(c);
        if (!id) return;
        const front = prng.chance(0.5);
        return attempt(c, `${front ? "bringToFront" : "sendToBack"} ${id}`, () => (front ? e.bringToFront([id]) : e.sendToBack([id])));
      }
      case "drag": {
        const id = target(c);
        if (!id) return;
        say(`${c.name} drag ${id}`);
        e.beginGesture();
        for (let n = prng.int(2, 5); n > 0; n--) {
          const props = { x: prng.int(-50, 50), y: prng.int(-50, 50) };
          attempt(c, `  drag step ${JSON.stringify(props)}`, () => e.update(id, props));
          clock.advance(prng.int(0, 60));
        }
        e.endGesture();
        return;
      }
      case "undo":
      case "redo":
      case "undoBurst": {
        const steps = kind === "undoBurst" ? prng.int(2, 5) : 1;
        for (let n = 0; n < steps; n++) {
          const redo = kind === "redo";
          attempt(c, redo ? "redo" : "undo", () => {
            const done = redo ? e.redo() : e.undo();
            if (done) redo ? figures.redos++ : figures.undos++;
          });
        }
        return;
      }
      case "drop": {
        say(`${c.name} connection drops`);
        for (const socket of gateway.openSockets()) if (socket.userId === c.userId) gateway.drop(socket);
        return;
      }
      case "offline": {
        const next = !c.online.get();
        say(`${c.name} goes ${next ? "online" : "offline"}`);
        c.online.set(next);
        return;
      }
      case "reload": {
        say(`${c.name} reloads the page (the outbox is kept, the history is not)`);
        figures.reloads++;
        c.editor.close();
        c.editor = makeEditor(c);
        await c.editor.start();
        return;
      }
      case "restart": {
        const downFor = prng.int(200, 4000);
        say(`gateway restarts, down for ${downFor} ms`);
        gateway.restart();
        clock.schedule(downFor, () => {
          gateway.down = false;
        });
        return;
      }
      case "sql": {
        const live = server.liveIds();
        if (!live.length) return;
        const objectId = prng.pick(live);
        const key = `sql-${figures.actions}`;
        const timestamp = Math.max(server.clock + 1, clock.now);
        const roll = prng.next();
        const gone = server.deletedIds();
        if (roll < 0.2) gateway.applyFromSql([{ id: key, idempotencyKey: key, operationType: "delete", objectId, timestamp, clientId: "sql" }]);
        else if (sqlRecreates && roll >= 0.85 && gone.length) {
          // A SQL user brings a deleted object back with an ordinary key and
          // only some values: a client that loaded the file meanwhile lacks
          // the rest (the server marks the relay objectExisted). The pick
          // reuses roll, so that other runs draw as they did before.
          const revived = gone[Math.floor(((roll - 0.85) / 0.15) * gone.length)]!;
          const newValue = { ...randomProps(prng), type: server.valueOf(revived, "type") } as { [k: string]: Value };
          say(`a SQL user re-creates ${revived} with ${JSON.stringify(newValue)}`);
          gateway.applyFromSql([{ id: key, idempotencyKey: key, operationType: "create", objectId: revived, newValue, timestamp, clientId: "sql" }]);
        } else
          gateway.applyFromSql([
            { id: key, idempotencyKey: key, operationType: "update", objectId, newValue: randomProps(prng) as { [k: string]: Value }, timestamp, clientId: "sql" },
          ]);
        return;
      }
      case "wait": {
        const ms = prng.int(1000, 40_000);
        say(`everyone waits ${ms} ms`);
        clock.advance(ms);
        return;
      }
    }
  };

  const result = (failure?: string): RunResult => {
    Object.assign(figures, gateway.counts);
    figures.reconnects -= figures.clients + figures.reloads; // counted: every "connected", first ones included
    figures.logLength = server.log.length;
    return failure === undefined ? { seed, ok: true, figures, trace } : { seed, ok: false, failure, figures, trace };
  };

  try {
    gateway.faults = faults;
    for (let i = 0; i < plannedActions; i++) {
      figures.actions++;
      await act(prng.pick(clients));
      clock.advance(prng.chance(0.1) ? prng.int(300, 3000) : prng.int(0, 150));
    }

    // Quiescence: no more faults, everyone online, the gateway up; run until
    // nothing is in flight, nothing unacknowledged, everyone at the server's seq.
    say("--- faults off: quiescing");
    gateway.faults = NO_FAULTS;
    gateway.down = false;
    for (const c of clients) c.online.set(true);
    const quiet = () =>
      !gateway.busy &&
      clients.every((c) => c.editor.connection.status === "connected" && c.editor.pending() === 0 && c.editor.seq === server.seq);
    for (let waited = 0; !quiet(); waited += 500) {
      if (waited >= QUIESCE_LIMIT_MS)
        return result(
          `no quiescence after ${QUIESCE_LIMIT_MS} ms: server seq ${server.seq}; ` +
            clients.map((c) => `${c.name}: ${c.editor.connection.status}, ${c.editor.pending()} pending, seq ${c.editor.seq}`).join("; "),
        );
      clock.advance(500);
    }
  } catch (e) {
    return result(`the client threw: ${(e as Error).stack ?? String(e)}`);
  }

  if (gateway.violations.length) return result(`the clients broke the protocol: ${gateway.violations.slice(0, 5).join("; ")}`);
  const dupKeys = server.duplicateKeysInLog();
  if (dupKeys.length) return result(`the log holds idempotency keys twice: ${dupKeys.join(", ")}`);
  const expected = server.document();
  for (const c of clients) {
    const got = c.editor.objects();
    if (JSON.stringify(got) !== JSON.stringify(expected)) return result(`client ${c.name} diverged from the server:\n${describeDifference(got, expected)}`);
  }
  return result();
}

function describeDifference(got: readonly JsonObject[], expected: readonly { [key: string]: Value }[]): string {
  const byId = (list: readonly { [key: string]: Json | Value }[]) => new Map(list.map((o) => [o.id as string, JSON.stringify(o)]));
  const g = byId(got);
  const x = byId(expected);
  const lines: string[] = [];
  for (const id of new Set([...g.keys(), ...x.keys()]))
    if (g.get(id) !== x.get(id)) lines.push(`  ${id}: client ${g.get(id) ?? "(absent)"}\n  ${" ".repeat(id.length)}  server ${x.get(id) ?? "(absent)"}`);
  return lines.join("\n");
}
