// Opening /file/{id} starts before the editor's script has loaded. The page's
// entry point (main.tsx, a few kilobytes) opens the WebSocket at once with
// ?subscribe={fileId}, which the gateway takes as the first message, so that
// it reads the file from PostgreSQL and sends it while the browser is still
// loading and starting the editor (a subscribe sent on "open" would wait for
// the page's main thread, busy with the app's script). The SyncClient then
// adopts the socket, with everything that arrived on it meanwhile.
//
// The socket is handed over once, to the first client of the same file and
// URL, and only while it is connecting or open: one that closed (signed out,
// a gateway restart) is dropped, and the client connects afresh.
import { SOCKET_OPEN, type SocketLike } from "./socket";

type Handler = "onopen" | "onmessage" | "onclose" | "onerror";
type Held = { handler: Handler; event: unknown };

/** A browser WebSocket that subscribed to a file by itself and holds its events until someone adopts it. */
export class EarlySocket implements SocketLike {
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  private held: Held[] | null = [];

  constructor(
    readonly url: string,
      /** The file its URL subscribed to: its sync is on its way, so the adopter must not subscribe again. */
    readonly subscribedTo: string,
    private readonly socket: WebSocket,
  ) {
    socket.onopen = (event) => this.deliver("onopen", event);
    socket.onmessage = (event) => this.deliver("onmessage", { data: event.data });
    socket.onclose = (event) => this.deliver("onclose", { code: event.code, reason: event.reason });
    socket.onerror = (event) => this.deliver("onerror", event);
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  send(data: string): void {
    this.socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.held = null;
    this.socket.close(code, reason);
  }

  /**
   * Called by the adopter once its handlers are set: what arrived so far is
   * delivered in a microtask, so before any later event of the socket (those
   * come as tasks), and in order.
   */
  release(): void {
    queueMicrotask(() => {
      const held = this.held ?? [];
      this.held = null;
      for (const { handler, event } of held) this.call(handler, event);
    });
  }

  private deliver(handler: Handler, event: unknown): void {
    if (this.held) this.held.push({ handler, event });
    else this.call(handler, event);
  }

  private call(handler: Handler, event: unknown): void {
    (this[handler] as ((event: unknown) => void) | null)?.(event);
  }
}

let early: EarlySocket | null = null;

/** The entry point: connect and subscribe to the file this page shows. */
export function openEarly(url: string, fileId: string, open: (url: string) => WebSocket = (u) => new WebSocket(u)): void {
  early = new EarlySocket(url, fileId, open(subscribingUrl(url, fileId)));
}

/** The WebSocket URL that subscribes to fileId on open. */
export function subscribingUrl(url: string, fileId: string): string {
  return `${url}?subscribe=${encodeURIComponent(fileId)}`;
}

/**
 * The early socket, for a client of that file at that URL, once; null
 * otherwise. The caller sets its handlers and then calls release().
 */
export function takeEarlySocket(url: string, fileId: string): EarlySocket | null {
  const socket = early;
  early = null;
  if (!socket) return null;
  if (socket.url === url && socket.subscribedTo === fileId && socket.readyState <= SOCKET_OPEN) return socket;
  socket.close(1000, "not needed");
  return null;
}
