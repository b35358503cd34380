// The static layer: the document, drawn into tiles and composed onto the
// bottom canvas. Panning composes tiles it has (a few drawImage calls) and
// paints only the ones scrolling in; a change repaints the tiles it touched.
// Painting goes on within a time budget per frame; where a tile is not
// painted yet, the previous frame, moved and scaled to the new camera, stands
// in for it, so that zooming over 100,000 objects stays responsive and the
// picture sharpens within a few frames instead of showing holes.
import type { Box } from "../geometry/box";
import type { Camera } from "../geometry/camera";
import { context2d, type CanvasFactory, type CanvasLike, type Ctx2D } from "./context";
import { tileKey, TileLevel, TilePool } from "./tile-cache";
import type { PaintCounts, TilePainter } from "./tile-painter";

export interface StaticFrameStats extends PaintCounts {
  tilesPainted: number;
  tilesShown: number;
  tilesMissing: number;
  tilesCached: number;
}

export class StaticLayer {
  private readonly ctx: Ctx2D;
  private readonly pool: TilePool;
  private level: TileLevel;
  private dpr = 1;
  /** the last composed frame's scale and offset, and a canvas to keep a copy of it in */
  private shown: { scale: number; ox: number; oy: number } | null = null;
  private snapshot: { canvas: CanvasLike; ctx: Ctx2D } | null = null;
  private camera: Camera = { x: 0, y: 0, zoom: 1 };
  private frame = 0;

  constructor(
    private readonly canvas: CanvasLike,
    private readonly painter: TilePainter,
    private readonly createCanvas: CanvasFactory,
    private readonly tileSize: number,
  ) {
    this.ctx = context2d(canvas);
    this.pool = new TilePool(createCanvas, tileSize);
    this.level = new TileLevel(1, tileSize);
  }

  /** The canvas's size in CSS pixels and the device pixel ratio: its backing store is sized to match. */
  resize(width: number, height: number, dpr: number): void {
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.shown = null; // resizing cleared the canvas: nothing to stand in for missing tiles
    if (dpr !== this.dpr) {
      this.dpr = dpr;
      this.changeScale();
    }
  }

  setCamera(camera: Camera): void {
    const zoomed = camera.zoom !== this.camera.zoom;
    this.camera = camera;
    if (zoomed) this.changeScale();
  }

  /** Marks the tiles showing the boxes for repainting ("all": every tile). */
  invalidate(dirty: readonly Box[] | "all"): void {
    if (dirty === "all" || dirty.length) this.level.invalidate(dirty);
  }

