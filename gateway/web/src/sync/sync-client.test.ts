import { describe, expect, it, vi } from "vitest";
import { Document } from "../doc/document";
import { makeChange, type LocalChange } from "../doc/local-change";
import type { Op } from "../doc/op";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { FakeGateway, type FakeSocket } from "../../tests/support/fake-gateway";
import { MemoryOutboxStore } from "./outbox-store";
import { ACK_TIMEOUT_MS, CONNECT_TIMEOUT_MS, GAP_GRACE_MS, PRESENCE_INTERVAL_MS, RETRY_SEND_MS, SEND_INTERVAL_MS, SyncClient, type Signal, type SyncEvent } from "./sync-client";

const FILE = "22222222-2222-2222-2222-222222222222";

function signal(initial: boolean): Signal & { set(v: boolean): void } {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    subscribe: (fn) => (listeners.add(fn), () => listeners.delete(fn)),
    set(v) {
      value = v;
      for (const fn of listeners) fn();
    },
  };
}

async function open(gateway = new FakeGateway(), store = new MemoryOutboxStore(), online = signal(true)) {
  const doc = new Document();
  const client = new SyncClient({ url: "ws://test/ws", fileId: FILE, doc, store, connect: gateway.connect, random: () => 0.5, online });
  const events: SyncEvent[] = [];
  client.subscribe((e) => events.push(e));
  await client.start();
  gateway.deliver();
  const edit = (fn: (c: LocalChange) => void) => {
    const change = makeChange(doc, client.clientId ?? "offline", fn);
    client.send(change.ops);
    vi.advanceTimersByTime(SEND_INTERVAL_MS); // past the send throttle
    return change.ops;
  };
  return { gateway, doc, client, events, store, online, edit };
}

const frames = (socket: FakeSocket, type: string) => socket.sent.filter((f) => f.type === type);
const keysOf = (ops: Op[]) => ops.map((o) => o.idempotencyKey);

useFakeTimers();

