// The gateway's side of the WebSocket protocol over the model server, and
// the network in between, for the fuzzer. Only the transport is made up:
// the clients are the browser's own Editor/SyncClient/Document, talking
// JSON frames through sockets of this file instead of browser WebSockets.
//
// What the gateway model does (README "The gateway", gateway/src/rooms):
// - subscribe: a sync with the live document, its seq and newest stamp;
// - operation: frames that arrive close together are committed as one batch
//   (the gateway batches a turn of its event loop into one apply_ops call);
//   then each sender gets its ack (results in the order sent) and every
//   subscriber one `operation` message for the batch's seq range, without
//   the ops its own connection sent (nothing when nothing is left);
// - catchup: the log after afterSeq, or `resync` (history compacted);
// - ping: pong. Presence is accepted and not relayed (not under test).
// What the network does (chosen by the run's Prng, through `faults`):
// - each direction of a connection is in order (TCP), with random delays;
//   an ack may be held back and overtaken by later frames (the gateway sends
//   acks and broadcasts from different places);
// - an `operation` or `ack` frame may arrive twice (a broadcast and a fetch
//   that cover the same range), an ack may be lost on a live connection (the
//   client times out and resends), an `operation` frame may be answered
//   `unavailable` (the database was away; nothing applied);
// - a connection can drop: frames in flight are lost, except that each
//   frame the client had sent may still reach the gateway (applied, ack
//   lost); the client hears of the drop a little later;
// - the gateway can be down for a while: connections are refused.
import type { SocketLike } from "../sync/socket";
import type { ModelServer, WireOp } from "./model-server";
import type { Prng } from "./prng";
import type { SimClock } from "./sim-clock";

export interface Faults {
  maxDelayMs: number;
  lateAck: number;
  duplicate: number;
  lostAck: number;
  unavailable: number;
  resync: number;
}

export const NO_FAULTS: Faults = { maxDelayMs: 5, lateAck: 0, duplicate: 0, lostAck: 0, unavailable: 0, resync: 0 };

export interface NetworkCounts {
  framesToGateway: number;
  framesToClients: number;
  duplicatesDelivered: number;
  drops: number;
  lostAcks: number;
  unavailable: number;
  resyncs: number;
  catchups: number;
  commits: number;
  /** Ops the gateway received in operation frames (resends included). */
  opsReceived: number;
  /** Ops the server answered `duplicate` (a resend of a key it had applied). */
  duplicateAnswers: number;
}

type Frame = { type: string; requestId?: string; payload: Record<string, unknown> };

interface InFlight {
  data: string;
  survivesDrop: boolean | null;
}

export class FuzzSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  /** The network dropped it: nothing more goes either way, and the client hears of it soon. */
  dead = false;
  subscribed = false;
  clientId = "";
  readonly upInFlight: InFlight[] = [];
  lastUp = 0;
  lastDown = 0;

  constructor(
    private readonly gateway: ModelGateway,
    readonly userId: string,
    readonly name: string,
  ) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error("send on a socket that is not open");
    if (this.dead) return; // into a connection that is gone: lost
    this.gateway.toGateway(this, data);
  }

  close(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.gateway.clientClosed(this);
  }
}

export class ModelGateway {
  readonly counts: NetworkCounts = {
    framesToGateway: 0,
    framesToClients: 0,
    duplicatesDelivered: 0,
    drops: 0,
    lostAcks: 0,
    unavailable: 0,
    resyncs: 0,
    catchups: 0,
    commits: 0,
    opsReceived: 0,
    duplicateAnswers: 0,
  };
  faults: Faults = NO_FAULTS;
  /** While true, connections are refused (a restart). */
  down = false;
  /** Broken protocol rules seen (an op sent again under another idempotency key): each fails the run. */
  readonly violations: string[] = [];
  private readonly keyOfOp = new Map<string, string | null>();
  private readonly sockets = new Set<FuzzSocket>();
  private batch: { socket: FuzzSocket; requestId: string | undefined; ops: WireOp[] }[] = [];
  private connections = 0;
  private inTransit = 0;

  constructor(
    readonly server: ModelServer,
    private readonly clock: SimClock,
    private readonly prng: Prng,
    private readonly trace: (line: string) => void,
  ) {}

  /** Frames on their way, commits not made yet: nothing left means the network is quiet. */
  get busy(): boolean {
    return this.inTransit > 0 || this.batch.length > 0;
  }

