import { describe, expect, it } from "vitest";
import { EVERYWHERE } from "../geometry/box";
import { PixelRaster } from "./pixel-raster";

const red = { r: 255, g: 0, b: 0, a: 1 };
const blue = { r: 0, g: 0, b: 255, a: 1 };

function raster(w = 8, h = 8) {
  return new PixelRaster({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) });
}

function pixel(r: PixelRaster, x: number, y: number): number[] {
  const o = (y * r.buffer.width + x) * 4;
  return [...r.buffer.data.slice(o, o + 4)];
}

describe("pixel rasterizer", () => {
  it("fills whole pixels with the exact colour, nothing outside", () => {
    const r = raster();
    r.fillRect(1, 1, 3, 2, red, 1, EVERYWHERE);
    expect(pixel(r, 1, 1)).toEqual([255, 0, 0, 255]);
    expect(pixel(r, 2, 1)).toEqual([255, 0, 0, 255]);
    expect(pixel(r, 3, 1)).toEqual([0, 0, 0, 0]);
    expect(pixel(r, 1, 2)).toEqual([0, 0, 0, 0]);
    expect(r.touched()).toEqual({ x: 1, y: 1, width: 2, height: 1 });
  });

  it("gives a partly covered pixel partial alpha (antialiasing)", () => {
    const r = raster();
    r.fillRect(0, 0, 1.5, 1, red, 1, EVERYWHERE);
    expect(pixel(r, 1, 0)[3]).toBeCloseTo(128, -1);
    // A sub-pixel object still leaves a trace, not nothing.
    r.fillRect(4.2, 4.2, 4.4, 4.4, blue, 1, EVERYWHERE);
    expect(pixel(r, 4, 4)[3]).toBeGreaterThan(0);
  });

  it("blends a translucent colour over what is there", () => {
    const r = raster();
    r.fillRect(0, 0, 1, 1, red, 1, EVERYWHERE);
    r.fillRect(0, 0, 1, 1, blue, 0.5, EVERYWHERE);
    const [R, G, B, A] = pixel(r, 0, 0);
    expect(A).toBe(255);
    expect(R).toBeCloseTo(128, -1);
    expect(B).toBeCloseTo(128, -1);
    expect(G).toBe(0);
  });

  it("keeps to the clip box and the buffer's edges", () => {
    const r = raster();
    r.fillRect(-5, -5, 20, 20, red, 1, { minX: 2, minY: 2, maxX: 4, maxY: 4 });
    expect(pixel(r, 1, 1)[3]).toBe(0);
    expect(pixel(r, 3, 3)[3]).toBe(255);
    expect(pixel(r, 4, 4)[3]).toBe(0);
  });

  it("leaves an ellipse's corners empty and its centre full", () => {
    const r = raster();
    r.fillEllipse(4, 4, 4, 4, red, 1, EVERYWHERE);
    expect(pixel(r, 3, 3)[3]).toBe(255);
    expect(pixel(r, 0, 0)[3]).toBe(0);
  });

  it("strokes a ring that leaves the middle alone", () => {
    const r = raster();
    r.strokeRect(1, 1, 7, 7, 1, blue, 1, EVERYWHERE);
    expect(pixel(r, 1, 4)[3]).toBeGreaterThan(0); // on the left edge
    expect(pixel(r, 4, 4)[3]).toBe(0);
    const e = raster();
    e.strokeEllipse(4, 4, 3, 3, 1, blue, 1, EVERYWHERE);
    expect(pixel(e, 4, 0)[3]).toBeGreaterThan(0);
    expect(pixel(e, 4, 4)[3]).toBe(0);
  });

  it("clears only what it drew, and says when nothing is drawn", () => {
    const r = raster();
    r.fillRect(2, 2, 4, 4, red, 1, EVERYWHERE);
    r.clear();
    expect(r.touched()).toBeNull();
    expect(r.buffer.data.every((v) => v === 0)).toBe(true);
  });
});
