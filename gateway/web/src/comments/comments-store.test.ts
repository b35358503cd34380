import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../app/api";
import { Editor } from "../editor/editor";
import { MemoryOutboxStore } from "../sync/outbox-store";
import type { Signal } from "../sync/sync-client";
import { FakeGateway } from "../../tests/support/fake-gateway";
import type { CommentData, PinTarget, Thread, ThreadPage } from "./comment-api";
import { mayComment, isOwn, mayResolve } from "./comment-rules";
import { CommentInputError, createCommentsStore } from "./comments-store";
import { keepCommentsLive } from "./live-comments";

const FILE = "22222222-2222-2222-2222-222222222222";
const ME = "u-ada";

// The gateway's comments in memory: threads paged pageSize at a time, the
// rules of rest_comments.cpp for resolve and delete, and a way for "someone
// else" (another browser, psql) to add comments behind the store's back.
function commentServer(pageSize = 2) {
  const rows: CommentData[] = [];
  let n = 0;
  const calls: string[] = [];
  const row = (extra: Partial<CommentData>): CommentData => ({
    id: `c${++n}`,
    fileId: FILE,
    parentId: null,
    userId: ME,
    userName: "Ada",
    objectId: null,
    x: 0,
    y: 0,
    content: "",
    resolved: false,
    createdAt: new Date(Date.UTC(2026, 11, 2, 10, 0, n)).toISOString(),
    updatedAt: new Date(Date.UTC(2026, 11, 2, 10, 0, n)).toISOString(),
    ...extra,
  });
  const thread = (c: CommentData): Thread => ({ ...c, replies: rows.filter((r) => r.parentId === c.id) });
  const find = (id: string) => {
    const c = rows.find((r) => r.id === id);
    if (!c) throw new ApiError(404, "not_found", `comment ${id} does not exist or you have no access to its file`);
    return c;
  };
  const api = {
    calls,
    rows,
    failNextList: false,
    /** Someone else's comment, as psql or another editor would add it. */
    add: (extra: Partial<CommentData>) => {
      const c = row(extra);
      rows.push(c);
      return c;
    },
    async list(fileId: string, cursor?: string): Promise<ThreadPage> {
      calls.push(`list ${cursor ?? ""}`.trim());
      if (api.failNextList) {
        api.failNextList = false;
        throw new ApiError(0, "network", "Cannot reach the server.");
      }
      const top = rows.filter((r) => r.fileId === fileId && r.parentId === null);
      const start = cursor ? Number(cursor) : 0;
      const page = top.slice(start, start + pageSize).map(thread);
      return start + pageSize < top.length ? { comments: page, nextCursor: String(start + pageSize) } : { comments: page };
    },
    async create(fileId: string, target: PinTarget, content: string): Promise<Thread> {
      const c = row({ fileId, objectId: target.objectId, x: target.x, y: target.y, content });
      rows.push(c);
      return thread(c);
    },
    async reply(commentId: string, content: string): Promise<CommentData> {
      const parent = find(commentId);
      const c = row({ parentId: parent.parentId ?? parent.id, content });
      rows.push(c);
      return c;
    },
    async setResolved(commentId: string, resolved: boolean): Promise<CommentData> {
      const c = find(commentId);
      c.resolved = resolved;
      return { ...c };
    },
    async edit(commentId: string, content: string): Promise<CommentData> {
      const c = find(commentId);
      if (c.userId !== ME) throw new ApiError(403, "forbidden", "editing a comment needs being its author");
      c.content = content;
      return { ...c };
    },
    async remove(commentId: string): Promise<void> {
      const c = find(commentId);
      if (c.userId !== ME) throw new ApiError(403, "forbidden", "deleting a comment needs being its author or admin access to the file");
      for (let i = rows.length - 1; i >= 0; i--) if (rows[i]!.id === commentId || rows[i]!.parentId === commentId) rows.splice(i, 1);
    },
  };
  return api;
}

