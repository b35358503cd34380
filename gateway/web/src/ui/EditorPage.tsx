// The editor page: top bar, toolbar, the canvas slot, and the read-only note.
// The canvas is given by the caller (renderCanvas) so that it plugs in with one line.
import { useState, type ReactNode } from "react";
import type { Editor } from "../editor/editor";
import { AccessRemoved } from "../share/AccessRemoved";
import { useRemoval } from "../share/use-removal";
import { LayersPanel } from "./LayersPanel";
import { PropertiesPanel } from "./PropertiesPanel";
import { TopBar } from "./TopBar";
import { Toolbar } from "./Toolbar";
import type { ToolId } from "./tools";
import { useEditorEvents } from "./use-editor";

export type RenderCanvas = (editor: Editor, tool: ToolId, setTool: (tool: ToolId) => void) => ReactNode;

export function EditorPage({ editor, fileName, renderCanvas }: { editor: Editor; fileName: string; renderCanvas: RenderCanvas }) {
  const [tool, setTool] = useState<ToolId>("select");
  useEditorEvents(editor, ["access"]);
  const removal = useRemoval(editor);
  if (removal) return <AccessRemoved removal={removal} />;
  return (
    <div className="flex h-screen flex-col bg-neutral-100 text-neutral-800">
      <TopBar editor={editor} fileName={fileName} />
      {editor.readOnly && (
        <p data-testid="read-only" className="border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-800">
          You can view this file but not edit it
        </p>
      )}
      <div className="flex min-h-0 flex-1">
        <Toolbar editor={editor} tool={tool} setTool={setTool} />
        <LayersPanel editor={editor} />
        <div className="relative min-w-0 flex-1">{renderCanvas(editor, tool, setTool)}</div>
        <PropertiesPanel editor={editor} fileName={fileName} />
      </div>
    </div>
  );
}
