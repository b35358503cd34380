// The WebSocket client of one open file: subscribes, keeps the Document in
// step with the gateway (sync, ops in seq order, catch-up over holes, resync),
// sends this client's ops and keeps them in the outbox until acknowledged
// (replayed with their original idempotency keys after a reconnect or a
// reload, so nothing is applied twice and nothing is lost), reconnects with
// backoff, and carries presence.
import type { Document } from "../doc/document";
import { writtenProperties, type Op } from "../doc/op";
import { reconnectDelay } from "./backoff";
import {
  clientMessage,
  parseServerMessage,
  type Access,
  type CommentPush,
  type OperationPayload,
  type Presence,
  type PresenceEntry,
  type ServerMessage,
  type SyncPayload,
  type WireOpResult,
} from "./messages";
import type { OutboxStore } from "./outbox-store";
import { SeqTracker } from "./seq-tracker";
import { SOCKET_OPEN, type SocketFactory, type SocketLike } from "./socket";

export type ConnectionState =
  | { status: "connecting"; unsent: number }
  | { status: "connected"; unsent: number }
  | { status: "reconnecting"; attempt: number; retryAt: number; unsent: number }
  | { status: "offline"; unsent: number }
  | { status: "closed"; reason: string; unsent: number };

export type SyncEvent =
  | { type: "state"; state: ConnectionState }
  | { type: "synced"; access: Access; clientId: string; color: string }
  | { type: "access"; access: Access }
  | { type: "presence"; peers: ReadonlyMap<string, PresenceEntry> }
  | { type: "rejected"; op: Op; reason: string }
  | { type: "error"; code: string; message: string }
  | { type: "comment"; comment: CommentPush };

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Whether the browser believes it is online or the tab visible, and when that changes. */
export interface Signal {
  get(): boolean;
  subscribe(onChange: () => void): () => void;
}

export interface SyncClientOptions {
  url: string;
  fileId: string;
  doc: Document;
  store: OutboxStore;
  connect: SocketFactory;
  timers?: Timers;
  random?: () => number;
  online?: Signal;
  visible?: Signal;
}

/** The browser's (or Node's) clock and timers. */
export const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

const always: Signal = { get: () => true, subscribe: () => () => {} };

// The gateway's limits are 1000 ops and 1 MiB per message, and 200 messages
// a second per connection: stay inside all three, even for a 100,000-object paste.
const MAX_OPS_PER_MESSAGE = 1000;
const MAX_MESSAGE_CHARS = 900 * 1024;
const MAX_MESSAGES_PER_SEND = 5;
/** Ops go out at most this often: a drag's moves in between are merged into one op. */
export const SEND_INTERVAL_MS = 40;
const MAX_SELECTION = 1000;
/** The gateway sends presence every 50 ms at most; sending faster is wasted. */
export const PRESENCE_INTERVAL_MS = 50;
/** An op sent but not acknowledged by then is sent again (its key makes that safe); a big paste can take the database a while. */
export const ACK_TIMEOUT_MS = 30_000;
/** The gateway drops a connection idle for 60 s; a ping keeps it, and silence past the deadline means it is gone. */
export const PING_INTERVAL_MS = 20_000;
export const SILENCE_LIMIT_MS = 45_000;
/** An ack may arrive just after the next broadcast: a hole must last this long before catch-up is asked. */
export const GAP_GRACE_MS = 250;
/** A connection not subscribed by then (open and synced) is given up and tried again. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** After `unavailable` or `rate_limited`, ops wait this long before they are sent again. */
export const RETRY_SEND_MS = 1000;

export class SyncClient {
  private readonly doc: Document;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly online: Signal;
  private readonly visible: Signal;
  private readonly tracker = new SeqTracker();
  private readonly listeners = new Set<(event: SyncEvent) => void>();
  private readonly peers = new Map<string, PresenceEntry>();
  private readonly unsubscribers: (() => void)[] = [];

  private socket: SocketLike | null = null;
  private stateValue: ConnectionState = { status: "connecting", unsent: 0 };
  private subscribed = false;
  private stopped = false;
  private attempt = 0;
  private requestCounter = 0;
  private clientIdValue: string | null = null;
  private accessValue: Access | null = null;

