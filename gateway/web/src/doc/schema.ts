// Which objects and properties exist and what values they take: the checks
// of extension/core/operation.cpp (validate_property), so that the client
// refuses a bad edit at once instead of showing it until the server rejects it.
import type { Json } from "./json";

export const OBJECT_TYPES = ["rectangle", "ellipse", "text", "frame", "group", "image"] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

export function isObjectType(value: unknown): value is ObjectType {
  return typeof value === "string" && (OBJECT_TYPES as readonly string[]).includes(value);
}

/** Only frames and groups hold children. */
export function isContainerType(value: unknown): boolean {
  return value === "frame" || value === "group";
}

export const MAX_ID_LENGTH = 100;
export const MAX_PROPERTY_NAME_LENGTH = 255;

/** Characters as PostgreSQL's varchar counts them: code points. */
function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export function isObjectId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && codePoints(value) <= MAX_ID_LENGTH;
}

interface NumberRule {
  min: number;
  max: number;
  minExclusive: boolean;
  range: string;
}

const any: NumberRule = { min: -Infinity, max: Infinity, minExclusive: false, range: "finite" };
const atLeast0: NumberRule = { min: 0, max: Infinity, minExclusive: false, range: "at least 0" };
const NUMBER_RULES: Record<string, NumberRule> = {
  x: any,
  y: any,
  width: atLeast0,
  height: atLeast0,
  rotation: any,
  opacity: { min: 0, max: 1, minExclusive: false, range: "from 0 to 1" },
  strokeWidth: atLeast0,
  fontSize: { min: 0, max: Infinity, minExclusive: true, range: "greater than 0" },
  cornerRadius: atLeast0,
  lineHeight: atLeast0,
  letterSpacing: any,
};

const COLOUR_FUNCTION = /^(rgb|rgba|hsl|hsla)\([0-9., %/-]+\)$/;
const HEX_COLOUR = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;

export function isColour(value: string): boolean {
  return value === "transparent" || value === "none" || HEX_COLOUR.test(value) || COLOUR_FUNCTION.test(value);
}

/** Fractional indexes are compared as byte strings: ASCII letters and digits only. */
export function isFractionalIndex(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= 200 && /^[0-9A-Za-z]+$/.test(value);
}

const TEXT_ALIGNS = ["left", "center", "right", "justify"];
const STRING_PROPERTIES = ["name", "text", "fontFamily", "src"];
const BOOLEAN_PROPERTIES = ["visible", "locked"];

function describe(value: Json): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 57) + "..." : text;
}

/** Why value cannot be the value of property name, or null when it can. */
export function validateProperty(name: string, value: Json): string | null {
  if (name.length === 0) return "property names must not be empty";
  if (codePoints(name) > MAX_PROPERTY_NAME_LENGTH)
    return `property name is longer than ${MAX_PROPERTY_NAME_LENGTH} characters`;
  if (name === "id") return '"id" is the object\'s id and cannot be set as a property';
  if (name === "type")
    return isObjectType(value)
      ? null
      : `"type" must be one of ${OBJECT_TYPES.join(", ")}, not ${describe(value)}`;
  // Every other property may be null, which unsets it.
  if (value === null) return null;
  const rule = NUMBER_RULES[name];
  if (rule) {
    if (typeof value !== "number" || !Number.isFinite(value)) return `"${name}" must be a number, not ${describe(value)}`;
    if (value < rule.min || value > rule.max || (rule.minExclusive && value === rule.min))
      return `"${name}" must be ${rule.range}, not ${describe(value)}`;
    return null;
  }
  if (name === "fill" || name === "stroke")
    return typeof value === "string" && isColour(value)
      ? null
      : `"${name}" must be a colour (#rgb, #rrggbb, #rrggbbaa, rgb(), rgba(), hsl(), none), not ${describe(value)}`;
  if (BOOLEAN_PROPERTIES.includes(name))
    return typeof value === "boolean" ? null : `"${name}" must be true or false, not ${describe(value)}`;
  if (STRING_PROPERTIES.includes(name)) {
    if (typeof value !== "string") return `"${name}" must be a string, not ${describe(value)}`;
    if (name === "name" && codePoints(value) > 255) return '"name" is longer than 255 characters';
    return null;
  }
  if (name === "textAlign")
    return typeof value === "string" && TEXT_ALIGNS.includes(value)
      ? null
      : `"textAlign" must be left, center, right or justify, not ${describe(value)}`;
  if (name === "parentId")
    return isObjectId(value)
      ? null
      : `"parentId" must be an object id (a string of 1 to 100 characters) or null, not ${describe(value)}`;
  if (name === "index")
    return isFractionalIndex(value)
      ? null
      : `"index" must be a fractional index (1 to 200 letters and digits), not ${describe(value)}`;
  // Properties the server does not know are kept as they are (plugins, later versions).
  return null;
}
