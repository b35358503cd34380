// Properties of the selection: edits apply as you type, one editor.transact each.
import type { Editor } from "../editor/editor";
import { formatValue, MIXED, sharedValue } from "./property-values";
import { useEditorEvents } from "./use-editor";

const FIELDS: readonly { label: string; prop: string; numeric: boolean }[] = [
  { label: "X", prop: "x", numeric: true },
  { label: "Y", prop: "y", numeric: true },
  { label: "W", prop: "width", numeric: true },
  { label: "H", prop: "height", numeric: true },
  { label: "Rotation", prop: "rotation", numeric: true },
  { label: "Fill", prop: "fill", numeric: false },
  { label: "Stroke", prop: "stroke", numeric: false },
  { label: "Stroke width", prop: "strokeWidth", numeric: true },
  { label: "Opacity", prop: "opacity", numeric: true },
  { label: "Corner radius", prop: "cornerRadius", numeric: true },
  { label: "Text", prop: "text", numeric: false },
  { label: "Font family", prop: "fontFamily", numeric: false },
  { label: "Font size", prop: "fontSize", numeric: true },
];

export function PropertiesPanel({ editor }: { editor: Editor }) {
  useEditorEvents(editor, ["document", "selection", "access"]);
  const ids = [...editor.selection];
  if (!ids.length) return <aside aria-label="Properties" className="w-60 border-l border-neutral-200 bg-white p-3 text-xs text-neutral-500">Select something to see its properties.</aside>;
  const apply = (prop: string, raw: string, numeric: boolean) => {
    const value = numeric ? Number(raw) : raw;
    if (numeric && (raw.trim() === "" || !Number.isFinite(value))) return;
    try {
      editor.transact(() => editor.updateMany(ids.map((id) => ({ id, props: { [prop]: value } }))));
    } catch {
      // a value the server would refuse (a bad colour while typing): left until it is valid
    }
  };
  return (
    <aside aria-label="Properties" className="grid w-60 grid-cols-2 content-start gap-2 overflow-y-auto border-l border-neutral-200 bg-white p-3 text-xs">
      {FIELDS.map(({ label, prop, numeric }) => {
        const shown = formatValue(sharedValue(ids, (id) => editor.value(id, prop)));
        return (
          <label key={prop} className={`flex flex-col gap-1 text-neutral-500 ${numeric ? "" : "col-span-2"}`}>
            {label}
            <input
              aria-label={label}
              key={ids.join()}
              defaultValue={shown === MIXED ? "" : shown}
              placeholder={shown === MIXED ? MIXED : ""}
              disabled={editor.readOnly}
              onChange={(e) => apply(prop, e.target.value, numeric)}
              className="rounded border border-neutral-200 px-2 py-1 text-neutral-800 focus:border-blue-500 focus:outline-none disabled:bg-neutral-50"
            />
          </label>
        );
      })}
    </aside>
  );
}
