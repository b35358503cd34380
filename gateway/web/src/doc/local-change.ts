// Turning one local edit into ops: each with its own id and idempotency key,
// this connection's client id, and a stamp of the hybrid logical clock. One
// edit shares one stamp (a 100,000-object paste must not run the clock 100 s
// ahead, past the server's clock guard); a property written twice in one
// edit gets a newer stamp the second time, since equal stamps are ordered by
// value, not by time. It also records what it changed, before and after,
// which is what undo needs.
import type { Document } from "./document";
import { jsonEqual, type Json, type JsonObject } from "./json";
import { newId } from "./ids";
import { UNDELETE_KEY_SUFFIX, type Op } from "./op";

export interface PropertyChange {
  before: Json;
  after: Json;
}

/** What one edit did to one object, as the user saw it. */
export interface ObjectChange {
  objectId: string;
  /** The object's type (an undelete has to name it). */
  type: string;
  /** Whether the object was known at all before (created now: it was not). */
  existedBefore: boolean;
  aliveBefore: boolean;
  aliveAfter: boolean;
  /** Properties written, with what they showed before (only for objects that existed before). */
  props: Map<string, PropertyChange>;
}

const TOMBSTONE = "\u0000tombstone";

export class LocalChange {
  readonly ops: Op[] = [];
  readonly changes = new Map<string, ObjectChange>();
  private stamp: number;
  // Per object, the properties written with the current stamp ("\u0000tombstone": its existence).
  private readonly written = new Map<string, Set<string>>();

  constructor(
    private readonly doc: Document,
    private readonly clientId: string,
    private readonly newKey: () => string = newId,
  ) {
    this.stamp = doc.clock.next();
  }

  /** A new object, or the re-creation of a deleted one (props must hold its type). */
  create(objectId: string, props: JsonObject): void {
    this.add("create", objectId, props, [...Object.keys(props), TOMBSTONE], { ...props });
  }

  /** Sets properties (null unsets one); values equal to what is shown are left out, and nothing left means no op. */
  update(objectId: string, props: JsonObject): void {
    const changed = Object.entries(props).filter(([name, v]) => !jsonEqual(this.doc.value(objectId, name), v));
    if (!changed.length) return;
    const newValue = Object.fromEntries(changed);
    const names = changed.map(([name]) => name);
    this.add("update", objectId, newValue, names, newValue);
  }

  delete(objectId: string): void {
    this.add("delete", objectId, undefined, [TOMBSTONE], {});
  }

  /** Brings back a deleted object with the registers it had (its key says so: see UNDELETE_KEY_SUFFIX). */
  undelete(objectId: string): void {
    const type = this.doc.value(objectId, "type");
    if (typeof type !== "string") throw new Error(`object "${objectId}" has no type to undelete it as`);
    this.add("create", objectId, { type }, ["type", TOMBSTONE], { type }, UNDELETE_KEY_SUFFIX);
  }

  /** Puts the object under parentId (null: the page) at index; a null index unsets it (an update, as moves need one). */
  move(objectId: string, parentId: string | null, index: string | null): void {
    if (jsonEqual(this.doc.value(objectId, "parentId"), parentId) && jsonEqual(this.doc.value(objectId, "index"), index))
      return;
    const placement = { parentId, index };
    if (index === null) this.add("update", objectId, placement, ["parentId", "index"], placement);
    else this.add("move", objectId, placement, ["parentId", "index"], placement);
  }

  private add(
    operationType: Op["operationType"],
    objectId: string,
    newValue: JsonObject | undefined,
    writes: string[],
    after: JsonObject,
    keySuffix = "",
  ): void {
    const seen = this.written.get(objectId);
    if (seen && writes.some((name) => seen.has(name))) {
      this.stamp = this.doc.clock.next();
      this.written.clear();
    }
    const key = this.newKey() + keySuffix;
    const op: Op = { id: key, idempotencyKey: key, operationType, objectId, timestamp: this.stamp, clientId: this.clientId };
    if (newValue !== undefined) op.newValue = newValue;

    const known = this.doc.get(objectId) !== undefined;
    const change: ObjectChange = this.changes.get(objectId) ?? {
      objectId,
      type: String(this.doc.value(objectId, "type") ?? after.type ?? ""),
      existedBefore: known,
      aliveBefore: known && this.doc.isAlive(objectId),
      aliveAfter: false,
      props: new Map(),
    };
    // An object this edit makes has no earlier values worth keeping: undoing deletes it.
    const before = change.existedBefore
      ? new Map(Object.keys(after).map((name) => [name, this.doc.value(objectId, name)] as const))
      : null;
    this.doc.addLocal(op); // throws, changing nothing, when the server would refuse it

    let names = this.written.get(objectId);
    if (!names) this.written.set(objectId, (names = new Set()));
    for (const name of writes) names.add(name);
    this.ops.push(op);
    if (before)
      for (const [name, value] of Object.entries(after)) {
        const prop = change.props.get(name);
        if (prop) prop.after = value;
        else change.props.set(name, { before: before.get(name) ?? null, after: value });
      }
    change.aliveAfter = this.doc.isAlive(objectId);
    this.changes.set(objectId, change);
  }
}

/**
 * Runs one local edit: every op is shown at once, and if one is refused the
 * ones before it are taken back, so an edit happens whole or not at all.
 */
export function makeChange(doc: Document, clientId: string, edit: (change: LocalChange) => void): LocalChange {
  return doc.batch(() => {
    const change = new LocalChange(doc, clientId);
    try {
      edit(change);
    } catch (e) {
      for (const op of [...change.ops].reverse()) doc.discardPending(op.idempotencyKey);
      throw e;
    }
    return change;
  });
}