describe("SyncClient", () => {
  it("subscribes on open and shows the sync document", async () => {
    const gateway = new FakeGateway();
    gateway.server.apply([{ id: "s", idempotencyKey: "s", operationType: "create", objectId: "r", newValue: { type: "rectangle", x: 4 }, timestamp: 1, clientId: "seed" }]);
    const { client, doc, events } = await open(gateway);
    expect(gateway.sockets[0]!.sent[0]).toMatchObject({ type: "subscribe", payload: { fileId: FILE } });
    expect(doc.objects()).toEqual([{ id: "r", type: "rectangle", x: 4 }]);
    expect(client.state).toEqual({ status: "connected", unsent: 0 });
    expect(client.seq).toBe(1);
    expect(events).toContainEqual({ type: "synced", access: "edit", clientId: "client-1", color: "#e5484d" });
  });

  it("passes on the gateway's news of a comment, for the comments store", async () => {
    const { gateway, events } = await open();
    const comment = { fileId: FILE, commentId: "c-1", action: "created" as const };
    gateway.sockets[0]!.push({ type: "comment", payload: comment });
    gateway.deliver();
    expect(events).toContainEqual({ type: "comment", comment });
  });

  it("sends local ops, and forgets them once acknowledged", async () => {
    const { gateway, client, store, edit } = await open();
    const ops = edit((c) => c.create("r", { type: "rectangle", x: 1 }));
    expect(client.state.unsent).toBe(1);
    expect((await store.load(FILE)).map((o) => o.idempotencyKey)).toEqual(keysOf(ops));
    expect(frames(gateway.sockets[0]!, "operation")[0]!.payload.operations).toEqual(ops);
    gateway.deliver();
    await vi.runOnlyPendingTimersAsync();
    expect(client.state).toEqual({ status: "connected", unsent: 0 });
    expect(await store.load(FILE)).toEqual([]);
    expect(client.seq).toBe(1);
  });

  it("applies other clients' ops and skips its own when they come back in a shared broadcast", async () => {
    const gateway = new FakeGateway();
    gateway.relayToSender = true;
    const a = await open(gateway);
    const b = await open(gateway);
    a.edit((c) => c.create("r", { type: "rectangle", x: 1 }));
    gateway.deliver();
    b.edit((c) => c.update("r", { x: 2 }));
    a.edit((c) => c.update("r", { fill: "#f00" }));
    gateway.deliver();
    expect(a.doc.objects()).toEqual(gateway.server.document());
    expect(b.doc.objects()).toEqual(gateway.server.document());
    expect(a.doc.objects()).toEqual([{ id: "r", type: "rectangle", x: 2, fill: "#f00" }]);
  });

  it("counts its own acknowledged seqs, so others' next op is no hole", async () => {
    const gateway = new FakeGateway();
    const a = await open(gateway);
    const b = await open(gateway);
    a.edit((c) => c.create("r", { type: "rectangle" })); // seq 1, not relayed to a
    gateway.deliver();
    b.edit((c) => c.update("r", { x: 5 })); // seq 2
    gateway.deliver();
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS * 2);
    expect(a.client.seq).toBe(2);
    expect(frames(gateway.sockets[0]!, "catchup")).toEqual([]);
    expect(a.doc.value("r", "x")).toBe(5);
  });

  it("asks for exactly the missing ops when a broadcast was lost", async () => {
    const gateway = new FakeGateway();
    const a = await open(gateway);
    const b = await open(gateway);
    b.edit((c) => c.create("r", { type: "rectangle" }));
    gateway.sockets[0]!.queue.length = 0; // a never hears of seq 1
    b.edit((c) => c.update("r", { x: 5 }));
    gateway.deliver();
    expect(a.doc.objects()).toEqual([]); // seq 2 is held: it cannot apply without 1
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS);
    expect(frames(gateway.sockets[0]!, "catchup")).toMatchObject([{ payload: { afterSeq: 0 } }]);
    gateway.deliver();
    expect(a.doc.objects()).toEqual([{ id: "r", type: "rectangle", x: 5 }]);
    expect(a.client.seq).toBe(2);
    // A second loss later is caught up too.
    b.edit((c) => c.update("r", { x: 6 }));
    gateway.sockets[0]!.queue.length = 0;
    b.edit((c) => c.update("r", { x: 7 }));
    gateway.deliver();
    await vi.advanceTimersByTimeAsync(GAP_GRACE_MS);
    gateway.deliver();
    expect(frames(gateway.sockets[0]!, "catchup")).toMatchObject([{ payload: { afterSeq: 0 } }, { payload: { afterSeq: 2 } }]);
    expect(a.doc.value("r", "x")).toBe(7);
  });

  it("reconnects after 1 s or so, resubscribes and replays unacknowledged ops with their keys", async () => {
    const { gateway, client, doc, edit } = await open();
    const ops = edit((c) => c.create("r", { type: "rectangle", x: 1 }));
    gateway.drop(gateway.sockets[0]!); // the ack is lost with the connection (the op was applied)
    gateway.deliver();
    expect(client.state).toMatchObject({ status: "reconnecting", attempt: 1, unsent: 1 });
    const retryIn = (client.state as { retryAt: number }).retryAt - Date.now();
    expect(retryIn).toBeGreaterThanOrEqual(750);
    expect(retryIn).toBeLessThanOrEqual(1000);
    edit((c) => c.update("r", { x: 2 })); // editing goes on meanwhile
    await vi.advanceTimersByTimeAsync(retryIn);
    gateway.deliver();
    const resent = frames(gateway.sockets[1]!, "operation").flatMap((f) => f.payload.operations as Op[]);
    expect(keysOf(resent).slice(0, 1)).toEqual(keysOf(ops));
    gateway.deliver();
    expect(client.state).toEqual({ status: "connected", unsent: 0 });
    expect(gateway.server.log.map((o) => o.idempotencyKey)).toHaveLength(2); // each op once
    expect(doc.objects()).toEqual(gateway.server.document());
  });

  it("backs off from 1 s to at most 5 s while the gateway is down", async () => {
    const { gateway, client } = await open();
    gateway.down = true;
    gateway.drop(gateway.sockets[0]!);
    gateway.deliver();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const state = client.state as { status: string; retryAt: number; attempt: number };
      expect(state.status).toBe("reconnecting");
      expect(state.attempt).toBe(i + 1);
      delays.push(state.retryAt - Date.now());
      await vi.advanceTimersByTimeAsync(state.retryAt - Date.now());
      gateway.deliver();
    }
    expect(delays).toEqual([875, 1750, 3500, 4375, 4375, 4375]); // random 0.5: 7/8 of 1, 2, 4, 5, 5, 5 s
    gateway.down = false;
    await vi.advanceTimersByTimeAsync(5000);
    gateway.deliver();
    expect(client.state.status).toBe("connected");
  });

  it.each(["error-only", "hang"] as const)("retries a connection that fails with %s, as Node's WebSocket and stuck proxies do", async (failure) => {
    const { gateway, client } = await open();
    gateway.down = true;
    gateway.failure = failure;
    gateway.drop(gateway.sockets[0]!);
    gateway.deliver();
    await vi.advanceTimersByTimeAsync(1000); // the first retry
    gateway.deliver();
    if (failure === "hang") {
      expect(client.state.status).toBe("connecting");
      await vi.advanceTimersByTimeAsync(CONNECT_TIMEOUT_MS);
    }
    expect(client.state).toMatchObject({ status: "reconnecting", attempt: 2 });
    gateway.down = false;
    await vi.advanceTimersByTimeAsync(5000);
    gateway.deliver();
    expect(client.state.status).toBe("connected");
  });

  it("says it is offline with the count of unsent changes, and comes back when the network does", async () => {
    const { gateway, client, online, edit } = await open();
    online.set(false);
    gateway.drop(gateway.sockets[0]!);
    gateway.deliver();
    expect(client.state).toEqual({ status: "offline", unsent: 0 });
    edit((c) => c.create("a", { type: "ellipse" }));
    edit((c) => c.create("b", { type: "ellipse" }));
    expect(client.state).toEqual({ status: "offline", unsent: 2 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(gateway.sockets).toHaveLength(1); // no retries while offline
    online.set(true);
    gateway.deliver();
    gateway.deliver();
    expect(client.state).toEqual({ status: "connected", unsent: 0 });
    expect(gateway.server.document().map((o) => o.id)).toEqual(["a", "b"]);
  });

  it("closes a socket the browser keeps open when it goes offline, and holds the edits made meanwhile", async () => {
    const gateway = new FakeGateway();
    const watcher = await open(gateway);
    const { client, online, edit, events } = await open(gateway);
    const socket = gateway.sockets[1]!;
    online.set(false); // the offline event: the socket itself never says it is gone
    expect(socket.readyState).toBe(3);
    expect(client.state).toEqual({ status: "offline", unsent: 0 });
    expect(events.filter((e) => e.type === "presence").at(-1)).toMatchObject({ peers: new Map() }); // others are not shown as here
    edit((c) => c.create("a", { type: "ellipse" }));
    edit((c) => c.update("a", { x: 5 }));
    gateway.deliver();
    expect(client.state).toEqual({ status: "offline", unsent: 2 });
    expect(frames(socket, "operation")).toEqual([]);
    expect(watcher.doc.objects()).toEqual([]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(gateway.sockets).toHaveLength(2); // no retries while offline
  });

  it("reconnects at once when the browser comes back online, not after the backoff", async () => {
    const gateway = new FakeGateway();
    const watcher = await open(gateway);
    const { client, online, edit } = await open(gateway);
    gateway.down = true;
    gateway.drop(gateway.sockets[1]!);
    gateway.deliver();
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync((client.state as { retryAt: number }).retryAt - Date.now());
      gateway.deliver();
    }
    expect(client.state).toMatchObject({ status: "reconnecting", attempt: 4 }); // the next try 4.4 s away
    online.set(false);
    edit((c) => c.create("b", { type: "rectangle" }));
    expect(client.state).toEqual({ status: "offline", unsent: 1 });
    gateway.down = false;
    const sockets = gateway.sockets.length;
    online.set(true);
    expect(gateway.sockets).toHaveLength(sockets + 1); // at once: no timer had to fire
    gateway.deliver();
    gateway.deliver();
    expect(client.state).toEqual({ status: "connected", unsent: 0 });
    expect(watcher.doc.objects().map((o) => o.id)).toEqual(["b"]);
    expect(gateway.server.log.filter((o) => o.objectId === "b")).toHaveLength(1);
  });

  it("replays the outbox kept from a closed tab when the file is opened again", async () => {
    const gateway = new FakeGateway();
    const store = new MemoryOutboxStore();
    const online = signal(false);
    const first = await open(gateway, store, online);
    expect(first.client.state.status).toBe("offline");
    const made = first.edit((c) => c.create("r", { type: "rectangle", x: 7 }));
    first.client.stop();
    online.set(true);
    expect(gateway.server.log).toEqual([]);
    const second = await open(gateway, store, online); // shows the kept op, connects, sends it
    gateway.deliver();
    expect(gateway.server.log.map((o) => o.idempotencyKey)).toEqual(keysOf(made));
    expect(second.doc.objects()).toEqual([{ id: "r", type: "rectangle", x: 7 }]);
    expect(await store.load(FILE)).toEqual([]);
  });

  it("merges a drag's unsent moves into the last one, and keeps what was sent", async () => {
    const { gateway, client, doc, store } = await open();
    const socket = gateway.sockets[0]!;
    let change = makeChange(doc, client.clientId!, (c) => c.create("r", { type: "rectangle", x: 0, y: 0 }));
    client.send(change.ops); // sent at once
    for (let x = 1; x <= 20; x++) {
      change = makeChange(doc, client.clientId!, (c) => c.update("r", { x, y: x }));
      client.send(change.ops); // within the throttle: waits
    }
    expect(doc.value("r", "x")).toBe(20);
    vi.advanceTimersByTime(SEND_INTERVAL_MS);
    const sent = frames(socket, "operation").flatMap((f) => f.payload.operations as Op[]);
    expect(sent.map((o) => o.operationType)).toEqual(["create", "update"]);
    expect(sent[1]!.newValue).toEqual({ x: 20, y: 20 });
    gateway.deliver();
    await vi.runOnlyPendingTimersAsync();
    expect(gateway.server.document()).toEqual([{ id: "r", type: "rectangle", x: 20, y: 20 }]);
    expect(client.state.unsent).toBe(0);
    expect(await store.load(FILE)).toEqual([]);
  });

  it("paces a huge paste in messages the gateway accepts", async () => {
    const { gateway, client, doc } = await open();
    const socket = gateway.sockets[0]!;
    const change = makeChange(doc, client.clientId!, (c) => {
      for (let i = 0; i < 7500; i++) c.create(`o${i}`, { type: "rectangle", x: i });
    });
    client.send(change.ops);
    const sizes = () => frames(socket, "operation").map((f) => (f.payload.operations as Op[]).length);
    expect(sizes()).toEqual([]); // sent at the end of the task, with whatever else it changes
    vi.advanceTimersByTime(0);
    expect(sizes()).toEqual([1000, 1000, 1000, 1000, 1000]);
    vi.advanceTimersByTime(SEND_INTERVAL_MS);
    expect(sizes()).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 1000, 500]);
    gateway.deliver();
    expect(gateway.server.log).toHaveLength(7500);
    expect(client.state.unsent).toBe(0);
  });

  it("sends the changes of one task in one message, so one commit shows the whole edit", async () => {
    const { gateway, client, doc } = await open();
    const socket = gateway.sockets[0]!;
    const move = makeChange(doc, client.clientId!, (c) => c.create("m", { type: "rectangle", x: 1 }));
    client.send(move.ops);
    const place = makeChange(doc, client.clientId!, (c) => c.update("m", { x: 2 }));
    client.send(place.ops);
    vi.advanceTimersByTime(0);
    expect(frames(socket, "operation").map((f) => (f.payload.operations as Op[]).length)).toEqual([2]);
  });

  it("connects even when the outbox cannot be read, and says so", async () => {
    const store = new MemoryOutboxStore();
    store.load = () => Promise.reject(new Error("IndexedDB is blocked"));
    const { client, events } = await open(new FakeGateway(), store);
    expect(client.state.status).toBe("connected");
    expect(events).toContainEqual({ type: "error", code: "outbox", message: expect.stringContaining("IndexedDB is blocked") });
  });

  it("sends an op again with the same key when its ack never comes", async () => {
    const { gateway, client, edit } = await open();
    gateway.dropAcks = 1;
    const [op] = edit((c) => c.create("r", { type: "rectangle" }));
    gateway.deliver();
    expect(client.state.unsent).toBe(1);
    await vi.advanceTimersByTimeAsync(ACK_TIMEOUT_MS);
    gateway.deliver();
    const sent = frames(gateway.sockets[0]!, "operation").map((f) => (f.payload.operations as Op[])[0]!.idempotencyKey);
    expect(sent).toEqual([op!.idempotencyKey, op!.idempotencyKey]);
    expect(client.state.unsent).toBe(0);
    expect(gateway.server.log).toHaveLength(1);
  });

  it("retries a batch the gateway could not take, after a pause", async () => {
    const { gateway, client, edit } = await open();
    const socket = gateway.sockets[0]!;
    const realReceive = gateway.receive.bind(gateway);
    gateway.receive = (s, frame) =>
      frame.type === "operation"
        ? s.push({ type: "error", requestId: frame.requestId, payload: { code: "unavailable", message: "database restarting" } })
        : realReceive(s, frame);
    edit((c) => c.create("r", { type: "rectangle" }));
    gateway.deliver();
    gateway.receive = realReceive;
    await vi.advanceTimersByTimeAsync(RETRY_SEND_MS);
    gateway.deliver();
    expect(frames(socket, "operation")).toHaveLength(2);
    expect(client.state.unsent).toBe(0);
  });

  it("throttles presence to one message per 50 ms, the latest winning, selections capped", async () => {
    const { gateway, client } = await open();
    const socket = gateway.sockets[0]!;
    const before = frames(socket, "presence").length;
    for (let i = 0; i < 10; i++) client.setPresence({ cursor: { x: i, y: i } });
    client.setPresence({ selection: Array.from({ length: 1500 }, (_, i) => `o${i}`) });
    await vi.advanceTimersByTimeAsync(PRESENCE_INTERVAL_MS);
    const sent = frames(socket, "presence").slice(before);
    expect(sent.length).toBeLessThanOrEqual(2);
    const last = sent[sent.length - 1]!.payload as { cursor: { x: number }; selection: string[] };
    expect(last.cursor.x).toBe(9);
    expect(last.selection).toHaveLength(1000);
  });

  it("shows other people's presence, and forgets those who leave", async () => {
    const gateway = new FakeGateway();
    const a = await open(gateway);
    const b = await open(gateway);
    b.client.setPresence({ cursor: { x: 1, y: 2 }, selection: ["r"] });
    await vi.advanceTimersByTimeAsync(PRESENCE_INTERVAL_MS);
    gateway.deliver();
    const last = () => [...a.events].reverse().find((e) => e.type === "presence") as { peers: ReadonlyMap<string, { cursor: unknown }> };
    expect([...last().peers.values()].map((p) => p.cursor)).toEqual([{ x: 1, y: 2 }]);
    b.client.stop();
    gateway.deliver();
    expect(last().peers.size).toBe(0);
  });

  it("gives up pending ops when access becomes view, and says so", async () => {
    const { gateway, client, doc, events, edit } = await open();
    gateway.access = "view";
    gateway.dropAcks = 0;
    const realReceive = gateway.receive.bind(gateway);
    gateway.receive = (s, f) => (f.type === "operation" ? undefined : realReceive(s, f));
    edit((c) => c.create("r", { type: "rectangle" }));
    gateway.sockets[0]!.push({ type: "access", payload: { fileId: FILE, access: "view" } });
    gateway.deliver();
    expect(client.access).toBe("view");
    expect(doc.objects()).toEqual([]);
    expect(events.filter((e) => e.type === "rejected")).toHaveLength(1);
    expect(client.state.unsent).toBe(0);
  });

  it("stops for good when unsubscribed", async () => {
    const { gateway, client } = await open();
    gateway.sockets[0]!.push({ type: "unsubscribed", payload: { fileId: FILE, reason: "your access to this file was revoked" } });
    gateway.deliver();
    expect(client.state).toEqual({ status: "closed", reason: "your access to this file was revoked", unsent: 0 });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(gateway.sockets).toHaveLength(1);
  });

  it("reloads the document on resync", async () => {
    const { gateway, doc } = await open();
    gateway.server.apply([{ id: "s", idempotencyKey: "s", operationType: "create", objectId: "late", newValue: { type: "text" }, timestamp: 5, clientId: "sql" }]);
    gateway.sockets[0]!.push({ type: "resync", payload: { reason: "history was compacted" } });
    gateway.deliver();
    expect(frames(gateway.sockets[0]!, "subscribe")).toHaveLength(2);
    expect(doc.objects().map((o) => o.id)).toEqual(["late"]);
  });

  it("reloads the document when an op moves out an object that was hidden when it loaded", async () => {
    // R sits in a deleted frame: the sync document does not list it, so a
    // move to the page would show R without its values unless the file is loaded again.
    const gateway = new FakeGateway();
    const at = (t: number, key: string) => ({ id: key, idempotencyKey: key, timestamp: t, clientId: "sql" });
    gateway.server.apply([
      { ...at(1, "a"), operationType: "create", objectId: "F", newValue: { type: "frame" } },
      { ...at(2, "b"), operationType: "create", objectId: "R", newValue: { type: "rectangle", parentId: "F", index: "a0", x: 7 } },
      { ...at(3, "c"), operationType: "delete", objectId: "F" },
    ]);
    const { doc } = await open(gateway);
    expect(doc.objects()).toEqual([]);
    gateway.applyFromSql([{ ...at(4, "d"), operationType: "move", objectId: "R", newValue: { parentId: null, index: "a1" } }]);
    gateway.deliver();
    expect(frames(gateway.sockets[0]!, "subscribe")).toHaveLength(2);
    expect(doc.objects()).toEqual([{ id: "R", x: 7, type: "rectangle", index: "a1" }]);
    expect(doc.objects()).toEqual(gateway.server.document());
  });

  it("loads the file again when an op it gave up as rejected comes back applied (a resend that went through)", async () => {
    const { gateway, doc, edit } = await open();
    const [op] = edit((c) => c.create("r", { type: "rectangle", x: 1 }));
    const socket = gateway.sockets[0]!;
    // A rejection for it arrives first (an earlier send, whose dependency had failed), then the applied ack.
    socket.push({ type: "ack", payload: { operationIds: [op!.id], results: [{ id: op!.id, status: "rejected", seq: null, reason: "no such object" }] } });
    socket.queue.unshift(socket.queue.pop()!);
    gateway.deliver();
    expect(frames(socket, "subscribe")).toHaveLength(2);
    expect(doc.objects()).toEqual([{ id: "r", type: "rectangle", x: 1 }]);
  });

  it("reports a message it cannot read and goes on", async () => {
    const { gateway, client, events, doc } = await open();
    gateway.sockets[0]!.push({ type: "operation", payload: { fromSeq: 1, toSeq: 1, operations: [{ seq: "one" }] } });
    gateway.sockets[0]!.push({ type: "operation", payload: { fromSeq: 1, toSeq: 1, operations: [{ seq: 1, operationType: "create", objectId: "r", newValue: { type: "ellipse" }, timestamp: 3, clientId: "x" }] } });
    gateway.deliver();
    expect(events.find((e) => e.type === "error")).toMatchObject({ code: "bad_message", message: expect.stringContaining("operations.0.seq") });
    expect(client.state.status).toBe("connected");
    expect(doc.objects().map((o) => o.id)).toEqual(["r"]);
  });

  it("reverts a rejected op and says why", async () => {
    const { gateway, doc, events, edit } = await open();
    edit((c) => c.create("f", { type: "frame" }));
    gateway.deliver();
    // Someone deletes the frame; our move into it crosses that on the wire.
    gateway.applyFromSql([{ id: "d", idempotencyKey: "d", operationType: "delete", objectId: "f", timestamp: Date.now() + 10_000, clientId: "sql" }]);
    edit((c) => c.create("r", { type: "rectangle", parentId: "f" }));
    gateway.deliver();
    expect(events.find((e) => e.type === "rejected")).toMatchObject({ reason: 'parent "f" is deleted' });
    expect(doc.objects()).toEqual([]);
  });
});
