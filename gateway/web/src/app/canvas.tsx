// The one place the canvas is plugged into the editor page.
import { CanvasView } from "../canvas/CanvasView";
import type { RenderCanvas } from "../ui/EditorPage";

export const renderCanvas: RenderCanvas = (editor, tool, setTool) => (
  <CanvasView editor={editor} tool={tool} onToolChange={setTool} />
);
