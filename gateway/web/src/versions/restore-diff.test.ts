import { describe, expect, it } from "vitest";
import { HybridClock } from "../doc/clock";
import { Document, type DocumentObject } from "../doc/document";
import { makeChange } from "../doc/local-change";
import { History } from "../history/history";
import { writeRestore } from "./restore-diff";

const VERSION: DocumentObject[] = [
  { id: "f", type: "frame", x: 0, y: 0, width: 100, height: 100, index: "a0" },
  { id: "r", type: "rectangle", x: 1, y: 2, width: 10, height: 10, fill: "#ff0000", parentId: "f", index: "a0" },
];

function fileAt(objects: DocumentObject[]): Document {
  const d = new Document(new HybridClock(() => 1000));
  d.load(objects, 5);
  return d;
}

function restore(d: Document, history: History, target: readonly DocumentObject[]) {
  const change = makeChange(d, "me", (c) => writeRestore(d, c, target));
  history.record(change.changes);
  return change;
}

describe("restoring a document as one change", () => {
  it("sets properties back, unsets added ones, brings back deleted objects and deletes new ones", () => {
    const d = fileAt(VERSION);
    makeChange(d, "me", (c) => {
      c.update("r", { x: 50, fill: "#00ff00", stroke: "#000000" });
      c.create("e", { type: "ellipse", x: 5, y: 5, width: 5, height: 5, index: "a1" });
      c.delete("f");
    });
    expect(d.objects().map((o) => o.id)).toEqual(["e"]);
    restore(d, new History(d), VERSION);
    expect(d.objects()).toEqual(fileAt(VERSION).objects());
  });

  it("creates an object the file never had, in its place", () => {
    const d = fileAt([VERSION[0]!]);
    restore(d, new History(d), VERSION);
    expect(d.objects()).toEqual(fileAt(VERSION).objects());
    expect(d.children("f")).toEqual(["r"]);
  });

  it("moves objects back between containers, even when the moves must come in an order", () => {
    // Now: g2 holds g1; the version: g1 holds g2 (swapping them passes through a cycle in one order).
    const g1: DocumentObject = { id: "g1", type: "frame", x: 0, y: 0, width: 9, height: 9, index: "a0" };
    const g2: DocumentObject = { id: "g2", type: "frame", x: 0, y: 0, width: 9, height: 9, index: "a0" };
    const d = fileAt([{ ...g1, parentId: "g2" }, g2]);
    const target = [g1, { ...g2, parentId: "g1" }];
    restore(d, new History(d), target);
    expect(d.objects()).toEqual(fileAt(target).objects());
  });

  it("is no change at all when the file already shows the target", () => {
    const d = fileAt(VERSION);
    const change = restore(d, new History(d), VERSION);
    expect(change.ops).toEqual([]);
  });

  it("is undone in one step, back to what the file showed before it", () => {
    const d = fileAt(VERSION);
    const history = new History(d);
    const edited = makeChange(d, "me", (c) => {
      c.update("r", { x: 70 });
      c.create("e", { type: "ellipse", x: 5, y: 5, width: 5, height: 5, index: "a1" });
    });
    history.record(edited.changes);
    const before = d.objects();
    restore(d, history, VERSION);
    expect(d.objects()).toEqual(fileAt(VERSION).objects());
    expect(history.undo("me")).not.toBeNull();
    expect(d.objects()).toEqual(before);
    // And redone in one step too.
    expect(history.redo("me")).not.toBeNull();
    expect(d.objects()).toEqual(fileAt(VERSION).objects());
  });

  it("writes only what differs from the target", () => {
    const d = fileAt(VERSION);
    makeChange(d, "me", (c) => c.update("r", { x: 9, y: 9 }));
    const change = restore(d, new History(d), VERSION);
    expect(change.ops.map((o) => [o.operationType, o.objectId, o.newValue])).toEqual([["update", "r", { x: 1, y: 2 }]]);
  });
});
