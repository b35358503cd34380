// The gateway's WebSocket side in memory, over a ServerModel: subscribe ->
// sync, operation -> ack to the sender and a broadcast to the others (or to
// everyone, as when several clients' ops share a commit), catchup, presence,
// and the failures a test needs (a gateway down, a dropped connection, a
// lost message). Nothing is delivered until the test calls deliver(), so a
// test decides every interleaving.
import type { Op } from "../../src/doc/op";
import type { SocketFactory, SocketLike } from "../../src/sync/socket";
import { ServerModel } from "./server-model";

type ClientFrame = { type: string; requestId?: string; payload: Record<string, unknown> };

export class FakeSocket implements SocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  /** Frames this client sent, parsed, in order. */
  readonly sent: ClientFrame[] = [];
  readonly queue: (() => void)[] = [];
  clientId = "";
  subscribed = false;

  constructor(
    private readonly gateway: FakeGateway,
    readonly url: string,
  ) {}

  send(data: string): void {
    if (this.readyState !== 1) throw new Error("send on a socket that is not open");
    const frame = JSON.parse(data) as ClientFrame;
    this.sent.push(frame);
    this.gateway.receive(this, frame);
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.gateway.forget(this);
    this.queue.push(() => this.onclose?.({ code, reason }));
  }

  /** Queues a frame from the gateway. */
  push(message: unknown): void {
    const data = JSON.stringify(message);
    this.queue.push(() => {
      if (this.readyState === 1) this.onmessage?.({ data });
    });
  }
}

export class FakeGateway {
  readonly server = new ServerModel();
  readonly sockets: FakeSocket[] = [];
  /** While down, connections fail. */
  down = false;
  /** How a failed connection shows: an error then a close (browsers), an error alone (Node's WebSocket), or nothing (a hung handshake). */
  failure: "close" | "error-only" | "hang" = "close";
  /** When true, a sender gets its own ops back in the broadcast too (a commit shared with others). */
  relayToSender = false;
  /** Ack frames to swallow (a lost message). */
  dropAcks = 0;
  access: "admin" | "edit" | "view" = "edit";
  private clients = 0;
  private colours = 0;

  readonly connect: SocketFactory = (url) => {
    const socket = new FakeSocket(this, url);
    this.sockets.push(socket);
    socket.queue.push(() => {
      if (socket.readyState === 3) return;
      if (this.down) {
        if (this.failure === "hang") return;
        socket.onerror?.({});
        if (this.failure === "error-only") return;
        socket.readyState = 3;
        socket.onclose?.({ code: 1006, reason: "connection refused" });
        return;
      }
      socket.readyState = 1;
      socket.onopen?.({});
      // /ws?subscribe={fileId}: the gateway subscribes as the first message would.
      const early = new URL(url).searchParams.get("subscribe");
      if (early) this.receive(socket, { type: "subscribe", requestId: "subscribe-early", payload: { fileId: early } });
    });
    return socket;
  };

  get open(): FakeSocket[] {
    return this.sockets.filter((s) => s.readyState === 1);
  }

  /** Runs every queued event on every socket, until none is left. */
  deliver(): void {
    for (let busy = true; busy; ) {
      busy = false;
      for (const socket of this.sockets) {
        const event = socket.queue.shift();
        if (event) {
          event();
          busy = true;
        }
      }
    }
  }

  /** The network drops the connection (the gateway restarts, say). */
  drop(socket: FakeSocket): void {
    socket.close(1006, "connection lost");
  }

  forget(socket: FakeSocket): void {
    if (!socket.subscribed) return;
    socket.subscribed = false;
    this.broadcast({ type: "presence", payload: { presence: [], removed: [socket.clientId] } }, socket);
  }

  /** Ops written straight into the database (a psql user): applied and broadcast to every subscriber. */
  applyFromSql(ops: Op[]): void {
    const before = this.server.seq;
    this.server.apply(ops, "sql-user");
    this.broadcastSince(before, null);
  }

  receive(socket: FakeSocket, frame: ClientFrame): void {
    const requestId = frame.requestId === undefined ? {} : { requestId: frame.requestId };
    switch (frame.type) {
      case "subscribe": {
        socket.clientId = `client-${++this.clients}`;
        socket.subscribed = true;
        const others = this.open.filter((s) => s !== socket && s.subscribed);
        socket.push({
          type: "sync",
          ...requestId,
          payload: {
            file: { fileId: frame.payload.fileId, seq: this.server.seq, objects: this.server.document() },
            seq: this.server.seq,
            clock: this.server.log.reduce((max, op) => Math.max(max, op.timestamp), 0),
            access: this.access,
            clientId: socket.clientId,
            yourColor: ["#e5484d", "#3e63dd", "#30a46c"][this.colours++ % 3],
            presence: others.map((s) => this.presenceEntry(s, { cursor: null, selection: [], viewport: null })),
          },
        });
        return;
      }
      case "operation": {
        if (this.access === "view") {
          socket.push({ type: "error", ...requestId, payload: { code: "forbidden", message: "you may view this file but not edit it" } });
          return;
        }
        const ops = frame.payload.operations as Op[];
        const before = this.server.seq;
        const results = this.server.apply(ops);
        if (this.dropAcks > 0) this.dropAcks--;
        else socket.push({ type: "ack", ...requestId, payload: { operationIds: ops.map((o) => o.id), results } });
        this.broadcastSince(before, this.relayToSender ? null : socket);
        return;
      }
      case "catchup": {
        const after = frame.payload.afterSeq as number;
        socket.push({
          type: "operation",
          ...requestId,
          payload: { fromSeq: after + 1, toSeq: this.server.seq, operations: this.server.changesSince(after) },
        });
        return;
      }
      case "presence":
        this.broadcast({ type: "presence", payload: { presence: [this.presenceEntry(socket, frame.payload)], removed: [] } }, socket);
        return;
      case "ping":
        socket.push({ type: "pong", ...requestId, payload: {} });
        return;
      case "unsubscribe":
        this.forget(socket);
        return;
    }
  }

  private presenceEntry(socket: FakeSocket, presence: Record<string, unknown>) {
    return { clientId: socket.clientId, userId: "00000000-0000-0000-0000-000000000001", userName: "Ada", color: "#e5484d", ...presence };
  }

  private broadcastSince(before: number, except: FakeSocket | null): void {
    if (this.server.seq === before) return;
    this.broadcast(
      { type: "operation", payload: { fromSeq: before + 1, toSeq: this.server.seq, operations: this.server.changesSince(before) } },
      except,
    );
  }

  private broadcast(message: unknown, except: FakeSocket | null): void {
    for (const s of this.open) if (s !== except && s.subscribed) s.push(message);
  }
}
