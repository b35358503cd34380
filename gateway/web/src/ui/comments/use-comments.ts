// React over an Editor's comments store (comments/file-comments.ts), and who is
// looking: the signed-in user and their access to the file.
import { useStore } from "zustand";
import type { Editor } from "../../editor/editor";
import { useSession } from "../../app/session";
import { commentsOf } from "../../comments/file-comments";
import type { CommentsState } from "../../comments/comments-store";
import { useEditorEvents } from "../use-editor";

export function useComments<T>(editor: Editor, select: (state: CommentsState) => T): T {
  return useStore(commentsOf(editor), select);
}

/** The signed-in user's id and access to the file (for what a comment's menu offers). */
export function useViewer(editor: Editor) {
  useEditorEvents(editor, ["access"]);
  const me = useSession((s) => s.user?.id ?? null);
  return { me, access: editor.access };
}