  // Ops sent on this connection and not acknowledged yet: key -> when sent.
  private readonly inFlight = new Map<string, number>();
  // Which keys each operation message carried, for an error that names it.
  private readonly batches = new Map<string, string[]>();
  // Keys that may have reached the gateway (sent now or in an earlier session): never merged away.
  private readonly maybeSent = new Set<string>();
  // Keys of ops given up because the gateway answered `rejected`: a resend
  // may still have been applied (an earlier message it depended on failed,
  // `unavailable`, and went again after it).
  private readonly rejectedKeys = new Set<string>();
  private lastSend = -Infinity;
  private catchupAfter: number | null = null;

  private presence: Presence = { cursor: null, selection: [], viewport: null };
  private presenceSentAt = -Infinity;
  private presenceDirty = false;

  private readonly timerHandles = new Map<string, unknown>();
  private lastHeard = 0;

  constructor(private readonly options: SyncClientOptions) {
    this.doc = options.doc;
    this.timers = options.timers ?? realTimers;
    this.random = options.random ?? Math.random;
    this.online = options.online ?? always;
    this.visible = options.visible ?? always;
  }

  // ---- what the editor uses ------------------------------------------------

  get state(): ConnectionState {
    return this.stateValue;
  }

  /** This connection's client id (the gateway gives one per connection); null before the first sync. */
  get clientId(): string | null {
    return this.clientIdValue;
  }

  get access(): Access | null {
    return this.accessValue;
  }

  get seq(): number {
    return this.tracker.seq;
  }

