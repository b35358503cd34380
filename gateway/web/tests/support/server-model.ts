// A stand-in for the extension in tests: ops validated and merged by the
// client's port of its rules (src/doc/apply-op.ts), idempotency keys, and a
// seq per applied op, as vellum.apply_ops does.
import { applyOp, MAX_TREE_DEPTH } from "../../src/doc/apply-op";
import { compareText, type Json, type JsonObject } from "../../src/doc/json";
import { isDeleted, valueOf, type ObjectState } from "../../src/doc/object-state";
import type { LoggedOp, Op } from "../../src/doc/op";

export interface ServerResult {
  id: string;
  status: "applied" | "superseded" | "duplicate" | "rejected";
  seq: number | null;
  reason?: string;
  newValue?: Json;
}

export class ServerModel {
  readonly objects = new Map<string, ObjectState>();
  readonly log: LoggedOp[] = [];
  private readonly keys = new Map<string, number>();
  seq = 0;

  apply(ops: readonly Op[], userId = "user"): ServerResult[] {
    return ops.map((op) => {
      const seen = this.keys.get(op.idempotencyKey);
      if (seen !== undefined) return { id: op.id, status: "duplicate", seq: seen };
      const out = applyOp(this.objects, op, "validate");
      if (out.status === "rejected") return { id: op.id, status: "rejected", seq: null, reason: out.reason };
      if (out.status === "superseded") return { id: op.id, status: "superseded", seq: null };
      const seq = ++this.seq;
      this.keys.set(op.idempotencyKey, seq);
      this.log.push({
        seq,
        operationType: op.operationType,
        objectId: op.objectId,
        propertyPath: op.propertyPath ?? null,
        // As the extension logs it: only what took effect.
        newValue: out.effective ?? op.newValue ?? null,
        timestamp: op.timestamp,
        clientId: op.clientId,
        userId,
        idempotencyKey: op.idempotencyKey,
      });
      return out.effective ? { id: op.id, status: "applied", seq, newValue: out.effective } : { id: op.id, status: "applied", seq };
    });
  }

  changesSince(afterSeq: number): LoggedOp[] {
    return this.log.filter((op) => op.seq > afterSeq);
  }

  /** What vellum.document() lists: live objects whose ancestors are live, values only, sorted by id. */
  document(): JsonObject[] {
    const out: JsonObject[] = [];
    for (const [id, state] of this.objects) {
      if (isDeleted(state) || this.hidden(id)) continue;
      const entries: [string, Json][] = [["id", id]];
      for (const [name, reg] of state.registers) if (reg.v !== null) entries.push([name, reg.v]);
      out.push(Object.fromEntries(entries));
    }
    return out.sort((a, b) => compareText(a.id as string, b.id as string));
  }

  private hidden(id: string): boolean {
    let node = this.objects.get(id);
    for (let depth = 0; node && depth < MAX_TREE_DEPTH; depth++) {
      const up = valueOf(node, "parentId");
      if (typeof up !== "string") return false;
      node = this.objects.get(up);
      if (!node || isDeleted(node)) return true;
    }
    return true;
  }
}