describe("comments store", () => {
  it("loads every page of the file's threads, with their replies", async () => {
    const server = commentServer(2);
    for (let i = 1; i <= 5; i++) server.add({ content: `note ${i}` });
    server.add({ parentId: "c1", content: "a reply", userId: "u-bob", userName: "Bob" });
    const store = createCommentsStore(server, FILE);
    expect(store.getState().status).toBe("loading");
    await store.getState().load();
    const { threads, status } = store.getState();
    expect(status).toBe("ready");
    expect(threads.map((t) => t.content)).toEqual(["note 1", "note 2", "note 3", "note 4", "note 5"]);
    expect(threads[0]!.replies.map((r) => r.content)).toEqual(["a reply"]);
    expect(server.calls).toEqual(["list", "list 2", "list 4"]);
  });

  it("fetches once more, not once per call, when news comes while it loads", async () => {
    const server = commentServer();
    const store = createCommentsStore(server, FILE);
    const first = store.getState().load();
    server.add({ content: "while loading" });
    void store.getState().load();
    void store.getState().load();
    await first;
    expect(server.calls).toEqual(["list", "list"]);
    expect(store.getState().threads.map((t) => t.content)).toEqual(["while loading"]);
  });

  it("says when the list cannot be loaded, keeping what it showed", async () => {
    const server = commentServer();
    server.add({ content: "kept" });
    const store = createCommentsStore(server, FILE);
    await store.getState().load();
    server.failNextList = true;
    await store.getState().load();
    expect(store.getState()).toMatchObject({ status: "error", error: "The comments could not be loaded: Cannot reach the server." });
    expect(store.getState().threads.map((t) => t.content)).toEqual(["kept"]);
  });

  it("pins a comment where the draft is, then opens its thread; replies join it", async () => {
    const server = commentServer();
    const store = createCommentsStore(server, FILE);
    await store.getState().load();
    await expect(store.getState().create("no pin yet")).rejects.toThrow("Click the canvas first");
    store.getState().startDraft({ objectId: "rect-1", x: 12, y: 8 });
    const thread = await store.getState().create("Make it blue\nplease");
    expect(server.rows[0]).toMatchObject({ objectId: "rect-1", x: 12, y: 8, content: "Make it blue\nplease" });
    expect(store.getState()).toMatchObject({ draft: null, openId: thread.id });
    await store.getState().reply(thread.id, "Done");
    expect(store.getState().threads[0]!.replies.map((r) => r.content)).toEqual(["Done"]);
    // The push of the same reply refetches: still one reply.
    await store.getState().load();
    expect(store.getState().threads[0]!.replies.map((r) => r.content)).toEqual(["Done"]);
  });

  it("refuses empty and too long text before sending it", async () => {
    const server = commentServer();
    const store = createCommentsStore(server, FILE);
    store.getState().startDraft({ objectId: null, x: 1, y: 2 });
    await expect(store.getState().create("   ")).rejects.toBeInstanceOf(CommentInputError);
    await expect(store.getState().create("x".repeat(10_001))).rejects.toThrow("at most 10,000 characters; this one has 10,001");
    expect(server.rows).toEqual([]);
    expect(store.getState().draft).toEqual({ objectId: null, x: 1, y: 2 });
  });

  it("resolves and reopens; a resolved thread closes unless resolved ones are shown", async () => {
    const server = commentServer();
    const c = server.add({ content: "fix the margin" });
    const store = createCommentsStore(server, FILE);
    await store.getState().load();
    store.getState().openThread(c.id);
    await store.getState().setResolved(c.id, true);
    expect(store.getState().threads[0]!.resolved).toBe(true);
    expect(store.getState().openId).toBeNull();
    store.getState().setShowResolved(true);
    store.getState().openThread(c.id);
    await store.getState().setResolved(c.id, false);
    expect(store.getState()).toMatchObject({ openId: c.id, threads: [{ resolved: false }] });
  });

  it("deletes a reply or a whole thread, and passes on the server's refusal", async () => {
    const server = commentServer();
    const c = server.add({ content: "thread" });
    const mine = server.add({ parentId: c.id, content: "my reply" });
    const bobs = server.add({ parentId: c.id, content: "Bob's reply", userId: "u-bob" });
    const store = createCommentsStore(server, FILE);
    await store.getState().load();
    await store.getState().remove(mine.id);
    expect(store.getState().threads[0]!.replies.map((r) => r.id)).toEqual([bobs.id]);
    await expect(store.getState().remove(bobs.id)).rejects.toThrow("deleting a comment needs being its author");
    store.getState().openThread(c.id);
    await store.getState().remove(c.id);
    expect(store.getState()).toMatchObject({ threads: [], openId: null });
  });

  it("edits a thread's text or a reply's, and refuses what the server would", async () => {
    const server = commentServer();
    const c = server.add({ content: "frist" });
    const r = server.add({ parentId: c.id, content: "repyl" });
    const bobs = server.add({ parentId: c.id, content: "Bob's", userId: "u-bob" });
    const store = createCommentsStore(server, FILE);
    await store.getState().load();
    await store.getState().edit(c.id, "first");
    await store.getState().edit(r.id, "reply\nfixed");
    expect(store.getState().threads[0]).toMatchObject({ content: "first", replies: [{ content: "reply\nfixed" }, { content: "Bob's" }] });
    await expect(store.getState().edit(r.id, " ")).rejects.toBeInstanceOf(CommentInputError);
    await expect(store.getState().edit(bobs.id, "mine now")).rejects.toThrow("editing a comment needs being its author");
    expect(server.rows.map((x) => x.content)).toEqual(["first", "reply\nfixed", "Bob's"]);
  });

  it("closes the open thread when someone else deletes it", async () => {
    const server = commentServer();
    const c = server.add({ content: "soon gone" });
    const store = createCommentsStore(server, FILE);
    await store.getState().load();
    store.getState().openThread(c.id);
    server.rows.length = 0;
    await store.getState().load();
    expect(store.getState()).toMatchObject({ threads: [], openId: null });
  });
});

