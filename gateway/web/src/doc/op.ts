// Operations in their wire shape (the seeds' field names), and the
// properties each one writes, read the way extension/core/operation.cpp does.
import { isJsonObject, type Json, type JsonObject } from "./json";

export type OpType = "create" | "update" | "delete" | "move";

/** An op as this client sends it. */
export interface Op {
  id: string;
  idempotencyKey: string;
  operationType: OpType;
  objectId: string;
  propertyPath?: string | null;
  newValue?: Json;
  timestamp: number;
  clientId: string;
}

/** The fields of an op that decide what it does to a document. */
export type OpBody = Pick<Op, "operationType" | "objectId" | "propertyPath" | "newValue" | "timestamp" | "clientId">;

/** An applied op as the gateway relays it (broadcasts and catch-up), with its place in the file's order. */
export interface LoggedOp extends OpBody {
  seq: number;
  userId?: string | null;
  idempotencyKey?: string | null;
  /** A create of an object the file already had (deleted, or hidden under a deleted frame): see Document.mergeConfirmed. */
  objectExisted?: boolean;
}

/**
 * The properties a create, update or move writes, as one object; null for a
 * delete. A create's "id" is its objectId, not a property, and a move writes
 * parentId and index (both, when sent: checkOpShape), as the server reads them.
 */
export function writtenProperties(op: OpBody): JsonObject | null {
  switch (op.operationType) {
    case "delete":
      return null;
    case "create": {
      if (!isJsonObject(op.newValue)) return {};
      if (!Object.prototype.hasOwnProperty.call(op.newValue, "id")) return op.newValue;
      return Object.fromEntries(Object.entries(op.newValue).filter(([name]) => name !== "id"));
    }
    case "move": {
      // A move sent names both; one relayed (or acked) names only those that
      // won over newer values: the other is not written, not unset.
      const v = isJsonObject(op.newValue) ? op.newValue : {};
      return Object.fromEntries(["parentId", "index"].filter((name) => name in v).map((name) => [name, v[name]!]));
    }
    case "update":
      if (op.propertyPath != null) return Object.fromEntries([[op.propertyPath, op.newValue ?? null]]);
      return isJsonObject(op.newValue) ? op.newValue : {};
  }
}

/**
 * The idempotency key of an undelete (a create that brings back a deleted
 * object) ends so. The server needs only {type} to bring the object back
 * with all its registers, but a replica that loaded the file while it was
 * deleted has neither it nor what it hid (the sync document lists shown
 * objects only): seeing this on an object it lacks, it loads the file again.
 * The server keeps keys as they are; nothing else reads this. The server
 * marks such creates itself too (objectExisted), also those made in SQL or
 * by other clients with ordinary keys; the suffix covers an undelete kept in
 * the outbox across a reload, which is replayed before its ack says so.
 */
export const UNDELETE_KEY_SUFFIX = "~undelete";

export function isUndeleteKey(key: string | null | undefined): boolean {
  return typeof key === "string" && key.endsWith(UNDELETE_KEY_SUFFIX);
}
