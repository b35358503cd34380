// Properties of the selection. A field applies what is typed at once, and
// everything from focusing it to leaving it is one undo step (Escape puts the
// values back); a numeric label scrubs the value when dragged. Fields not
// being edited follow the document, so someone else's change shows at once.
import { useEffect, useRef, useState } from "react";
import type { Json } from "../doc/json";
import type { Editor } from "../editor/editor";
import { ExportSection } from "./ExportSection";
import { displayValue, fieldsFor, FONT_FAMILIES, parseInput, scrubbed, TEXT_ALIGNS, type PropertyField } from "./property-fields";
import { MIXED, sharedValue } from "./property-values";
import { useEditorEvents } from "./use-editor";

const INPUT = "w-full min-w-0 rounded border px-2 py-1 text-neutral-800 focus:outline-none disabled:bg-neutral-50";

export function PropertiesPanel({ editor, fileName }: { editor: Editor; fileName: string }) {
  useEditorEvents(editor, ["document", "selection", "access"]);
  const ids = [...editor.selection];
  const fields = fieldsFor(ids.map((id) => String(editor.value(id, "type"))));
  const sections = ids.length ? [...new Set(fields.map((f) => f.section))] : [];
  // One panel whatever is selected, so that the export section below keeps its choices.
  return (
    <aside aria-label="Properties" className="flex w-60 flex-col gap-3 overflow-y-auto border-l border-neutral-200 bg-white p-3 text-xs">
      {ids.length === 0 && <p className="text-neutral-500">Select something to see its properties.</p>}
      {ids.length > 1 && <p className="text-neutral-500">{ids.length} selected</p>}
      {sections.map((section) => (
        <section key={section} className="grid grid-cols-2 gap-2">
          <h3 className="col-span-2 font-semibold text-neutral-700">{section}</h3>
          {fields
            .filter((f) => f.section === section)
            .map((field) => (
              <FieldFor key={`${field.prop} ${ids.join()}`} editor={editor} ids={ids} field={field} />
            ))}
        </section>
      ))}
      <ExportSection editor={editor} fileName={fileName} />
    </aside>
  );
}

function FieldFor(props: { editor: Editor; ids: string[]; field: PropertyField }) {
  switch (props.field.kind) {
    case "font":
      return <FontField {...props} />;
    case "align":
      return <AlignField {...props} />;
    default:
      return <TypedField {...props} />;
  }
}

/** The value the selection shares, as the field shows it, or MIXED. */
function shownValue(editor: Editor, ids: readonly string[], field: PropertyField): string {
  return sharedValue(ids, (id) => displayValue(field, editor.value(id, field.prop))) as string;
}

function setAll(editor: Editor, ids: readonly string[], prop: string, value: (id: string) => Json): void {
  editor.updateMany(ids.map((id) => ({ id, props: { [prop]: value(id) } })));
}

/**
 * One edit of a field as one undo step: begun on focus (or a scrub), ended on
 * leaving it, also when the field goes away while focused (the selection
 * changed), since React sends no blur then.
 */
function useFieldEdit(editor: Editor, ids: readonly string[], prop: string) {
  const before = useRef<Map<string, Json> | null>(null);
  const begin = () => {
    if (before.current || editor.readOnly) return;
    before.current = new Map(ids.map((id) => [id, editor.value(id, prop) ?? null]));
    editor.beginGesture();
  };
  const end = () => {
    if (!before.current) return;
    before.current = null;
    editor.endGesture();
  };
  const revert = () => {
    const start = before.current;
    if (start) setAll(editor, ids, prop, (id) => start.get(id) ?? null);
  };
  useEffect(() => end, []); // eslint-disable-line react-hooks/exhaustive-deps
  return { begin, end, revert, before };
}

function TypedField({ editor, ids, field }: { editor: Editor; ids: string[]; field: PropertyField }) {
  const edit = useFieldEdit(editor, ids, field.prop);
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const shown = shownValue(editor, ids, field);
  const apply = (raw: string) => {
    setDraft(raw);
    const parsed = parseInput(field, raw);
    if (!parsed.ok) return setProblem(parsed.reason);
    try {
      setAll(editor, ids, field.prop, () => parsed.value);
      setProblem(null);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e)); // the object went meanwhile, say
    }
  };
  const leave = () => {
    edit.end();
    setDraft(null);
    setProblem(null);
  };
  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    e.stopPropagation(); // the canvas's shortcuts are not for a field
    const multiline = field.kind === "text";
    if (e.key === "Escape") {
      edit.revert();
      e.currentTarget.blur();
    } else if (e.key === "Enter" && (!multiline || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.currentTarget.blur();
    } else if (field.kind === "number" && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      const n = Number(e.currentTarget.value);
      if (Number.isFinite(n)) apply(String(n + (e.key === "ArrowUp" ? 1 : -1) * (e.shiftKey ? 10 : 1)));
    }
  };
  const common = {
    "aria-label": field.label,
    "aria-invalid": problem !== null,
    title: problem ?? undefined,
    value: draft ?? (shown === MIXED ? "" : shown),
    placeholder: shown === MIXED ? MIXED : "",
    disabled: editor.readOnly,
    onFocus: () => {
      edit.begin();
      setDraft(shown === MIXED ? "" : shown);
    },
    onBlur: leave,
    onKeyDown,
    className: `${INPUT} ${problem ? "border-red-500" : "border-neutral-200 focus:border-blue-500"}`,
  };
  const wide = field.kind !== "number";
  return (
    <div className={`flex flex-col gap-1 text-neutral-500 ${wide ? "col-span-2" : ""}`}>
      {field.kind === "number" ? <ScrubLabel editor={editor} ids={ids} field={field} edit={edit} /> : <span>{field.label}</span>}
      <div className="flex items-center gap-1">
        {field.kind === "colour" && <Swatch editor={editor} ids={ids} field={field} shown={shown} />}
        {field.kind === "text" ? (
          <textarea {...common} rows={2} onChange={(e) => apply(e.target.value)} />
        ) : (
          <input {...common} onChange={(e) => apply(e.target.value)} />
        )}
      </div>
      {problem && (
        <span role="alert" className="text-red-600">
          {problem}
        </span>
      )}
    </div>
  );
}