describe("who may do what", () => {
  const ada = { userId: ME } as CommentData;
  it("follows the gateway: anyone with access comments; resolve needs edit or authorship; delete is the author's", () => {
    expect([mayComment("view"), mayComment("edit"), mayComment(null)]).toEqual([true, true, false]);
    expect([mayResolve(ada, "u-bob", "view"), mayResolve(ada, "u-bob", "edit"), mayResolve(ada, "u-bob", "admin"), mayResolve(ada, ME, "view")]).toEqual([false, true, true, true]);
    expect([isOwn(ada, ME), isOwn(ada, "u-bob"), isOwn({ userId: null } as CommentData, null)]).toEqual([true, false, false]);
  });
});

describe("keepCommentsLive", () => {
  const always: Signal = { get: () => true, subscribe: () => () => {} };
  const setUp = () => {
    const gateway = new FakeGateway();
    const editor = new Editor({ fileId: FILE, url: "ws://test/ws", connect: gateway.connect, store: new MemoryOutboxStore(), online: always, visible: always, random: () => 0.5 });
    const server = commentServer();
    return { gateway, editor, server, store: createCommentsStore(server, FILE) };
  };

  it("fetches on open, on the gateway's news of the file's comments, and after a reconnect", async () => {
    vi.useFakeTimers();
    try {
      const { gateway, editor, server, store } = setUp();
      await editor.start();
      const stop = keepCommentsLive(editor, store);
      gateway.deliver();
      await vi.runOnlyPendingTimersAsync();
      expect(store.getState().threads).toEqual([]);

      const added = server.add({ content: "from psql", userId: null, userName: null });
      gateway.sockets[0]!.push({ type: "comment", payload: { fileId: FILE, commentId: added.id, action: "created" } });
      // News of another file's comment is not this store's.
      gateway.sockets[0]!.push({ type: "comment", payload: { fileId: "33333333-3333-3333-3333-333333333333", commentId: "x", action: "created" } });
      const before = server.calls.length;
      gateway.deliver();
      await vi.runOnlyPendingTimersAsync();
      expect(server.calls.length).toBe(before + 1);
      expect(store.getState().threads.map((t) => t.content)).toEqual(["from psql"]);

      // News missed while the connection was down comes with the next fetch.
      gateway.drop(gateway.sockets[0]!);
      gateway.deliver();
      server.add({ content: "while away" });
      await vi.advanceTimersByTimeAsync(5000);
      gateway.deliver();
      await vi.runOnlyPendingTimersAsync();
      expect(editor.connection.status).toBe("connected");
      expect(store.getState().threads.map((t) => t.content)).toEqual(["from psql", "while away"]);

      stop();
      editor.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it("makes the first fetch once the page is idle, not while the file opens, and not twice for the first connect", async () => {
    vi.useFakeTimers();
    try {
      const { gateway, editor, server, store } = setUp();
      let idle: (() => void) | null = null;
      const stop = keepCommentsLive(editor, store, (run) => {
        idle = run;
        return () => (idle = null);
      });
      await editor.start();
      gateway.deliver();
      await vi.runOnlyPendingTimersAsync();
      expect(editor.connection.status).toBe("connected");
      expect(server.calls).toEqual([]);
      idle!();
      await vi.runOnlyPendingTimersAsync();
      expect(server.calls.length).toBe(1);
      expect(store.getState().status).not.toBe("loading");
      stop();
      expect(idle).toBeNull();
      editor.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
