// "View only" beside the file name while the user may only view the file
// (live: it goes when an admin makes them an editor, and comes when one makes
// them a viewer).
import type { Editor } from "../editor/editor";
import { useEditorEvents } from "../ui/use-editor";

export function ViewOnlyBadge({ editor }: { editor: Editor }) {
  useEditorEvents(editor, ["access"]);
  if (!editor.readOnly) return null;
  return (
    <span data-testid="view-only" className="shrink-0 rounded bg-amber-100 px-1.5 py-0.5 text-[11px] font-medium text-amber-800">
      View only
    </span>
  );
}
