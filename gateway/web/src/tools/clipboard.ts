// Copy and paste as JSON: the selected subtrees with their page positions,
// so that a paste into another file or tab recreates them there. The payload
// goes on the clipboard under a custom MIME type and as plain text.
import type { Json, JsonObject } from "../doc/json";
import { newId } from "../doc/ids";
import type { Editor, ObjectSpec } from "../editor/editor";
import type { ObjectType } from "../doc/schema";
import { placementUnder, topmostOf } from "./page-geometry";

export const CLIPBOARD_MIME = "application/x-vellum-objects+json";
export const PASTE_OFFSET = 10;

export interface ClipboardPayload {
  vellum: 1;
  /** parents before children; roots have no parentId and page coordinates */
  objects: JsonObject[];
}

const SKIP = new Set(["id", "parentId", "index"]);

/** The selected objects and everything under them, roots in page coordinates. */
export function copyPayload(editor: Editor, ids: Iterable<string>): ClipboardPayload {
  const objects: JsonObject[] = [];
  const visit = (id: string, parent: string | null) => {
    const state = editor.get(id);
    if (!state) return;
    const o: JsonObject = { id };
    for (const [name, reg] of state.registers) if (!SKIP.has(name) && reg.v !== null) o[name] = reg.v;
    if (parent !== null) o.parentId = parent;
    else Object.assign(o, placementUnder(editor, id, null));
    objects.push(o);
    for (const child of editor.children(id)) visit(child, id);
  };
  const roots = topmostOf(editor, ids);
  for (const id of roots) visit(id, null);
  return { vellum: 1, objects };
}

export function encodePayload(p: ClipboardPayload): string {
  return JSON.stringify(p);
}

/** The payload in clipboard text, or null when the text is something else. */
export function decodePayload(text: string): ClipboardPayload | null {
  try {
    const p = JSON.parse(text) as Json;
    if (p && typeof p === "object" && !Array.isArray(p) && p.vellum === 1 && Array.isArray(p.objects)) return p as unknown as ClipboardPayload;
  } catch {
    // not ours
  }
  return null;
}

/** Creates the payload's objects with new ids, moved by offset; selects and returns the new roots. */
export function pastePayload(editor: Editor, p: ClipboardPayload, offset = PASTE_OFFSET): string[] {
  const ids = new Map<string, string>();
  for (const o of p.objects) ids.set(String(o.id), newId());
  const roots: string[] = [];
  const specs: ObjectSpec[] = p.objects.map((o) => {
    const { id, parentId, ...props } = o;
    const mapped = typeof parentId === "string" ? ids.get(parentId) ?? null : null;
    const spec: ObjectSpec = { ...props, type: o.type as ObjectType, id: ids.get(String(id))!, parentId: mapped };
    if (mapped === null) {
      roots.push(spec.id!);
      spec.x = (typeof o.x === "number" ? o.x : 0) + offset;
      spec.y = (typeof o.y === "number" ? o.y : 0) + offset;
    }
    return spec;
  });
  editor.createObjects(specs);
  editor.select(roots);
  return roots;
}
