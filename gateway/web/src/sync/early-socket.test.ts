import { describe, expect, it } from "vitest";
import { Document } from "../doc/document";
import { FakeGateway } from "../../tests/support/fake-gateway";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { EarlySocket, openEarly, subscribingUrl, takeEarlySocket } from "./early-socket";
import { MemoryOutboxStore } from "./outbox-store";
import { SyncClient } from "./sync-client";

const FILE = "33333333-3333-3333-3333-333333333333";
const URL = "ws://test/ws";

useFakeTimers();

function gatewayWithRectangle() {
  const gateway = new FakeGateway();
  gateway.server.apply([{ id: "s", idempotencyKey: "s", operationType: "create", objectId: "r", newValue: { type: "rectangle", x: 4 }, timestamp: 1, clientId: "seed" }]);
  return gateway;
}
const early = (gateway: FakeGateway) => new EarlySocket(URL, FILE, gateway.connect(subscribingUrl(URL, FILE)) as unknown as WebSocket);
const microtasks = () => new Promise<void>((resolve) => queueMicrotask(resolve));

describe("EarlySocket", () => {
  it("subscribes by its URL and holds what comes until it is released", async () => {
    const gateway = gatewayWithRectangle();
    const socket = early(gateway);
    const seen: string[] = [];
    socket.onopen = () => seen.push("open");
    socket.onmessage = (e) => seen.push(JSON.parse(String(e.data)).type);
    expect(gateway.sockets[0]!.url).toBe(`${URL}?subscribe=${FILE}`);
    gateway.deliver(); // open and sync
    expect(gateway.sockets[0]!.sent).toEqual([]); // nothing to send: the URL asked
    expect(seen).toEqual([]);
    socket.release();
    await microtasks();
    expect(seen).toEqual(["open", "sync"]);
    gateway.applyFromSql([{ id: "u", idempotencyKey: "u", operationType: "update", objectId: "r", newValue: { x: 5 }, timestamp: 2, clientId: "sql" }]);
    gateway.deliver();
    expect(seen).toEqual(["open", "sync", "operation"]); // after the release, as they come
  });

  it("is adopted by the file's SyncClient, which shows the sync it already asked for and does not subscribe again", async () => {
    const gateway = gatewayWithRectangle();
    const socket = early(gateway);
    gateway.deliver(); // the sync arrives before the app has loaded
    const doc = new Document();
    const client = new SyncClient({ url: URL, fileId: FILE, doc, store: new MemoryOutboxStore(), connect: () => socket, random: () => 0.5 });
    await client.start();
    await microtasks();
    expect(doc.objects()).toEqual([{ id: "r", type: "rectangle", x: 4 }]);
    expect(client.state).toEqual({ status: "connected", unsent: 0 });
    expect(gateway.sockets[0]!.sent.filter((f) => f.type === "subscribe")).toHaveLength(0);
    expect(gateway.sockets).toHaveLength(1);
  });

  it("is handed over once, only for its file and URL, and only while connecting or open", () => {
    const gateway = new FakeGateway();
    const open = (url: string) => gateway.connect(url) as unknown as WebSocket;
    openEarly(URL, FILE, open);
    expect(takeEarlySocket(URL, FILE)).toBeInstanceOf(EarlySocket);
    expect(takeEarlySocket(URL, FILE)).toBeNull();

    openEarly(URL, FILE, open);
    expect(takeEarlySocket(URL, "44444444-4444-4444-4444-444444444444")).toBeNull(); // another file: closed, not handed over
    expect(gateway.sockets[1]!.readyState).toBe(3);
    expect(takeEarlySocket(URL, FILE)).toBeNull();

    gateway.down = true; // signed out, say: the upgrade is refused
    openEarly(URL, FILE, open);
    gateway.deliver();
    expect(takeEarlySocket(URL, FILE)).toBeNull();
  });
});
