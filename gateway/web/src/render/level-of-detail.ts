// How much of an object to draw at a scale (device pixels per page unit).
// Zoomed out, most objects are a few pixels across: they go to the pixel
// rasterizer as antialiased boxes and ellipses (strokes as rings), and text
// too small to read goes as bars, the way Figma greeks it. Nothing is
// skipped for being small: a field of tiny objects still shows as a field.
import { isAxisAligned } from "../geometry/matrix";
import { isPainted } from "./colour";
import type { SceneNode } from "./scene-node";
import { DEFAULTS, fillOf, type SceneObject } from "./scene-object";
import { lineHeightOf, type TextLayouts } from "./text-layout";

/** At most this many device pixels across, an object is drawn by the pixel rasterizer. */
export const PIXEL_MAX_PX = 8;
/** Rotated objects only this small: below it, their box stands for their turned shape. */
export const ROTATED_PIXEL_MAX_PX = 3;
/** Text whose font is smaller than this on screen is drawn as bars. */
export const GREEK_TEXT_PX = 4;

export type Detail = "none" | "pixels" | "bars" | "full";

/** Does the object paint anything of its own? (A frame without fill or stroke still shows its children.) */
export function paintsItself(o: SceneObject): boolean {
  switch (o.type) {
    case "group":
      return false;
    case "image":
      return true;
    case "text":
      return (o.text ?? "") !== "" && (isPainted(fillOf(o)) || isPainted(o.stroke ?? DEFAULTS.stroke));
    default:
      return isPainted(fillOf(o)) || (isPainted(o.stroke ?? DEFAULTS.stroke) && (o.strokeWidth ?? DEFAULTS.strokeWidth) > 0);
  }
}

export function detailOf(node: SceneNode, scale: number): Detail {
  const o = node.object;
  if (!paintsItself(o)) return "none";
  const b = node.bounds;
  const size = Math.max(b.maxX - b.minX, b.maxY - b.minY) * scale;
  if (size <= PIXEL_MAX_PX && (size <= ROTATED_PIXEL_MAX_PX || isAxisAligned(node.world))) return "pixels";
  // World matrices are rigid (rotation and translation), so scale alone sizes the font on screen.
  if (o.type === "text" && (o.fontSize ?? DEFAULTS.fontSize) * scale < GREEK_TEXT_PX) return "bars";
  return "full";
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An average glyph's advance as a share of the font size, to guess line lengths without measuring. */
const GLYPH_WIDTH = 0.5;

/**
 * The bars standing for a text's lines, in its own coordinates: from its
 * layout when one was measured already, otherwise guessed from its length
 * (zooming out over 100,000 texts must not measure them all). Only lines
 * inside the box, where culling expects the text.
 */
export function textBars(o: SceneObject, layouts: TextLayouts): Bar[] {
  const width = o.width ?? 0;
  const height = o.height ?? 0;
  const lineHeight = lineHeightOf(o);
  const fontSize = o.fontSize ?? DEFAULTS.fontSize;
  const lines = layouts.cached(o)?.lines ?? guessLines(o, width, fontSize);
  const bars: Bar[] = [];
  const align = o.textAlign ?? DEFAULTS.textAlign;
  for (let i = 0; i < lines.length && (i === 0 || (i + 1) * lineHeight <= height + 1e-6); i++) {
    const line = lines[i]!;
    if (line.width <= 0) continue;
    const w = align === "justify" && line.wrapped ? width : Math.min(line.width, width > 0 ? width : line.width);
    const x = align === "center" ? (width - w) / 2 : align === "right" ? width - w : 0;
    // About the x-height, centred in the line.
    bars.push({ x, y: i * lineHeight + lineHeight * 0.3, width: w, height: lineHeight * 0.4 });
  }
  return bars;
}

function guessLines(o: SceneObject, width: number, fontSize: number): { width: number; wrapped: boolean }[] {
  const perChar = fontSize * GLYPH_WIDTH + (o.letterSpacing ?? 0);
  const out: { width: number; wrapped: boolean }[] = [];
  for (const paragraph of (o.text ?? "").split("\n")) {
    let rest = paragraph.trimEnd().length * perChar;
    while (width > 0 && rest > width) {
      out.push({ width, wrapped: true });
      rest -= width;
    }
    out.push({ width: rest, wrapped: false });
  }
  return out;
}
