// The one place the canvas is plugged in. Until src/canvas/CanvasView is
// merged this renders a placeholder; then the line below becomes
//   export const renderCanvas: RenderCanvas = (editor, tool, setTool) => <CanvasView editor={editor} tool={tool} onToolChange={setTool} />;
import type { RenderCanvas } from "../ui/EditorPage";

export const renderCanvas: RenderCanvas = () => <div data-testid="canvas-slot" className="h-full w-full bg-neutral-200" />;
