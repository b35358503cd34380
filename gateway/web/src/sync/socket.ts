// The part of the browser's WebSocket the sync client uses, so that tests
// (and Node scripts) can hand it a socket of their own.
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  /** A socket that subscribed by itself (see early-socket.ts): the file whose sync is on its way. */
  readonly subscribedTo?: string;
  /** For a socket holding events until adopted: call once the handlers are set. */
  release?(): void;
}

export type SocketFactory = (url: string) => SocketLike;

export const SOCKET_OPEN = 1;

export const browserSocket: SocketFactory = (url) => new WebSocket(url) as unknown as SocketLike;

/** The gateway's WebSocket endpoint beside the page: ws(s)://host/ws. */
export function gatewaySocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
}
