// A tiny software rasterizer for objects a few device pixels across, where
// Canvas2D's cost per call (about 1 µs per fillRect in software Chromium,
// 7 µs per rounded, stroked path) is all there is to a zoomed-out frame.
// It writes coverage-antialiased rectangles and ellipses straight into an
// ImageData of the tile, which is then put on the tile in one call.
import type { Box } from "../geometry/box";
import type { Rgba } from "./colour";
import type { PixelBuffer } from "./context";

export class PixelRaster {
  readonly buffer: PixelBuffer;
  private readonly words: Uint32Array;
  private readonly w: number;
  private readonly h: number;
  // The area touched since the last clear, in whole pixels.
  private x0 = Infinity;
  private y0 = Infinity;
  private x1 = -Infinity;
  private y1 = -Infinity;

  constructor(buffer: PixelBuffer) {
    this.buffer = buffer;
    this.w = buffer.width;
    this.h = buffer.height;
    this.words = new Uint32Array(buffer.data.buffer, buffer.data.byteOffset, this.w * this.h);
  }

  /** The touched area {x, y, width, height}, or null when nothing was drawn. */
  touched(): { x: number; y: number; width: number; height: number } | null {
    if (this.x1 < this.x0) return null;
    return { x: this.x0, y: this.y0, width: this.x1 - this.x0, height: this.y1 - this.y0 };
  }

  /** Back to transparent, only where something was drawn. */
  clear(): void {
    const t = this.touched();
    if (!t) return;
    for (let y = t.y; y < t.y + t.height; y++) this.words.fill(0, y * this.w + t.x, y * this.w + t.x + t.width);
    this.x0 = this.y0 = Infinity;
    this.x1 = this.y1 = -Infinity;
  }

  /** Fills (x0, y0)-(x1, y1), device pixels, within clip; partly covered pixels get partial alpha. */
  fillRect(x0: number, y0: number, x1: number, y1: number, c: Rgba, alpha: number, clip: Box): void {
    const cx0 = Math.max(x0, clip.minX, 0);
    const cy0 = Math.max(y0, clip.minY, 0);
    const cx1 = Math.min(x1, clip.maxX, this.w);
    const cy1 = Math.min(y1, clip.maxY, this.h);
    if (cx0 >= cx1 || cy0 >= cy1) return;
    const a = alpha * c.a;
    const px0 = Math.floor(cx0);
    const py0 = Math.floor(cy0);
    const px1 = Math.ceil(cx1);
    const py1 = Math.ceil(cy1);
    this.touch(px0, py0, px1, py1);
    for (let py = py0; py < py1; py++) {
      const cy = Math.min(cy1, py + 1) - Math.max(cy0, py);
      for (let px = px0; px < px1; px++) {
        const cx = Math.min(cx1, px + 1) - Math.max(cx0, px);
        this.blend(py * this.w + px, c, a * cx * cy);
      }
    }
  }

  /** A rectangle's outline of width sw centred on its edges, as four non-overlapping bands. */
  strokeRect(x0: number, y0: number, x1: number, y1: number, sw: number, c: Rgba, alpha: number, clip: Box): void {
    const h = sw / 2;
    if (2 * h >= y1 - y0 || 2 * h >= x1 - x0) return this.fillRect(x0 - h, y0 - h, x1 + h, y1 + h, c, alpha, clip);
    this.fillRect(x0 - h, y0 - h, x1 + h, y0 + h, c, alpha, clip);
    this.fillRect(x0 - h, y1 - h, x1 + h, y1 + h, c, alpha, clip);
    this.fillRect(x0 - h, y0 + h, x0 + h, y1 - h, c, alpha, clip);
    this.fillRect(x1 - h, y0 + h, x1 + h, y1 - h, c, alpha, clip);
  }