  /**
   * Paints stale and missing tiles, nearest the centre first, until the
   * deadline (always at least one), then composes the canvas. True when
   * everything visible is current.
   */
  render(now: () => number, deadline: number): { complete: boolean; stats: StaticFrameStats } {
    this.frame++;
    const stats: StaticFrameStats = { full: 0, pixels: 0, bars: 0, tilesPainted: 0, tilesShown: 0, tilesMissing: 0, tilesCached: 0 };
    const { ox, oy, i0, j0, i1, j1 } = this.grid();
    const level = this.level;
    const needed: { i: number; j: number; stale: boolean; distance: number }[] = [];
    const ci = (i0 + i1) / 2;
    const cj = (j0 + j1) / 2;
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const tile = level.get(i, j);
        if (tile) tile.used = this.frame;
        if (!tile || !tile.valid) needed.push({ i, j, stale: tile !== undefined, distance: Math.hypot(i - ci, j - cj) });
      }
    }
    // Stale tiles first: a change someone made should show in the next frame; then the nearest.
    needed.sort((a, b) => Number(b.stale) - Number(a.stale) || a.distance - b.distance);
    for (const n of needed) {
      if (stats.tilesPainted > 0 && now() >= deadline) break;
      let tile = level.get(n.i, n.j);
      if (!tile) {
        tile = this.pool.take(n.i, n.j);
        tile.used = this.frame;
        level.tiles.set(tileKey(n.i, n.j), tile);
      }
      const spec = { i: n.i, j: n.j, scale: level.scale, size: level.size };
      const counts = this.painter.paint(tile.ctx, tile.area ? { ...spec, area: tile.area } : spec);
      stats.full += counts.full;
      stats.pixels += counts.pixels;
      stats.bars += counts.bars;
      tile.valid = true;
      tile.area = null;
      stats.tilesPainted++;
    }
    this.compose(ox, oy, i0, j0, i1, j1, stats);
    this.evict((i1 - i0 + 1) * (j1 - j0 + 1));
    stats.tilesCached = level.tiles.size;
    return { complete: stats.tilesMissing === 0 && needed.length === stats.tilesPainted, stats };
  }

  /** Device pixels of the scaled page at the canvas's top-left (whole pixels: tiles land on the pixel grid). */
  private grid() {
    const s = this.level.scale;
    const T = this.level.size;
    const ox = Math.round(this.camera.x * s);
    const oy = Math.round(this.camera.y * s);
    return {
      ox,
      oy,
      i0: Math.floor(ox / T),
      j0: Math.floor(oy / T),
      i1: Math.floor((ox + this.canvas.width - 1) / T),
      j1: Math.floor((oy + this.canvas.height - 1) / T),
    };
  }

  private compose(ox: number, oy: number, i0: number, j0: number, i1: number, j1: number, stats: StaticFrameStats): void {
    const ctx = this.ctx;
    const T = this.level.size;
    const missing: [number, number][] = [];
    for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) if (!this.level.get(i, j)) missing.push([i, j]);
    stats.tilesMissing = missing.length;
    // What the canvas shows now is the stand-in for missing tiles: keep it before clearing.
    const before = missing.length && this.shown ? this.keepSnapshot() : null;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.clearRect(0, 0, this.canvas.width, this.canvas.height);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const tile = this.level.get(i, j);
        if (!tile) continue;
        ctx.drawImage(tile.canvas, i * T - ox, j * T - oy);
        stats.tilesShown++;
      }
    }
    if (before && this.shown) {
      // A page point at device d before is at (d + o_before) * k - o_now now, k the ratio of scales.
      const k = this.level.scale / this.shown.scale;
      ctx.save();
      ctx.beginPath();
      for (const [i, j] of missing) ctx.rect(i * T - ox, j * T - oy, T, T);
      ctx.clip();
      ctx.drawImage(before, this.shown.ox * k - ox, this.shown.oy * k - oy, this.canvas.width * k, this.canvas.height * k);
      ctx.restore();
    }
    this.shown = { scale: this.level.scale, ox, oy };
  }

  /** A copy of the canvas as it is. */
  private keepSnapshot(): CanvasLike {
    const { width, height } = this.canvas;
    if (!this.snapshot || this.snapshot.canvas.width !== width || this.snapshot.canvas.height !== height) {
      const canvas = this.createCanvas(width, height);
      this.snapshot = { canvas, ctx: context2d(canvas) };
    }
    const { ctx } = this.snapshot;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha = 1;
    ctx.clearRect(0, 0, width, height);
    ctx.drawImage(this.canvas, 0, 0);
    return this.snapshot.canvas;
  }

  /** A new scale (zoom or device pixel ratio): tiles at the old one are of no more use. */
  private changeScale(): void {
    const scale = this.camera.zoom * this.dpr;
    if (scale === this.level.scale) return;
    this.pool.giveLevel(this.level);
    this.level = new TileLevel(scale, this.tileSize);
  }

  /** Keeps the tiles in view and the most recently shown others, up to twice the view's count. */
  private evict(visible: number): void {
    const keep = Math.max(2 * visible, visible + 16);
    const tiles = this.level.tiles;
    if (tiles.size <= keep) return;
    const byAge = [...tiles.entries()].sort((a, b) => a[1].used - b[1].used);
    for (const [key, tile] of byAge.slice(0, tiles.size - keep)) {
      tiles.delete(key);
      this.pool.give(tile);
    }
  }
}
