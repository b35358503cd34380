// The layers panel's rows: the tree flattened top first (the reverse of the
// document's back-to-front order), skipping the children of collapsed containers.
import { isContainerType } from "../doc/schema";

export interface LayerSource {
  children(parentId: string | null): string[];
  value(id: string, property: string): unknown;
}

export interface LayerRow {
  id: string;
  parentId: string | null;
  depth: number;
  type: string;
  name: string;
  container: boolean;
  hasChildren: boolean;
  expanded: boolean;
  visible: boolean;
  locked: boolean;
}

const TYPE_NAMES: Record<string, string> = {
  rectangle: "Rectangle",
  ellipse: "Ellipse",
  text: "Text",
  frame: "Frame",
  group: "Group",
  image: "Image",
};

/** The name shown for an object: its own, else its text, else its type. */
export function layerName(source: LayerSource, id: string): string {
  const name = source.value(id, "name");
  if (typeof name === "string" && name.trim()) return name;
  const type = String(source.value(id, "type"));
  const text = source.value(id, "text");
  if (type === "text" && typeof text === "string" && text.trim()) return text.trim().slice(0, 60);
  return TYPE_NAMES[type] ?? type;
}

export function layerRows(source: LayerSource, collapsed: ReadonlySet<string>): LayerRow[] {
  const rows: LayerRow[] = [];
  const visit = (parentId: string | null, depth: number) => {
    const kids = source.children(parentId);
    for (let i = kids.length - 1; i >= 0; i--) {
      const id = kids[i]!;
      const type = String(source.value(id, "type"));
      const container = isContainerType(type);
      const hasChildren = container && source.children(id).length > 0;
      const expanded = hasChildren && !collapsed.has(id);
      rows.push({
        id,
        parentId,
        depth,
        type,
        name: layerName(source, id),
        container,
        hasChildren,
        expanded,
        visible: source.value(id, "visible") !== false,
        locked: source.value(id, "locked") === true,
      });
      if (expanded) visit(id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

/** Every row is this tall (CSS pixels): the panel draws only the rows in view. */
export const LAYER_ROW_HEIGHT = 28;
/** Rows drawn above and below the view, so a fast scroll shows no gap. */
export const LAYER_OVERSCAN = 10;

/**
 * The rows to draw, [start, end), for a list of `count` rows scrolled by
 * `scrollTop` in a view `height` pixels tall: the ones in view and the overscan.
 */
export function rowWindow(scrollTop: number, height: number, count: number, rowHeight = LAYER_ROW_HEIGHT, overscan = LAYER_OVERSCAN): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, height)) / rowHeight);
  return { start: Math.max(0, Math.min(count, first - overscan)), end: Math.min(count, last + overscan) };
}

/** The scrollTop that brings row `index` into view, or null when it is in view already. */
export function scrollToRow(index: number, scrollTop: number, height: number, rowHeight = LAYER_ROW_HEIGHT): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + height) return Math.max(0, top + rowHeight - height);
  return null;
}
