// Paints one tile: the objects the spatial index finds in the tile's page
// area, in drawing order, each at its level of detail. Runs of tiny objects
// accumulate in the pixel rasterizer and reach the tile in one putImageData
// (or one drawImage over what Canvas2D drew before them), which keeps the
// stacking order between the two ways of drawing.
import type { Box } from "../geometry/box";
import type { Matrix } from "../geometry/matrix";
import { parseColour, type Rgba } from "./colour";
import { context2d, type CanvasFactory, type CanvasLike, type Ctx2D } from "./context";
import { clipToFrame, drawBars, drawFull } from "./draw-object";
import type { ImageCache } from "./image-cache";
import { detailOf, textBars } from "./level-of-detail";
import { PixelRaster } from "./pixel-raster";
import type { Scene } from "./scene";
import type { SceneNode } from "./scene-node";
import { DEFAULTS, fillOf } from "./scene-object";
import type { TextLayouts } from "./text-layout";

/** Tile (i, j) at scale s covers device pixels [i*size, (i+1)*size) of the page scaled by s. */
export interface TileSpec {
  i: number;
  j: number;
  scale: number;
  size: number;
}

export interface PaintCounts {
  full: number;
  pixels: number;
  bars: number;
}

const BAR_ALPHA = 0.5; // greeked lines read as grey text, not as solid blocks
const IMAGE_PIXEL_COLOUR: Rgba = { r: 200, g: 200, b: 200, a: 1 };

export class TilePainter {
  private raster: PixelRaster | null = null;
  private scratch: { canvas: CanvasLike; ctx: Ctx2D } | null = null;

  constructor(
    private readonly scene: Scene,
    private readonly layouts: TextLayouts,
    private readonly images: ImageCache,
    private readonly createCanvas: CanvasFactory,
  ) {}

  /** The tile's page area (grown by a device pixel for antialiasing that spills over its edge). */
  static pageBox(t: TileSpec): Box {
    const pad = 1 / t.scale;
    return {
      minX: (t.i * t.size) / t.scale - pad,
      minY: (t.j * t.size) / t.scale - pad,
      maxX: ((t.i + 1) * t.size) / t.scale + pad,
      maxY: ((t.j + 1) * t.size) / t.scale + pad,
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

    const unclip = (keep: number) => {
      while (clips.length > keep) {
        ctx.restore();
        clips.pop();
      }
    };
    const clipFor = (node: SceneNode) => {
      const chain: SceneNode[] = [];
      for (let f = node.clipFrame; f; f = f.clipFrame) chain.unshift(f);
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
        const scratch = this.scratchFor(t.size);
        scratch.ctx.putImageData(raster.buffer, 0, 0, area.x, area.y, area.width, area.height);
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.globalAlpha = 1;
        ctx.drawImage(scratch.canvas, area.x, area.y, area.width, area.height, area.x, area.y, area.width, area.height);
      }
      raster.clear();
      drewWithContext = true;
    };

    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, t.size, t.size);
    for (const node of nodes) {
      const detail = detailOf(node, s);
      if (detail === "none") continue;
      const o = node.object;
      const clip = node.clip;
      const deviceClip: Box = { minX: clip.minX * s - ox, minY: clip.minY * s - oy, maxX: clip.maxX * s - ox, maxY: clip.maxY * s - oy };
      if (detail === "pixels") {
        counts.pixels++;
        this.rasterize(raster, node, s, ox, oy, deviceClip);
        continue;
      }
      if (detail === "bars") {
        counts.bars++;
        const colour = fillOf(o);
        const m = device(node.world);
        if (m.b === 0 && m.c === 0 && m.a > 0 && m.d > 0) {
          const rgba = parseColour(colour);
          if (rgba) {
            for (const bar of textBars(o, this.layouts)) {
              raster.fillRect(m.a * bar.x + m.e, m.d * bar.y + m.f, m.a * (bar.x + bar.width) + m.e, m.d * (bar.y + bar.height) + m.f, rgba, node.opacity * BAR_ALPHA, deviceClip);
            }
          }
          continue;
        }
        flush();
        clipFor(node);
        drawBars(ctx, textBars(o, this.layouts), m, node.opacity * BAR_ALPHA, colour);
        drewWithContext = true;
        continue;
      }
      counts.full++;
      flush();
      clipFor(node);
      drawFull({ ctx, layouts: this.layouts, images: this.images }, o, device(node.world), node.opacity);
      drewWithContext = true;
    }
    flush();
    unclip(0);
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
      if (stroke && sw > 0) raster.strokeEllipse(cx, cy, (x1 - x0) / 2, (y1 - y0) / 2, sw, stroke, alpha, clip);
      return;
    }
    if (fill) raster.fillRect(x0, y0, x1, y1, fill, alpha, clip);
    if (stroke && sw > 0) raster.strokeRect(x0, y0, x1, y1, sw, stroke, alpha, clip);
  }

  private rasterFor(ctx: Ctx2D, size: number): PixelRaster {
    if (!this.raster || this.raster.buffer.width !== size) this.raster = new PixelRaster(ctx.createImageData(size, size));
    return this.raster;
  }

  private scratchFor(size: number): { canvas: CanvasLike; ctx: Ctx2D } {
    if (!this.scratch || this.scratch.canvas.width !== size) {
      const canvas = this.createCanvas(size, size);
      this.scratch = { canvas, ctx: context2d(canvas) };
    }
    return this.scratch;
  }
}
