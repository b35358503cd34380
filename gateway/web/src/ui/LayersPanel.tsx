// The layers panel: the tree top first; click selects, double-click renames,
// eye and lock toggle, drag reorders and reparents (rules in layer-drop.ts).
import { ChevronDown, ChevronRight, Eye, EyeOff, Lock, Unlock } from "lucide-react";
import { useState } from "react";
import type { Editor } from "../editor/editor";
import { dropTarget, dropZone, movingInOrder, type DropZone } from "./layer-drop";
import { layerRows } from "./layer-tree";
import { useEditorEvents } from "./use-editor";

export function LayersPanel({ editor }: { editor: Editor }) {
  useEditorEvents(editor, ["document", "selection", "access"]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [drag, setDrag] = useState<{ moving: Set<string>; over: number; zone: DropZone } | null>(null);
  const rows = layerRows(editor, collapsed);
  const readOnly = editor.readOnly;
  const toggle = (id: string) => setCollapsed((c) => (c.has(id) ? new Set([...c].filter((x) => x !== id)) : new Set([...c, id])));

  return (
    <aside aria-label="Layers" className="flex w-60 flex-col overflow-y-auto border-r border-neutral-200 bg-white text-xs">
      <h2 className="px-3 py-2 font-semibold text-neutral-700">Layers</h2>
      <ul role="tree">
        {rows.map((row, index) => {
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
                setDrag({ moving: selected ? new Set(editor.selection) : new Set([row.id]), over: index, zone: "above" });
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
                if (target) editor.moveTo(movingInOrder(layerRows(editor, new Set()), drag.moving), target.parentId, target.before);
              }}
              onDragEnd={() => setDrag(null)}
              style={{ paddingLeft: 8 + row.depth * 14 }}
              className={`group flex h-7 cursor-default items-center gap-1 pr-2 ${selected ? "bg-blue-50 text-blue-900" : "hover:bg-neutral-50"} ${
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
              <button
                type="button"
                aria-label={row.locked ? "Unlock" : "Lock"}
                disabled={readOnly}
                className={`rounded p-0.5 hover:bg-neutral-200 ${row.locked ? "" : "opacity-0 group-hover:opacity-100 focus:opacity-100"}`}
                onClick={(e) => {
                  e.stopPropagation();
                  editor.update(row.id, { locked: !row.locked });
                }}
              >
                {row.locked ? <Lock size={12} /> : <Unlock size={12} />}
              </button>
              <button
                type="button"
                aria-label={row.visible ? "Hide" : "Show"}
                disabled={readOnly}
                className={`rounded p-0.5 hover:bg-neutral-200 ${row.visible ? "opacity-0 group-hover:opacity-100 focus:opacity-100" : ""}`}
                onClick={(e) => {
                  e.stopPropagation();
                  editor.update(row.id, { visible: !row.visible });
                }}
              >
                {row.visible ? <Eye size={12} /> : <EyeOff size={12} />}
              </button>
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