/** A numeric field's label: drag it sideways to change the value (Figma's scrubbing). */
function ScrubLabel({ editor, ids, field, edit }: { editor: Editor; ids: string[]; field: PropertyField; edit: ReturnType<typeof useFieldEdit> }) {
  const from = useRef<{ x: number; values: Map<string, number> } | null>(null);
  const numberOf = (id: string) => {
    const v = editor.value(id, field.prop);
    return typeof v === "number" ? v : (field.fallback as number);
  };
  return (
    <span
      className={editor.readOnly ? "" : "cursor-ew-resize select-none"}
      onPointerDown={(e) => {
        if (editor.readOnly) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        from.current = { x: e.clientX, values: new Map(ids.map((id) => [id, numberOf(id)])) };
        edit.begin();
      }}
      onPointerMove={(e) => {
        const start = from.current;
        if (!start) return;
        setAll(editor, ids, field.prop, (id) => scrubbed(field, start.values.get(id)!, e.clientX - start.x, e.shiftKey));
      }}
      onPointerUp={() => {
        from.current = null;
        edit.end();
      }}
      onPointerCancel={() => {
        from.current = null;
        edit.end();
      }}
    >
      {field.label}
    </span>
  );
}

/** The browser's colour picker beside a colour field; picking is one undo step however long it is dragged. */
function Swatch({ editor, ids, field, shown }: { editor: Editor; ids: string[]; field: PropertyField; shown: string }) {
  const edit = useFieldEdit(editor, ids, field.prop);
  const hex = /^#[0-9a-fA-F]{6}$/.test(shown) ? shown : /^#[0-9a-fA-F]{3}$/.test(shown) ? "#" + [...shown.slice(1)].map((c) => c + c).join("") : "#000000";
  return (
    <input
      type="color"
      aria-label={`${field.label} colour picker`}
      value={hex.toLowerCase()}
      disabled={editor.readOnly}
      onFocus={edit.begin}
      onBlur={edit.end}
      onChange={(e) => {
        edit.begin();
        setAll(editor, ids, field.prop, () => e.target.value);
      }}
      className="h-6 w-6 shrink-0 cursor-pointer rounded border border-neutral-200 bg-white p-0"
    />
  );
}

function FontField({ editor, ids, field }: { editor: Editor; ids: string[]; field: PropertyField }) {
  const shown = shownValue(editor, ids, field);
  const options = shown === MIXED || FONT_FAMILIES.includes(shown) ? FONT_FAMILIES : [shown, ...FONT_FAMILIES];
  return (
    <label className="col-span-2 flex flex-col gap-1 text-neutral-500">
      {field.label}
      <select
        aria-label={field.label}
        value={shown === MIXED ? "" : shown}
        disabled={editor.readOnly}
        onChange={(e) => editor.transact(() => setAll(editor, ids, field.prop, () => e.target.value))}
        className={`${INPUT} border-neutral-200`}
      >
        {shown === MIXED && <option value="">{MIXED}</option>}
        {options.map((font) => (
          <option key={font} value={font} style={{ fontFamily: font }}>
            {font}
          </option>
        ))}
      </select>
    </label>
  );
}

function AlignField({ editor, ids, field }: { editor: Editor; ids: string[]; field: PropertyField }) {
  const shown = shownValue(editor, ids, field);
  return (
    <div role="group" aria-label={field.label} className="col-span-2 flex gap-1">
      {TEXT_ALIGNS.map((align) => (
        <button
          key={align}
          type="button"
          aria-label={`Align ${align}`}
          aria-pressed={shown === align}
          disabled={editor.readOnly}
          onClick={() => editor.transact(() => setAll(editor, ids, field.prop, () => align))}
          className={`flex-1 rounded border px-1 py-1 capitalize ${shown === align ? "border-blue-500 bg-blue-50 text-blue-700" : "border-neutral-200 text-neutral-700"}`}
        >
          {align}
        </button>
      ))}
    </div>
  );
}
