// How one op changes a set of objects: a port of extension/core/document.cpp
// (Document::apply), so that the client's replica merges exactly like the
// server. "validate" also runs the server's checks, for local edits before
// they are shown and for test servers; "trust" merges an op the server
// already applied, whatever this replica knows of its context.
import { isJsonObject, type Json } from "./json";
import { isDeleted, valueOf, type ObjectLookup, type ObjectState } from "./object-state";
import { writtenProperties, type OpBody } from "./op";
import { compareRegisters, wins, type Register } from "./register";
import { isContainerType, isFractionalIndex, isObjectId, validateProperty } from "./schema";

/**
 * `effective`: for an applied create, update or move of which some properties
 * lost to newer values, the ones that won (what the server logs and relays).
 */
export type ApplyOutcome =
  | { status: "applied"; effective?: Record<string, Json> }
  | { status: "superseded" }
  | { status: "rejected"; reason: string };

export type ApplyMode = "validate" | "trust";

// Deep trees are legitimate, cycles are not: this bounds walks over data that
// a bug or a hand edit might have corrupted, as the extension does.
export const MAX_TREE_DEPTH = 10000;

const applied: ApplyOutcome = { status: "applied" };
const superseded: ApplyOutcome = { status: "superseded" };
const rejected = (reason: string): ApplyOutcome => ({ status: "rejected", reason });

function article(word: string): string {
  return /^[aeiou]/.test(word) ? "an" : "a";
}

/** Why objectId may not be given newParent, or null when it may. */
export function checkParent(objects: ObjectLookup, objectId: string, newParent: Json): string | null {
  if (newParent === null) return null;
  if (typeof newParent !== "string") return '"parentId" must be an object id or null';
  if (newParent === objectId) return `object "${objectId}" cannot be its own parent`;
  const parent = objects.get(newParent);
  if (!parent) return `parent "${newParent}" does not exist`;
  if (isDeleted(parent)) return `parent "${newParent}" is deleted`;
  const type = valueOf(parent, "type");
  if (!isContainerType(type)) {
    const kind = typeof type === "string" ? type : "object";
    return `parent "${newParent}" is ${article(kind)} ${kind}; only frames and groups hold children`;
  }
  let current = newParent;
  for (let depth = 0; depth < MAX_TREE_DEPTH; depth++) {
    const up = valueOf(objects.get(current), "parentId");
    if (typeof up !== "string") return null;
    if (up === objectId)
      return `moving "${objectId}" into "${newParent}" would make a cycle ("${newParent}" is inside "${objectId}")`;
    current = up;
  }
  return `the tree above "${newParent}" is deeper than ${MAX_TREE_DEPTH} levels`;
}

/** The checks parse_op makes on an op's own content (no document needed). */
export function checkOpShape(op: OpBody): string | null {
  if (!isObjectId(op.objectId)) return '"objectId" must be a string of 1 to 100 characters';
  if (!isObjectId(op.clientId)) return '"clientId" must be a string of 1 to 100 characters';
  if (!Number.isSafeInteger(op.timestamp) || op.timestamp < 0)
    return '"timestamp" must be a non-negative integer of milliseconds';
  switch (op.operationType) {
    case "create":
      if (!isJsonObject(op.newValue)) return 'a create op needs "newValue": an object of the new object\'s properties';
      if ("id" in op.newValue && op.newValue.id !== op.objectId) return '"newValue.id" differs from "objectId"';
      if (!("type" in op.newValue)) return 'a create op needs "newValue.type"';
      break;
    case "update":
      if (op.newValue === undefined) return 'an update op needs "newValue"';
      if (op.propertyPath == null) {
        if (!isJsonObject(op.newValue))
          return 'an update op without "propertyPath" needs "newValue" to be an object of properties';
        if (Object.keys(op.newValue).length === 0) return 'an update op with an empty "newValue" changes nothing';
      }
      break;
    case "move": {
      const v = op.newValue;
      if (!isJsonObject(v) || !("parentId" in v) || !("index" in v) || Object.keys(v).length !== 2)
        return 'a move op needs "newValue": {"parentId": id or null, "index": fractional index}, and only those';
      if (!isFractionalIndex(v.index)) return '"index" must be a fractional index: a move places the object';
      break;
    }
    case "delete":
      return null;
  }
  const props = writtenProperties(op) ?? {};
  for (const [name, value] of Object.entries(props)) {
    const why = validateProperty(name, value);
    if (why) return why;
  }
  return null;
}

