// The static layer's bitmaps: tiles of the document at one scale (a level),
// kept while the camera pans so that a still document is not drawn again.
// Canvases are pooled, since a zoom change retires a whole level at once.
import { intersects, union, type Box } from "../geometry/box";
import { context2d, type CanvasFactory, type CanvasLike, type Ctx2D } from "./context";
import { TilePainter } from "./tile-painter";

export interface Tile {
  readonly i: number;
  readonly j: number;
  readonly canvas: CanvasLike;
  readonly ctx: Ctx2D;
  /** false: the document changed under it; it is shown as it is until painted again */
  valid: boolean;
  /** when not valid, the part to paint again in its device pixels; null for all of it */
  area: Box | null;
  /** the last frame it was shown in, for eviction */
  used: number;
}

export function tileKey(i: number, j: number): string {
  return `${i},${j}`;
}

export class TileLevel {
  readonly tiles = new Map<string, Tile>();

  constructor(
    readonly scale: number,
    readonly size: number,
  ) {}

  get(i: number, j: number): Tile | undefined {
    return this.tiles.get(tileKey(i, j));
  }

  pageBox(tile: Tile): Box {
    return TilePainter.pageBox({ i: tile.i, j: tile.j, scale: this.scale, size: this.size });
  }

  /**
   * Marks the tiles that show any of the boxes for painting again, each only
   * where the boxes touch it (in whole device pixels, a pixel wider for
   * antialiasing); "all": every tile, wholly.
   */
  invalidate(boxes: readonly Box[] | "all"): void {
    for (const tile of this.tiles.values()) {
      if (boxes === "all") {
        tile.valid = false;
        tile.area = null;
        continue;
      }
      const page = this.pageBox(tile);
      for (const b of boxes) {
        if (!intersects(page, b)) continue;
        const ox = tile.i * this.size;
        const oy = tile.j * this.size;
        const area: Box = {
          minX: Math.max(0, Math.floor(b.minX * this.scale - ox) - 1),
          minY: Math.max(0, Math.floor(b.minY * this.scale - oy) - 1),
          maxX: Math.min(this.size, Math.ceil(b.maxX * this.scale - ox) + 1),
          maxY: Math.min(this.size, Math.ceil(b.maxY * this.scale - oy) + 1),
        };
        // A tile already wholly invalid stays so; otherwise the areas grow into one box.
        if (tile.valid) tile.area = area;
        else if (tile.area) tile.area = union(tile.area, area);
        tile.valid = false;
      }
    }
  }
}

export class TilePool {
  private readonly free: { canvas: CanvasLike; ctx: Ctx2D }[] = [];

  constructor(
    private readonly createCanvas: CanvasFactory,
    private readonly size: number,
    private readonly maxFree = 64,
  ) {}

  take(i: number, j: number): Tile {
    const reused = this.free.pop();
    if (reused) return { i, j, ...reused, valid: false, area: null, used: 0 };
    const canvas = this.createCanvas(this.size, this.size);
    return { i, j, canvas, ctx: context2d(canvas), valid: false, area: null, used: 0 };
  }

  give(tile: Tile): void {
    // Beyond the cap the canvas is dropped, and the garbage collector frees its pixels.
    if (this.free.length < this.maxFree) this.free.push({ canvas: tile.canvas, ctx: tile.ctx });
  }

  giveLevel(level: TileLevel): void {
    for (const tile of level.tiles.values()) this.give(tile);
    level.tiles.clear();
  }
}
