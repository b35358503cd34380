import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyToPoint, cosSin, invert, isAxisAligned, maxScale, multiply, rotationAbout, scaling, translation } from "./matrix";

const finite = fc.double({ min: -1e4, max: 1e4, noNaN: true });

describe("matrix", () => {
  it("applies the right-hand matrix first", () => {
    // Scale then translate: (1, 1) -> (2, 2) -> (12, 2).
    const m = multiply(translation(10, 0), scaling(2));
    expect(applyToPoint(m, 1, 1)).toEqual({ x: 12, y: 2 });
  });

  it("rotates clockwise on screen about the given point", () => {
    // 90 degrees about (10, 10): the point right of the centre goes below it (y grows downwards).
    const p = applyToPoint(rotationAbout(90, 10, 10), 20, 10);
    expect(p.x).toBeCloseTo(10, 12);
    expect(p.y).toBeCloseTo(20, 12);
    expect(applyToPoint(rotationAbout(37, 10, 10), 10, 10)).toEqual({ x: 10, y: 10 });
  });

  it("keeps quarter turns exact, so they stay axis-aligned", () => {
    expect(cosSin(90)).toEqual({ cos: 0, sin: 1 });
    expect(cosSin(-90)).toEqual({ cos: 0, sin: -1 });
    expect(cosSin(540)).toEqual({ cos: -1, sin: 0 });
    expect(isAxisAligned(rotationAbout(270, 3, 4))).toBe(true);
    expect(isAxisAligned(rotationAbout(30, 3, 4))).toBe(false);
  });

  it("inverts: m^-1 undoes m for any rotation and translation", () => {
    fc.assert(
      fc.property(finite, finite, finite, finite, finite, (deg, tx, ty, x, y) => {
        const m = multiply(translation(tx, ty), rotationAbout(deg, 5, -3));
        const inv = invert(m)!;
        const there = applyToPoint(m, x, y);
        const back = applyToPoint(inv, there.x, there.y);
        expect(back.x).toBeCloseTo(x, 6);
        expect(back.y).toBeCloseTo(y, 6);
      }),
    );
  });

  it("has no inverse for a matrix that squashes the plane", () => {
    expect(invert(scaling(0, 1))).toBeNull();
  });

  it("measures the larger stretch", () => {
    expect(maxScale(multiply(rotationAbout(33, 0, 0), scaling(2, 3)))).toBeCloseTo(3, 12);
  });
});
