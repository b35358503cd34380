import { describe, expect, it } from "vitest";
import { HybridClock } from "./clock";
import { Document, LocalEditError } from "./document";
import { makeChange } from "./local-change";
import { isUndeleteKey } from "./op";

function doc(now = 1000): Document {
  const d = new Document(new HybridClock(() => now));
  d.load([{ id: "r", type: "rectangle", x: 1 }], 1);
  return d;
}

describe("local changes", () => {
  it("give every op its own id and key, the client id, and one stamp for the whole edit", () => {
    const d = doc();
    const change = makeChange(d, "client-1", (c) => {
      c.create("f", { type: "frame", x: 0 });
      c.create("s", { type: "ellipse", parentId: "f", index: "a0" });
      c.update("r", { x: 5 });
    });
    expect(change.ops).toHaveLength(3);
    expect(new Set(change.ops.map((o) => o.idempotencyKey)).size).toBe(3);
    expect(change.ops.every((o) => o.id === o.idempotencyKey && o.clientId === "client-1")).toBe(true);
    expect(new Set(change.ops.map((o) => o.timestamp))).toEqual(new Set([1000]));
    expect(d.children("f")).toEqual(["s"]);
  });

  it("stamp a property written twice in one edit later the second time", () => {
    const d = doc();
    const change = makeChange(d, "c", (c) => {
      c.update("r", { x: 2 });
      c.update("r", { x: 3 });
    });
    const [a, b] = change.ops;
    expect(b!.timestamp).toBeGreaterThan(a!.timestamp);
    expect(d.value("r", "x")).toBe(3);
    expect(change.changes.get("r")!.props.get("x")).toEqual({ before: 1, after: 3 });
  });

  it("stamp past every stamp seen, even from a clock running ahead", () => {
    const d = doc(1000);
    d.applyRemote([{ seq: 2, operationType: "update", objectId: "r", propertyPath: "x", newValue: 9, timestamp: 50_000, clientId: "fast" }]);
    const change = makeChange(d, "c", (c) => c.update("r", { x: 4 }));
    expect(change.ops[0]!.timestamp).toBe(50_001);
  });

  it("leave out values that are already shown", () => {
    const d = doc();
    const change = makeChange(d, "c", (c) => c.update("r", { x: 1 }));
    expect(change.ops).toEqual([]);
  });

  it("happen whole or not at all", () => {
    const d = doc();
    expect(() =>
      makeChange(d, "c", (c) => {
        c.update("r", { x: 7 });
        c.move("r", "r", "a0");
      }),
    ).toThrow(LocalEditError);
    expect(d.value("r", "x")).toBe(1);
    expect(d.pendingOps()).toEqual([]);
  });

  it("record what each object was before and after", () => {
    const d = doc();
    const change = makeChange(d, "c", (c) => {
      c.delete("r");
      c.create("n", { type: "text", text: "hi" });
    });
    expect(change.changes.get("r")).toMatchObject({ aliveBefore: true, aliveAfter: false, type: "rectangle" });
    expect(change.changes.get("n")).toMatchObject({ aliveBefore: false, aliveAfter: true, type: "text" });
    const undo = makeChange(d, "c", (c) => c.undelete("r"));
    expect(undo.ops[0]).toMatchObject({ operationType: "create", newValue: { type: "rectangle" } });
    expect(d.objects().map((o) => o.id)).toEqual(["n", "r"]);
  });

  it("mark an undelete's key, so that a replica that lacks the object loads the file again", () => {
    const d = doc();
    makeChange(d, "c", (c) => c.delete("r"));
    const undo = makeChange(d, "c", (c) => c.undelete("r"));
    expect(undo.ops).toHaveLength(1);
    expect(isUndeleteKey(undo.ops[0]!.idempotencyKey)).toBe(true);
    expect(undo.ops[0]!.id).toBe(undo.ops[0]!.idempotencyKey);
    const fresh = makeChange(d, "c", (c) => c.create("n", { type: "text" }));
    expect(isUndeleteKey(fresh.ops[0]!.idempotencyKey)).toBe(false);
  });

  it("use a move for a placement and an update when the index is unset", () => {
    const d = doc();
    d.load([{ id: "g", type: "group" }, { id: "r", type: "rectangle", parentId: "g", index: "a0" }], 2);
    const change = makeChange(d, "c", (c) => {
      c.move("r", null, "a3");
    });
    expect(change.ops[0]).toMatchObject({ operationType: "move", newValue: { parentId: null, index: "a3" } });
    const unset = makeChange(d, "c", (c) => c.move("r", "g", null));
    expect(unset.ops[0]).toMatchObject({ operationType: "update", newValue: { parentId: "g", index: null } });
  });
});
