// The top bar's History button, which opens and closes the version history
// panel (loaded when first opened: see ui/lazy.tsx).
import { History } from "lucide-react";
import type { Editor } from "../editor/editor";
import { useVersions, versionsStoreFor } from "./versions-for-editor";

export function VersionsToggle({ editor }: { editor: Editor }) {
  const open = useVersions(editor, (s) => s.open);
  return (
    <button
      type="button"
      data-testid="versions-toggle"
      aria-pressed={open}
      title="Version history"
      onClick={() => versionsStoreFor(editor).getState().toggle()}
      className={`flex items-center gap-1 rounded px-2 py-1 text-xs ${open ? "bg-blue-50 text-blue-800" : "text-neutral-600 hover:bg-neutral-100"}`}
    >
      <History size={14} aria-hidden />
      History
    </button>
  );
}

