// The cases of extension/core/tests/document_test.cpp, against the port.
import { describe, expect, it } from "vitest";
import { applyOp, checkOp, type ApplyOutcome } from "./apply-op";
import type { JsonObject } from "./json";
import { isDeleted, valueOf, type ObjectState } from "./object-state";
import type { OpBody } from "./op";

type Objects = Map<string, ObjectState>;

const create = (id: string, type: string, t: number, c = "c1", props: JsonObject = {}): OpBody => ({
  operationType: "create", objectId: id, newValue: { type, ...props }, timestamp: t, clientId: c,
});
const update = (id: string, name: string, v: JsonObject[string], t: number, c = "c1"): OpBody => ({
  operationType: "update", objectId: id, propertyPath: name, newValue: v, timestamp: t, clientId: c,
});
const updateProps = (id: string, props: JsonObject, t: number, c = "c1"): OpBody => ({
  operationType: "update", objectId: id, newValue: props, timestamp: t, clientId: c,
});
const del = (id: string, t: number, c = "c1"): OpBody => ({ operationType: "delete", objectId: id, timestamp: t, clientId: c });
const move = (id: string, parentId: string | null, index: string, t: number, c = "c1"): OpBody => ({
  operationType: "move", objectId: id, newValue: { parentId, index }, timestamp: t, clientId: c,
});

function expectStatus(objects: Objects, op: OpBody, status: ApplyOutcome["status"]): ApplyOutcome {
  const out = applyOp(objects, op, "validate");
  expect(out.status, JSON.stringify(out)).toBe(status);
  return out;
}

function reason(out: ApplyOutcome): string {
  return out.status === "rejected" ? out.reason : "";
}

