// Where a dragged set of layers lands, as arguments for editor.moveTo(ids,
// parentId, before): "before" is the sibling the moved objects go just
// below in z-order (undefined: on top of all).
import type { LayerRow } from "./layer-tree";

export type DropZone = "above" | "inside" | "below";
export interface DropTarget {
  parentId: string | null;
  before: string | undefined;
}

/** Which part of a row the pointer is over (fraction 0..1 from its top). */
export function dropZone(row: Pick<LayerRow, "container">, fraction: number): DropZone {
  if (row.container) return fraction < 0.25 ? "above" : fraction > 0.75 ? "below" : "inside";
  return fraction < 0.5 ? "above" : "below";
}

/**
 * The move for dropping `moving` on `rows[index]` in `zone`, or null when it
 * makes no sense (onto itself, or into its own subtree).
 */
export function dropTarget(rows: readonly LayerRow[], index: number, zone: DropZone, moving: ReadonlySet<string>): DropTarget | null {
  const row = rows[index];
  if (!row) return null;
  // Onto a dragged row or anything under one: a cycle or no move at all.
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (let at: LayerRow | undefined = row; at; at = at.parentId === null ? undefined : byId.get(at.parentId))
    if (moving.has(at.id)) return null;

  // Below an open container with children is the top of its children.
  if (zone === "inside" || (zone === "below" && row.expanded)) {
    if (!row.container) return null;
    return { parentId: row.id, before: undefined };
  }
  if (zone === "below") return { parentId: row.parentId, before: row.id };
  // Above a row: just in front of it, i.e. below the sibling listed before it
  // (rows are top first), skipping the dragged ones, which leave their places.
  for (let i = index - 1; i >= 0; i--) {
    const r = rows[i]!;
    if (r.depth < row.depth) break;
    if (r.parentId === row.parentId && !moving.has(r.id)) return { parentId: row.parentId, before: r.id };
  }
  return { parentId: row.parentId, before: undefined };
}

/** The dragged ids in the document's back-to-front order, which moveTo keeps. */
export function movingInOrder(rows: readonly LayerRow[], moving: ReadonlySet<string>): string[] {
  return rows
    .filter((r) => moving.has(r.id))
    .map((r) => r.id)
    .reverse();
}
