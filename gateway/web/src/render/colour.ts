// CSS colours as the server accepts them, parsed to RGBA for what Canvas2D
// cannot do for us: the pixel rasterizer of tiny objects, and choosing a
// readable label colour on a user's cursor colour.

export interface Rgba {
  r: number; // 0..255
  g: number;
  b: number;
  a: number; // 0..1
}

const cache = new Map<string, Rgba | null>();

/** The colour, or null for none, transparent and anything unreadable: nothing is painted then. */
export function parseColour(text: string): Rgba | null {
  let c = cache.get(text);
  if (c === undefined) {
    c = parse(text.trim().toLowerCase());
    if (c && c.a <= 0) c = null;
    if (cache.size > 4096) cache.clear(); // colours are few; a flood of distinct ones must not grow it forever
    cache.set(text, c);
  }
  return c;
}

export function isPainted(text: string | undefined): boolean {
  return text !== undefined && parseColour(text) !== null;
}

function parse(s: string): Rgba | null {
  if (s.startsWith("#")) return parseHex(s.slice(1));
  const m = /^(rgba?|hsla?)\((.*)\)$/.exec(s);
  if (!m) return null;
  // Both "r, g, b, a" and "r g b / a" forms.
  const parts = m[2]!.split(/[\s,/]+/).filter((p) => p !== "");
  if (parts.length !== 3 && parts.length !== 4) return null;
  const alpha = parts.length === 4 ? fraction(parts[3]!) : 1;
  if (alpha === null) return null;
  if (m[1]!.startsWith("rgb")) {
    const r = channel(parts[0]!);
    const g = channel(parts[1]!);
    const b = channel(parts[2]!);
    return r === null || g === null || b === null ? null : { r, g, b, a: alpha };
  }
  const h = Number(parts[0]!.replace(/deg$/, ""));
  const sat = percent(parts[1]!);
  const light = percent(parts[2]!);
  if (!Number.isFinite(h) || sat === null || light === null) return null;
  return { ...hslToRgb(h, sat, light), a: alpha };
}

function parseHex(h: string): Rgba | null {
  if (!/^[0-9a-f]+$/.test(h)) return null;
  const short = h.length === 3 || h.length === 4;
  if (!short && h.length !== 6 && h.length !== 8) return null;
  const digit = (i: number) => (short ? parseInt(h[i]! + h[i]!, 16) : parseInt(h.slice(2 * i, 2 * i + 2), 16));
  const count = short ? h.length : h.length / 2;
  return { r: digit(0), g: digit(1), b: digit(2), a: count === 4 ? digit(3) / 255 : 1 };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function channel(p: string): number | null {
  const v = p.endsWith("%") ? (Number(p.slice(0, -1)) * 255) / 100 : Number(p);
  return Number.isFinite(v) ? clamp(Math.round(v), 0, 255) : null;
}

function fraction(p: string): number | null {
  const v = p.endsWith("%") ? Number(p.slice(0, -1)) / 100 : Number(p);
  return Number.isFinite(v) ? clamp(v, 0, 1) : null;
}

function percent(p: string): number | null {
  if (!p.endsWith("%")) return null;
  const v = Number(p.slice(0, -1));
  return Number.isFinite(v) ? clamp(v / 100, 0, 1) : null;
}

function hslToRgb(h: number, s: number, l: number): { r: number; g: number; b: number } {
  // CSS Color 4's hsl-to-rgb.
  const hue = ((h % 360) + 360) % 360;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return { r: f(0), g: f(8), b: f(4) };
}

/** Black or white, whichever reads better on the colour (WCAG relative luminance). */
export function textColourOn(background: string): "#000000" | "#ffffff" {
  const c = parseColour(background);
  if (!c) return "#000000";
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  // The luminance where contrast with black and with white are equal.
  return luminance > 0.179 ? "#000000" : "#ffffff";
}
