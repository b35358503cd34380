// The client's replica of one file. Two layers:
// - confirmed: the objects as the server has them, to this client's
//   knowledge (the sync document, then every applied op in seq order,
//   this client's own once acknowledged);
// - pending: this client's ops not acknowledged yet, shown over confirmed.
// What the UI and the renderer read is the visible object: confirmed with
// the pending writes on top.
import { applyOp, checkOp, MAX_TREE_DEPTH } from "./apply-op";
import { HybridClock } from "./clock";
import { compareText, jsonEqual, type Json, type JsonObject } from "./json";
import { isDeleted, valueOf, type ObjectLookup, type ObjectState } from "./object-state";
import { isUndeleteKey, writtenProperties, type LoggedOp, type Op, type OpBody } from "./op";
import { compareSiblings } from "./order";
import { PendingOps } from "./pending";
import { BASE_CLIENT, BASE_CLOCK, type Register } from "./register";
import { SyncedRegisters } from "./synced-registers";
import { TreeIndex } from "./tree-index";

/** What the server answered for one op (the `results` of an ack). */
export interface OpResult {
  status: "applied" | "superseded" | "duplicate" | "rejected";
  seq?: number | null;
  reason?: string;
  /** For an applied op of which some properties lost to newer values: the ones that took effect. */
  newValue?: Json;
  /** An applied create of an object the file already had (see LoggedOp). */
  objectExisted?: boolean;
}

/** A local edit the server would refuse: shown to the user, never sent. */
export class LocalEditError extends Error {
  override name = "LocalEditError";
}

/** The tombstone of every synced object (shared: registers are never changed in place). */
const LIVE_AT_BASE: Register = Object.freeze({ v: false, t: BASE_CLOCK, c: BASE_CLIENT });

export type ChangeListener = (changed: ReadonlySet<string>) => void;

function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** jsonb's key order (shorter first, then by bytes), so that objects() is the server's text too. */
function compareJsonbKeys(a: string, b: string): number {
  return utf8Length(a) - utf8Length(b) || compareText(a, b);
}

/** A document object as vellum.document() writes it: {id, type, ...values}, unset properties left out. */
export type DocumentObject = JsonObject & { id: string; type: string };

export class Document {
  readonly clock: HybridClock;
  private confirmed = new Map<string, ObjectState>();
  private readonly pending = new PendingOps();
  private readonly visible = new Map<string, ObjectState>();
  private readonly tree = new TreeIndex();
  // Keys of the ops this client made or replayed: the server's relay of
  // them is not news (they are skipped, or taken as their ack).
  private readonly ownKeys = new Set<string>();
  private baseSeq = 0;
  // Set when an applied op may have shown an object the confirmed layer does
  // not have (or has only writes of since the load): it was hidden or deleted
  // when the file was loaded (the sync document lists shown objects only), so
  // its other values are not here. Such ops: a new parent (a move out of a
  // deleted frame) and an undelete (see UNDELETE_KEY_SUFFIX). Other writes to
  // such an object leave it hidden: they are merged and wait. Set too by a
  // duplicate answer for an op applied since the load (see resolve).
  private reloadNeeded = false;
  private readonly listeners = new Set<ChangeListener>();
  private changed = new Set<string>();
  private batchDepth = 0;

  constructor(clock: HybridClock = new HybridClock()) {
    this.clock = clock;
  }

  // ---- reading ------------------------------------------------------------

  /** The visible object (registers and tombstone), deleted ones included; undefined when unknown. */
  get(id: string): ObjectState | undefined {
    return this.visible.get(id);
  }

  /** Every known object's id, deleted ones included. */
  ids(): IterableIterator<string> {
    return this.visible.keys();
  }

  /** The visible value of a property, null when unset. */
  value(id: string, name: string): Json {
    return valueOf(this.visible.get(id), name);
  }

  /** Known, typed and not deleted (it may still be hidden under a deleted ancestor). */
  isAlive(id: string): boolean {
    const state = this.visible.get(id);
    return state !== undefined && !isDeleted(state) && typeof valueOf(state, "type") === "string";
  }

  /** Alive, and so is every ancestor: what the server's document lists. */
  isShown(id: string): boolean {
    if (!this.isAlive(id)) return false;
    let current = id;
    for (let depth = 0; depth < MAX_TREE_DEPTH; depth++) {
      const up = valueOf(this.visible.get(current), "parentId");
      if (typeof up !== "string") return true;
      // An ancestor must be alive, typed included: one known only from writes
      // relayed since the load was hidden then, and stays so until a reload.
      if (!this.isAlive(up)) return false;
      current = up;
    }
    return false; // a cycle, which only corrupted data can hold
  }