  /** A socket factory for one simulated user. */
  connector(userId: string): (url: string) => SocketLike {
    return () => {
      const socket = new FuzzSocket(this, userId, `${userId}#${++this.connections}`);
      this.transit(this.delay(), () => {
        if (socket.readyState === 3) return;
        if (this.down) {
          this.trace(`${socket.name} refused (gateway down)`);
          socket.readyState = 3;
          socket.onerror?.({});
          socket.onclose?.({ code: 1006, reason: "connection refused" });
          return;
        }
        this.sockets.add(socket);
        socket.readyState = 1;
        socket.onopen?.({});
      });
      return socket;
    };
  }

  /** The network drops a connection. */
  drop(socket: FuzzSocket): void {
    if (socket.dead || socket.readyState !== 1) return;
    this.counts.drops++;
    socket.dead = true;
    for (const f of socket.upInFlight) f.survivesDrop = this.prng.chance(0.5);
    this.trace(`${socket.name} dropped (${socket.upInFlight.filter((f) => f.survivesDrop).length}/${socket.upInFlight.length} frames in flight still arrive)`);
    this.sockets.delete(socket);
    socket.subscribed = false;
    this.transit(this.delay(), () => {
      if (socket.readyState === 3) return;
      socket.readyState = 3;
      socket.onclose?.({ code: 1006, reason: "connection lost" });
    });
  }

  /** Every connection drops and none is accepted until up() (a gateway restart). */
  restart(): void {
    this.down = true;
    for (const socket of [...this.sockets]) this.drop(socket);
  }

  openSockets(): FuzzSocket[] {
    return [...this.sockets];
  }

  /** A SQL user's ops, straight into the database: applied and relayed to every subscriber. */
  applyFromSql(ops: WireOp[]): void {
    const { answers, logged } = this.server.applyBatch(ops, null);
    this.trace(`sql: ${ops.map((o) => `${o.operationType} ${o.objectId}`).join(", ")} -> ${answers.map((a) => a.status).join(",")}`);
    if (!logged.length) return;
    const message = { type: "operation", payload: { fromSeq: logged[0]!.seq, toSeq: logged[logged.length - 1]!.seq, operations: logged } };
    for (const s of this.sockets) if (s.subscribed) this.toClient(s, message);
  }

  // ---- the network -------------------------------------------------------------

  toGateway(socket: FuzzSocket, data: string): void {
    const frame: InFlight = { data, survivesDrop: null };
    socket.upInFlight.push(frame);
    const at = Math.max(this.clock.now + this.delay(), socket.lastUp);
    socket.lastUp = at;
    this.transit(at - this.clock.now, () => {
      socket.upInFlight.splice(socket.upInFlight.indexOf(frame), 1);
      if (socket.dead && !frame.survivesDrop) return;
      this.counts.framesToGateway++;
      this.receive(socket, JSON.parse(data) as Frame);
    });
  }

  clientClosed(socket: FuzzSocket): void {
    // What was sent before the close still arrives; then the gateway forgets the connection.
    const at = Math.max(this.clock.now + this.delay(), socket.lastUp);
    this.transit(at - this.clock.now, () => {
      this.sockets.delete(socket);
      socket.subscribed = false;
    });
  }

  private toClient(socket: FuzzSocket, message: unknown, late = false): void {
    const data = JSON.stringify(message);
    const copies = (message as Frame).type === "operation" || (message as Frame).type === "ack" ? (this.prng.chance(this.faults.duplicate) ? 2 : 1) : 1;
    for (let i = 0; i < copies; i++) {
      let at = Math.max(this.clock.now + this.delay(), socket.lastDown);
      if (late) at += this.prng.int(0, 600); // overtaken by what is sent after it
      else socket.lastDown = at;
      this.transit(at - this.clock.now, () => {
        if (socket.dead || socket.readyState !== 1) return;
        this.counts.framesToClients++;
        if (i > 0) this.counts.duplicatesDelivered++;
        socket.onmessage?.({ data });
      });
    }
  }

  private delay(): number {
    return this.prng.int(0, this.faults.maxDelayMs);
  }

  private transit(ms: number, run: () => void): void {
    this.inTransit++;
    this.clock.schedule(ms, () => {
      this.inTransit--;
      run();
    });
  }

  // ---- the gateway -------------------------------------------------------------

