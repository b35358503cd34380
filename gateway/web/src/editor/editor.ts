// The Editor: one open file, as a plain object that the UI and the renderer
// talk to (React only shows it). It ties together the Document (what is
// shown), the History (undo/redo of this client's own changes) and the
// SyncClient (the gateway), and holds the selection.
import { HybridClock } from "../doc/clock";
import { Document, LocalEditError, type DocumentObject } from "../doc/document";
import { newId } from "../doc/ids";
import type { Json, JsonObject } from "../doc/json";
import { makeChange, type LocalChange } from "../doc/local-change";
import type { ObjectState } from "../doc/object-state";
import type { ObjectType } from "../doc/schema";
import { History } from "../history/history";
import type { Access, CommentPush, Cursor, PresenceEntry, Viewport } from "../sync/messages";
import { MemoryOutboxStore, type OutboxStore } from "../sync/outbox-store";
import { IdbOutboxStore } from "../sync/idb-outbox-store";
import { takeEarlySocket } from "../sync/early-socket";
import { browserSocket, gatewaySocketUrl, type SocketFactory } from "../sync/socket";
import { SyncClient, type ConnectionState, type Signal, type Timers } from "../sync/sync-client";
import { indexesFor } from "./placement";

/** A new object: its type and properties (server names); id, parent and index are chosen when left out. */
export type ObjectSpec = { type: ObjectType; id?: string; parentId?: string | null; index?: string } & {
  [property: string]: Json | undefined;
};

export type EditorEvent =
  | { type: "document"; changed: ReadonlySet<string> }
  | { type: "selection"; selection: ReadonlySet<string> }
  | { type: "history"; canUndo: boolean; canRedo: boolean }
  /** this user changed the file (an edit, an undo or a redo), which others' changes do not send */
  | { type: "edited" }
  | { type: "connection"; state: ConnectionState }
  | { type: "access"; access: Access; readOnly: boolean }
  | { type: "presence"; peers: ReadonlyMap<string, PresenceEntry> }
  | { type: "problem"; message: string }
  /** Someone's comment on this file changed (the comments store fetches it). */
  | { type: "comment"; comment: CommentPush };

export interface EditorOptions {
  fileId: string;
  /** The gateway's WebSocket URL; by default /ws beside the page. */
  url?: string;
  connect?: SocketFactory;
  /** Where unsent changes are kept; by default IndexedDB, or memory where there is none. */
  store?: OutboxStore;
  online?: Signal;
  visible?: Signal;
  timers?: Timers;
  random?: () => number;
  /** The wall clock of the hybrid logical clock (tests). */
  now?: () => number;
}

/** An edit tried by a viewer. */
export class ReadOnlyError extends LocalEditError {}

function pageWindow(): Window | undefined {
  return typeof window === "undefined" ? undefined : window;
}

/** A browser fact and the events that change it; none outside a browser. */
function browserSignal(target: EventTarget | undefined, events: string, read: () => boolean): Signal | undefined {
  if (target === undefined) return undefined;
  return {
    get: read,
    subscribe(onChange) {
      for (const name of events.split(" ")) target.addEventListener(name, onChange);
      return () => {
        for (const name of events.split(" ")) target.removeEventListener(name, onChange);
      };
    },
  };
}

export class Editor {
  readonly fileId: string;
  readonly doc: Document;
  private readonly history: History;
  private readonly sync: SyncClient;
  private readonly listeners = new Set<(event: EditorEvent) => void>();
  private selected = new Set<string>();
  private peersValue: ReadonlyMap<string, PresenceEntry> = new Map();
  private colorValue: string | null = null;
  private cursor: Cursor | null = null;
  private viewport: Viewport | null = null;
  private openGestures = 0;

  constructor(options: EditorOptions) {
    this.fileId = options.fileId;
    this.doc = new Document(new HybridClock(options.now));
    this.history = new History(this.doc);
    this.sync = new SyncClient({
      url: options.url ?? gatewaySocketUrl(pageWindow()!.location),
      fileId: options.fileId,
      doc: this.doc,
      store: options.store ?? (typeof indexedDB === "undefined" ? new MemoryOutboxStore() : new IdbOutboxStore()),
      // The page's entry point may have connected and subscribed already.
      connect: options.connect ?? ((url) => takeEarlySocket(url, options.fileId) ?? browserSocket(url)),
      timers: options.timers,
      random: options.random,
      online: options.online ?? browserSignal(pageWindow(), "online offline", () => navigator.onLine),
      visible:
        options.visible ?? browserSignal(pageWindow()?.document, "visibilitychange", () => document.visibilityState === "visible"),
    });
    this.doc.subscribe((changed) => this.onDocumentChange(changed));
    this.sync.subscribe((event) => {
      switch (event.type) {
        case "state":
          return this.emit({ type: "connection", state: event.state });
        case "synced":
          this.colorValue = event.color;
          return;
        case "access":
          return this.emit({ type: "access", access: event.access, readOnly: this.readOnly });
        case "presence":
          this.peersValue = new Map(event.peers);
          return this.emit({ type: "presence", peers: this.peersValue });
        case "rejected":
          return this.emit({ type: "problem", message: `A change was not saved: ${event.reason}` });
        case "error":
          return this.emit({ type: "problem", message: event.message });
        case "comment":
          return this.emit({ type: "comment", comment: event.comment });
      }
    });
  }