describe("applyOp, as the extension applies ops", () => {
  it("supersedes an older update and keeps the newer value", () => {
    const objects: Objects = new Map();
    expectStatus(objects, create("r", "rectangle", 1), "applied");
    expectStatus(objects, update("r", "x", 5, 10, "c1"), "applied");
    expectStatus(objects, update("r", "x", 3, 5, "c2"), "superseded");
    expect(valueOf(objects.get("r"), "x")).toBe(5);
  });

  it("applies an update when any of its properties wins", () => {
    const objects: Objects = new Map();
    expectStatus(objects, create("r", "rectangle", 1), "applied");
    expectStatus(objects, update("r", "x", 1, 10), "applied");
    const partial = expectStatus(objects, updateProps("r", { x: 2, y: 2 }, 5), "applied");
    expect(valueOf(objects.get("r"), "x")).toBe(1);
    expect(valueOf(objects.get("r"), "y")).toBe(2);
    // What the server logs and relays: the properties that took effect.
    expect(partial).toEqual({ status: "applied", effective: { y: 2 } });
    expect(expectStatus(objects, updateProps("r", { x: 3, y: 3 }, 11), "applied")).toEqual({ status: "applied" });
  });

  it("reports what took effect of a partly losing create and move", () => {
    const objects: Objects = new Map();
    expectStatus(objects, create("f", "frame", 1), "applied");
    expectStatus(objects, create("r", "rectangle", 1, "c1", { x: 1 }), "applied");
    expectStatus(objects, update("r", "index", "a5", 20), "applied");
    expect(expectStatus(objects, move("r", "f", "a0", 10), "applied")).toEqual({ status: "applied", effective: { parentId: "f" } });
    expectStatus(objects, update("r", "x", 7, 30), "applied");
    expect(expectStatus(objects, create("r", "rectangle", 25, "c1", { x: 2, fill: "#fff" }), "applied")).toEqual({
      status: "applied",
      effective: { type: "rectangle", fill: "#fff" },
    });
  });

  it("rejects updates and moves of unknown or deleted objects", () => {
    const objects: Objects = new Map();
    expect(reason(expectStatus(objects, update("r", "x", 1, 1), "rejected"))).toContain("does not exist");
    expectStatus(objects, create("r", "rectangle", 1), "applied");
    expectStatus(objects, del("r", 2), "applied");
    expect(reason(expectStatus(objects, update("r", "x", 1, 3), "rejected"))).toContain("is deleted");
    expect(reason(expectStatus(objects, move("r", null, "a0", 3), "rejected"))).toContain("is deleted");
  });

  it("lets a delete beat an older update in either order", () => {
    for (const order of [0, 1]) {
      const objects: Objects = new Map();
      expectStatus(objects, create("r", "rectangle", 1), "applied");
      const ops = [update("r", "x", 1, 5), del("r", 10)];
      if (order) ops.reverse();
      for (const op of ops) applyOp(objects, op, "validate");
      expect(isDeleted(objects.get("r"))).toBe(true);
    }
  });

  it("undeletes with a newer create only, bringing the old registers back", () => {
    const objects: Objects = new Map();
    expectStatus(objects, create("r", "rectangle", 1, "c1", { x: 1 }), "applied");
    expectStatus(objects, del("r", 10), "applied");
    expectStatus(objects, create("r", "rectangle", 5), "superseded");
    expectStatus(objects, create("r", "rectangle", 10), "superseded"); // same stamp as the delete
    expectStatus(objects, create("r", "rectangle", 11), "applied");
    expect(isDeleted(objects.get("r"))).toBe(false);
    expect(valueOf(objects.get("r"), "x")).toBe(1);
    expectStatus(objects, del("r", 9), "superseded");
    expectStatus(objects, del("r", 12), "applied");
  });

  it("merges a create of a live object like an update", () => {
    const objects: Objects = new Map();
    expectStatus(objects, create("r", "rectangle", 5, "c1", { x: 1 }), "applied");
    expectStatus(objects, create("r", "rectangle", 3, "c1", { x: 9 }), "superseded");
    expectStatus(objects, create("r", "rectangle", 7, "c1", { x: 9 }), "applied");
    expect(valueOf(objects.get("r"), "x")).toBe(9);
  });

  it("fixes the type at creation", () => {
    const objects: Objects = new Map();
    expectStatus(objects, create("r", "rectangle", 5), "applied");
    expect(reason(expectStatus(objects, create("r", "frame", 7), "rejected"))).toContain("cannot change (it is rectangle)");
    expectStatus(objects, updateProps("r", { x: 1, type: "group" }, 7), "rejected");
    expect(valueOf(objects.get("r"), "x")).toBe(null); // nothing of a rejected op is kept
    expectStatus(objects, update("r", "type", "rectangle", 8), "applied");
    expectStatus(objects, del("r", 9), "applied");
    expectStatus(objects, create("r", "frame", 10), "rejected");
    expectStatus(objects, create("r", "rectangle", 11), "applied");
  });

  it("keeps the tree a tree: containers only, no cycles, not its own parent", () => {
    const objects: Objects = new Map();
    for (const [id, type] of [["A", "group"], ["B", "group"], ["C", "frame"], ["R", "rectangle"]] as const)
      expectStatus(objects, create(id, type, 1), "applied");
    expectStatus(objects, move("R", "C", "a0", 2), "applied");
    expectStatus(objects, move("A", "B", "a0", 2), "applied");
    expect(reason(expectStatus(objects, move("B", "A", "a0", 3), "rejected"))).toContain("would make a cycle");
    expect(reason(expectStatus(objects, move("A", "A", "a0", 3), "rejected"))).toContain("its own parent");
    expect(reason(expectStatus(objects, move("A", "R", "a0", 3), "rejected"))).toContain("is a rectangle; only frames and groups");
    expect(reason(expectStatus(objects, move("A", "nope", "a0", 3), "rejected"))).toContain("does not exist");
    expectStatus(objects, del("C", 4), "applied");
    expect(reason(expectStatus(objects, create("S", "ellipse", 5, "c1", { parentId: "C" }), "rejected"))).toContain("is deleted");
  });

  it("refuses malformed ops with the server's reasons", () => {
    const objects: Objects = new Map();
    expect(checkOp(objects, { ...create("r", "rectangle", 1), newValue: { x: 1 } })).toContain('needs "newValue.type"');
    expect(checkOp(objects, create("r", "rectangle", 1, "c1", { opacity: 2 }))).toContain("from 0 to 1");
    expect(checkOp(objects, create("r", "rectangle", -1))).toContain("non-negative integer");
    expect(checkOp(objects, { ...move("r", null, "a0", 1), newValue: { parentId: null, index: null } })).toContain("a move places");
    expect(checkOp(objects, updateProps("r", {}, 1))).toContain("empty");
  });

  it("in trust mode merges what the server applied even where this replica lacks the context", () => {
    const objects: Objects = new Map();
    expect(applyOp(objects, update("ghost", "x", 3, 1), "trust").status).toBe("applied");
    expect(valueOf(objects.get("ghost"), "x")).toBe(3);
  });
});
