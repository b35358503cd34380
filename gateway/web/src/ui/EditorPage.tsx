// The editor page: top bar, toolbar, the canvas slot, and the read-only note.
// The canvas is given by the caller (renderCanvas) so that it plugs in with one line.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import type { Editor } from "../editor/editor";
import { AccessRemoved } from "../share/AccessRemoved";
import { useRemoval } from "../share/use-removal";
import { FollowFrame } from "../follow/FollowFrame";
import { useThumbnails } from "../thumbnail/use-thumbnails";
import { usePreviewing, useVersions } from "../versions/versions-for-editor";
import { LayersPanel } from "./LayersPanel";
import { PropertiesPanel } from "./PropertiesPanel";
import { TopBar } from "./TopBar";
import { Toolbar } from "./Toolbar";
import type { ToolId } from "./tools";
import { useEditorEvents } from "./use-editor";
import { lazyNamed } from "./lazy";
import { commentsOf } from "../comments/file-comments";
import { keepCommentsLive } from "../comments/live-comments";

const VersionsPanel = lazyNamed(() => import("../versions/VersionsPanel"), "VersionsPanel");
const VersionPreview = lazyNamed(() => import("../versions/VersionPreview"), "VersionPreview");
const CommentsPanel = lazyNamed(() => import("./comments/CommentsPanel"), "CommentsPanel");

export type RenderCanvas = (editor: Editor, tool: ToolId, setTool: (tool: ToolId) => void, onShown: () => void) => ReactNode;

// The panels come once the canvas has shown the file, so that a file opens
// in the time the canvas takes and not that plus React's first render of
// every panel (about a third of the time to open a 10,000-object file on a
// 2-core machine); meanwhile empty boxes of the panels' sizes hold their
// places, so that the canvas keeps its size. A file slow to come (a large
// one, a slow network, offline) gets its panels after PANELS_AT_MOST_MS.
const PANELS_AT_MOST_MS = 1000;

function usePanelsShown(): [boolean, () => void] {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShown(true), PANELS_AT_MOST_MS);
    return () => clearTimeout(timer);
  }, []);
  return [shown, useCallback(() => setShown(true), [])];
}

/** What holds a panel's place until it comes: the same box, blank. */
function PanelPlace({ className }: { className: string }) {
  return <div data-testid="panel-place" aria-hidden className={`bg-white ${className}`} />;
}

export function EditorPage({ editor, fileName, renderCanvas }: { editor: Editor; fileName: string; renderCanvas: RenderCanvas }) {
  const [tool, setTool] = useState<ToolId>("select");
  useEditorEvents(editor, ["access"]);
  const removal = useRemoval(editor);
  useThumbnails(editor);
  useEffect(() => keepCommentsLive(editor, commentsOf(editor)), [editor]);
  // While a version or a point in time is previewed, the panels that edit the live file take no input.
  const previewing = usePreviewing(editor);
  const versionsOpen = useVersions(editor, (s) => s.open);
  const [panels, showPanels] = usePanelsShown();
  if (removal) return <AccessRemoved removal={removal} />;
  return (
    <div className="flex h-screen flex-col bg-neutral-100 text-neutral-800">
      {panels ? <TopBar editor={editor} fileName={fileName} /> : <PanelPlace className="h-11 border-b border-neutral-200" />}
      {editor.readOnly && (
        <p data-testid="read-only" className="border-b border-amber-200 bg-amber-50 px-3 py-1.5 text-xs text-amber-800">
          You can view this file but not edit it
        </p>
      )}
      <div className="flex min-h-0 flex-1">
        <div inert={previewing} className={`flex ${previewing ? "opacity-50" : ""}`}>
          {panels ? <Toolbar editor={editor} tool={tool} setTool={setTool} /> : <PanelPlace className="w-12 border-r border-neutral-200" />}
          {panels ? <LayersPanel editor={editor} /> : <PanelPlace className="w-60 border-r border-neutral-200" />}
        </div>
        <div className="relative min-w-0 flex-1">
          {renderCanvas(editor, tool, setTool, showPanels)}
          {previewing && <VersionPreview editor={editor} />}
          <FollowFrame editor={editor} />
        </div>
        <div inert={previewing} className={`flex ${previewing ? "opacity-50" : ""}`}>
          {!panels ? (
            <PanelPlace className="w-60 border-l border-neutral-200" />
          ) : tool === "comment" ? (
            <CommentsPanel editor={editor} />
          ) : (
            <PropertiesPanel editor={editor} fileName={fileName} />
          )}
        </div>
        {versionsOpen && <VersionsPanel editor={editor} />}
      </div>
    </div>
  );
}
