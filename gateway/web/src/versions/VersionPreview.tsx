// What the canvas slot shows while a version or a point in time is
// previewed: the read-only canvas over the live one, a banner that says what
// this is with Restore and Back to current, and no edits: the keyboard's
// shortcuts and the clipboard's cut and paste do not reach the live canvas
// meanwhile (Escape goes back to the live file).
import { useEffect } from "react";
import { isTyping } from "../canvas/CanvasView";
import type { Editor } from "../editor/editor";
import { useEditorEvents } from "../ui/use-editor";
import { PreviewCanvas } from "./PreviewCanvas";
import { useVersions, versionsStoreFor } from "./versions-for-editor";
import { shownDocument, versionTitle } from "./versions-store";
import { whenText } from "./when-text";

export function VersionPreview({ editor }: { editor: Editor }) {
  useEditorEvents(editor, ["access"]);
  const shown = useVersions(editor, (s) => s.shown);
  const store = versionsStoreFor(editor);
  const previewing = shown.kind !== "live";

  useEffect(() => {
    if (!previewing) return;
    // Capturing on the window runs before the canvas's own listeners (on the window, bubbling).
    const key = (e: KeyboardEvent) => {
      if (isTyping(e.target)) return;
      e.stopPropagation();
      if (e.key === "Escape") store.getState().backToCurrent();
    };
    const clipboard = (e: Event) => {
      if (!isTyping(e.target)) e.stopPropagation();
    };
    window.addEventListener("keydown", key, true);
    window.addEventListener("keyup", key, true);
    window.addEventListener("cut", clipboard, true);
    window.addEventListener("paste", clipboard, true);
    return () => {
      window.removeEventListener("keydown", key, true);
      window.removeEventListener("keyup", key, true);
      window.removeEventListener("cut", clipboard, true);
      window.removeEventListener("paste", clipboard, true);
    };
  }, [previewing, store]);

  if (!previewing) return null;
  const document = shownDocument(shown);
  // What is shown, and (for a version) its name, which may be long: it is the part cut short.
  const title = shown.kind === "version" ? `Viewing version ${shown.version.versionNumber}` : `Viewing seq ${shown.seq} of ${shown.lastSeq}`;
  const latest = shown.kind === "history" ? shown.point?.changes[0] : undefined;
  const detail =
    shown.kind === "version" ? versionTitle(shown.version) : latest && shown.point?.seq === shown.seq ? whenText(latest.createdAt) : "";
  const ready = shown.kind === "version" || shown.point?.seq === shown.seq;
  return (
    <>
      {document ? (
        <PreviewCanvas editor={editor} document={document} />
      ) : (
        <div className="absolute inset-0 flex items-center justify-center bg-neutral-100 text-sm text-neutral-500">Loading…</div>
      )}
      <div
        data-testid="version-banner"
        role="status"
        className="absolute left-1/2 top-3 flex max-w-[calc(100%-1.5rem)] -translate-x-1/2 items-center gap-2 whitespace-nowrap rounded-lg bg-neutral-900 px-3 py-2 text-xs text-white shadow-lg"
      >
        <span data-testid="version-banner-title" className="shrink-0 font-medium">
          {title}
        </span>
        <span data-testid="version-banner-detail" className="min-w-0 truncate text-neutral-300">
          {detail}
        </span>
        {!editor.readOnly && (
          <button
            type="button"
            data-testid="version-restore"
            disabled={!ready}
            onClick={() => store.getState().restoreShown()}
            className="shrink-0 rounded bg-blue-500 px-2 py-1 font-medium hover:bg-blue-400 disabled:opacity-50"
          >
            {shown.kind === "version" ? "Restore" : "Restore this point"}
          </button>
        )}
        <button
          type="button"
          data-testid="version-back"
          onClick={() => store.getState().backToCurrent()}
          className="shrink-0 rounded px-2 py-1 text-neutral-200 hover:bg-neutral-700"
        >
          Back to current
        </button>
      </div>
    </>
  );
}
