// Sibling order: a fractional index string per object (Figma's "Realtime
// editing of ordered sequences"), compared as bytes, ties broken by id so
// that two objects placed at the same spot concurrently still have one order.
import { generateKeyBetween, generateNKeysBetween } from "fractional-indexing";
import { compareText } from "./json";

export interface Placed {
  id: string;
  index: string | null;
}

/** Objects without an index come first (the server accepts them), then by index, then by id. */
export function compareSiblings(a: Placed, b: Placed): number {
  return compareOrder(a.index, a.id, b.index, b.id);
}

/** compareSiblings on the parts, for sorts that would otherwise make a Placed per comparison. */
export function compareOrder(aIndex: string | null, aId: string, bIndex: string | null, bId: string): number {
  if (aIndex !== bIndex) {
    if (aIndex === null) return -1;
    if (bIndex === null) return 1;
    const c = compareText(aIndex, bIndex);
    if (c) return c;
  }
  return compareText(aId, bId);
}

// Keys another writer made (a SQL user, another tool) need not be in the
// package's format; then any letters-and-digits string strictly between will do.
const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function anyKeyBetween(a: string | null, b: string | null): string {
  const low = a ?? "";
  if (b === null || !b.startsWith(low)) return low + "V"; // longer than low, and below b at their first difference
  const rest = b.slice(low.length); // b = low + rest, so the key is low + something below rest
  const d = DIGITS.indexOf(rest[0]!);
  if (d >= 1) return low + DIGITS[d >> 1];
  if (rest.length > 1) return low + "0";
  throw new Error(`no fractional index fits between "${a ?? ""}" and "${b}"`);
}

/**
 * A key strictly between a and b (null: open end). Equal neighbours (a tie
 * between two siblings) cannot have a key between them: the caller passes the
 * next distinct key instead.
 */
export function keyBetween(a: string | null, b: string | null): string {
  try {
    return generateKeyBetween(a, b);
  } catch {
    return anyKeyBetween(a, b);
  }
}

/** n keys in order strictly between a and b, evenly spread (shorter than n calls of keyBetween). */
export function keysBetween(a: string | null, b: string | null, n: number): string[] {
  try {
    return generateNKeysBetween(a, b, n);
  } catch {
    const keys: string[] = [];
    let low = a;
    for (let i = 0; i < n; i++) {
      low = anyKeyBetween(low, b);
      keys.push(low);
    }
    return keys;
  }
}