  private receive(socket: FuzzSocket, frame: Frame): void {
    const requestId = frame.requestId === undefined ? {} : { requestId: frame.requestId };
    switch (frame.type) {
      case "subscribe": {
        if (!socket.clientId) socket.clientId = `c${socket.name.replace(/\W/g, "")}`;
        socket.subscribed = true;
        this.trace(`${socket.name} subscribed at seq ${this.server.seq} as ${socket.clientId}`);
        const objects = this.server.document();
        const payload = { file: { fileId: frame.payload.fileId, seq: this.server.seq, objects }, seq: this.server.seq, clock: this.server.clock };
        this.toClient(socket, { type: "sync", ...requestId, payload: { ...payload, access: "edit", clientId: socket.clientId, yourColor: "#e5484d", presence: [] } });
        return;
      }
      case "operation": {
        const ops = frame.payload.operations as WireOp[];
        this.counts.opsReceived += ops.length;
        for (const op of ops) {
          // A resend must keep the op's idempotency key, or the server could apply it twice.
          const key = op.idempotencyKey ?? null;
          if (op.id === undefined) continue;
          const before = this.keyOfOp.get(op.id);
          if (before !== undefined && before !== key) this.violations.push(`op ${op.id} was sent with key ${before}, then with key ${key}`);
          this.keyOfOp.set(op.id, key);
        }
        if (this.prng.chance(this.faults.unavailable)) {
          this.counts.unavailable++;
          this.trace(`${socket.name}: ${ops.length} ops answered unavailable`);
          this.toClient(socket, { type: "error", ...requestId, payload: { code: "unavailable", message: "the database is unavailable" } });
          return;
        }
        if (!this.batch.length) this.clock.schedule(this.prng.int(0, 20), () => this.commit());
        this.batch.push({ socket, requestId: frame.requestId, ops });
        return;
      }
      case "catchup": {
        this.counts.catchups++;
        const after = frame.payload.afterSeq as number;
        if (this.prng.chance(this.faults.resync)) {
          this.counts.resyncs++;
          this.trace(`${socket.name}: catchup after ${after} answered resync`);
          this.toClient(socket, { type: "resync", payload: { reason: "history was compacted" } });
          return;
        }
        this.trace(`${socket.name}: catchup after ${after} -> ${this.server.seq}`);
        const operations = this.server.changesSince(after);
        this.toClient(socket, { type: "operation", ...requestId, payload: { fromSeq: after + 1, toSeq: this.server.seq, operations } });
        return;
      }
      case "ping":
        this.toClient(socket, { type: "pong", ...requestId, payload: {} });
        return;
      case "unsubscribe":
        socket.subscribed = false;
        return;
      case "presence":
        return;
      default:
        throw new Error(`the client sent a frame the gateway does not know: ${frame.type}`);
    }
  }

  private commit(): void {
    const batch = this.batch;
    this.batch = [];
    this.counts.commits++;
    const all = batch.flatMap((b) => b.ops);
    const { answers, logged } = this.server.applyBatch(all, null);
    const owner = new Map<number, FuzzSocket>(); // seq -> the connection that sent it
    let k = 0;
    const acks: { socket: FuzzSocket; message: unknown }[] = [];
    for (const b of batch) {
      const results = answers.slice(k, k + b.ops.length);
      k += b.ops.length;
      for (const r of results) {
        if (r.status === "applied") owner.set(r.seq!, b.socket);
        if (r.status === "duplicate") this.counts.duplicateAnswers++;
      }
      this.trace(
        `commit from ${b.socket.name}: ${b.ops.map((o, i) => `${o.operationType} ${o.objectId} ${JSON.stringify(o.newValue ?? null)} key=${o.idempotencyKey} -> ${results[i]!.status}${results[i]!.seq ? "@" + results[i]!.seq : ""}`).join("; ")}`,
      );
      acks.push({ socket: b.socket, message: { type: "ack", ...(b.requestId === undefined ? {} : { requestId: b.requestId }), payload: { operationIds: b.ops.map((o) => o.id ?? null), results } } });
    }
    const range = logged.length ? { fromSeq: logged[0]!.seq, toSeq: logged[logged.length - 1]!.seq } : null;
    const broadcastTo = (socket: FuzzSocket) => {
      if (!range || !socket.subscribed) return;
      const operations = logged.filter((op) => owner.get(op.seq) !== socket);
      if (operations.length) this.toClient(socket, { type: "operation", payload: { ...range, operations } });
    };
    const ackTo = (socket: FuzzSocket) => {
      for (const a of acks) {
        if (a.socket !== socket || socket.dead) continue;
        if (this.prng.chance(this.faults.lostAck)) {
          this.counts.lostAcks++;
          this.trace(`${socket.name}: an ack lost`);
          continue;
        }
        this.toClient(socket, a.message, this.prng.chance(this.faults.lateAck));
      }
    };
    const everyone = new Set([...this.sockets, ...batch.map((b) => b.socket)]);
    for (const socket of everyone) {
      if (this.prng.chance(0.5)) {
        ackTo(socket);
        broadcastTo(socket);
      } else {
        broadcastTo(socket);
        ackTo(socket);
      }
    }
  }
}
