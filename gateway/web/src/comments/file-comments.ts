// The comments store of an open Editor: one per file page, made when first
// asked for, so that the canvas's comment tool, the pins over the canvas and
// the side list share it without being handed it; it goes with its Editor.
import type { StoreApi } from "zustand/vanilla";
import type { Editor } from "../editor/editor";
import { commentApi } from "./comment-api";
import { createCommentsStore, type CommentsState } from "./comments-store";

const stores = new WeakMap<Editor, StoreApi<CommentsState>>();

export function commentsOf(editor: Editor): StoreApi<CommentsState> {
  let store = stores.get(editor);
  if (!store) {
    store = createCommentsStore(commentApi, editor.fileId);
    stores.set(editor, store);
  }
  return store;
}
