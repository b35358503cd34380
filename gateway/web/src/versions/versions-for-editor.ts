// One version history store per open editor, made on first use, so that the
// top bar's toggle, the panel and the canvas preview share it without the
// editor page threading it through.
import { useStore } from "zustand";
import type { StoreApi } from "zustand/vanilla";
import type { Editor } from "../editor/editor";
import { writeRestore } from "./restore-diff";
import { versionsApi } from "./versions-api";
import { createVersionsStore, type VersionsState } from "./versions-store";

const stores = new WeakMap<Editor, StoreApi<VersionsState>>();

export function versionsStoreFor(editor: Editor): StoreApi<VersionsState> {
  let store = stores.get(editor);
  if (!store) {
    store = createVersionsStore({
      api: versionsApi,
      fileId: editor.fileId,
      currentSeq: () => editor.seq,
      // One local change through the editor: sent like any edit, undone with ctrl+Z.
      restore: (objects) => editor.edit((c) => writeRestore(editor.doc, c, objects)),
    });
    stores.set(editor, store);
  }
  return store;
}

export function useVersions<T>(editor: Editor, select: (state: VersionsState) => T): T {
  return useStore(versionsStoreFor(editor), select);
}

/** Whether the canvas shows something other than the live file (edits are off meanwhile). */
export function usePreviewing(editor: Editor): boolean {
  return useVersions(editor, (s) => s.shown.kind !== "live");
}
