// Writing SVG safely and the same way every time: text and attribute values
// escaped (an object's name or text must never become markup), characters
// XML cannot hold dropped, numbers short and stable, colours normalised.
import type { Matrix } from "../geometry/matrix";
import { parseColour } from "../render/colour";

// XML 1.0 allows tab, newline, carriage return and U+0020 up, but not lone surrogates nor U+FFFE/U+FFFF.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for element content or an attribute value in double quotes. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** A number as SVG takes it: at most 6 decimals, no trailing zeros, no -0. */
export function num(n: number): string {
  if (!Number.isFinite(n)) return "0";
  const s = n.toFixed(6).replace(/\.?0+$/, "");
  return s === "-0" ? "0" : s;
}

/** An element with attributes in the order given (undefined ones left out); content is markup, escaped by the caller. */
export function element(name: string, attributes: Record<string, string | number | undefined>, content?: string): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out += ` ${key}="${typeof value === "number" ? num(value) : escapeXml(value)}"`;
  }
  return content === undefined ? `${out}/>` : `${out}>${content}</${name}>`;
}

/** The transform attribute of a matrix: none for the identity, translate() when that is all it is. */
export function transformOf(m: Matrix): string | undefined {
  const moves = num(m.e) !== "0" || num(m.f) !== "0";
  if (num(m.a) === "1" && num(m.b) === "0" && num(m.c) === "0" && num(m.d) === "1") {
    return moves ? `translate(${num(m.e)} ${num(m.f)})` : undefined;
  }
  return `matrix(${[m.a, m.b, m.c, m.d, m.e, m.f].map(num).join(" ")})`;
}

export interface Paint {
  /** #rrggbb, or "none" */
  colour: string;
  /** the colour's own alpha times the object's opacity; undefined when 1 */
  opacity: number | undefined;
}

/**
 * A CSS colour as SVG paint, normalised to #rrggbb and an opacity: any
 * format the server accepts comes out the same, and nothing but a colour
 * reaches the markup. Canvas draws with globalAlpha = opacity, which is the
 * colour's alpha times opacity for a fill or stroke drawn once.
 */
export function paintOf(css: string | undefined, opacity: number): Paint {
  const c = css === undefined ? null : parseColour(css);
  if (!c) return { colour: "none", opacity: undefined };
  const hex = (v: number) => v.toString(16).padStart(2, "0");
  const alpha = c.a * opacity;
  return { colour: `#${hex(c.r)}${hex(c.g)}${hex(c.b)}`, opacity: alpha >= 1 ? undefined : alpha };
}
