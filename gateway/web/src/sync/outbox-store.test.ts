import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import type { Op } from "../doc/op";
import { IdbOutboxStore } from "./idb-outbox-store";
import { MemoryOutboxStore, type OutboxStore } from "./outbox-store";

const op = (key: string, objectId = "r"): Op => ({
  id: key, idempotencyKey: key, operationType: "update", objectId, propertyPath: "x", newValue: 1, timestamp: 5, clientId: "c",
});

let dbs = 0;
const stores: [string, () => OutboxStore][] = [
  ["in memory", () => new MemoryOutboxStore()],
  ["in IndexedDB", () => new IdbOutboxStore(`test-outbox-${++dbs}`)],
];

describe.each(stores)("the outbox %s", (_, make) => {
  it("gives back a file's ops in the order they were added, whole", async () => {
    const store = make();
    await store.add("f1", [op("a"), op("b")]);
    await store.add("f2", [op("z")]);
    await store.add("f1", [op("c", "s")]);
    expect(await store.load("f1")).toEqual([op("a"), op("b"), op("c", "s")]);
    expect((await store.load("f2")).map((o) => o.idempotencyKey)).toEqual(["z"]);
  });

  it("forgets acknowledged ops and keeps the rest", async () => {
    const store = make();
    await store.add("f1", [op("a"), op("b"), op("c")]);
    await store.remove("f1", ["a", "c"]);
    expect((await store.load("f1")).map((o) => o.idempotencyKey)).toEqual(["b"]);
  });
});

describe("the IndexedDB outbox", () => {
  it("survives closing and reopening, as across a closed tab", async () => {
    const first = new IdbOutboxStore("reopened");
    await first.add("f", [op("a"), op("b")]);
    first.close();
    const second = new IdbOutboxStore("reopened");
    expect((await second.load("f")).map((o) => o.idempotencyKey)).toEqual(["a", "b"]);
  });
});
