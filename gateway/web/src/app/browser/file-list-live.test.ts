import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SocketLike } from "../../sync/socket";
import { FileListWatch, RELOAD_DELAY_MS } from "./file-list-live";

// A socket the test opens, feeds and closes by hand.
class StubSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closedWith: number | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.closedWith = code;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(message: unknown) {
    this.onmessage?.({ data: typeof message === "string" ? message : JSON.stringify(message) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: "gone" });
  }
}

describe("FileListWatch", () => {
  let sockets: StubSocket[];
  let reloads: number;
  let watch: FileListWatch;
  const socket = (i: number): StubSocket => {
    const s = sockets[i];
    if (!s) throw new Error(`no socket ${i} was opened`);
    return s;
  };

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    reloads = 0;
    watch = new FileListWatch({
      url: "ws://test/ws",
      connect: () => {
        const s = new StubSocket();
        sockets.push(s);
        return s;
      },
      onChange: () => (reloads += 1),
      random: () => 0.5,
    });
    watch.start();
  });
  afterEach(() => {
    watch.stop();
    vi.useRealTimers();
  });

  it("asks to watch once open and reloads once per burst of changes", () => {
    socket(0).open();
    expect(socket(0).sent).toEqual([{ type: "watch_files", payload: {} }]);
    socket(0).receive({ type: "watching_files", payload: {} });
    expect(watch.watching).toBe(true);
    expect(reloads).toBe(0); // the first watch: the lists were just loaded
    socket(0).receive({ type: "files_changed", payload: { fileId: "a" } });
    socket(0).receive({ type: "files_changed", payload: {} });
    vi.advanceTimersByTime(RELOAD_DELAY_MS - 1);
    expect(reloads).toBe(0);
    vi.advanceTimersByTime(1);
    expect(reloads).toBe(1);
    socket(0).receive({ type: "files_changed", payload: { fileId: "b" } });
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(reloads).toBe(2);
  });

  it("ignores what it does not know, and malformed frames", () => {
    socket(0).open();
    socket(0).receive("{not json");
    socket(0).receive({ type: "pong", payload: {} });
    socket(0).receive("null");
    vi.advanceTimersByTime(RELOAD_DELAY_MS * 4);
    expect(reloads).toBe(0);
  });

  it("reconnects with backoff and reloads once after watching again", () => {
    socket(0).open();
    socket(0).receive({ type: "watching_files", payload: {} });
    socket(0).drop();
    expect(watch.watching).toBe(false);
    expect(sockets.length).toBe(1);
    vi.advanceTimersByTime(1000); // the first retry: within 1 s
    expect(sockets.length).toBe(2);
    socket(1).open();
    expect(socket(1).sent).toEqual([{ type: "watch_files", payload: {} }]);
    socket(1).receive({ type: "watching_files", payload: {} });
    vi.advanceTimersByTime(RELOAD_DELAY_MS);
    expect(reloads).toBe(1);
  });

  it("stops for good: closes the socket, no retry, no reload", () => {
    socket(0).open();
    socket(0).receive({ type: "files_changed", payload: {} });
    watch.stop();
    expect(socket(0).closedWith).toBe(1000);
    vi.advanceTimersByTime(60000);
    expect(reloads).toBe(0);
    expect(sockets.length).toBe(1);
  });
});