function typeChange(existing: ObjectState | undefined, props: Record<string, Json>): string | null {
  if (!existing || !("type" in props)) return null;
  const current = valueOf(existing, "type");
  if (current === null || current === props.type) return null;
  return `the type of an object cannot change (it is ${String(current)}); create a new object instead`;
}

interface Merged {
  any: boolean;
  all: boolean;
  won: Record<string, Json>;
}

function mergeProperties(state: ObjectState, props: Record<string, Json>, t: number, c: string): Merged {
  const merged: Merged = { any: false, all: true, won: {} };
  for (const [name, v] of Object.entries(props)) {
    const candidate: Register = { v, t, c };
    if (wins(candidate, state.registers.get(name))) {
      state.registers.set(name, candidate);
      merged.won[name] = v;
      merged.any = true;
    } else {
      merged.all = false;
    }
  }
  return merged;
}

function mergedOutcome(isApplied: boolean, merged: Merged): ApplyOutcome {
  if (!isApplied) return superseded;
  return merged.all ? applied : { status: "applied", effective: merged.won };
}

function stateFor(objects: Map<string, ObjectState>, id: string): ObjectState {
  let state = objects.get(id);
  if (!state) {
    state = { registers: new Map() };
    objects.set(id, state);
  }
  return state;
}

/**
 * Why the server would reject op against objects, or null when it would not;
 * applies nothing. (A create that loses to a newer delete is superseded rather
 * than checked further: applyOp tells that.)
 */
export function checkOp(objects: ObjectLookup, op: OpBody): string | null {
  const shape = checkOpShape(op);
  if (shape) return shape;
  const existing = objects.get(op.objectId);
  const props = writtenProperties(op) ?? {};
  if (op.operationType !== "create") {
    if (!existing) return `object "${op.objectId}" does not exist`;
    if (op.operationType === "delete") return null;
    if (isDeleted(existing)) return `object "${op.objectId}" is deleted`;
  }
  return typeChange(existing, props) ?? ("parentId" in props ? checkParent(objects, op.objectId, props.parentId!) : null);
}

/** Applies op to objects (mutating them) as the extension would; nothing changes unless it is applied. */
export function applyOp(objects: Map<string, ObjectState>, op: OpBody, mode: ApplyMode): ApplyOutcome {
  const validate = mode === "validate";
  const existing = objects.get(op.objectId);
  const props = writtenProperties(op);
  const t = op.timestamp;
  const c = op.clientId;
  if (validate && !(op.operationType === "create" && isDeleted(existing))) {
    const why = checkOp(objects, op);
    if (why) return rejected(why);
  }
  switch (op.operationType) {
    case "create": {
      const p = props ?? {};
      const alive: Register = { v: false, t, c };
      let undelete = false;
      if (existing && isDeleted(existing)) {
        // Re-creating a deleted object is an undo of the delete: it wins
        // only when it is newer than the delete (and is checked only then,
        // in the extension's order).
        if (validate) {
          const why = checkOpShape(op) ?? typeChange(existing, p);
          if (why) return rejected(why);
        }
        if (compareRegisters(alive, existing.tombstone!) <= 0) return superseded;
        if (validate) {
          const why = checkOp(objects, op);
          if (why) return rejected(why);
        }
        undelete = true;
      }
      const state = stateFor(objects, op.objectId);
      const merged = mergeProperties(state, p, t, c);
      let anyWon = merged.any || undelete;
      if (wins(alive, state.tombstone)) {
        state.tombstone = alive;
        anyWon ||= !existing;
      }
      return mergedOutcome(anyWon, merged);
    }
    case "update":
    case "move": {
      const merged = mergeProperties(stateFor(objects, op.objectId), props ?? {}, t, c);
      return mergedOutcome(merged.any, merged);
    }
    case "delete": {
      const tombstone: Register = { v: true, t, c };
      const state = stateFor(objects, op.objectId);
      if (!wins(tombstone, state.tombstone)) return superseded;
      state.tombstone = tombstone;
      return applied;
    }
  }
}
