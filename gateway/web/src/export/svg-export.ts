// An export target as a standalone SVG that looks as the canvas does: each
// object drawn in drawing order in page coordinates with its world matrix
// (so rotation and nesting need no nested transforms), cut by its frames as
// nested <g clip-path>, text placed line by line exactly where the canvas puts
// it (placeText), images embedded as data: URIs. Opacity is applied per
// object, the product of its ancestors' (the canvas's known limit, kept so
// the two agree). The output is deterministic: clip ids count up in order.
import { clampedRadius } from "../geometry/hit-test";
import { isPainted } from "../render/colour";
import { PLACEHOLDER_FILL, PLACEHOLDER_LINE } from "../render/draw-object";
import { clipChain, type SceneNode } from "../render/scene-node";
import { DEFAULTS, fillOf, type SceneObject } from "../render/scene-object";
import { placeText, type TextLayouts } from "../render/text-layout";
import type { ExportTarget } from "./export-target";
import { element, escapeXml, num, paintOf, transformOf } from "./svg-markup";

export interface SvgExportOptions {
  /** the same measuring as the canvas's (a 2D context's measureText), so text wraps where it does there */
  layouts: TextLayouts;
  /** image src -> data: URI of its bytes; an image without one is drawn as the canvas's placeholder */
  images?: ReadonlyMap<string, string>;
  /** put before every id, for several exports inlined in one HTML page */
  idPrefix?: string;
  /**
   * How far below the middle of a line (where the canvas puts text, with
   * textBaseline "middle") the alphabetic baseline lies in a CSS font, as the
   * canvas measures it. With it, text sits on the baseline the canvas uses;
   * without it (no canvas to measure with), on SVG's "central" baseline,
   * which browsers put up to a tenth of the font size lower than the canvas's middle.
   */
  baseline?: (font: string) => number;
}

const SVG_NS = "http://www.w3.org/2000/svg";
const XLINK_NS = "http://www.w3.org/1999/xlink";

export function exportSvg(target: ExportTarget, options: SvgExportOptions): string {
  const { minX, minY, maxX, maxY } = target.bounds;
  const lines: string[] = [];
  const open: SceneNode[] = []; // the frames whose clip groups are open, outermost first
  const clipIds = new Map<SceneNode, string>();
  const indent = () => "  ".repeat(open.length + 1);

  const clipTo = (node: SceneNode) => {
    const chain = clipChain(node);
    let same = 0;
    while (same < open.length && same < chain.length && open[same] === chain[same]) same++;
    while (open.length > same) {
      open.pop();
      lines.push(`${indent()}</g>`);
    }
    for (const frame of chain.slice(same)) {
      let id = clipIds.get(frame);
      if (id === undefined) {
        id = `${options.idPrefix ?? ""}clip-${clipIds.size + 1}`;
        clipIds.set(frame, id);
        lines.push(indent() + element("clipPath", { id }, outline(frame.object, { transform: transformOf(frame.world) })));
      }
      lines.push(`${indent()}<g clip-path="url(#${id})">`);
      open.push(frame);
    }
  };

  for (const node of target.nodes) {
    const markup = objectMarkup(node, options);
    if (!markup.length) continue;
    clipTo(node);
    for (const m of markup) lines.push(indent() + m);
  }
  while (open.length) {
    open.pop();
    lines.push(`${indent()}</g>`);
  }
  const width = maxX - minX;
  const height = maxY - minY;
  const root = `<svg xmlns="${SVG_NS}" xmlns:xlink="${XLINK_NS}" width="${num(width)}" height="${num(height)}" viewBox="${[minX, minY, width, height].map(num).join(" ")}">`;
  return [root, ...lines, "</svg>", ""].join("\n");
}

/** The object's outline as a <rect> or <ellipse> (no paint): a frame's clip, and a shape's geometry. */
function outline(o: SceneObject, attributes: Record<string, string | number | undefined>): string {
  const w = o.width ?? 0;
  const h = o.height ?? 0;
  if (o.type === "ellipse") return element("ellipse", { cx: w / 2, cy: h / 2, rx: w / 2, ry: h / 2, ...attributes });
  const r = o.type === "rectangle" || o.type === "frame" ? clampedRadius(w, h, o.cornerRadius ?? 0) : 0;
  return element("rect", { width: w, height: h, rx: r > 0 ? r : undefined, ...attributes });
}