  /** The live children of a container (null: the page), back to front. */
  children(parentId: string | null): string[] {
    return this.tree.children(parentId, (ids) =>
      ids
        .filter((id) => this.isAlive(id))
        .map((id) => {
          const index = this.value(id, "index");
          return { id, index: typeof index === "string" ? index : null };
        })
        .sort(compareSiblings)
        .map((p) => p.id),
    );
  }

  /** The file as vellum.document() lists its objects: shown objects, values only, sorted by id. */
  objects(): DocumentObject[] {
    const out: DocumentObject[] = [];
    for (const [id, state] of this.visible) {
      if (!this.isShown(id)) continue;
      const entries: [string, Json][] = [["id", id]];
      for (const [name, reg] of state.registers) if (reg.v !== null) entries.push([name, reg.v]);
      entries.sort(([a], [b]) => compareJsonbKeys(a, b));
      out.push(Object.fromEntries(entries) as DocumentObject);
    }
    return out.sort((a, b) => compareText(a.id, b.id));
  }

  /** Visible objects (deleted included) as a lookup, for the server's checks. */
  get lookup(): ObjectLookup {
    return this.visible;
  }

  /** This client's unacknowledged ops, in the order they were made. */
  pendingOps(): Op[] {
    return this.pending.all();
  }

  isPending(key: string): boolean {
    return this.pending.has(key);
  }

  /**
   * Whether an op may have shown an object this replica never had (see
   * reloadNeeded): the file must be loaded again to show it right. Clears it.
   */
  takeReloadNeeded(): boolean {
    const missing = this.reloadNeeded;
    this.reloadNeeded = false;
    return missing;
  }

  /** The seq of the sync document the confirmed layer was loaded from. */
  get loadedSeq(): number {
    return this.baseSeq;
  }

  // ---- changes --------------------------------------------------------------

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs fn with change events held back, then sends one event for all of it. */
  batch<T>(fn: () => T): T {
    this.batchDepth++;
    try {
      return fn();
    } finally {
      if (--this.batchDepth === 0) this.emit();
    }
  }

  /** Replaces the confirmed layer with a sync document; pending ops stay on top (they are sent again). */
  load(objects: readonly JsonObject[], seq: number): void {
    this.batch(() => {
      const before = [...this.visible.keys()];
      this.confirmed = new Map();
      for (const object of objects) {
        const id = object.id;
        if (typeof id !== "string") continue;
        this.confirmed.set(id, { registers: new SyncedRegisters(object), tombstone: LIVE_AT_BASE });
      }
      this.baseSeq = seq;
      this.reloadNeeded = false;
      for (const id of before) this.refresh(id);
      for (const id of this.confirmed.keys()) this.refresh(id);
    });
  }

  /**
   * Ops the server applied, in seq order (an `operation` message). This
   * client's own are not applied again: one still pending is taken as acknowledged.
   */
  applyRemote(ops: readonly LoggedOp[]): void {
    this.batch(() => {
      for (const op of ops) {
        this.clock.observe(op.timestamp);
        const key = op.idempotencyKey;
        if (key && this.ownKeys.has(key)) {
          // Relayed as logged: with only the properties that took effect.
          if (this.pending.has(key)) this.resolve(key, { status: "applied", seq: op.seq, newValue: op.newValue });
          continue;
        }
        this.mergeConfirmed(op);
      }
    });
  }

  /**
   * The server's answer for one of this client's ops. An applied op joins the
   * confirmed layer; a superseded or rejected one only stops shadowing. A
   * duplicate was applied before: it is already in a sync document loaded
   * after that, or else the file must be loaded again (takeReloadNeeded).
   */
  resolve(key: string, result: OpResult): Op | undefined {
    const op = this.pending.get(key);
    if (!op) return undefined;
    this.batch(() => {
      this.pending.remove(key);
      const seq = result.seq ?? 0;
      // An op kept from before the file was (re)loaded can be older than what
      // the load showed: only what took effect on the server joins.
      const taken = result.newValue !== undefined && op.propertyPath == null ? { ...op, newValue: result.newValue } : op;
      const applied = result.objectExisted ? { ...taken, objectExisted: true } : taken;
      // An op whose seq is not past the loaded document's is in it already,
      // with whatever came after it (an ack can arrive after a reload).
      const inLoaded = result.seq != null && seq <= this.baseSeq;
      // Applied since the load, its ack lost: a duplicate does not say which
      // of its properties took effect (only the lost ack did), so the file is loaded again.
      if (result.status === "duplicate" && seq > this.baseSeq) this.reloadNeeded = true;
      if (result.status === "applied" && !inLoaded) this.mergeConfirmed(applied);
      else this.refresh(op.objectId);
    });
    return op;
  }

