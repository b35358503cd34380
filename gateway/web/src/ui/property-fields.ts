// Which property fields the panel shows for a selection, how each shows its
// value and reads what was typed. Kept apart from React so it can be tested.
import type { Json } from "../doc/json";
import { validateProperty } from "../doc/schema";
import { DEFAULTS } from "../render/scene-object";

export type FieldKind = "number" | "colour" | "text" | "font" | "align";

export interface PropertyField {
  label: string;
  prop: string;
  kind: FieldKind;
  /** Shown as this many times the stored value (opacity as a percentage). */
  scale?: number;
  /** The range a scrub keeps to (typing is checked by the server's own rules, schema.ts). */
  min?: number;
  max?: number;
  /** What an object that does not set the property shows. */
  fallback: Json;
  /** Only for these types; every type when left out. */
  types?: readonly string[];
  section: "Layout" | "Appearance" | "Fill and stroke" | "Text";
}

const TEXT = ["text"];
const FILLED = ["rectangle", "ellipse", "text", "frame"];
const STROKED = ["rectangle", "ellipse", "frame", "image"];
export const FIELDS: readonly PropertyField[] = [
  { section: "Layout", label: "X", prop: "x", kind: "number", fallback: 0 },
  { section: "Layout", label: "Y", prop: "y", kind: "number", fallback: 0 },
  { section: "Layout", label: "W", prop: "width", kind: "number", fallback: 0, min: 0 },
  { section: "Layout", label: "H", prop: "height", kind: "number", fallback: 0, min: 0 },
  { section: "Layout", label: "Rotation", prop: "rotation", kind: "number", fallback: 0 },
  { section: "Appearance", label: "Opacity", prop: "opacity", kind: "number", scale: 100, fallback: 1, min: 0, max: 1 },
  { section: "Appearance", label: "Corner radius", prop: "cornerRadius", kind: "number", fallback: 0, min: 0, types: ["rectangle", "frame", "image"] },
  { section: "Fill and stroke", label: "Fill", prop: "fill", kind: "colour", fallback: null, types: FILLED },
  { section: "Fill and stroke", label: "Stroke", prop: "stroke", kind: "colour", fallback: DEFAULTS.stroke, types: STROKED },
  { section: "Fill and stroke", label: "Stroke width", prop: "strokeWidth", kind: "number", fallback: DEFAULTS.strokeWidth, min: 0, types: STROKED },
  { section: "Text", label: "Text", prop: "text", kind: "text", fallback: "", types: TEXT },
  { section: "Text", label: "Font family", prop: "fontFamily", kind: "font", fallback: DEFAULTS.fontFamily, types: TEXT },
  { section: "Text", label: "Font size", prop: "fontSize", kind: "number", fallback: DEFAULTS.fontSize, min: 1, types: TEXT },
  { section: "Text", label: "Alignment", prop: "textAlign", kind: "align", fallback: DEFAULTS.textAlign, types: TEXT },
];

/** Fonts a designer can pick without installing anything: CSS generics and what Debian and most systems have. */
export const FONT_FAMILIES = ["sans-serif", "serif", "monospace", "Liberation Sans", "Liberation Serif", "Liberation Mono", "Arial", "Helvetica", "Georgia", "Times New Roman", "Courier New", "Verdana"];

export const TEXT_ALIGNS = ["left", "center", "right", "justify"] as const;

/** The fields every selected object has. */
export function fieldsFor(types: readonly string[]): PropertyField[] {
  return FIELDS.filter((f) => !f.types || (types.length > 0 && types.every((t) => f.types!.includes(t))));
}

/** A stored value as the field shows it: scaled, rounded to two decimals, the fallback when unset. */
export function displayValue(field: PropertyField, stored: Json | undefined): string {
  const value = stored === undefined || stored === null ? field.fallback : stored;
  if (typeof value === "number") return String(Math.round(value * (field.scale ?? 1) * 100) / 100);
  return typeof value === "string" ? value : "";
}

export type Parsed = { ok: true; value: Json } | { ok: false; reason: string };

/** What was typed as the value to store, or why it cannot be one (the server's own rules). */
export function parseInput(field: PropertyField, raw: string): Parsed {
  let value: Json = raw;
  if (field.kind === "number") {
    const n = Number(raw.trim());
    if (raw.trim() === "" || !Number.isFinite(n)) return { ok: false, reason: `${field.label} must be a number` };
    value = n / (field.scale ?? 1);
  } else if (field.kind === "colour") {
    value = raw.trim();
  }
  const problem = validateProperty(field.prop, value);
  if (problem === null) return { ok: true, value };
  // The server's message names the stored value; with a scale, say it in the field's terms.
  return { ok: false, reason: field.scale ? `${field.label} must be from 0 to ${field.scale}` : problem };
}

/**
 * A numeric field scrubbed by dragging its label: each object moves from its
 * own start value by the drag (1 per CSS px, 10 with shift), kept in the
 * field's range, so a mixed selection keeps its differences.
 */
export function scrubbed(field: PropertyField, start: number, dx: number, shift: boolean): number {
  const step = (shift ? 10 : 1) / (field.scale ?? 1);
  const value = Math.min(field.max ?? Infinity, Math.max(field.min ?? -Infinity, start + Math.round(dx) * step));
  return Math.round(value * 1e6) / 1e6;
}
