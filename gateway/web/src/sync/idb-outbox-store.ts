// The outbox in IndexedDB: one record per op, found by file in the order
// the ops were made.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { Op } from "../doc/op";
import type { OutboxStore } from "./outbox-store";

interface OutboxRecord {
  key: string;
  fileId: string;
  order: number;
  op: Op;
}

interface OutboxSchema extends DBSchema {
  outbox: { key: string; value: OutboxRecord; indexes: { byFile: [string, number] } };
}

export class IdbOutboxStore implements OutboxStore {
  private db: Promise<IDBPDatabase<OutboxSchema>> | null = null;
  private counter = 0;

  constructor(private readonly name = "vellum-outbox") {}

  private open(): Promise<IDBPDatabase<OutboxSchema>> {
    this.db ??= openDB<OutboxSchema>(this.name, 1, {
      upgrade(db) {
        db.createObjectStore("outbox", { keyPath: "key" }).createIndex("byFile", ["fileId", "order"]);
      },
    });
    return this.db;
  }

  async load(fileId: string): Promise<Op[]> {
    const db = await this.open();
    const range = IDBKeyRange.bound([fileId, -Infinity], [fileId, Infinity]);
    const records = await db.getAllFromIndex("outbox", "byFile", range);
    return records.map((r) => r.op);
  }

  async add(fileId: string, ops: readonly Op[]): Promise<void> {
    if (!ops.length) return;
    const db = await this.open();
    const tx = db.transaction("outbox", "readwrite");
    for (const op of ops) {
      // Milliseconds then a counter: in order within a tab and across reloads.
      const order = Date.now() * 1024 + (this.counter++ % 1024);
      void tx.store.put({ key: op.idempotencyKey, fileId, order, op });
    }
    await tx.done;
  }

  async remove(_fileId: string, keys: readonly string[]): Promise<void> {
    if (!keys.length) return;
    const db = await this.open();
    const tx = db.transaction("outbox", "readwrite");
    for (const key of keys) void tx.store.delete(key);
    await tx.done;
  }

  close(): void {
    void this.db?.then((db) => db.close());
    this.db = null;
  }
}
