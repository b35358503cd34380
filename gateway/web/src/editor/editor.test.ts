import { describe, expect, it, vi } from "vitest";
import { LocalEditError } from "../doc/document";
import { MemoryOutboxStore } from "../sync/outbox-store";
import { SEND_INTERVAL_MS, type Signal } from "../sync/sync-client";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { FakeGateway } from "../../tests/support/fake-gateway";
import { Editor, ReadOnlyError, type EditorEvent } from "./editor";

const FILE = "22222222-2222-2222-2222-222222222222";
const always: Signal = { get: () => true, subscribe: () => () => {} };

async function join(gateway: FakeGateway, now?: () => number) {
  const editor = new Editor({ fileId: FILE, url: "ws://test/ws", connect: gateway.connect, store: new MemoryOutboxStore(), online: always, visible: always, random: () => 0.5, now });
  const events: EditorEvent[] = [];
  editor.subscribe((e) => events.push(e));
  await editor.start();
  gateway.deliver();
  return { editor, events };
}

/** Lets every send go and every answer arrive. */
function settle(gateway: FakeGateway): void {
  for (let i = 0; i < 5; i++) {
    vi.advanceTimersByTime(SEND_INTERVAL_MS);
    gateway.deliver();
  }
}

useFakeTimers();

describe("Editor", () => {
  it("creates objects on top of their parent, in order, and the others see them", async () => {
    const gateway = new FakeGateway();
    const { editor: alice } = await join(gateway);
    const { editor: bob } = await join(gateway);
    const [frame] = alice.createObjects([{ type: "frame", x: 0, y: 0, width: 400, height: 300, fill: "#ffffff" }]);
    const ids = alice.createObjects([
      { type: "rectangle", parentId: frame, x: 10, y: 10, width: 50, height: 50, fill: "#ff3366" },
      { type: "ellipse", parentId: frame, x: 80, y: 10, width: 40, height: 40 },
      { id: "note", type: "text", text: "Hello", x: 0, y: 320 },
    ]);
    expect(ids[2]).toBe("note");
    expect(alice.children(frame!)).toEqual(ids.slice(0, 2));
    expect(alice.children(null)).toEqual([frame, "note"]);
    expect(alice.pending()).toBe(4);
    settle(gateway);
    expect(alice.pending()).toBe(0);
    expect(bob.objects()).toEqual(alice.objects());
    expect(gateway.server.document()).toEqual(alice.objects());
    expect(alice.objects().find((o) => o.id === ids[0])).toMatchObject({ type: "rectangle", fill: "#ff3366", parentId: frame });
  });

  it("shows another user's move and recolour", async () => {
    const gateway = new FakeGateway();
    const { editor: alice } = await join(gateway);
    const { editor: bob } = await join(gateway);
    const [r] = alice.createObjects([{ type: "rectangle", x: 0, y: 0, fill: "#000" }]);
    settle(gateway);
    bob.update(r!, { x: 100, fill: "#3366ff" });
    settle(gateway);
    expect(alice.value(r!, "x")).toBe(100);
    expect(alice.value(r!, "fill")).toBe("#3366ff");
  });

  it("undoes only its own changes across two users, and n undos then n redos restore the file", async () => {
    const gateway = new FakeGateway();
    const { editor: alice } = await join(gateway);
    const { editor: bob } = await join(gateway);
    const [r] = alice.createObjects([{ type: "rectangle", x: 0, fill: "#000" }]);
    settle(gateway);
    bob.update(r!, { fill: "#f00" });
    settle(gateway);
    alice.update(r!, { x: 50 });
    settle(gateway);
    const before = alice.objects();
    expect(alice.undo()).toBe(true); // x back to 0, bob's fill kept
    expect(alice.value(r!, "x")).toBe(0);
    expect(alice.value(r!, "fill")).toBe("#f00");
    expect(alice.undo()).toBe(true); // the create
    expect(alice.objects()).toEqual([]);
    expect(alice.undo()).toBe(false);
    settle(gateway);
    expect(bob.objects()).toEqual([]);
    expect(alice.redo()).toBe(true);
    expect(alice.redo()).toBe(true);
    expect(alice.objects()).toEqual(before);
    settle(gateway);
    expect(bob.objects()).toEqual(before);
    expect(gateway.server.document()).toEqual(before);
  });

  it("reorders and reparents with fractional indexes, refusing a cycle whole", async () => {
    const gateway = new FakeGateway();
    const { editor } = await join(gateway);
    const [g, a, b, c] = editor.createObjects([{ type: "group" }, { type: "rectangle" }, { type: "rectangle" }, { type: "rectangle" }]);
    editor.moveTo([c!, a!], g!);
    expect(editor.children(g!)).toEqual([c, a]);
    editor.moveTo([b!], g!, a!);
    expect(editor.children(g!)).toEqual([c, b, a]);
    expect(editor.children(null)).toEqual([g]);
    const [h] = editor.createObjects([{ type: "group", parentId: g! }]);
    expect(() => editor.moveTo([g!, c!], h!)).toThrow(LocalEditError);
    expect(editor.children(g!)).toEqual([c, b, a, h]); // nothing of the refused move happened
    editor.sendToBack([h!]);
    expect(editor.children(g!)).toEqual([h, c, b, a]);
    editor.bringToFront([c!, h!]);
    expect(editor.children(g!)).toEqual([b, a, h, c]);
    settle(gateway);
    expect(gateway.server.document()).toEqual(editor.objects());
  });

  it("makes a gesture one undo step", async () => {
    const gateway = new FakeGateway();
    const { editor } = await join(gateway);
    const [r] = editor.createObjects([{ type: "rectangle", x: 0, y: 0 }]);
    editor.transact(() => {
      for (let i = 1; i <= 30; i++) editor.update(r!, { x: i, y: i * 2 });
    });
    editor.undo();
    expect(editor.value(r!, "x")).toBe(0);
    expect(editor.canUndo).toBe(true); // the create is next
    settle(gateway);
    expect(gateway.server.log.filter((op) => op.operationType === "update").length).toBeLessThan(10); // a drag is not 30 ops
    expect(gateway.server.document()).toEqual(editor.objects());
  });

  it("keeps a gesture begun and ended in separate events one undo step, and ignores an unmatched end", async () => {
    const gateway = new FakeGateway();
    const { editor, events } = await join(gateway);
    const [r] = editor.createObjects([{ type: "rectangle", fill: "#000000" }]);
    editor.beginGesture(); // a field focused
    for (const fill of ["#1", "#12", "#123", "#1234"]) {
      try {
        editor.update(r!, { fill }); // typed one key at a time; "#1" and "#12" are refused
      } catch {
        // as the panel does: left until valid
      }
    }
    editor.update(r!, { fill: "#123456" });
    editor.endGesture(); // the field left
    editor.endGesture(); // nothing open: nothing happens
    expect(events.filter((e) => e.type === "history").at(-1)).toEqual({ type: "history", canUndo: true, canRedo: false });
    editor.undo();
    expect(editor.value(r!, "fill")).toBe("#000000");
    editor.undo();
    expect(editor.objects()).toEqual([]);
    settle(gateway);
    expect(gateway.server.document()).toEqual(editor.objects());
  });

  it("stamps an edit made after opening a file newer than what it shows, however far behind this machine's clock is", async () => {
    const gateway = new FakeGateway();
    const { editor: alice } = await join(gateway, () => Date.now());
    const [r] = alice.createObjects([{ type: "rectangle", fill: "#000000" }]);
    alice.update(r!, { fill: "#ff0000" });
    settle(gateway);
    // Bob opens the file later, on a machine whose clock is 10 s behind, and changes the fill.
    const { editor: bob } = await join(gateway, () => Date.now() - 10_000);
    bob.update(r!, { fill: "#00ff00" });
    settle(gateway);
    expect(gateway.server.document().find((o) => o.id === r)?.fill).toBe("#00ff00");
    expect(alice.value(r!, "fill")).toBe("#00ff00");
  });

  it("converges when an op is only partly applied: a late joiner and the op's own author both end as the server", async () => {
    const gateway = new FakeGateway();
    const { editor: alice } = await join(gateway);
    const [r] = alice.createObjects([{ type: "rectangle", fill: "#000000", width: 10 }]);
    settle(gateway);
    // A SQL user sets the fill with a stamp far ahead; Carol opens the file afterwards.
    const ahead = Date.now() + 30_000;
    gateway.applyFromSql([{ id: "sql-fill", idempotencyKey: "sql-fill", operationType: "update", objectId: r!, propertyPath: "fill", newValue: "#ff0000", timestamp: ahead, clientId: "psql" }]);
    settle(gateway);
    const { editor: carol } = await join(gateway);
    // Another SQL write, older than that fill but newer than the width: its fill loses, its width wins.
    gateway.applyFromSql([{ id: "sql-both", idempotencyKey: "sql-both", operationType: "update", objectId: r!, newValue: { fill: "#00ff00", width: 40 }, timestamp: ahead - 1000, clientId: "psql" }]);
    settle(gateway);
    const server = gateway.server.document();
    expect(server.find((o) => o.id === r)).toMatchObject({ fill: "#ff0000", width: 40 });
    expect(carol.objects()).toEqual(server);
    expect(alice.objects()).toEqual(server);
  });

  it("keeps only what took effect of its own edit made offline, when others wrote newer values meanwhile", async () => {
    const gateway = new FakeGateway();
    const { editor: ada } = await join(gateway);
    const [r] = ada.createObjects([{ type: "rectangle", fill: "#000000", width: 10 }]);
    settle(gateway);
    gateway.drop(gateway.sockets[0]!);
    gateway.deliver();
    ada.update(r!, { fill: "#00ff00", width: 40 }); // unsent while the connection is down
    gateway.applyFromSql([{ id: "sql-fill", idempotencyKey: "sql-fill", operationType: "update", objectId: r!, propertyPath: "fill", newValue: "#ff0000", timestamp: Date.now() + 5000, clientId: "psql" }]);
    vi.advanceTimersByTime(10_000); // reconnects, loads the file, sends the kept edit
    settle(gateway);
    expect(ada.pending()).toBe(0);
    const server = gateway.server.document();
    expect(server.find((o) => o.id === r)).toMatchObject({ fill: "#ff0000", width: 40 });
    expect(ada.objects()).toEqual(server);
  });

  it("keeps the selection to shown objects, and tells the others", async () => {
    const gateway = new FakeGateway();
    const { editor: alice, events } = await join(gateway);
    const { editor: bob } = await join(gateway);
    const [r, s] = alice.createObjects([{ type: "rectangle" }, { type: "ellipse" }]);
    settle(gateway);
    alice.select([r!, s!, "nothing"]);
    expect([...alice.selection]).toEqual([r, s]);
    bob.delete([s!]);
    settle(gateway);
    expect([...alice.selection]).toEqual([r]);
    expect(events.filter((e) => e.type === "selection").at(-1)).toEqual({ type: "selection", selection: new Set([r]) });
    expect([...bob.peers.values()].map((p) => p.selection)).toEqual([[r]]);
  });

  it("lets a viewer see everything and change nothing", async () => {
    const gateway = new FakeGateway();
    const { editor: alice } = await join(gateway);
    alice.createObjects([{ type: "rectangle" }]);
    settle(gateway);
    gateway.access = "view";
    const { editor: viewer, events } = await join(gateway);
    expect(viewer.readOnly).toBe(true);
    expect(events).toContainEqual({ type: "access", access: "view", readOnly: true });
    expect(viewer.objects()).toEqual(alice.objects());
    expect(() => viewer.createObjects([{ type: "ellipse" }])).toThrow(ReadOnlyError);
    expect(() => viewer.undo()).toThrow(ReadOnlyError);
    expect(gateway.sockets.at(-1)!.sent.filter((f) => f.type === "operation")).toEqual([]);
  });

  it("tells its listeners what changed", async () => {
    const gateway = new FakeGateway();
    const { editor, events } = await join(gateway);
    expect(events).toContainEqual({ type: "connection", state: { status: "connected", unsent: 0 } });
    const [r] = editor.createObjects([{ type: "rectangle" }]);
    expect(events).toContainEqual({ type: "document", changed: new Set([r]) });
    expect(events).toContainEqual({ type: "history", canUndo: true, canRedo: false });
    gateway.drop(gateway.sockets[0]!);
    gateway.deliver();
    expect(events.at(-1)).toMatchObject({ type: "connection", state: { status: "reconnecting", attempt: 1 } });
  });

  it("refuses edits before the file is loaded", () => {
    const gateway = new FakeGateway();
    const editor = new Editor({ fileId: FILE, url: "ws://test/ws", connect: gateway.connect, store: new MemoryOutboxStore(), online: always, visible: always });
    expect(editor.ready).toBe(false);
    expect(() => editor.createObjects([{ type: "rectangle" }])).toThrow(/not loaded yet/);
  });
});
