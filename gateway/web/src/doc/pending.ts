// This client's ops that the server has not acknowledged yet, and what they
// write. The document shows these values over the server's whatever their
// stamps: "your own unacknowledged value for a property shadows incoming
// values for that property until its ack arrives" (no flicker).
import type { Json } from "./json";
import { writtenProperties, type Op } from "./op";
import type { Register } from "./register";

interface Write<T> {
  op: Op;
  value: T;
}

interface ObjectWrites {
  props: Map<string, Write<Json>[]>;
  deleted: Write<boolean>[];
}

export class PendingOps {
  private readonly ops = new Map<string, Op>(); // by idempotency key, in the order they were made
  private readonly writes = new Map<string, ObjectWrites>();

  get size(): number {
    return this.ops.size;
  }

  has(key: string): boolean {
    return this.ops.has(key);
  }

  get(key: string): Op | undefined {
    return this.ops.get(key);
  }

  /** In the order they were made: the order to send them in. */
  all(): Op[] {
    return [...this.ops.values()];
  }

  add(op: Op): void {
    if (this.ops.has(op.idempotencyKey)) return;
    this.ops.set(op.idempotencyKey, op);
    let w = this.writes.get(op.objectId);
    if (!w) {
      w = { props: new Map(), deleted: [] };
      this.writes.set(op.objectId, w);
    }
    if (op.operationType === "delete") w.deleted.push({ op, value: true });
    if (op.operationType === "create") w.deleted.push({ op, value: false });
    for (const [name, value] of Object.entries(writtenProperties(op) ?? {})) {
      const list = w.props.get(name);
      if (list) list.push({ op, value });
      else w.props.set(name, [{ op, value }]);
    }
  }

  /** Forgets an op (acknowledged, or given up); returns it. */
  remove(key: string): Op | undefined {
    const op = this.ops.get(key);
    if (!op) return undefined;
    this.ops.delete(key);
    const w = this.writes.get(op.objectId)!;
    w.deleted = w.deleted.filter((x) => x.op !== op);
    for (const [name, list] of w.props) {
      const kept = list.filter((x) => x.op !== op);
      if (kept.length) w.props.set(name, kept);
      else w.props.delete(name);
    }
    if (!w.deleted.length && !w.props.size) this.writes.delete(op.objectId);
    return op;
  }

  /** Whether any pending op touches the object. */
  touches(objectId: string): boolean {
    return this.writes.has(objectId);
  }

  /** Sets into registers the latest pending write of each property the pending ops write on the object; returns it. */
  overlay(objectId: string, registers: Map<string, Register>): Map<string, Register> {
    const w = this.writes.get(objectId);
    if (w)
      for (const [name, list] of w.props) {
        const last = list[list.length - 1]!;
        registers.set(name, { v: last.value, t: last.op.timestamp, c: last.op.clientId });
      }
    return registers;
  }

  /** The latest pending create ({v: false}) or delete ({v: true}) of the object, as a tombstone register. */
  tombstone(objectId: string): Register | undefined {
    const list = this.writes.get(objectId)?.deleted;
    const last = list?.[list.length - 1];
    return last ? { v: last.value, t: last.op.timestamp, c: last.op.clientId } : undefined;
  }
}
