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
}

/**
 * The properties a create, update or move writes, as one object; null for a
 * delete. A create's "id" is its objectId, not a property, and a move writes
 * exactly parentId and index, as the server reads them.
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
      const v = isJsonObject(op.newValue) ? op.newValue : {};
      return Object.fromEntries([
        ["parentId", v.parentId ?? null],
        ["index", v.index ?? null],
      ]);
    }
    case "update":
      if (op.propertyPath != null) return Object.fromEntries([[op.propertyPath, op.newValue ?? null]]);
      return isJsonObject(op.newValue) ? op.newValue : {};
  }
}
