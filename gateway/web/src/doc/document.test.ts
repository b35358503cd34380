import { describe, expect, it } from "vitest";
import { HybridClock } from "./clock";
import { Document, LocalEditError } from "./document";
import type { JsonObject } from "./json";
import type { LoggedOp, Op } from "./op";

let seq = 100;
function remote(op: Partial<LoggedOp> & Pick<LoggedOp, "operationType" | "objectId">): LoggedOp {
  return { seq: ++seq, timestamp: 1000, clientId: "them", idempotencyKey: `k${seq}`, ...op };
}

let n = 0;
function local(op: Partial<Op> & Pick<Op, "operationType" | "objectId">, t = 2000): Op {
  const key = `mine-${++n}`;
  return { id: key, idempotencyKey: key, timestamp: t, clientId: "me", ...op };
}

function loaded(objects: JsonObject[] = [{ id: "r", type: "rectangle", x: 1, fill: "#fff" }]): Document {
  const doc = new Document(new HybridClock(() => 0));
  doc.load(objects, 100);
  return doc;
}

describe("Document", () => {
  it("shows the sync document and exports it as vellum.document() does", () => {
    const doc = loaded([
      { id: "r", type: "rectangle", x: 1, fill: "#fff", parentId: "f", index: "a0" },
      { id: "f", type: "frame", width: 10 },
    ]);
    expect(doc.objects()).toEqual([
      { id: "f", type: "frame", width: 10 },
      { id: "r", type: "rectangle", x: 1, fill: "#fff", parentId: "f", index: "a0" },
    ]);
    expect(doc.children("f")).toEqual(["r"]);
    expect(doc.children(null)).toEqual(["f"]);
  });

  it("writes each object's keys in jsonb's order, as vellum.document() does", () => {
    const doc = loaded([{ id: "r", width: 1, type: "rectangle", x: 2, fill: "#fff", é: 3, index: "a0" }]);
    expect(JSON.stringify(doc.objects())).toBe('[{"x":2,"id":"r","é":3,"fill":"#fff","type":"rectangle","index":"a0","width":1}]');
  });

  it("merges remote ops by register, so an older one loses", () => {
    const doc = loaded();
    doc.applyRemote([remote({ operationType: "update", objectId: "r", propertyPath: "x", newValue: 5, timestamp: 50 })]);
    doc.applyRemote([remote({ operationType: "update", objectId: "r", propertyPath: "x", newValue: 7, timestamp: 40 })]);
    expect(doc.value("r", "x")).toBe(5);
    expect(doc.clock.latest()).toBe(50); // pushed past every stamp seen
  });

  it("lets an own pending value shadow incoming ones until its ack, then the server's order decides", () => {
    const doc = loaded();
    const mine = local({ operationType: "update", objectId: "r", propertyPath: "fill", newValue: "#f00" }, 2000);
    doc.addLocal(mine);
    // A concurrent write with a later stamp arrives first: still ours on screen.
    doc.applyRemote([remote({ operationType: "update", objectId: "r", propertyPath: "fill", newValue: "#00f", timestamp: 3000 })]);
    expect(doc.value("r", "fill")).toBe("#f00");
    // Other properties are not shadowed.
    doc.applyRemote([remote({ operationType: "update", objectId: "r", propertyPath: "x", newValue: 9, timestamp: 3000 })]);
    expect(doc.value("r", "x")).toBe(9);
    doc.resolve(mine.idempotencyKey, { status: "superseded", seq: null });
    expect(doc.value("r", "fill")).toBe("#00f");
    expect(doc.pendingOps()).toEqual([]);
  });

  it("keeps an applied own op once acknowledged, and drops a rejected one", () => {
    const doc = loaded();
    const a = local({ operationType: "update", objectId: "r", propertyPath: "x", newValue: 3 });
    const b = local({ operationType: "update", objectId: "r", propertyPath: "fill", newValue: "#000" });
    doc.addLocal(a);
    doc.addLocal(b);
    doc.resolve(a.idempotencyKey, { status: "applied", seq: 101 });
    doc.resolve(b.idempotencyKey, { status: "rejected", reason: "no" });
    expect(doc.value("r", "x")).toBe(3);
    expect(doc.value("r", "fill")).toBe("#fff");
  });

  it("shows the latest of several pending writes of one property, and the earlier once the later goes", () => {
    const doc = loaded();
    const a = local({ operationType: "update", objectId: "r", propertyPath: "x", newValue: 3 }, 2000);
    const b = local({ operationType: "update", objectId: "r", propertyPath: "x", newValue: 4 }, 2001);
    doc.addLocal(a);
    doc.addLocal(b);
    expect(doc.value("r", "x")).toBe(4);
    doc.resolve(b.idempotencyKey, { status: "rejected" });
    expect(doc.value("r", "x")).toBe(3); // a is still pending: no flicker back to the server's 1
  });

  it("takes its own op relayed by the server as its ack, and skips it once acknowledged", () => {
    const doc = loaded();
    const mine = local({ operationType: "update", objectId: "r", propertyPath: "x", newValue: 3 }, 2000);
    doc.addLocal(mine);
    const relayed = remote({ operationType: "update", objectId: "r", propertyPath: "x", newValue: 3, timestamp: 2000, clientId: "me", idempotencyKey: mine.idempotencyKey });
    doc.applyRemote([relayed]);
    expect(doc.isPending(mine.idempotencyKey)).toBe(false);
    expect(doc.value("r", "x")).toBe(3);
    // A later remote write wins; the relay coming again must not undo it.
    doc.applyRemote([remote({ operationType: "update", objectId: "r", propertyPath: "x", newValue: 8, timestamp: 2500 })]);
    doc.applyRemote([{ ...relayed, timestamp: 9999 }]);
    expect(doc.value("r", "x")).toBe(8);
  });

  it("never merges a duplicate: older than the loaded document it is in it, newer it asks for a reload", () => {
    const doc = loaded();
    const old = local({ operationType: "update", objectId: "r", propertyPath: "x", newValue: 3 });
    const fresh = local({ operationType: "update", objectId: "r", propertyPath: "fill", newValue: "#111" });
    doc.restorePending([old, fresh]);
    // old was applied before the sync document (which shows x: 1 since a later write): not merged.
    doc.resolve(old.idempotencyKey, { status: "duplicate", seq: 50 });
    expect(doc.takeReloadNeeded()).toBe(false);
    // fresh was applied after it and its ack lost: whether fill won is not said, so the file is loaded again.
    doc.resolve(fresh.idempotencyKey, { status: "duplicate", seq: 150 });
    expect(doc.takeReloadNeeded()).toBe(true);
    expect(doc.value("r", "x")).toBe(1);
    expect(doc.value("r", "fill")).toBe("#fff");
  });

  it("keeps pending ops over a new sync document", () => {
    const doc = loaded();
    doc.addLocal(local({ operationType: "update", objectId: "r", propertyPath: "x", newValue: 3 }));
    doc.load([{ id: "r", type: "rectangle", x: 42 }, { id: "s", type: "ellipse" }], 200);
    expect(doc.value("r", "x")).toBe(3);
    expect(doc.objects().map((o) => o.id)).toEqual(["r", "s"]);
    expect(doc.loadedSeq).toBe(200);
  });

  it("refuses a local edit the server would reject, changing nothing", () => {
    const doc = loaded();
    expect(() => doc.addLocal(local({ operationType: "move", objectId: "r", newValue: { parentId: "r", index: "a0" } }))).toThrow(LocalEditError);
    expect(() => doc.addLocal(local({ operationType: "update", objectId: "r", propertyPath: "opacity", newValue: 7 }))).toThrow(/from 0 to 1/);
    expect(doc.pendingOps()).toEqual([]);
  });

  it("deletes with a tombstone, hides the subtree, and a newer create brings it all back", () => {
    const doc = loaded([
      { id: "f", type: "frame" },
      { id: "r", type: "rectangle", parentId: "f", index: "a0", x: 5 },
    ]);
    doc.applyRemote([remote({ operationType: "delete", objectId: "f", timestamp: 10 })]);
    expect(doc.objects()).toEqual([]);
    expect(doc.isAlive("r")).toBe(true);
    expect(doc.isShown("r")).toBe(false);
    // A late update of the deleted frame does not resurrect it.
    doc.applyRemote([remote({ operationType: "update", objectId: "f", propertyPath: "width", newValue: 3, timestamp: 5 })]);
    expect(doc.isAlive("f")).toBe(false);
    doc.applyRemote([remote({ operationType: "create", objectId: "f", newValue: { type: "frame" }, timestamp: 20 })]);
    expect(doc.objects().map((o) => o.id)).toEqual(["f", "r"]);
    expect(doc.value("f", "width")).toBe(3);
  });

  it("lists children in index order, ties by id, and follows moves", () => {
    const doc = loaded([
      { id: "g", type: "group" },
      { id: "a", type: "rectangle", parentId: "g", index: "a2" },
      { id: "b", type: "rectangle", parentId: "g", index: "a1" },
      { id: "c", type: "rectangle", parentId: "g", index: "a1" },
    ]);
    expect(doc.children("g")).toEqual(["b", "c", "a"]);
    doc.applyRemote([remote({ operationType: "move", objectId: "a", newValue: { parentId: "g", index: "a0" }, timestamp: 9 })]);
    expect(doc.children("g")).toEqual(["a", "b", "c"]);
    doc.applyRemote([remote({ operationType: "move", objectId: "b", newValue: { parentId: null, index: "a5" }, timestamp: 9 })]);
    expect(doc.children("g")).toEqual(["a", "c"]);
    expect(doc.children(null)).toEqual(["g", "b"]); // g has no index: first
    doc.applyRemote([remote({ operationType: "delete", objectId: "c", timestamp: 9 })]);
    expect(doc.children("g")).toEqual(["a"]);
  });

  it("sends one change event per batch, naming the objects whose values changed", () => {
    const doc = loaded([{ id: "a", type: "rectangle" }, { id: "b", type: "rectangle" }]);
    const events: string[][] = [];
    doc.subscribe((changed) => events.push([...changed].sort()));
    doc.applyRemote([
      remote({ operationType: "update", objectId: "a", propertyPath: "x", newValue: 1, timestamp: 5 }),
      remote({ operationType: "update", objectId: "b", propertyPath: "x", newValue: 1, timestamp: 5 }),
      remote({ operationType: "update", objectId: "b", propertyPath: "x", newValue: 0, timestamp: 4 }), // loses: no change
    ]);
    expect(events).toEqual([["a", "b"]]);
    // An ack that confirms what is shown changes nothing visible.
    const mine = local({ operationType: "update", objectId: "a", propertyPath: "y", newValue: 2 });
    doc.addLocal(mine);
    doc.resolve(mine.idempotencyKey, { status: "applied", seq: 999 });
    expect(events).toEqual([["a", "b"], ["a"]]);
  });

  it("keeps a property named __proto__ as a plain property", () => {
    const doc = loaded([JSON.parse('{"id": "r", "type": "rectangle", "__proto__": {"polluted": true}}')]);
    const [object] = doc.objects();
    expect(Object.prototype.hasOwnProperty.call(object, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("asks to be loaded again when an op gives a parent to an object it never had, and only then", () => {
    // The sync document leaves out objects hidden in a deleted frame: moved
    // out, one would show without its values.
    const doc = loaded();
    doc.applyRemote([remote({ operationType: "update", objectId: "hidden", newValue: { x: 5 } })]);
    doc.applyRemote([remote({ operationType: "create", objectId: "fresh", newValue: { type: "rectangle", index: "a0" } })]);
    doc.applyRemote([remote({ operationType: "update", objectId: "r", newValue: { parentId: null } })]);
    expect(doc.takeReloadNeeded()).toBe(false);
    doc.applyRemote([remote({ operationType: "move", objectId: "hidden", newValue: { parentId: null, index: "a1" } })]);
    expect(doc.takeReloadNeeded()).toBe(true);
    expect(doc.takeReloadNeeded()).toBe(false);
  });

  it("merges of a relayed move only the placement that won (the server relays the winners alone)", () => {
    const doc = loaded([{ id: "g", type: "group" }, { id: "r", type: "rectangle", index: "a5" }]);
    doc.applyRemote([remote({ operationType: "move", objectId: "r", newValue: { parentId: "g" } })]);
    expect(doc.objects().find((o) => o.id === "r")).toEqual({ id: "r", type: "rectangle", index: "a5", parentId: "g" });
  });

  it("asks to be loaded again when an undelete names an object it does not have", () => {
    const doc = loaded();
    doc.applyRemote([remote({ operationType: "create", objectId: "gone", newValue: { type: "frame" }, idempotencyKey: "k~undelete" })]);
    expect(doc.takeReloadNeeded()).toBe(true);
    doc.applyRemote([remote({ operationType: "delete", objectId: "r" })]);
    doc.applyRemote([remote({ operationType: "create", objectId: "r", newValue: { type: "rectangle" }, idempotencyKey: "k2~undelete" })]);
    expect(doc.takeReloadNeeded()).toBe(false); // it has r, deleted, with its values
  });

  it("asks to be loaded again when the server marks a create of an object it does not have as objectExisted", () => {
    const doc = loaded();
    // A SQL user's re-create, with an ordinary key and only x: the server has the other values.
    doc.applyRemote([remote({ operationType: "create", objectId: "gone", newValue: { type: "rectangle", x: 3 }, idempotencyKey: "sql-1", objectExisted: true })]);
    expect(doc.takeReloadNeeded()).toBe(true);
    doc.applyRemote([remote({ operationType: "create", objectId: "fresh", newValue: { type: "rectangle" }, idempotencyKey: "sql-2" })]);
    expect(doc.takeReloadNeeded()).toBe(false); // a new object: the create has all it has
    doc.applyRemote([remote({ operationType: "delete", objectId: "r" })]);
    doc.applyRemote([remote({ operationType: "create", objectId: "r", newValue: { type: "rectangle" }, idempotencyKey: "sql-3", objectExisted: true })]);
    expect(doc.takeReloadNeeded()).toBe(false); // it has r, deleted, with its values
  });

  it("asks to be loaded again when the ack of its own create says the object existed and it lacks it", () => {
    const doc = loaded();
    const op = local({ operationType: "create", objectId: "back", newValue: { type: "rectangle", x: 1 } });
    doc.addLocal(op);
    doc.resolve(op.idempotencyKey, { status: "applied", seq: 120, objectExisted: true });
    expect(doc.takeReloadNeeded()).toBe(true);
  });

  it("does not merge an acknowledged op that the document loaded since already holds (with what came after it)", () => {
    const doc = loaded([{ id: "r", type: "rectangle", x: 1 }]);
    const op = local({ operationType: "update", objectId: "r", newValue: { x: 5 } });
    doc.addLocal(op);
    // A reload (seq 120) shows r as it is after our op (seq 110) and a later one of theirs.
    doc.load([{ id: "r", type: "rectangle", x: 9 }], 120);
    doc.resolve(op.idempotencyKey, { status: "applied", seq: 110 });
    expect(doc.value("r", "x")).toBe(9);
  });

  it("asks to be loaded again when its op comes back duplicate with a seq past the load (the applied ack was lost)", () => {
    const doc = loaded([{ id: "r", type: "rectangle", x: 1 }]);
    const op = local({ operationType: "update", objectId: "r", newValue: { x: 5 } });
    doc.addLocal(op);
    doc.resolve(op.idempotencyKey, { status: "duplicate", seq: 130 });
    expect(doc.takeReloadNeeded()).toBe(true);
    expect(doc.value("r", "x")).toBe(1); // not merged: x may have lost to a newer value
  });

  it("hides an object under a parent it knows only from writes relayed since the load (hidden then)", () => {
    const doc = loaded([]);
    doc.applyRemote([remote({ operationType: "update", objectId: "f", newValue: { x: 1 } })]);
    doc.applyRemote([remote({ operationType: "create", objectId: "r", newValue: { type: "rectangle", parentId: "f", index: "a0" } })]);
    expect(doc.objects()).toEqual([]);
  });
});
