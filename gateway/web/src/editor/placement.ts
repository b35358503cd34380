// Where objects go among their siblings: fractional indexes between two
// neighbours, so that a move rewrites only the moved objects.
import type { Document } from "../doc/document";
import { compareText } from "../doc/json";
import { keysBetween } from "../doc/order";

function indexOf(doc: Document, id: string | undefined): string | null {
  if (id === undefined) return null;
  const index = doc.value(id, "index");
  return typeof index === "string" ? index : null;
}

/**
 * count indexes, in order, for objects placed under parentId just below the
 * sibling `before` (undefined: on top of all), leaving out `moving` (the
 * objects being placed, which give up their current spots).
 */
export function indexesFor(
  doc: Document,
  parentId: string | null,
  count: number,
  before?: string,
  moving: ReadonlySet<string> = new Set(),
): string[] {
  const siblings = doc.children(parentId).filter((id) => !moving.has(id));
  const at = before === undefined ? siblings.length : siblings.indexOf(before);
  if (at < 0) throw new Error(`"${before}" is not a child of ${parentId === null ? "the page" : `"${parentId}"`}`);
  const high = indexOf(doc, siblings[at]);
  let low = indexOf(doc, siblings[at - 1]);
  // Siblings that share an index (placed concurrently) have nothing between
  // them: go below the whole tie instead.
  for (let i = at - 1; low !== null && high !== null && compareText(low, high) >= 0; i--) low = indexOf(doc, siblings[i - 1]);
  return keysBetween(low, high, count);
}
