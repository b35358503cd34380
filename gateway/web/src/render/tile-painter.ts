// Paints one tile: the objects the spatial index finds in the tile's page
// area, in drawing order, each at its level of detail. Runs of tiny objects
// accumulate in the pixel rasterizer and reach the tile in one putImageData
// (or one drawImage over what Canvas2D drew before them), which keeps the
// stacking order between the two ways of drawing.
import { intersection, type Box } from "../geometry/box";
import type { Matrix } from "../geometry/matrix";
import { parseColour, type Rgba } from "./colour";
import { context2d, type CanvasFactory, type CanvasLike, type Ctx2D } from "./context";
import { clipToFrame, drawBars, drawFull } from "./draw-object";
import type { ImageCache } from "./image-cache";
import { detailOf, textBars, type Detail } from "./level-of-detail";
import { PixelRaster } from "./pixel-raster";
import type { Scene } from "./scene";
import { clipChain, type SceneNode } from "./scene-node";
import { DEFAULTS, fillOf } from "./scene-object";
import type { TextLayouts } from "./text-layout";

/** Tile (i, j) at scale s covers device pixels [i*size, (i+1)*size) of the page scaled by s. */
export interface TileSpec {
  i: number;
  j: number;
  scale: number;
  size: number;
  /** repaint only this part, in the tile's device pixels (a change touched it); the whole tile when absent */
  area?: Box;
}

export interface PaintCounts {
  full: number;
  pixels: number;
  bars: number;
}

const NOWHERE: Box = { minX: 0, minY: 0, maxX: 0, maxY: 0 };
/** A stroke thinner than this adds under an eighth of a pixel's colour at the edges: not worth four rectangles. */
const MIN_RASTER_STROKE_PX = 0.125;
const BAR_ALPHA = 0.5;
/** Fewer rasterized objects than this between drawn ones are drawn too (composing a run has a fixed cost). */
const SHORT_RUN = 8; // greeked lines read as grey text, not as solid blocks
const IMAGE_PIXEL_COLOUR: Rgba = { r: 200, g: 200, b: 200, a: 1 };

export class TilePainter {
  private raster: PixelRaster | null = null;
  // Scratch canvases by power-of-two side. Drawing a canvas snapshots it, and the next
  // putImageData into it copies the whole snapshot: so each run goes through the smallest
  // that holds it, not a tile-sized one (that copy made mixed tiles 10x slower).
  private readonly scratch = new Map<number, { canvas: CanvasLike; ctx: Ctx2D }>();

  constructor(
    private readonly scene: Scene,
    private readonly layouts: TextLayouts,
    private readonly images: ImageCache,
    private readonly createCanvas: CanvasFactory,
  ) {}

  /** The tile's page area, or its area's (grown by a device pixel for antialiasing that spills over its edge). */
  static pageBox(t: TileSpec): Box {
    const a = t.area ?? { minX: 0, minY: 0, maxX: t.size, maxY: t.size };
    const pad = 1 / t.scale;
    return {
      minX: (t.i * t.size + a.minX) / t.scale - pad,
      minY: (t.j * t.size + a.minY) / t.scale - pad,
      maxX: (t.i * t.size + a.maxX) / t.scale + pad,
      maxY: (t.j * t.size + a.maxY) / t.scale + pad,
    };
  }

