// An export target as a PNG at 1x, 2x or 3x, painted with the canvas's own
// painter (draw-object.ts) so that it looks as the canvas does: each object
// in full (no level of detail: an export is for looking at closely), cut by
// its frames. What no frame or shape covers stays transparent, as in Figma.
import type { Matrix } from "../geometry/matrix";
import { browserCanvas, context2d, type CanvasFactory, type CanvasLike, type Ctx2D } from "../render/context";
import { clipToFrame, drawFull, type DrawEnv } from "../render/draw-object";
import { clipChain, type SceneNode } from "../render/scene-node";
import type { ExportTarget } from "./export-target";

export { PNG_SCALES, type PngScale } from "./export-name";

// Browsers refuse canvases past about these (Chromium: 32,767 a side and 268 million pixels;
// Safari less): past them an export would come out blank, so it is refused with a reason instead.
export const MAX_PNG_SIDE = 16_384;
export const MAX_PNG_PIXELS = 16_384 * 8_192;

/** The PNG's size in pixels: the target's page area times the scale. */
export function pngSize(target: ExportTarget, scale: number): { width: number; height: number } {
  const { minX, minY, maxX, maxY } = target.bounds;
  return { width: Math.round((maxX - minX) * scale), height: Math.round((maxY - minY) * scale) };
}

/** Why the target cannot be a PNG at this scale, or null when it can. */
export function pngTooLarge(target: ExportTarget, scale: number): string | null {
  const { width, height } = pngSize(target, scale);
  if (width <= MAX_PNG_SIDE && height <= MAX_PNG_SIDE && width * height <= MAX_PNG_PIXELS) return null;
  return `${width} × ${height} px is too large for a PNG (at most ${MAX_PNG_SIDE} px a side and ${Math.round(MAX_PNG_PIXELS / 1e6)} million pixels); try a smaller scale or the SVG`;
}

/** Paints the target into ctx, whose canvas is pngSize(target, scale). */
export function paintExport(env: DrawEnv, target: ExportTarget, scale: number): void {
  const { ctx } = env;
  const { width, height } = pngSize(target, scale);
  const ox = target.bounds.minX * scale;
  const oy = target.bounds.minY * scale;
  const device = (m: Matrix): Matrix => ({ a: m.a * scale, b: m.b * scale, c: m.c * scale, d: m.d * scale, e: m.e * scale - ox, f: m.f * scale - oy });
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.clearRect(0, 0, width, height);
  const clips: SceneNode[] = []; // the frames the context is clipped to now, outermost first
  for (const node of target.nodes) {
    if (node.object.type === "group") continue; // its children draw themselves
    const chain = clipChain(node);
    let same = 0;
    while (same < clips.length && same < chain.length && clips[same] === chain[same]) same++;
    while (clips.length > same) {
      ctx.restore();
      clips.pop();
    }
    for (const frame of chain.slice(same)) {
      ctx.save();
      clipToFrame(ctx, frame.object, device(frame.world));
      clips.push(frame);
    }
    drawFull(env, node.object, device(node.world), node.opacity);
  }
  while (clips.length) {
    ctx.restore();
    clips.pop();
  }
}

/** The target as a PNG; images must be loaded already (env.images gives them at once, or null for a placeholder). */
export async function exportPng(
  target: ExportTarget,
  scale: number,
  env: Omit<DrawEnv, "ctx">,
  createCanvas: CanvasFactory = browserCanvas,
): Promise<Blob> {
  const tooLarge = pngTooLarge(target, scale);
  if (tooLarge) throw new Error(tooLarge);
  const { width, height } = pngSize(target, scale);
  const canvas = createCanvas(width, height);
  const ctx: Ctx2D = context2d(canvas);
  paintExport({ ...env, ctx }, target, scale);
  return toPngBlob(canvas);
}

function toPngBlob(canvas: CanvasLike): Promise<Blob> {
  if (typeof OffscreenCanvas !== "undefined" && canvas instanceof OffscreenCanvas) return canvas.convertToBlob({ type: "image/png" });
  return new Promise((resolve, reject) => {
    (canvas as HTMLCanvasElement).toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the browser made no PNG"))), "image/png");
  });
}