/** The stroke attributes, or none when the object draws no stroke (as strokeIfAny decides on the canvas). */
function strokeOf(o: SceneObject, opacity: number): Record<string, string | number | undefined> {
  const width = o.strokeWidth ?? DEFAULTS.strokeWidth;
  const paint = paintOf(o.stroke ?? DEFAULTS.stroke, opacity);
  if (paint.colour === "none" || width <= 0) return {};
  return { stroke: paint.colour, "stroke-opacity": paint.opacity, "stroke-width": width };
}

function fillAttributes(o: SceneObject, opacity: number): Record<string, string | number | undefined> {
  const paint = paintOf(fillOf(o), opacity);
  return { fill: paint.colour, "fill-opacity": paint.opacity };
}

/** The elements one object draws (none for a group: its children draw themselves). */
function objectMarkup(node: SceneNode, options: SvgExportOptions): string[] {
  const o = node.object;
  const transform = transformOf(node.world);
  const opacity = node.opacity;
  switch (o.type) {
    case "group":
      return [];
    case "text":
      return textMarkup(node, options);
    case "image":
      return imageMarkup(o, transform, opacity, options.images);
    default: {
      const stroke = strokeOf(o, opacity);
      const fill = fillAttributes(o, opacity);
      if (fill.fill === "none" && !stroke.stroke) return [];
      return [outline(o, { transform, ...fill, ...stroke })];
    }
  }
}

function textMarkup(node: SceneNode, { layouts, baseline }: SvgExportOptions): string[] {
  const o = node.object;
  const fill = fillAttributes(o, node.opacity);
  const stroke = strokeOf(o, node.opacity);
  const filled = isPainted(fillOf(o));
  if (!filled && !stroke.stroke) return [];
  const { layout, runs } = placeText(layouts, o);
  if (!runs.length) return [];
  const spacing = o.letterSpacing ?? DEFAULTS.letterSpacing;
  const below = baseline?.(layout.font);
  // A tspan a word, each where the canvas's own measure puts it: a browser lays SVG text out with
  // advances of its own (Chromium's are a little narrower than its canvas's), which over a long
  // line drifts by pixels; within a word it stays under one.
  const tspans = runs
    .flatMap((run) => {
      const words: string[] = [];
      let at = 0;
      for (const part of run.text.split(/(\s+)/)) {
        if (part && !/^\s+$/.test(part)) {
          const x = run.x + (at ? layouts.width(run.text.slice(0, at), layout.font, spacing) : 0);
          words.push(element("tspan", { x, y: run.y + (below ?? 0) }, escapeXml(part)));
        }
        at += part.length;
      }
      return words;
    })
    .join("");
  return [
    element(
      "text",
      {
        transform: transformOf(node.world),
        "font-family": o.fontFamily ?? DEFAULTS.fontFamily,
        "font-size": o.fontSize ?? DEFAULTS.fontSize,
        "letter-spacing": spacing !== 0 ? spacing : undefined,
        ...fill,
        ...stroke,
        // The canvas draws with textBaseline "middle", the middle of the em box: SVG's "central" is
        // that in principle; the measured baseline, when given, is that exactly.
        "dominant-baseline": below === undefined ? "central" : undefined,
        // Spaces are the writer's (leading ones, runs of them), as the canvas keeps them.
        "xml:space": "preserve",
      },
      tspans,
    ),
  ];
}

function imageMarkup(o: SceneObject, transform: string | undefined, opacity: number, images: ReadonlyMap<string, string> | undefined): string[] {
  const w = o.width ?? 0;
  const h = o.height ?? 0;
  const data = o.src ? images?.get(o.src) : undefined;
  const alpha = opacity < 1 ? opacity : undefined;
  const out: string[] = [];
  // Only data: URIs are embedded: the file must stand alone, and nothing else may slip into the href.
  if (data !== undefined && data.startsWith("data:")) {
    // The canvas stretches the image to its box: so does preserveAspectRatio="none".
    out.push(element("image", { width: w, height: h, preserveAspectRatio: "none", "xlink:href": data, transform, opacity: alpha }));
  } else {
    out.push(element("rect", { width: w, height: h, transform, fill: PLACEHOLDER_FILL, "fill-opacity": alpha }));
    out.push(element("path", { d: `M0 0L${num(w)} ${num(h)}M${num(w)} 0L0 ${num(h)}`, transform, fill: "none", stroke: PLACEHOLDER_LINE, "stroke-opacity": alpha, "stroke-width": 1 }));
  }
  const stroke = strokeOf(o, opacity);
  if (stroke.stroke) out.push(outline(o, { transform, fill: "none", ...stroke }));
  return out;
}
