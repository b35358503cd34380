// JSON values and the total order the extension uses to break ties between
// registers with equal (t, c) (extension/core/json.cpp, compare): by kind
// (null < boolean < number < string < array < object), then by content.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const enum Kind {
  Null,
  Bool,
  Number,
  String,
  Array,
  Object,
}

function kindOf(value: Json): Kind {
  if (value === null) return Kind.Null;
  switch (typeof value) {
    case "boolean":
      return Kind.Bool;
    case "number":
      return Kind.Number;
    case "string":
      return Kind.String;
    default:
      return Array.isArray(value) ? Kind.Array : Kind.Object;
  }
}

function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** Compares strings as the extension does: by UTF-8 bytes, which is code point order (not UTF-16's). */
export function compareText(a: string, b: string): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // UTF-16 order agrees with code point order except between a surrogate
    // (a code point above U+FFFF) and a unit in U+E000..U+FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return sign(a.length - b.length);
}

/** The extension keeps object members sorted by key, byte order. */
function sortedKeys(o: JsonObject): string[] {
  return Object.keys(o).sort(compareText);
}

export function compareJson(a: Json, b: Json): -1 | 0 | 1 {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  switch (ka) {
    case Kind.Null:
      return 0;
    case Kind.Bool:
      return a === b ? 0 : a ? 1 : -1;
    case Kind.Number:
      return sign((a as number) - (b as number));
    case Kind.String:
      return compareText(a as string, b as string);
    case Kind.Array: {
      const x = a as Json[];
      const y = b as Json[];
      for (let i = 0; i < x.length && i < y.length; i++) {
        const c = compareJson(x[i]!, y[i]!);
        if (c) return c;
      }
      return sign(x.length - y.length);
    }
    case Kind.Object: {
      const x = a as JsonObject;
      const y = b as JsonObject;
      const xk = sortedKeys(x);
      const yk = sortedKeys(y);
      for (let i = 0; i < xk.length && i < yk.length; i++) {
        const k = compareText(xk[i]!, yk[i]!);
        if (k) return k;
        const c = compareJson(x[xk[i]!]!, y[yk[i]!]!);
        if (c) return c;
      }
      return sign(xk.length - yk.length);
    }
  }
}

export function jsonEqual(a: Json, b: Json): boolean {
  return compareJson(a, b) === 0;
}

/** Whether value is plain JSON (what came through JSON.parse, or could go through JSON.stringify unchanged). */
export function isJson(value: unknown, depth = 0): value is Json {
  if (depth > 64) return false;
  if (value === null) return true;
  switch (typeof value) {
    case "boolean":
    case "string":
      return true;
    case "number":
      return Number.isFinite(value);
    case "object":
      if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false;
      return Object.values(value as object).every((v) => isJson(v, depth + 1));
    default:
      return false;
  }
}

export function isJsonObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
