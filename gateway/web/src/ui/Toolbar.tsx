// The left toolbar: tools (drawing ones off for a viewer) and undo/redo.
import { Redo2, Undo2 } from "lucide-react";
import { useEffect } from "react";
import type { Editor } from "../editor/editor";
import { TOOLS, type ToolId } from "./tools";
import { useEditorEvents } from "./use-editor";

const isMac = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? "⌘" : "Ctrl+";

function ToolButton(props: { label: string; tip: string; active?: boolean; disabled?: boolean; onClick(): void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      aria-label={props.label}
      aria-pressed={props.active}
      title={props.tip}
      disabled={props.disabled}
      onClick={props.onClick}
      className={`group relative flex h-9 w-9 items-center justify-center rounded-md text-neutral-700 hover:bg-neutral-100 disabled:cursor-not-allowed disabled:opacity-35 disabled:hover:bg-transparent ${
        props.active ? "bg-blue-600 text-white hover:bg-blue-600" : ""
      }`}
    >
      {props.children}
      <span className="pointer-events-none absolute left-11 z-20 hidden whitespace-nowrap rounded bg-neutral-900 px-2 py-1 text-xs text-white group-hover:block">
        {props.tip}
      </span>
    </button>
  );
}

export function Toolbar({ editor, tool, setTool }: { editor: Editor; tool: ToolId; setTool(tool: ToolId): void }) {
  useEditorEvents(editor, ["history", "access"]);
  const readOnly = editor.readOnly;
  // Made a viewer while drawing: back to a tool a viewer has.
  const drawing = TOOLS.find((t) => t.id === tool)?.edits ?? false;
  useEffect(() => {
    if (readOnly && drawing) setTool("select");
  }, [readOnly, drawing, setTool]);
  return (
    <nav aria-label="Tools" className="flex w-12 flex-col items-center gap-1 border-r border-neutral-200 bg-white py-2">
      {TOOLS.map(({ id, label, shortcut, icon: Icon, edits }) => (
        <ToolButton key={id} label={label} tip={`${label}  ${shortcut}`} active={tool === id} disabled={readOnly && edits} onClick={() => setTool(id)}>
          <Icon size={17} strokeWidth={1.75} />
        </ToolButton>
      ))}
      <div className="my-1 h-px w-7 bg-neutral-200" />
      <ToolButton label="Undo" tip={`Undo  ${mod}Z`} disabled={readOnly || !editor.canUndo} onClick={() => editor.undo()}>
        <Undo2 size={17} strokeWidth={1.75} />
      </ToolButton>
      <ToolButton label="Redo" tip={`Redo  ${mod}Shift+Z`} disabled={readOnly || !editor.canRedo} onClick={() => editor.redo()}>
        <Redo2 size={17} strokeWidth={1.75} />
      </ToolButton>
    </nav>
  );
}
