// Keeps a file's comments store up to date with the gateway: the first
// fetch, a fetch whenever the gateway pushes news of one of the file's
// comments (made in an editor or in SQL: the push comes from NOTIFY), and one
// after every reconnect, for the news missed while the socket was down.
import type { StoreApi } from "zustand/vanilla";
import type { Editor } from "../editor/editor";
import type { CommentsState } from "./comments-store";

export function keepCommentsLive(editor: Editor, store: StoreApi<CommentsState>): () => void {
  const load = () => void store.getState().load();
  let connected = editor.connection.status === "connected";
  const off = editor.subscribe((event) => {
    if (event.type === "comment" && event.comment.fileId === editor.fileId) load();
    if (event.type === "connection") {
      const now = event.state.status === "connected";
      if (now && !connected) load();
      connected = now;
    }
  });
  load();
  return off;
}
