// The editor page: top bar, toolbar, the canvas slot, and the read-only note.
// The canvas is given by the caller (renderCanvas) so that it plugs in with one line.
import { useEffect, useState, type ReactNode } from "react";
import type { Editor } from "../editor/editor";
import { AccessRemoved } from "../share/AccessRemoved";
import { useRemoval } from "../share/use-removal";
import { FollowFrame } from "../follow/FollowFrame";
import { useThumbnails } from "../thumbnail/use-thumbnails";
import { VersionPreview } from "../versions/VersionPreview";
import { VersionsPanel } from "../versions/VersionsPanel";
import { usePreviewing } from "../versions/versions-for-editor";
import { LayersPanel } from "./LayersPanel";
import { PropertiesPanel } from "./PropertiesPanel";
import { TopBar } from "./TopBar";
import { Toolbar } from "./Toolbar";
import type { ToolId } from "./tools";
import { useEditorEvents } from "./use-editor";
import { CommentsPanel } from "./comments/CommentsPanel";
import { commentsOf } from "../comments/file-comments";
import { keepCommentsLive } from "../comments/live-comments";

export type RenderCanvas = (editor: Editor, tool: ToolId, setTool: (tool: ToolId) => void) => ReactNode;

export function EditorPage({ editor, fileName, renderCanvas }: { editor: Editor; fileName: string; renderCanvas: RenderCanvas }) {
  const [tool, setTool] = useState<ToolId>("select");
  useEditorEvents(editor, ["access"]);
  const removal = useRemoval(editor);
  useThumbnails(editor);
  useEffect(() => keepCommentsLive(editor, commentsOf(editor)), [editor]);
  // While a version or a point in time is previewed, the panels that edit the live file take no input.
  const previewing = usePreviewing(editor);
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
        <div inert={previewing} className={`flex ${previewing ? "opacity-50" : ""}`}>
          <Toolbar editor={editor} tool={tool} setTool={setTool} />
          <LayersPanel editor={editor} />
        </div>
        <div className="relative min-w-0 flex-1">
          {renderCanvas(editor, tool, setTool)}
          <VersionPreview editor={editor} />
          <FollowFrame editor={editor} />
        </div>
        <div inert={previewing} className={`flex ${previewing ? "opacity-50" : ""}`}>
          {tool === "comment" ? <CommentsPanel editor={editor} /> : <PropertiesPanel editor={editor} fileName={fileName} />}
        </div>
        <VersionsPanel editor={editor} />
      </div>
    </div>
  );
}
