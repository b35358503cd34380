// The keyboard's document commands (Figma's shortcuts), as functions of the
// Editor so that the tests call exactly what the keys do.
import type { Box } from "../geometry/box";
import type { Editor } from "../editor/editor";
import type { ToolView } from "./tool-context";
import { pageDeltaIn, parentOf, placement, placementUnder, reparentKeepingPlace, topmostOf } from "./page-geometry";
import { copyPayload, pastePayload } from "./clipboard";

function selected(editor: Editor): string[] {
  return topmostOf(editor, editor.selection);
}

export function deleteSelection(editor: Editor): void {
  const ids = selected(editor);
  if (ids.length) editor.delete(ids);
  editor.select([]);
}

export function nudge(editor: Editor, dx: number, dy: number): void {
  const ids = selected(editor);
  if (!ids.length) return;
  editor.updateMany(
    ids.map((id) => {
      const d = pageDeltaIn(editor, parentOf(editor, id), dx, dy);
      const p = placement(editor, id);
      return { id, props: { x: p.x! + d.x, y: p.y! + d.y } };
    }),
  );
}

/** ctrl+D: copies beside the originals, in the same parents, selected. */
export function duplicate(editor: Editor): string[] {
  const ids = selected(editor);
  if (!ids.length) return [];
  return editor.transact(() => {
    const out: string[] = [];
    for (const id of ids) {
      const parent = parentOf(editor, id);
      const [copy] = pastePayload(editor, copyPayload(editor, [id]), 10);
      if (parent !== null) reparentKeepingPlace(editor, [copy!], parent);
      out.push(copy!);
    }
    editor.select(out);
    return out;
  });
}

function unionOf(view: ToolView, ids: readonly string[]): Box | null {
  let b: Box | null = null;
  for (const id of ids) {
    const x = view.boundsOf(id);
    if (!x) continue;
    b = b ? { minX: Math.min(b.minX, x.minX), minY: Math.min(b.minY, x.minY), maxX: Math.max(b.maxX, x.maxX), maxY: Math.max(b.maxY, x.maxY) } : x;
  }
  return b;
}

/** ctrl+G (group) and ctrl+alt+G (frame): a container round the selection, which keeps its page place. */
export function wrapSelection(editor: Editor, view: ToolView, type: "group" | "frame"): string | null {
  const ids = selected(editor);
  const box = unionOf(view, ids);
  if (!ids.length || !box) return null;
  // The container goes where the topmost selected object was, in that object's parent.
  const parent = parentOf(editor, ids[0]!);
  const siblings = editor.children(parent);
  const top = ids.filter((id) => parentOf(editor, id) === parent).sort((a, b) => siblings.indexOf(a) - siblings.indexOf(b)).at(-1)!;
  const above = siblings[siblings.indexOf(top) + 1];
  return editor.transact(() => {
    const name = type === "group" ? "Group" : "Frame";
    const [c] = editor.createObjects([{ type, x: box.minX, y: box.minY, width: box.maxX - box.minX, height: box.maxY - box.minY, name, ...(type === "frame" ? { fill: "#ffffff" } : {}) }]);
    if (parent !== null) reparentKeepingPlace(editor, [c!], parent);
    if (above !== undefined) editor.moveTo([c!], parent, above);
    reparentKeepingPlace(editor, ids, c!);
    editor.select([c!]);
    return c!;
  });
}

/** ctrl+shift+G: the selected groups' (and frames') children go up to the group's parent, in its place. */
export function ungroup(editor: Editor): string[] {
  const groups = selected(editor).filter((id) => editor.value(id, "type") === "group" || editor.value(id, "type") === "frame");
  if (!groups.length) return [];
  return editor.transact(() => {
    const freed: string[] = [];
    for (const g of groups) {
      const parent = parentOf(editor, g);
      const kids = editor.children(g);
      const places = kids.map((id) => ({ id, props: placementAt(editor, id, parent) }));
      editor.moveTo(kids, parent, g);
      editor.updateMany(places);
      editor.delete([g]);
      freed.push(...kids);
    }
    editor.select(freed);
    return freed;
  });
}

function placementAt(editor: Editor, id: string, parent: string | null) {
  // Computed before the move, while the group still places the child.
  const p = placementUnder(editor, id, parent);
  return p.rotation === 0 && editor.value(id, "rotation") === null ? { x: p.x, y: p.y } : p;
}

/** ctrl+] / ctrl+[: one step up or down among siblings; with shift, to the front or back. */
export function reorder(editor: Editor, how: "forward" | "backward" | "front" | "back"): void {
  const ids = selected(editor);
  if (!ids.length) return;
  if (how === "front") return editor.bringToFront(ids);
  if (how === "back") return editor.sendToBack(ids);
  editor.transact(() => {
    for (const id of ids) {
      const parent = parentOf(editor, id);
      const sibs = editor.children(parent);
      const i = sibs.indexOf(id);
      if (how === "forward" && i < sibs.length - 1) {
        const beyond = sibs[i + 2];
        editor.moveTo([id], parent, beyond);
      } else if (how === "backward" && i > 0) editor.moveTo([id], parent, sibs[i - 1]);
    }
  });
}

export function selectAll(editor: Editor): void {
  editor.select(editor.children(null).filter((id) => editor.value(id, "locked") !== true && editor.value(id, "visible") !== false));
}
