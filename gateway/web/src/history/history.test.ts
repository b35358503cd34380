import { describe, expect, it } from "vitest";
import { ReplicaHarness } from "../../tests/support/replica-harness";

function shown(h: ReplicaHarness) {
  return h.doc.objects();
}

function theirUpdate(h: ReplicaHarness, objectId: string, propertyPath: string, newValue: string | number, t = h.wall + 1000) {
  const key = `their-${objectId}-${propertyPath}-${t}`;
  h.server.apply([{ id: key, idempotencyKey: key, operationType: "update", objectId, propertyPath, newValue, timestamp: t, clientId: "them" }]);
  h.doc.applyRemote(h.server.changesSince(h.server.seq - 1));
}

describe("History", () => {
  it("undoes a create by deleting, and redo brings the object back as it was", () => {
    const h = new ReplicaHarness();
    h.edit((c) => c.create("r", { type: "rectangle", x: 3, fill: "#f00" }));
    h.settle();
    expect(h.undo()).toBe(true);
    expect(shown(h)).toEqual([]);
    expect(h.doc.pendingOps()).toMatchObject([{ operationType: "delete", objectId: "r" }]);
    expect(h.redo()).toBe(true);
    expect(shown(h)).toEqual([{ id: "r", type: "rectangle", x: 3, fill: "#f00" }]);
    h.settle();
    expect(h.server.document()).toEqual(shown(h));
  });

  it("undoes a delete, bringing back the subtree under it", () => {
    const h = new ReplicaHarness([{ id: "F", type: "frame" }, { id: "R", type: "rectangle", parentId: "F", index: "a0" }]);
    h.edit((c) => c.delete("F"));
    expect(shown(h)).toEqual([]);
    h.undo();
    expect(shown(h).map((o) => o.id)).toEqual(["F", "R"]);
  });

  it("cannot undo a delete once the file was loaded again without the object, and says so without throwing", () => {
    // A reconnect loads the sync document, which has no deleted objects: the
    // object and its values are gone from this replica, so undo leaves it.
    const h = new ReplicaHarness([{ id: "R", type: "rectangle", x: 3 }, { id: "S", type: "ellipse" }]);
    h.edit((c) => c.delete("R"));
    h.settle();
    h.doc.load(h.server.document(), h.server.seq);
    expect(() => h.undo()).not.toThrow();
    expect(shown(h).map((o) => o.id)).toEqual(["S"]);
    expect(h.doc.pendingOps()).toEqual([]);
  });

  it("leaves alone a property someone else set since, and restores the rest", () => {
    const h = new ReplicaHarness([{ id: "R", type: "rectangle", x: 0, fill: "#000" }]);
    h.edit((c) => c.update("R", { x: 10, fill: "#f00" }));
    h.settle();
    theirUpdate(h, "R", "fill", "#00f");
    h.undo();
    expect(h.doc.value("R", "x")).toBe(0);
    expect(h.doc.value("R", "fill")).toBe("#00f");
    h.redo();
    expect(h.doc.value("R", "x")).toBe(10);
    expect(h.doc.value("R", "fill")).toBe("#00f");
  });

  it("skips an entry with nothing of ours left and undoes the one before", () => {
    const h = new ReplicaHarness([{ id: "R", type: "rectangle", x: 0, fill: "#000" }]);
    h.edit((c) => c.update("R", { x: 5 }));
    h.edit((c) => c.update("R", { fill: "#fff" }));
    h.settle();
    theirUpdate(h, "R", "fill", "#123");
    expect(h.undo()).toBe(true);
    expect(h.doc.value("R", "x")).toBe(0);
    expect(h.doc.value("R", "fill")).toBe("#123");
    expect(h.history.canUndo).toBe(false);
  });

  it("groups a gesture into one entry, restoring the value from before it", () => {
    const h = new ReplicaHarness([{ id: "R", type: "rectangle", x: 0 }]);
    h.history.begin();
    for (const x of [1, 2, 3, 4]) h.edit((c) => c.update("R", { x }));
    h.history.end();
    h.undo();
    expect(h.doc.value("R", "x")).toBe(0);
    expect(h.history.canUndo).toBe(false);
    h.redo();
    expect(h.doc.value("R", "x")).toBe(4);
  });

  it("forgets redo after a new edit", () => {
    const h = new ReplicaHarness([{ id: "R", type: "rectangle", x: 0 }]);
    h.edit((c) => c.update("R", { x: 1 }));
    h.undo();
    h.edit((c) => c.update("R", { x: 2 }));
    expect(h.history.canRedo).toBe(false);
    expect(h.redo()).toBe(false);
  });

  it("swaps two nested groups back whatever the order of their moves", () => {
    const h = new ReplicaHarness([
      { id: "A", type: "group", index: "a0" },
      { id: "B", type: "group", parentId: "A", index: "a0" },
    ]);
    h.history.begin();
    h.edit((c) => c.move("B", null, "a1"));
    h.edit((c) => c.move("A", "B", "a0"));
    h.history.end();
    expect(h.doc.value("A", "parentId")).toBe("B");
    h.undo();
    expect(h.doc.value("A", "parentId")).toBe(null);
    expect(h.doc.value("B", "parentId")).toBe("A");
    h.redo();
    expect(h.doc.value("A", "parentId")).toBe("B");
    expect(h.doc.value("B", "parentId")).toBe(null);
  });

  it("skips a placement whose old parent someone else deleted, and redo stays consistent", () => {
    const h = new ReplicaHarness([
      { id: "F", type: "frame", index: "a0" },
      { id: "R", type: "rectangle", parentId: "F", index: "a0", x: 0 },
    ]);
    h.edit((c) => {
      c.move("R", null, "a1");
      c.update("R", { x: 9 });
    });
    h.settle();
    const key = "their-delete";
    h.server.apply([{ id: key, idempotencyKey: key, operationType: "delete", objectId: "F", timestamp: h.wall + 1000, clientId: "them" }]);
    h.doc.applyRemote(h.server.changesSince(h.server.seq - 1));
    h.undo();
    expect(h.doc.value("R", "parentId")).toBe(null); // not into a deleted frame
    expect(h.doc.value("R", "x")).toBe(0);
    h.redo();
    expect(h.doc.value("R", "x")).toBe(9);
    h.settle();
    expect(h.server.document()).toEqual(shown(h));
  });

  it("makes undo ops of its own, new keys each, sent like any edit", () => {
    const h = new ReplicaHarness([{ id: "R", type: "rectangle", x: 0 }]);
    h.edit((c) => c.update("R", { x: 1 }));
    const [edit] = h.outbox;
    h.undo();
    const [, undo] = h.outbox;
    expect(undo).toMatchObject({ operationType: "update", objectId: "R", newValue: { x: 0 } });
    expect(undo!.idempotencyKey).not.toBe(edit!.idempotencyKey);
    expect(undo!.timestamp).toBeGreaterThan(edit!.timestamp);
  });

  it("tells what the next undo would touch", () => {
    const h = new ReplicaHarness([{ id: "R", type: "rectangle", x: 0 }]);
    expect(h.history.nextUndo()).toBe(null);
    h.edit((c) => {
      c.update("R", { x: 1, fill: "#fff" });
      c.create("S", { type: "ellipse" });
    });
    expect(h.history.nextUndo()).toEqual(
      new Map([
        ["R", { existence: false, props: ["x", "fill"] }],
        ["S", { existence: true, props: [] }],
      ]),
    );
  });
});
