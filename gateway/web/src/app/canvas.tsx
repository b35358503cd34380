// The one place the canvas is plugged into the editor page.
import { CanvasView } from "../canvas/CanvasView";
import { commentsOf } from "../comments/file-comments";
import { CommentsLayer } from "../ui/comments/CommentsLayer";
import type { RenderCanvas } from "../ui/EditorPage";

export const renderCanvas: RenderCanvas = (editor, tool, setTool, onShown) => (
  <CanvasView
    editor={editor}
    tool={tool}
    onToolChange={setTool}
    onPlaceComment={(target) => commentsOf(editor).getState().startDraft(target)}
    overlay={(view) => <CommentsLayer editor={editor} view={view} commentMode={tool === "comment"} />}
    onShown={onShown}
  />
);
