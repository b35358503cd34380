// Keeps a file's comments store up to date with the gateway: the first
// fetch, a fetch whenever the gateway pushes news of one of the file's
// comments (made in an editor or in SQL: the push comes from NOTIFY), and one
// after every reconnect, for the news missed while the socket was down. The
// first fetch waits until the page is idle (after the file's first frame, or
// a second at most): opening a file does not wait for its comments.
import type { StoreApi } from "zustand/vanilla";
import type { Editor } from "../editor/editor";
import type { CommentsState } from "./comments-store";

type Idle = (run: () => void) => () => void;

const whenIdle: Idle =
  typeof requestIdleCallback === "function"
    ? (run) => {
        const id = requestIdleCallback(run, { timeout: 1000 });
        return () => cancelIdleCallback(id);
      }
    : (run) => {
        const id = setTimeout(run, 100); // Safari has no requestIdleCallback
        return () => clearTimeout(id);
      };

export function keepCommentsLive(editor: Editor, store: StoreApi<CommentsState>, idle: Idle = whenIdle): () => void {
  let started = false;
  const load = () => {
    started = true;
    void store.getState().load();
  };
  let connected = editor.connection.status === "connected";
  const off = editor.subscribe((event) => {
    if (event.type === "comment" && event.comment.fileId === editor.fileId) load();
    if (event.type === "connection") {
      const now = event.state.status === "connected";
      // (before the first fetch, connecting is not news: the first fetch is still to come)
      if (now && !connected && started) load();
      connected = now;
    }
  });
  const cancel = idle(() => {
    if (!started) load();
  });
  return () => {
    cancel();
    off();
  };
}
