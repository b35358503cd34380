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