  fillEllipse(cx: number, cy: number, rx: number, ry: number, c: Rgba, alpha: number, clip: Box): void {
    // Below a pixel the distance estimate means nothing: the ellipse's area as a faint square is truer.
    if (rx < 1 || ry < 1) return this.fillRect(cx - rx, cy - ry, cx + rx, cy + ry, c, (alpha * Math.PI) / 4, clip);
    this.ellipseBand(cx, cy, rx, ry, c, alpha * c.a, clip, (d) => 0.5 - d);
  }

  strokeEllipse(cx: number, cy: number, rx: number, ry: number, sw: number, c: Rgba, alpha: number, clip: Box): void {
    const h = sw / 2;
    if (rx < 1 || ry < 1) return this.fillRect(cx - rx - h, cy - ry - h, cx + rx + h, cy + ry + h, c, alpha * Math.min(1, sw), clip);
    // A band |d| <= h, softened over a pixel; thinner than a pixel, a tent of height sw.
    const coverage = sw >= 1 ? (d: number) => h + 0.5 - Math.abs(d) : (d: number) => sw * (1 - Math.abs(d));
    this.ellipseBand(cx, cy, rx + h, ry + h, c, alpha * c.a, clip, coverage, rx, ry);
  }

  /**
   * Pixels of the box around (cx, cy) +- (ex, ey), each given the coverage of its
   * signed distance d (in pixels, negative inside) from the ellipse of radii rx, ry.
   */
  private ellipseBand(
    cx: number,
    cy: number,
    ex: number,
    ey: number,
    c: Rgba,
    a: number,
    clip: Box,
    coverage: (d: number) => number,
    rx = ex,
    ry = ey,
  ): void {
    const px0 = Math.max(Math.floor(cx - ex - 1), Math.floor(clip.minX), 0);
    const py0 = Math.max(Math.floor(cy - ey - 1), Math.floor(clip.minY), 0);
    const px1 = Math.min(Math.ceil(cx + ex + 1), Math.ceil(clip.maxX), this.w);
    const py1 = Math.min(Math.ceil(cy + ey + 1), Math.ceil(clip.maxY), this.h);
    if (px0 >= px1 || py0 >= py1) return;
    this.touch(px0, py0, px1, py1);
    const irx2 = 1 / (rx * rx);
    const iry2 = 1 / (ry * ry);
    for (let py = py0; py < py1; py++) {
      const dy = py + 0.5 - cy;
      for (let px = px0; px < px1; px++) {
        const dx = px + 0.5 - cx;
        // f / |grad f| for f = (dx/rx)^2 + (dy/ry)^2 - 1: the distance to the outline, near it.
        const f = dx * dx * irx2 + dy * dy * iry2 - 1;
        const g = 2 * Math.sqrt(dx * dx * irx2 * irx2 + dy * dy * iry2 * iry2);
        const d = g === 0 ? -Infinity : f / g;
        const cov = coverage(d);
        if (cov > 0) this.blend(py * this.w + px, c, a * Math.min(1, cov));
      }
    }
  }

  private touch(x0: number, y0: number, x1: number, y1: number): void {
    if (x0 < this.x0) this.x0 = x0;
    if (y0 < this.y0) this.y0 = y0;
    if (x1 > this.x1) this.x1 = x1;
    if (y1 > this.y1) this.y1 = y1;
  }

  /** Source-over of colour c at alpha a onto pixel i (ImageData is not premultiplied). */
  private blend(i: number, c: Rgba, a: number): void {
    if (a <= 0) return;
    if (a >= 0.999) {
      // Little-endian words: ABGR. Every browser the editor supports runs little-endian.
      this.words[i] = ((255 << 24) | (c.b << 16) | (c.g << 8) | c.r) >>> 0;
      return;
    }
    const d = this.buffer.data;
    const o = i * 4;
    const da = d[o + 3]! / 255;
    const keep = da * (1 - a);
    const out = a + keep;
    d[o] = (c.r * a + d[o]! * keep) / out;
    d[o + 1] = (c.g * a + d[o + 1]! * keep) / out;
    d[o + 2] = (c.b * a + d[o + 2]! * keep) / out;
    d[o + 3] = out * 255;
  }
}
