// The comments of one open file: its threads as the gateway has them, where
// a new comment is being written (the draft pin) and which thread is open.
// The list is fetched whole (every page) on open, on reconnect and whenever
// the gateway says a comment changed; what this person does is shown at once
// from the server's answer. Made by a factory over the REST client so that
// tests drive it with an in-memory one.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { CommentApi, CommentData, PinTarget, Thread } from "./comment-api";
import { commentTextProblem } from "./comment-text";

/** Text refused before it was sent (empty, too long): the message says why. */
export class CommentInputError extends Error {}

export interface CommentsState {
  threads: Thread[];
  status: "loading" | "ready" | "error";
  /** Why the list could not be loaded (the last threads stay shown). */
  error: string | null;
  /** Where the comment being written will be pinned. */
  draft: PinTarget | null;
  /** The thread shown beside its pin. */
  openId: string | null;
  showResolved: boolean;
  /** Fetches every page of the file's threads; calls made meanwhile fetch once more after it. */
  load(): Promise<void>;
  startDraft(target: PinTarget): void;
  cancelDraft(): void;
  openThread(id: string | null): void;
  setShowResolved(show: boolean): void;
  /** Pins the draft's comment and opens its thread. */
  create(content: string): Promise<Thread>;
  reply(threadId: string, content: string): Promise<CommentData>;
  setResolved(threadId: string, resolved: boolean): Promise<void>;
  /** Rewrites one's own comment or reply. */
  edit(commentId: string, content: string): Promise<void>;
  /** Deletes a thread (its replies go with it) or a reply. */
  remove(commentId: string): Promise<void>;
}

// A gateway that kept answering with a next page would otherwise be followed for ever.
const MAX_PAGES = 1000;

function checked(content: string): string {
  const problem = commentTextProblem(content);
  if (problem) throw new CommentInputError(problem);
  return content;
}

export function createCommentsStore(api: Pick<CommentApi, "list" | "create" | "reply" | "setResolved" | "edit" | "remove">, fileId: string): StoreApi<CommentsState> {
  let loading: Promise<void> | null = null;
  let again = false;

  return createStore<CommentsState>((set, get) => {
    const replaceThread = (id: string, change: (t: Thread) => Thread) =>
      set({ threads: get().threads.map((t) => (t.id === id ? change(t) : t)) });

    async function fetchAll(): Promise<void> {
      const threads: Thread[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await api.list(fileId, cursor);
        threads.push(...answer.comments);
        cursor = answer.nextCursor;
        if (!cursor) break;
      }
      const openId = get().openId;
      set({ threads, status: "ready", error: null, openId: openId && threads.some((t) => t.id === openId) ? openId : null });
    }

    return {
      threads: [],
      status: "loading",
      error: null,
      draft: null,
      openId: null,
      showResolved: false,

      load() {
        if (loading) {
          again = true;
          return loading;
        }
        loading = (async () => {
          do {
            again = false;
            try {
              await fetchAll();
            } catch (e) {
              set({ status: "error", error: `The comments could not be loaded: ${(e as Error).message}` });
            }
          } while (again);
        })().finally(() => {
          loading = null;
        });
        return loading;
      },

      startDraft(target) {
        set({ draft: target, openId: null });
      },
      cancelDraft() {
        set({ draft: null });
      },
      openThread(id) {
        set({ openId: id, draft: id ? null : get().draft });
      },
      setShowResolved(show) {
        const open = get().threads.find((t) => t.id === get().openId);
        set({ showResolved: show, openId: !show && open?.resolved ? null : get().openId });
      },

      async create(content) {
        const draft = get().draft;
        if (!draft) throw new CommentInputError("Click the canvas first, where the comment goes.");
        const thread = await api.create(fileId, draft, checked(content));
        // The gateway's news of it may have been fetched first.
        set({ threads: [...get().threads.filter((t) => t.id !== thread.id), thread], draft: null, openId: thread.id });
        return thread;
      },

      async reply(threadId, content) {
        const reply = await api.reply(threadId, checked(content));
        replaceThread(threadId, (t) => ({ ...t, replies: [...t.replies.filter((r) => r.id !== reply.id), reply] }));
        return reply;
      },

      async setResolved(threadId, resolved) {
        const comment = await api.setResolved(threadId, resolved);
        replaceThread(threadId, (t) => ({ ...t, ...comment, replies: t.replies }));
        if (resolved && !get().showResolved && get().openId === threadId) set({ openId: null });
      },

      async edit(commentId, content) {
        const edited = await api.edit(commentId, checked(content));
        set({
          threads: get().threads.map((t) =>
            t.id === commentId
              ? { ...t, ...edited, replies: t.replies }
              : { ...t, replies: t.replies.map((r) => (r.id === commentId ? edited : r)) },
          ),
        });
      },

      async remove(commentId) {
        await api.remove(commentId);
        set({
          threads: get()
            .threads.filter((t) => t.id !== commentId)
            .map((t) => (t.replies.some((r) => r.id === commentId) ? { ...t, replies: t.replies.filter((r) => r.id !== commentId) } : t)),
          openId: get().openId === commentId ? null : get().openId,
        });
      },
    };
  });
}
