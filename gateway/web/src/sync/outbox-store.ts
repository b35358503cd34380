// Where unacknowledged ops are kept so that they survive a closed tab: they
// are shown and sent again, with their original idempotency keys, when the
// file is opened next. IndexedDB in the browser (idb-outbox-store.ts); in
// memory for tests and where IndexedDB is missing.
import type { Op } from "../doc/op";

export interface OutboxStore {
  /** The file's kept ops, in the order they were made. */
  load(fileId: string): Promise<Op[]>;
  add(fileId: string, ops: readonly Op[]): Promise<void>;
  /** Forgets ops by idempotency key (acknowledged, or given up). */
  remove(fileId: string, keys: readonly string[]): Promise<void>;
}

export class MemoryOutboxStore implements OutboxStore {
  private readonly files = new Map<string, Map<string, Op>>();

  async load(fileId: string): Promise<Op[]> {
    return [...(this.files.get(fileId)?.values() ?? [])];
  }

  async add(fileId: string, ops: readonly Op[]): Promise<void> {
    let file = this.files.get(fileId);
    if (!file) this.files.set(fileId, (file = new Map()));
    for (const op of ops) file.set(op.idempotencyKey, op);
  }

  async remove(fileId: string, keys: readonly string[]): Promise<void> {
    const file = this.files.get(fileId);
    for (const key of keys) file?.delete(key);
  }
}