  paint(ctx: Ctx2D, t: TileSpec): PaintCounts {
    const counts: PaintCounts = { full: 0, pixels: 0, bars: 0 };
    const nodes = this.scene.sortForDrawing(this.scene.search(TilePainter.pageBox(t)));
    const ox = t.i * t.size;
    const oy = t.j * t.size;
    const s = t.scale;
    const raster = this.rasterFor(ctx, t.size);
    const clips: SceneNode[] = []; // the frames the context is clipped to now, outermost first
    let drewWithContext = false;
    const device = (m: Matrix): Matrix => ({ a: m.a * s, b: m.b * s, c: m.c * s, d: m.d * s, e: m.e * s - ox, f: m.f * s - oy });

    const area = t.area ?? { minX: 0, minY: 0, maxX: t.size, maxY: t.size };
    // Most objects are clipped by nothing, or by the same frame as their neighbours: one box per clip.
    // The rasterizer keeps to it and to the area being painted.
    let clipFrom: Box | null = null;
    let clipTo: Box = area;
    const clipInDevice = (clip: Box): Box => {
      if (clip !== clipFrom) {
        clipFrom = clip;
        clipTo = intersection(area, { minX: clip.minX * s - ox, minY: clip.minY * s - oy, maxX: clip.maxX * s - ox, maxY: clip.maxY * s - oy }) ?? NOWHERE;
      }
      return clipTo;
    };
    const unclip = (keep: number) => {
      while (clips.length > keep) {
        ctx.restore();
        clips.pop();
      }
    };
    const clipFor = (node: SceneNode) => {
      const chain = clipChain(node);
      let same = 0;
      while (same < clips.length && same < chain.length && clips[same] === chain[same]) same++;
      unclip(same);
      for (const frame of chain.slice(same)) {
        ctx.save();
        clipToFrame(ctx, frame.object, device(frame.world));
        clips.push(frame);
      }
    };
    // The rasterized run reaches the tile unclipped: its pixels were clipped by box already.
    const flush = () => {
      const area = raster.touched();
      if (!area) return;
      unclip(0);
      if (!drewWithContext) {
        ctx.putImageData(raster.buffer, 0, 0, area.x, area.y, area.width, area.height);
      } else {
        const scratch = this.scratchFor(Math.max(area.width, area.height));
        // Put so that the area lands at the scratch's top-left.
        scratch.ctx.putImageData(raster.buffer, -area.x, -area.y, area.x, area.y, area.width, area.height);
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.globalAlpha = 1;
        ctx.drawImage(scratch.canvas, 0, 0, area.width, area.height, area.x, area.y, area.width, area.height);
      }
      raster.clear();
      drewWithContext = true;
    };

    const draw = (node: SceneNode, detail: "bars" | "full") => {
      clipFor(node);
      const o = node.object;
      if (detail === "bars") drawBars(ctx, textBars(o, this.layouts), device(node.world), node.opacity * BAR_ALPHA, fillOf(o));
      else drawFull({ ctx, layouts: this.layouts, images: this.images }, o, device(node.world), node.opacity);
    };

    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.clearRect(area.minX, area.minY, area.maxX - area.minX, area.maxY - area.minY);
    if (t.area) {
      // Only the area is cleared and repainted: what is drawn there must not spill out of it.
      ctx.save();
      ctx.beginPath();
      ctx.rect(area.minX, area.minY, area.maxX - area.minX, area.maxY - area.minY);
      ctx.clip();
    }
    // Details first, to know how long each run of rasterized objects is.
    const drawn: SceneNode[] = [];
    const details: Detail[] = [];
    for (const node of nodes) {
      const detail = detailOf(node, s);
      if (detail === "none") continue;
      drawn.push(node);
      details.push(detail);
    }
    let runEnd = 0; // where the run of rasterized objects the loop is in ends
    let rasterRun = true;
    for (let k = 0; k < drawn.length; k++) {
      const node = drawn[k]!;
      const detail = details[k]!;
      const o = node.object;
      if (detail === "pixels") {
        counts.pixels++;
        if (k >= runEnd) {
          for (runEnd = k; runEnd < drawn.length && details[runEnd] === "pixels"; ) runEnd++;
          // A short run over drawn objects costs more to compose than to draw: draw it.
          rasterRun = !drewWithContext || runEnd - k >= SHORT_RUN;
        }
        if (rasterRun) this.rasterize(raster, node, s, ox, oy, clipInDevice(node.clip));
        else draw(node, o.type === "text" ? "bars" : "full");
        continue;
      }
      flush();
      if (detail === "bars") counts.bars++;
      else counts.full++;
      draw(node, detail === "bars" ? "bars" : "full");
      drewWithContext = true;
    }
    flush();
    unclip(0);
    if (t.area) ctx.restore();
    return counts;
  }

  /** A tiny object as the rasterizer draws it: its page box as a box or an ellipse, its stroke as a ring. */
  private rasterize(raster: PixelRaster, node: SceneNode, s: number, ox: number, oy: number, clip: Box): void {
    const o = node.object;
    const b = node.bounds;
    const x0 = b.minX * s - ox;
    const y0 = b.minY * s - oy;
    const x1 = b.maxX * s - ox;
    const y1 = b.maxY * s - oy;
    const alpha = node.opacity;
    if (o.type === "text") {
      const rgba = parseColour(fillOf(o));
      if (rgba) raster.fillRect(x0, y0 + (y1 - y0) * 0.3, x1, y1 - (y1 - y0) * 0.3, rgba, alpha * BAR_ALPHA, clip);
      return;
    }
    const fill = o.type === "image" ? IMAGE_PIXEL_COLOUR : parseColour(fillOf(o));
    const stroke = parseColour(o.stroke ?? DEFAULTS.stroke);
    const sw = (o.strokeWidth ?? DEFAULTS.strokeWidth) * s;
    if (o.type === "ellipse") {
      const cx = (x0 + x1) / 2;
      const cy = (y0 + y1) / 2;
      if (fill) raster.fillEllipse(cx, cy, (x1 - x0) / 2, (y1 - y0) / 2, fill, alpha, clip);
      if (stroke && sw >= MIN_RASTER_STROKE_PX) raster.strokeEllipse(cx, cy, (x1 - x0) / 2, (y1 - y0) / 2, sw, stroke, alpha, clip);
      return;
    }
    if (fill) raster.fillRect(x0, y0, x1, y1, fill, alpha, clip);
    if (stroke && sw >= MIN_RASTER_STROKE_PX) raster.strokeRect(x0, y0, x1, y1, sw, stroke, alpha, clip);
  }

  private rasterFor(ctx: Ctx2D, size: number): PixelRaster {
    if (!this.raster || this.raster.buffer.width !== size) this.raster = new PixelRaster(ctx.createImageData(size, size));
    return this.raster;
  }

  private scratchFor(size: number): { canvas: CanvasLike; ctx: Ctx2D } {
    const side = 2 ** Math.ceil(Math.log2(Math.max(size, 8)));
    let scratch = this.scratch.get(side);
    if (!scratch) {
      const canvas = this.createCanvas(side, side);
      this.scratch.set(side, (scratch = { canvas, ctx: context2d(canvas) }));
    }
    return scratch;
  }
}
