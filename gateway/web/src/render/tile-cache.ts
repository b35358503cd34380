// The static layer's bitmaps: tiles of the document at one scale (a level),
// kept while the camera pans so that a still document is not drawn again.
// Canvases are pooled, since a zoom change retires a whole level at once.
import { intersects, type Box } from "../geometry/box";
import { context2d, type CanvasFactory, type CanvasLike, type Ctx2D } from "./context";
import { TilePainter } from "./tile-painter";

export interface Tile {
  readonly i: number;
  readonly j: number;
  readonly canvas: CanvasLike;
  readonly ctx: Ctx2D;
  /** false: the document changed under it; it is shown as it is until painted again */
  valid: boolean;
  /** the last frame it was shown in, for eviction */
  used: number;
}

export function tileKey(i: number, j: number): string {
  return `${i},${j}`;
}

export class TileLevel {
  readonly tiles = new Map<string, Tile>();
  /** every tile the viewport needed was current at the last frame: good enough to stand in for another level */
  complete = false;

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

  /** The tiles that show any of the boxes. */
  touching(boxes: readonly Box[]): Tile[] {
    const out: Tile[] = [];
    for (const tile of this.tiles.values()) {
      const area = this.pageBox(tile);
      if (boxes.some((b) => intersects(area, b))) out.push(tile);
    }
    return out;
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
    if (reused) return { i, j, ...reused, valid: false, used: 0 };
    const canvas = this.createCanvas(this.size, this.size);
    return { i, j, canvas, ctx: context2d(canvas), valid: false, used: 0 };
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
