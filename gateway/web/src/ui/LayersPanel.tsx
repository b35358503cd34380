// The layers panel: the tree top first; click selects, double-click renames,
// eye and lock toggle, drag reorders and reparents (rules in layer-drop.ts).
// Rows are all one height and only those in view (and a few around them) are
// in the DOM: a file of 100,000 objects scrolls like one of ten.
import { ChevronDown, ChevronRight, Eye, EyeOff, Lock, Unlock } from "lucide-react";
import { useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Editor } from "../editor/editor";
import { parentOf, reparentKeepingPlace } from "../tools/page-geometry";
import { dropTarget, dropZone, movingInOrder, type DropZone } from "./layer-drop";
import { LAYER_ROW_HEIGHT, layerRows, rowWindow, scrollToRow } from "./layer-tree";
import { useEditorEvents } from "./use-editor";

export function LayersPanel({ editor }: { editor: Editor }) {
  const version = useEditorEvents(editor, ["document", "selection", "access"]);
  // Listing a large file's rows takes a while (30 ms at 10,000 objects): the
  // first listing is rendered in the background, after the panel appears
  // empty, so that the canvas's first frame never waits for it; later ones
  // follow the document at once.
  const listedOnce = useDeferredValue(true, false);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [drag, setDrag] = useState<{ source: string; moving: Set<string>; over: number; zone: DropZone } | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  // Listed again when the document, the selection or what is collapsed changed, not on every scroll.
  const rows = useMemo(() => (listedOnce ? layerRows(editor, collapsed) : []), [editor, listedOnce, version, collapsed]);
  const readOnly = editor.readOnly;
  const toggle = (id: string) => setCollapsed((c) => (c.has(id) ? new Set([...c].filter((x) => x !== id)) : new Set([...c, id])));

  useLayoutEffect(() => {
    const el = scroller.current!;
    const measure = () => setView({ top: el.scrollTop, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // An object selected elsewhere (on the canvas, say) is scrolled into view here.
  const selected = useRef<ReadonlySet<string>>(new Set());
  useEffect(() => {
    const before = selected.current;
    selected.current = new Set(editor.selection);
    const added = [...editor.selection].filter((id) => !before.has(id));
    const index = added.length ? rows.findIndex((r) => r.id === added[added.length - 1]) : -1;
    const el = scroller.current;
    if (index < 0 || !el) return;
    const top = scrollToRow(index, el.scrollTop, el.clientHeight);
    if (top !== null) el.scrollTop = top;
  });

  // The rows in view, and any being renamed or dragged, which must not be unmounted mid-gesture.
  const { start, end } = rowWindow(view.top, view.height, rows.length);
  const shown = new Set<number>();
  for (let i = start; i < end; i++) shown.add(i);
  for (const id of [renaming, drag?.source]) {
    const i = id ? rows.findIndex((r) => r.id === id) : -1;
    if (i >= 0) shown.add(i);
  }

  return (
    <aside aria-label="Layers" className="flex w-60 flex-col border-r border-neutral-200 bg-white text-xs">
      <h2 className="px-3 py-2 font-semibold text-neutral-700">Layers</h2>
      <div
        ref={scroller}
        data-testid="layers-scroll"
        className="min-h-0 flex-1 overflow-y-auto"
        onScroll={(e) => {
          const el = e.currentTarget;
          setView({ top: el.scrollTop, height: el.clientHeight });
        }}
      >
        <ul role="tree" className="relative" style={{ height: rows.length * LAYER_ROW_HEIGHT }}>
          {[...shown].sort((a, b) => a - b).map((index) => {
            const row = rows[index]!;
            const selected = editor.selection.has(row.id);
            const zone = drag?.over === index ? drag.zone : null;
            return (
              <li
                key={row.id}
                role="treeitem"
                data-testid="layer-row"
                data-object-id={row.id}
                aria-selected={selected}
                draggable={!readOnly && renaming !== row.id}
                onClick={(e) => editor.select(e.shiftKey ? [...editor.selection, row.id] : [row.id])}
                onDoubleClick={() => !readOnly && setRenaming(row.id)}
                onDragStart={(e) => {
                  e.dataTransfer.effectAllowed = "move";
                  e.dataTransfer.setData("text/plain", row.id);
                  setDrag({ source: row.id, moving: selected ? new Set(editor.selection) : new Set([row.id]), over: index, zone: "above" });
                }}
                onDragOver={(e) => {
                  if (!drag) return;
                  e.preventDefault();
                  const box = e.currentTarget.getBoundingClientRect();
                  const z = dropZone(row, (e.clientY - box.top) / box.height);
                  if (drag.over !== index || drag.zone !== z) setDrag({ ...drag, over: index, zone: z });
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  if (!drag) return;
                  const target = dropTarget(rows, index, drag.zone, drag.moving);
                  setDrag(null);
                  if (!target) return;
                  const moving = movingInOrder(layerRows(editor, new Set()), drag.moving);
                  // Into or out of a container: where it is on the page stays, as when dragged on the canvas.
                  if (moving.some((id) => parentOf(editor, id) !== target.parentId)) reparentKeepingPlace(editor, moving, target.parentId, target.before);
                  else editor.moveTo(moving, target.parentId, target.before);
                }}
                onDragEnd={() => setDrag(null)}
                aria-level={row.depth + 1}
                style={{ position: "absolute", left: 0, right: 0, top: index * LAYER_ROW_HEIGHT, height: LAYER_ROW_HEIGHT, paddingLeft: 8 + row.depth * 14 }}
                className={`group flex cursor-default items-center gap-1 pr-2 ${selected ? "bg-blue-50 text-blue-900" : "hover:bg-neutral-50"} ${
                  row.visible ? "" : "text-neutral-400"
                } ${zone === "above" ? "border-t-2 border-blue-500" : zone === "below" ? "border-b-2 border-blue-500" : zone === "inside" ? "ring-2 ring-inset ring-blue-500" : ""}`}
              >
                <button
                  type="button"
                  aria-label={row.expanded ? "Collapse" : "Expand"}
                  className={`flex h-4 w-4 items-center justify-center ${row.hasChildren ? "" : "invisible"}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    toggle(row.id);
                  }}
                >
                  {row.expanded ? <ChevronDown size={12} /> : <ChevronRight size={12} />}
                </button>
                {renaming === row.id ? (
                  <input
                    aria-label="Layer name"
                    autoFocus
                    defaultValue={row.name}
                    className="min-w-0 flex-1 rounded border border-blue-400 px-1"
                    onClick={(e) => e.stopPropagation()}
                    onBlur={(e) => {
                      const name = e.currentTarget.value.trim();
                      if (name && name !== row.name) editor.update(row.id, { name });
                      setRenaming(null);
                    }}
                    onKeyDown={(e) => {
                      if (e.key === "Enter") e.currentTarget.blur();
                      if (e.key === "Escape") setRenaming(null);
                    }}
                  />
                ) : (
                  <span className="min-w-0 flex-1 truncate">{row.name}</span>
                )}
                <RowToggle label={row.locked ? "Unlock" : "Lock"} shown={row.locked} disabled={readOnly} onToggle={() => editor.update(row.id, { locked: !row.locked })}>
                  {row.locked ? <Lock size={12} /> : <Unlock size={12} />}
                </RowToggle>
                <RowToggle label={row.visible ? "Hide" : "Show"} shown={!row.visible} disabled={readOnly} onToggle={() => editor.update(row.id, { visible: !row.visible })}>
                  {row.visible ? <Eye size={12} /> : <EyeOff size={12} />}
                </RowToggle>
              </li>
            );
          })}
        </ul>
      </div>
    </aside>
  );
}

/** The lock or the eye: shown when it says something unusual (locked, hidden), else on hover. */
function RowToggle(props: { label: string; shown: boolean; disabled: boolean; onToggle: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-label={props.label}
      disabled={props.disabled}
      className={`rounded p-0.5 hover:bg-neutral-200 ${props.shown ? "" : "opacity-0 group-hover:opacity-100 focus:opacity-100"}`}
      onClick={(e) => {
        e.stopPropagation();
        props.onToggle();
      }}
    >
      {props.children}
    </button>
  );
}
