import { describe, expect, it } from "vitest";
import { boxOfRect, intersection, intersects, transformedBox, transformedCorners, unionAll } from "./box";
import { rotationAbout } from "./matrix";

describe("box", () => {
  it("reads a rectangle dragged up and left as the same area", () => {
    expect(boxOfRect({ x: 10, y: 10, width: -4, height: -6 })).toEqual({ minX: 6, minY: 4, maxX: 10, maxY: 10 });
  });

  it("counts touching edges as intersecting, a gap as not", () => {
    const a = { minX: 0, minY: 0, maxX: 10, maxY: 10 };
    expect(intersects(a, { minX: 10, minY: 5, maxX: 20, maxY: 6 })).toBe(true);
    expect(intersects(a, { minX: 10.01, minY: 5, maxX: 20, maxY: 6 })).toBe(false);
    expect(intersection(a, { minX: 11, minY: 0, maxX: 12, maxY: 1 })).toBeNull();
    expect(intersection(a, { minX: 5, minY: -5, maxX: 15, maxY: 5 })).toEqual({ minX: 5, minY: 0, maxX: 10, maxY: 5 });
  });

  it("unions any number of boxes, none giving null", () => {
    expect(unionAll([])).toBeNull();
    expect(
      unionAll([
        { minX: 0, minY: 5, maxX: 1, maxY: 6 },
        { minX: -3, minY: 8, maxX: 0, maxY: 9 },
      ]),
    ).toEqual({ minX: -3, minY: 5, maxX: 1, maxY: 9 });
  });

  it("bounds a rotated box by its corners", () => {
    // A 10x10 square turned 45 degrees about its centre spans its diagonal, 10*sqrt(2), each way.
    const m = rotationAbout(45, 5, 5);
    const b = transformedBox(m, 0, 0, 10, 10);
    const half = 5 * Math.SQRT2;
    expect(b.minX).toBeCloseTo(5 - half, 12);
    expect(b.maxX).toBeCloseTo(5 + half, 12);
    expect(b.minY).toBeCloseTo(5 - half, 12);
    expect(b.maxY).toBeCloseTo(5 + half, 12);
    const xs = transformedCorners(m, 0, 0, 10, 10).map((c) => c[0]);
    expect(Math.min(...xs)).toBeCloseTo(b.minX, 12);
    expect(Math.max(...xs)).toBeCloseTo(b.maxX, 12);
  });
});