  subscribe(listener: (event: SyncEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Shows the ops kept from an earlier session, then connects. */
  async start(): Promise<void> {
    this.unsubscribers.push(
      this.online.subscribe(() => this.onNetworkChange()),
      this.visible.subscribe(() => {
        // Coming back to a tab: do not sit out a long hidden-tab backoff.
        if (this.visible.get() && this.stateValue.status === "reconnecting") this.connect();
      }),
    );
    // The connection and what this device kept are fetched at once: opening a
    // file waits for neither in turn. Kept ops go out as soon as both are there.
    this.connect();
    let kept: Op[] = [];
    try {
      kept = await this.options.store.load(this.options.fileId);
    } catch (e) {
      // IndexedDB refused (a private window, a full disk): edit on without what it kept.
      this.emit({ type: "error", code: "outbox", message: `changes kept on this device could not be read: ${String(e)}` });
    }
    if (this.stopped || !kept.length) return;
    this.doc.restorePending(kept);
    for (const op of kept) this.maybeSent.add(op.idempotencyKey);
    this.setState({ ...this.stateValue, unsent: this.unsent() });
    this.flush();
  }

  /** Closes the connection for good (the file was closed). Kept ops stay in the outbox. */
  stop(): void {
    this.stopped = true;
    for (const off of this.unsubscribers.splice(0)) off();
    for (const name of [...this.timerHandles.keys()]) this.clearTimer(name);
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      if (socket.readyState === SOCKET_OPEN) socket.send(clientMessage({ type: "unsubscribe", payload: {} }));
      socket.close(1000, "file closed");
    }
    this.setState({ status: "closed", reason: "closed", unsent: this.unsent() });
  }

  /** New local ops (already shown by the Document): kept in the outbox and sent. */
  send(ops: readonly Op[]): void {
    if (!ops.length) return;
    this.persist(this.options.store.add(this.options.fileId, ops));
    if (!this.timerHandles.has("flush")) {
      // Never at once, at the earliest after this task: the changes of one edit
      // (a move and the new place it keeps, say) go in one message and so in
      // one commit, and nobody sees the edit half done.
      const wait = Math.max(0, this.lastSend + SEND_INTERVAL_MS - this.timers.now());
      this.setTimer("flush", wait, () => this.flush());
    }
    this.setState({ ...this.stateValue, unsent: this.unsent() });
  }

  /** Where this user's cursor, selection and viewport are; sent at most every 50 ms. */
  setPresence(presence: Partial<Presence>): void {
    this.presence = { ...this.presence, ...presence };
    this.presenceDirty = true;
    this.sendPresence();
  }

  // ---- connection ----------------------------------------------------------

  private connect(): void {
    if (this.stopped) return;
    this.clearTimer("reconnect");
    if (!this.online.get()) {
      this.setState({ status: "offline", unsent: this.unsent() });
      return;
    }
    this.dropSocket();
    this.setState({ status: "connecting", unsent: this.unsent() });
    let socket: SocketLike;
    try {
      socket = this.options.connect(this.options.url);
    } catch (e) {
      this.emit({ type: "error", code: "connect_failed", message: (e as Error).message });
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    let opened = false;
    const giveUpOn = () => {
      if (this.socket !== socket) return;
      this.dropSocket();
      this.lostConnection();
    };
    // A handshake that hangs (a proxy, a half-dead gateway) must not hold the client for ever.
    this.setTimer("connect", CONNECT_TIMEOUT_MS, () => {
      if (!this.subscribed) giveUpOn();
    });
    socket.onopen = () => {
      if (this.socket !== socket) return;
      opened = true;
      this.lastHeard = this.timers.now();
      if (socket.subscribedTo !== this.options.fileId) this.subscribeToFile();
      this.startHeartbeat();
    };
    socket.onmessage = (event) => {
      if (this.socket !== socket) return;
      this.lastHeard = this.timers.now();
      this.receive(event.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.lostConnection();
    };
    socket.onerror = () => {
      // Browsers follow with a close event, which decides what happens next;
      // Node's WebSocket does not when the connection is refused, so a socket
      // that never opened is given up here.
      if (!opened) giveUpOn();
    };
    socket.release?.();
  }

  private dropSocket(): void {
    const old = this.socket;
    this.socket = null;
    if (old) {
      old.onopen = old.onmessage = old.onclose = old.onerror = null;
      old.close(4000, "reconnecting");
    }
  }

  private lostConnection(): void {
    this.subscribed = false;
    this.inFlight.clear();
    this.batches.clear();
    this.catchupAfter = null;
    this.clearTimer("heartbeat");
    this.clearTimer("connect");
    this.clearTimer("ack");
    this.clearTimer("gap");
    this.clearTimer("resend");
    if (this.stopped || this.stateValue.status === "closed") return;
    if (this.peers.size) {
      this.peers.clear();
      this.emit({ type: "presence", peers: this.peers });
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    if (!this.online.get()) {
      this.setState({ status: "offline", unsent: this.unsent() });
      return;
    }
    this.attempt++;
    const delay = reconnectDelay(this.attempt, this.random(), this.visible.get());
    const retryAt = this.timers.now() + delay;
    this.setState({ status: "reconnecting", attempt: this.attempt, retryAt, unsent: this.unsent() });
    this.setTimer("reconnect", delay, () => this.connect());
  }

  private onNetworkChange(): void {
    if (this.stopped || this.stateValue.status === "closed") return;
    if (this.online.get()) {
      // Back online: connect at once rather than sit out the backoff.
      if (!this.socket) {
        this.attempt = 0;
        this.connect();
      }
      return;
    }
    // The browser says it is offline. A socket it still holds open (Chromium
    // keeps one) would only swallow edits: close it; they wait in the outbox.
    this.clearTimer("reconnect");
    if (this.socket) {
      this.dropSocket();
      this.lostConnection(); // offline, with the count of unsent changes
    } else {
      this.setState({ status: "offline", unsent: this.unsent() });
    }
  }

  private startHeartbeat(): void {
    this.setTimer("heartbeat", PING_INTERVAL_MS, () => {
      if (this.timers.now() - this.lastHeard >= SILENCE_LIMIT_MS) {
        // Half-open: nothing has come for too long. Start over.
        this.dropSocket();
        this.lostConnection();
        return;
      }
      this.write(clientMessage({ type: "ping", payload: {} }));
      this.startHeartbeat();
    });
  }

  private subscribeToFile(): void {
    this.write(clientMessage({ type: "subscribe", payload: { fileId: this.options.fileId } }, this.nextRequestId("subscribe")));
  }

  // ---- incoming ------------------------------------------------------------

  private receive(data: unknown): void {
    const parsed = parseServerMessage(data);
    if (!parsed.ok) {
      this.emit({ type: "error", code: "bad_message", message: `the gateway sent a message this client cannot read: ${parsed.error}` });
      return;
    }
    const message = parsed.message;
    switch (message.type) {
      case "sync":
        return this.onSync(message.payload);
      case "operation":
        return this.onOperations(message.payload as OperationPayload);
      case "ack":
        return this.onAck(message.payload.results);
      case "presence":
        return this.onPresence(message.payload.presence, message.payload.removed);
      case "access":
        return this.onAccess(message.payload.access);
      case "unsubscribed":
        return this.close(message.payload.reason);
      case "resync":
        // History the gateway no longer has: load the document afresh.
        this.subscribed = false;
        return this.subscribeToFile();
      case "error":
        return this.onError(message);
      case "pong":
        return;
      case "comment":
        return this.emit({ type: "comment", comment: message.payload });
    }
  }

  private onSync(payload: SyncPayload): void {
    this.subscribed = true;
    this.clearTimer("connect");
    this.attempt = 0;
    this.clientIdValue = payload.clientId;
    this.tracker.reset(payload.seq);
    this.catchupAfter = null;
    this.inFlight.clear();
    this.batches.clear();
    // Edits made from now on must be newer than anything in the file, even
    // when this machine's clock is behind the one that wrote it.
    if (payload.clock !== undefined) this.doc.clock.observe(payload.clock);
    this.doc.load(payload.file.objects, payload.seq);
    this.peers.clear();
    for (const entry of payload.presence) if (entry.clientId !== payload.clientId) this.peers.set(entry.clientId, entry);
    this.setState({ status: "connected", unsent: this.unsent() });
    this.emit({ type: "synced", access: payload.access, clientId: payload.clientId, color: payload.yourColor });
    this.emit({ type: "presence", peers: this.peers });
    this.onAccess(payload.access);
    this.flush();
    this.presenceDirty = true;
    this.sendPresence();
  }

  private onOperations(payload: OperationPayload): void {
    if (this.catchupAfter !== null && payload.fromSeq === this.catchupAfter + 1) this.catchupAfter = null;
    this.doc.applyRemote(this.tracker.offer(payload));
    this.watchGap();
    this.reloadIfIncomplete();
  }

  /**
   * An op may have shown an object the document never had (hidden or deleted
   * when the file was loaded): load the file afresh, as after a resync.
   */
  private reloadIfIncomplete(anyway = false): void {
    // (Anyway: an op given up as rejected was applied after all; this replica no longer has it to merge.)
    if (!(this.doc.takeReloadNeeded() || anyway) || !this.subscribed) return;
    this.subscribed = false;
    this.subscribeToFile();
  }

  private onAck(results: WireOpResult[]): void {
    const settled: string[] = [];
    let appliedAfterAll = false;
    this.doc.batch(() => {
      for (const result of results) {
        const key = typeof result.id === "string" ? result.id : null;
        if (key === null) continue;
        this.inFlight.delete(key);
        const op = this.doc.resolve(key, result);
        settled.push(key);
        if (op && result.status === "rejected") {
          this.rejectedKeys.add(key);
          this.emit({ type: "rejected", op, reason: result.reason ?? "the server refused this change" });
        }
        if (!op && result.status === "applied" && this.rejectedKeys.delete(key)) appliedAfterAll = true;
        if (result.seq != null && (result.status === "applied" || result.status === "duplicate"))
          this.doc.applyRemote(this.tracker.noteOwn(result.seq));
      }
    });
    this.persist(this.options.store.remove(this.options.fileId, settled));
    this.setState({ ...this.stateValue, unsent: this.unsent() });
    this.watchGap();
    this.reloadIfIncomplete(appliedAfterAll);
  }

  private onPresence(entries: PresenceEntry[], removed: string[]): void {
    for (const entry of entries) if (entry.clientId !== this.clientIdValue) this.peers.set(entry.clientId, entry);
    for (const clientId of removed) this.peers.delete(clientId);
    this.emit({ type: "presence", peers: this.peers });
  }

  private onAccess(access: Access): void {
    const changed = access !== this.accessValue;
    this.accessValue = access;
    if (changed) this.emit({ type: "access", access });
    // A viewer's ops would only be refused: give them up now, visibly.
    if (access === "view") this.giveUp(this.doc.pendingOps(), "you can view this file but no longer edit it");
  }

  private onError(message: Extract<ServerMessage, { type: "error" }>): void {
    const { code, message: text } = message.payload;
    const requestId = message.requestId;
    const keys = requestId ? this.batches.get(requestId) : undefined;
    if (requestId?.startsWith("subscribe")) {
      if (code === "not_found" || code === "conflict" || code === "forbidden") return this.close(text);
      this.emit({ type: "error", code, message: text });
      return this.scheduleResubscribe();
    }
    if (requestId?.startsWith("catchup")) {
      // Asked again after a grace, unless a resync or a reconnect starts over first.
      this.catchupAfter = null;
      this.clearTimer("gap");
      this.watchGap();
    }
    if (keys) {
      this.batches.delete(requestId!);
      for (const key of keys) this.inFlight.delete(key);
      if (code === "unavailable" || code === "rate_limited" || code === "not_subscribed") {
        if (code === "not_subscribed") this.subscribeToFile();
        this.setTimer("resend", RETRY_SEND_MS, () => this.flush());
      } else if (code === "forbidden") {
        this.giveUp(this.doc.pendingOps(), text);
      } else {
        // The message itself was refused (too large, malformed): sending it again would loop.
        this.giveUp(keys.map((k) => this.doc.pendingOps().find((op) => op.idempotencyKey === k)).filter((op) => op !== undefined), text);
      }
    }
    this.emit({ type: "error", code, message: text });
  }

  private scheduleResubscribe(): void {
    this.setTimer("resend", RETRY_SEND_MS, () => {
      if (!this.subscribed && this.socket) this.subscribeToFile();
    });
  }

  private close(reason: string): void {
    this.setState({ status: "closed", reason, unsent: this.unsent() });
    const socket = this.socket;
    this.socket = null;
    this.lostConnection();
    socket?.close(1000, "unsubscribed");
  }

  /** Ops that can never be applied: shown no more, forgotten, and said. */
  private giveUp(ops: readonly Op[], reason: string): void {
    if (!ops.length) return;
    const keys = ops.map((op) => op.idempotencyKey);
    this.doc.batch(() => {
      for (const op of ops) {
        this.inFlight.delete(op.idempotencyKey);
        this.doc.resolve(op.idempotencyKey, { status: "rejected", reason });
      }
    });
    for (const op of ops) this.emit({ type: "rejected", op, reason });
    this.persist(this.options.store.remove(this.options.fileId, keys));
    this.setState({ ...this.stateValue, unsent: this.unsent() });
  }

  /** A hole in seq that outlives a short grace: ask for exactly the missing ops. */
  private watchGap(): void {
    if (!this.tracker.hasGap) {
      this.clearTimer("gap");
      return;
    }
    if (this.timerHandles.has("gap") || this.catchupAfter !== null) return;
    this.setTimer("gap", GAP_GRACE_MS, () => {
      if (!this.tracker.hasGap || !this.subscribed) return;
      this.catchupAfter = this.tracker.seq;
      this.write(clientMessage({ type: "catchup", payload: { afterSeq: this.tracker.seq } }, this.nextRequestId("catchup")));
    });
  }

  // ---- outgoing ------------------------------------------------------------

  /** Sends the pending ops not on their way yet, in the order made, in messages within the gateway's limits. */
  private flush(): void {
    this.clearTimer("flush");
    if (!this.subscribed || !this.socket || this.accessValue === "view") return;
    this.mergeUnsent();
    const waiting = this.doc.pendingOps().filter((op) => !this.inFlight.has(op.idempotencyKey));
    let batch: Op[] = [];
    let size = 0;
    let messages = 0;
    const sendBatch = () => {
      if (!batch.length) return;
      messages++;
      this.lastSend = this.timers.now();
      const requestId = this.nextRequestId("ops");
      this.batches.set(requestId, batch.map((op) => op.idempotencyKey));
      const now = this.timers.now();
      for (const op of batch) {
        this.inFlight.set(op.idempotencyKey, now);
        this.maybeSent.add(op.idempotencyKey);
      }
      this.write(clientMessage({ type: "operation", payload: { operations: batch } }, requestId));
      batch = [];
      size = 0;
    };
    for (const op of waiting) {
      const length = JSON.stringify(op).length;
      if (batch.length >= MAX_OPS_PER_MESSAGE || (batch.length && size + length > MAX_MESSAGE_CHARS)) sendBatch();
      if (messages >= MAX_MESSAGES_PER_SEND) break;
      batch.push(op);
      size += length;
    }
    if (messages < MAX_MESSAGES_PER_SEND) sendBatch();
    else this.setTimer("flush", SEND_INTERVAL_MS, () => this.flush()); // the rest in the next turn
    if (this.inFlight.size && !this.timerHandles.has("ack")) this.setTimer("ack", ACK_TIMEOUT_MS, () => this.checkAcks());
  }

  /**
   * An update or move never sent whose every property a later pending op of
   * ours writes again changes nothing the later one does not: it is dropped
   * (a drag's intermediate positions, a typed value's intermediate text).
   */
  private mergeUnsent(): void {
    const pending = this.doc.pendingOps();
    const covered = new Map<string, Set<string>>();
    const dropped: string[] = [];
    for (let i = pending.length - 1; i >= 0; i--) {
      const op = pending[i]!;
      if (op.operationType !== "update" && op.operationType !== "move") {
        covered.delete(op.objectId); // a create or delete in between: keep what comes before it
        continue;
      }
      const names = Object.keys(writtenProperties(op) ?? {});
      const later = covered.get(op.objectId) ?? new Set<string>();
      if (!this.maybeSent.has(op.idempotencyKey) && names.every((n) => later.has(n))) dropped.push(op.idempotencyKey);
      for (const n of names) later.add(n);
      covered.set(op.objectId, later);
    }
    if (!dropped.length) return;
    this.doc.batch(() => {
      for (const key of dropped) this.doc.discardPending(key);
    });
    this.persist(this.options.store.remove(this.options.fileId, dropped));
  }

  /** Ops whose ack never came (a message the gateway dropped, say) go again with the same keys. */
  private checkAcks(): void {
    const now = this.timers.now();
    for (const [key, sentAt] of this.inFlight) if (now - sentAt >= ACK_TIMEOUT_MS) this.inFlight.delete(key);
    this.flush();
  }

  private sendPresence(): void {
    if (!this.subscribed || !this.presenceDirty) return;
    const wait = this.presenceSentAt + PRESENCE_INTERVAL_MS - this.timers.now();
    if (wait > 0) {
      if (!this.timerHandles.has("presence")) this.setTimer("presence", wait, () => this.sendPresence());
      return;
    }
    this.presenceDirty = false;
    this.presenceSentAt = this.timers.now();
    // The gateway refuses selections of more than 1000 ids: the first 1000 tell others enough.
    const presence = { ...this.presence, selection: this.presence.selection.slice(0, MAX_SELECTION) };
    this.write(clientMessage({ type: "presence", payload: presence }));
  }

  private write(text: string): void {
    if (this.socket && this.socket.readyState === SOCKET_OPEN) this.socket.send(text);
  }

  // ---- plumbing ------------------------------------------------------------

  private unsent(): number {
    return this.doc.pendingOps().length;
  }

  private nextRequestId(kind: string): string {
    return `${kind}-${++this.requestCounter}`;
  }

  private persist(write: Promise<void>): void {
    write.catch((e: unknown) =>
      this.emit({ type: "error", code: "outbox", message: `unsent changes could not be kept on this device: ${String(e)}` }),
    );
  }

  private setTimer(name: string, ms: number, fn: () => void): void {
    this.clearTimer(name);
    this.timerHandles.set(
      name,
      this.timers.setTimeout(() => {
        this.timerHandles.delete(name);
        fn();
      }, ms),
    );
  }

  private clearTimer(name: string): void {
    const handle = this.timerHandles.get(name);
    if (handle === undefined) return;
    this.timers.clearTimeout(handle);
    this.timerHandles.delete(name);
  }

  private setState(state: ConnectionState): void {
    const old = this.stateValue;
    this.stateValue = state;
    if (JSON.stringify(old) !== JSON.stringify(state)) this.emit({ type: "state", state });
  }

  private emit(event: SyncEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
