// Drawing one object in full with Canvas2D, in its own coordinates (the
// caller sets the transform): fills, strokes, rounded corners, wrapped text,
// images or their placeholder; and the frame clip its children are cut to.
import { clampedRadius } from "../geometry/hit-test";
import type { Matrix } from "../geometry/matrix";
import { isPainted } from "./colour";
import type { Ctx2D } from "./context";
import type { ImageCache } from "./image-cache";
import type { Bar } from "./level-of-detail";
import { DEFAULTS, fillOf, type SceneObject } from "./scene-object";
import { placeText, type TextLayouts } from "./text-layout";

export interface DrawEnv {
  ctx: Ctx2D;
  layouts: TextLayouts;
  /** the renderer's cache, or an export's images loaded beforehand */
  images: Pick<ImageCache, "get">;
}

/** An image not loaded (yet): a grey box with a cross; the SVG export draws the same. */
export const PLACEHOLDER_FILL = "#e8e8e8";
export const PLACEHOLDER_LINE = "#b8b8b8";

export function setMatrix(ctx: Ctx2D, m: Matrix): void {
  ctx.setTransform(m.a, m.b, m.c, m.d, m.e, m.f);
}

/** The object's outline as the current path. */
function outlinePath(ctx: Ctx2D, o: SceneObject): void {
  const w = o.width ?? 0;
  const h = o.height ?? 0;
  ctx.beginPath();
  if (o.type === "ellipse") {
    ctx.ellipse(w / 2, h / 2, w / 2, h / 2, 0, 0, 2 * Math.PI);
    return;
  }
  const r = o.type === "rectangle" || o.type === "frame" ? clampedRadius(w, h, o.cornerRadius ?? 0) : 0;
  if (r > 0) ctx.roundRect(0, 0, w, h, r);
  else ctx.rect(0, 0, w, h);
}

function strokeIfAny(ctx: Ctx2D, o: SceneObject): void {
  const stroke = o.stroke ?? DEFAULTS.stroke;
  const width = o.strokeWidth ?? DEFAULTS.strokeWidth;
  if (!isPainted(stroke) || width <= 0) return;
  ctx.strokeStyle = stroke;
  ctx.lineWidth = width;
  ctx.stroke();
}

/** Draws the object, m being its coordinates to the device's. */
export function drawFull(env: DrawEnv, o: SceneObject, m: Matrix, opacity: number): void {
  const { ctx } = env;
  setMatrix(ctx, m);
  ctx.globalAlpha = opacity;
  switch (o.type) {
    case "text":
      return drawText(env, o);
    case "image":
      return drawImage(env, o, Math.hypot(m.a, m.b));
    default: {
      outlinePath(ctx, o);
      const fill = fillOf(o);
      if (isPainted(fill)) {
        ctx.fillStyle = fill;
        ctx.fill();
      }
      strokeIfAny(ctx, o);
    }
  }
}

function drawImage(env: DrawEnv, o: SceneObject, scale: number): void {
  const { ctx } = env;
  const w = o.width ?? 0;
  const h = o.height ?? 0;
  const image = o.src ? env.images.get(o.src) : null;
  if (image) {
    ctx.drawImage(image, 0, 0, w, h);
  } else {
    // Until it loads (or when it cannot): a grey box with a cross, one device pixel wide.
    ctx.fillStyle = PLACEHOLDER_FILL;
    ctx.fillRect(0, 0, w, h);
    ctx.beginPath();
    ctx.moveTo(0, 0);
    ctx.lineTo(w, h);
    ctx.moveTo(w, 0);
    ctx.lineTo(0, h);
    ctx.strokeStyle = PLACEHOLDER_LINE;
    ctx.lineWidth = 1 / (scale || 1);
    ctx.stroke();
  }
  outlinePath(ctx, o);
  strokeIfAny(ctx, o);
}

function drawText(env: DrawEnv, o: SceneObject): void {
  const { ctx } = env;
  const { layout, runs } = placeText(env.layouts, o);
  const fill = fillOf(o);
  const stroke = o.stroke ?? DEFAULTS.stroke;
  const strokeWidth = o.strokeWidth ?? DEFAULTS.strokeWidth;
  const filled = isPainted(fill);
  const stroked = isPainted(stroke) && strokeWidth > 0;
  ctx.font = layout.font;
  ctx.textAlign = "left"; // runs are placed from their measured widths (placeText)
  ctx.textBaseline = "middle";
  ctx.letterSpacing = `${o.letterSpacing ?? DEFAULTS.letterSpacing}px`;
  if (filled) ctx.fillStyle = fill;
  if (stroked) {
    ctx.strokeStyle = stroke;
    ctx.lineWidth = strokeWidth;
  }
  for (const run of runs) {
    if (filled) ctx.fillText(run.text, run.x, run.y);
    if (stroked) ctx.strokeText(run.text, run.x, run.y);
  }
  ctx.letterSpacing = "0px";
}

/** Greeked text on a rotated box: its bars as one path in the text's colour. */
export function drawBars(ctx: Ctx2D, bars: readonly Bar[], m: Matrix, opacity: number, colour: string): void {
  setMatrix(ctx, m);
  ctx.globalAlpha = opacity;
  ctx.fillStyle = colour;
  ctx.beginPath();
  for (const b of bars) ctx.rect(b.x, b.y, b.width, b.height);
  ctx.fill();
}

/** Cuts what follows to the frame's outline (rounded corners included). */
export function clipToFrame(ctx: Ctx2D, frame: SceneObject, m: Matrix): void {
  setMatrix(ctx, m);
  outlinePath(ctx, frame);
  ctx.clip();
}