  /** Shows what was kept from an earlier session and connects. */
  start(): Promise<void> {
    return this.sync.start();
  }

  close(): void {
    this.sync.stop();
  }

  subscribe(listener: (event: EditorEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- reading -------------------------------------------------------------

  get connection(): ConnectionState {
    return this.sync.state;
  }

  get access(): Access | null {
    return this.sync.access;
  }

  /** A viewer sees everything live but makes no changes (its client sends no ops). */
  get readOnly(): boolean {
    return this.sync.access === "view";
  }

  /** Whether the file has been loaded once, so that edits can be made. */
  get ready(): boolean {
    return this.sync.clientId !== null;
  }

  get clientId(): string | null {
    return this.sync.clientId;
  }

  /** This user's colour in the file (for its own cursor and selection as others see them). */
  get color(): string | null {
    return this.colorValue;
  }

  /** Everyone else in the file: cursor, selection, viewport, name and colour. */
  get peers(): ReadonlyMap<string, PresenceEntry> {
    return this.peersValue;
  }

  /** The last seq of the file's log this client has seen. */
  get seq(): number {
    return this.sync.seq;
  }

  /** This user's camera, as last given to setPresence (null before the canvas set one). */
  get ownViewport(): Viewport | null {
    return this.viewport;
  }

  /** Unacknowledged changes. */
  pending(): number {
    return this.doc.pendingOps().length;
  }

  /** The document as vellum.document() lists its objects. */
  objects(): DocumentObject[] {
    return this.doc.objects();
  }

  get(id: string): ObjectState | undefined {
    return this.doc.get(id);
  }

  value(id: string, property: string): Json {
    return this.doc.value(id, property);
  }

  /** A container's live children (null: the page), back to front. */
  children(parentId: string | null): string[] {
    return this.doc.children(parentId);
  }

  get selection(): ReadonlySet<string> {
    return this.selected;
  }

  get canUndo(): boolean {
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  // ---- editing -------------------------------------------------------------

  /** Creates objects in one change (one undo step), each on top of its parent's children unless given an index. */
  createObjects(specs: readonly ObjectSpec[]): string[] {
    const ids = specs.map((spec) => spec.id ?? newId());
    this.change((c) => {
      const byParent = new Map<string | null, number[]>();
      specs.forEach((spec, i) => {
        if (spec.index !== undefined) return;
        const parent = spec.parentId ?? null;
        byParent.set(parent, [...(byParent.get(parent) ?? []), i]);
      });
      const indexes = new Map<number, string>();
      for (const [parent, members] of byParent) {
        const keys = indexesFor(this.doc, parent, members.length);
        members.forEach((i, k) => indexes.set(i, keys[k]!));
      }
      specs.forEach((spec, i) => {
        const { id: _id, parentId, index, ...props } = spec;
        const values: JsonObject = {};
        for (const [name, v] of Object.entries(props)) if (v !== undefined) values[name] = v;
        if (parentId) values.parentId = parentId;
        values.index = index ?? indexes.get(i)!;
        c.create(ids[i]!, values);
      });
    });
    return ids;
  }

  /** Sets properties of one object (null unsets one). */
  update(id: string, props: JsonObject): void {
    this.change((c) => c.update(id, props));
  }

  /** Sets properties of several objects in one change. */
  updateMany(updates: readonly { id: string; props: JsonObject }[]): void {
    this.change((c) => {
      for (const { id, props } of updates) c.update(id, props);
    });
  }

  /** Deletes objects (a container's children go with it, and come back with its undo). */
  delete(ids: Iterable<string>): void {
    const list = [...ids].filter((id) => this.doc.isAlive(id));
    this.change((c) => {
      for (const id of list) c.delete(id);
    });
  }

  /**
   * Puts objects under parentId (null: the page), keeping their order, just
   * below the sibling `before`, or on top of all when it is left out. A move
   * into a non-container or into its own subtree is refused.
   */
  moveTo(ids: readonly string[], parentId: string | null, before?: string): void {
    const moving = new Set(ids);
    this.change((c) => {
      const keys = indexesFor(this.doc, parentId, ids.length, before, moving);
      ids.forEach((id, i) => c.move(id, parentId, keys[i]!));
    });
  }

  bringToFront(ids: readonly string[]): void {
    this.transact(() => {
      for (const [parent, members] of this.byParent(ids)) this.moveTo(members, parent);
    });
  }

  sendToBack(ids: readonly string[]): void {
    this.transact(() => {
      for (const [parent, members] of this.byParent(ids)) {
        const first = this.doc.children(parent).find((id) => !members.includes(id));
        if (first !== undefined) this.moveTo(members, parent, first);
      }
    });
  }

  /**
   * Runs an edit of the caller's as one change (one undo step, sent like any
   * other): a version restore writes what it computed from the document.
   */
  edit(write: (change: LocalChange) => void): void {
    this.change(write);
  }

  /**
   * Opens one undo step that spans many events (a drag, a field being typed
   * into): every change until the matching endGesture is undone at once. Ops
   * still go out as it goes. Gestures nest; a viewer's are ignored.
   */
  beginGesture(): void {
    if (this.readOnly) return;
    this.history.begin();
    this.openGestures++;
  }

  /** Closes the innermost open gesture; without one it does nothing. */
  endGesture(): void {
    if (this.openGestures === 0) return;
    this.openGestures--;
    this.history.end();
    this.emitHistory();
  }

  /** Runs fn as one undo step: a drag, a typed value, a paste (its ops still go out as it goes). */
  transact<T>(fn: () => T): T {
    this.history.begin();
    try {
      return fn();
    } finally {
      this.history.end();
      this.emitHistory();
    }
  }

  undo(): boolean {
    return this.step(() => this.history.undo(this.requireClientId()));
  }

  redo(): boolean {
    return this.step(() => this.history.redo(this.requireClientId()));
  }

  // ---- selection and presence ------------------------------------------------

  select(ids: Iterable<string>): void {
    const next = new Set([...ids].filter((id) => this.doc.isShown(id)));
    if (next.size === this.selected.size && [...next].every((id) => this.selected.has(id))) return;
    this.selected = next;
    this.emit({ type: "selection", selection: this.selected });
    this.sendPresence();
  }

  /** Where this user's pointer and view are, for the others (sent at most every 50 ms). */
  setPresence(presence: { cursor?: Cursor | null; viewport?: Viewport | null }): void {
    if (presence.cursor !== undefined) this.cursor = presence.cursor;
    if (presence.viewport !== undefined) this.viewport = presence.viewport;
    this.sendPresence();
  }

  // ---- plumbing ------------------------------------------------------------

  private sendPresence(): void {
    this.sync.setPresence({ cursor: this.cursor, selection: [...this.selected], viewport: this.viewport });
  }

  private requireClientId(): string {
    if (this.readOnly) throw new ReadOnlyError("you can view this file but not edit it");
    const clientId = this.sync.clientId;
    if (clientId === null) throw new LocalEditError("the file is not loaded yet");
    return clientId;
  }

  private change(edit: (c: LocalChange) => void): void {
    const change = makeChange(this.doc, this.requireClientId(), edit);
    this.history.record(change.changes);
    this.sync.send(change.ops);
    this.emitHistory();
    if (change.ops.length) this.emit({ type: "edited" });
  }

  private step(run: () => LocalChange | null): boolean {
    const change = run();
    if (change) this.sync.send(change.ops);
    this.emitHistory();
    if (change?.ops.length) this.emit({ type: "edited" });
    return change !== null;
  }

  private byParent(ids: readonly string[]): Map<string | null, string[]> {
    const out = new Map<string | null, string[]>();
    for (const id of ids) {
      const p = this.doc.value(id, "parentId");
      const parent = typeof p === "string" ? p : null;
      out.set(parent, [...(out.get(parent) ?? []), id]);
    }
    // Their current order, back to front, is kept.
    for (const [parent, members] of out) out.set(parent, this.doc.children(parent).filter((id) => members.includes(id)));
    return out;
  }

  private onDocumentChange(changed: ReadonlySet<string>): void {
    this.emit({ type: "document", changed });
    // What someone else deleted cannot stay selected.
    const kept = [...this.selected].filter((id) => this.doc.isShown(id));
    if (kept.length !== this.selected.size) this.select(kept);
  }

  private emitHistory(): void {
    this.emit({ type: "history", canUndo: this.history.canUndo, canRedo: this.history.canRedo });
  }

  private emit(event: EditorEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
