// Keeps the file browser's lists live: a WebSocket that sent `watch_files`
// hears `files_changed` whenever a file the user can see is created,
// renamed, moved, trashed, restored or gets a thumbnail, or when the user's
// access changes (PostgreSQL announces it; the gateway checks who may know).
// The message names a file and nothing else: the browser reloads what it
// shows through the REST API. Changes that come in a burst (a move is a
// rename and an access change) cost one reload; after a reconnect the lists
// reload once, since what happened meanwhile was not heard.
import { reconnectDelay } from "../../sync/backoff";
import { SOCKET_OPEN, type SocketFactory, type SocketLike } from "../../sync/socket";

export const RELOAD_DELAY_MS = 250;

export interface FileListWatchOptions {
  url: string;
  connect: SocketFactory;
  /** Called (at most once per RELOAD_DELAY_MS burst) when the lists may have changed. */
  onChange: () => void;
  random?: () => number;
  visible?: () => boolean;
}

export class FileListWatch {
  private socket: SocketLike | null = null;
  private attempt = 0;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the gateway confirmed the watch (watching_files). */
  watching = false;

  constructor(private readonly options: FileListWatchOptions) {}

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.reloadTimer);
    const socket = this.socket;
    this.socket = null;
    this.watching = false;
    if (socket) {
      socket.onclose = null;
      socket.close(1000, "left the file browser");
    }
  }

  private open(): void {
    const socket = this.options.connect(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      if (socket.readyState === SOCKET_OPEN) socket.send(JSON.stringify({ type: "watch_files", payload: {} }));
    };
    socket.onmessage = (event) => this.received(event.data);
    socket.onerror = () => {};
    socket.onclose = () => {
      if (this.socket !== socket || this.stopped) return;
      this.socket = null;
      this.watching = false;
      this.attempt += 1;
      const random = this.options.random ?? Math.random;
      const visible = this.options.visible?.() ?? true;
      this.retryTimer = setTimeout(() => this.open(), reconnectDelay(this.attempt, random(), visible));
    };
  }

  private received(data: unknown): void {
    if (typeof data !== "string") return;
    let message: unknown;
    try {
      message = JSON.parse(data);
    } catch {
      return; // not ours to judge: the lists stay as they are
    }
    const type = (message as { type?: unknown } | null)?.type;
    if (type === "watching_files") {
      this.watching = true;
      // A reconnect: whatever changed while the socket was down was missed.
      if (this.attempt > 0) this.scheduleReload();
      this.attempt = 0;
    } else if (type === "files_changed") {
      this.scheduleReload();
    }
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== undefined) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      if (!this.stopped) this.options.onChange();
    }, RELOAD_DELAY_MS);
  }
}