  /** Why the server would refuse op now, or null. */
  check(op: Op): string | null {
    return checkOp(this.visible, op);
  }

  /** Shows a new local op at once (optimistic) and keeps it pending until its ack; refuses what the server would. */
  addLocal(op: Op): void {
    const why = this.check(op);
    if (why) throw new LocalEditError(why);
    this.addPending(op);
  }

  /** Ops made earlier (an outbox kept across a reload or reconnect): shown and pending again, unchecked. */
  restorePending(ops: readonly Op[]): void {
    this.batch(() => {
      for (const op of ops) this.addPending(op);
    });
  }

  /** Takes back a pending op that was never sent (a local change that failed halfway). */
  discardPending(key: string): void {
    this.resolve(key, { status: "rejected" });
  }

  private addPending(op: Op): void {
    this.clock.observe(op.timestamp);
    this.ownKeys.add(op.idempotencyKey);
    this.pending.add(op);
    this.refresh(op.objectId);
  }

  /** Merges an op the server applied into the confirmed layer. */
  private mergeConfirmed(op: OpBody & { idempotencyKey?: string | null; objectExisted?: boolean }): void {
    // Copied before it changes: the visible layer may share the old state.
    const state = this.confirmed.get(op.objectId);
    // Without a type, all this replica has of it are writes relayed since the load.
    const lacksIt = typeof valueOf(state, "type") !== "string";
    const moved = op.operationType !== "create" && "parentId" in (writtenProperties(op) ?? {});
    // A create of an object the server already had, when this replica lacks
    // it: the object's other values are on the server only.
    const revived = op.operationType === "create" && (op.objectExisted === true || isUndeleteKey(op.idempotencyKey));
    if (lacksIt && (moved || revived)) this.reloadNeeded = true;
    if (state) this.confirmed.set(op.objectId, { ...state, registers: new Map(state.registers) });
    applyOp(this.confirmed, op, "trust");
    this.refresh(op.objectId);
  }

  /** Recomputes one visible object from its two layers. */
  private refresh(id: string): void {
    const base = this.confirmed.get(id);
    const old = this.visible.get(id);
    // Without pending writes the visible object is the confirmed one, shared:
    // confirmed states are replaced, never changed in place.
    let next: ObjectState | undefined = base;
    if (this.pending.touches(id)) {
      const registers = this.pending.overlay(id, new Map(base?.registers));
      const tombstone = this.pending.tombstone(id) ?? base?.tombstone;
      next = tombstone ? { registers, tombstone } : { registers };
    }
    if (old === next) return;
    if (next) this.visible.set(id, next);
    else this.visible.delete(id);
    if (sameValues(old, next)) return; // only stamps moved (an ack): nothing to show
    this.tree.update(id, parentOf(old), parentOf(next), orderKey(old) !== orderKey(next));
    this.changed.add(id);
    if (this.batchDepth === 0) this.emit();
  }

  private emit(): void {
    if (!this.changed.size) return;
    const changed = this.changed;
    this.changed = new Set();
    for (const listener of this.listeners) listener(changed);
  }
}

function parentOf(state: ObjectState | undefined): string | null | undefined {
  if (!state) return undefined;
  const p = valueOf(state, "parentId");
  return typeof p === "string" ? p : null;
}

// What decides an object's place among its siblings, and whether it is listed.
function orderKey(state: ObjectState | undefined): string {
  if (!state) return "";
  const index = valueOf(state, "index");
  const type = valueOf(state, "type");
  return `${isDeleted(state)}|${typeof index === "string" ? index : "-"}|${typeof type === "string" ? type : "-"}`;
}

function sameValues(a: ObjectState | undefined, b: ObjectState | undefined): boolean {
  if (!a || !b) return a === b;
  if (isDeleted(a) !== isDeleted(b)) return false;
  if (a.registers.size !== b.registers.size) return false;
  for (const [name, reg] of a.registers) {
    const other = b.registers.get(name);
    if (!other || !jsonEqual(other.v, reg.v)) return false;
  }
  return true;
}

