import { describe, expect, it } from "vitest";
import { shapeBox, shapeInsideBox, shapeIntersectsBox } from "./marquee";
import { localMatrix } from "./transform";

const diamondWorld = localMatrix({ x: 0, y: 0, width: 100, height: 100, rotation: 45 });
const square = { outline: "rect" as const, width: 100, height: 100 };

describe("marquee", () => {
  it("leaves out a rotated square when only its bounding box is crossed", () => {
    // The diamond's bounding box reaches (50 - 70.7, ...); its top-left corner area is empty.
    expect(shapeIntersectsBox(diamondWorld, square, { minX: -20, minY: -20, maxX: 0, maxY: 0 })).toBe(false);
    expect(shapeIntersectsBox(diamondWorld, square, { minX: 40, minY: -25, maxX: 60, maxY: -15 })).toBe(true);
  });

  it("takes an ellipse only where it is, not its box's corners", () => {
    const world = localMatrix({ x: 0, y: 0, width: 100, height: 50 });
    const ellipse = { outline: "ellipse" as const, width: 100, height: 50 };
    expect(shapeIntersectsBox(world, ellipse, { minX: 0, minY: 0, maxX: 8, maxY: 8 })).toBe(false);
    expect(shapeIntersectsBox(world, ellipse, { minX: 45, minY: -10, maxX: 55, maxY: 1 })).toBe(true);
    // A marquee wholly inside the ellipse intersects it too.
    expect(shapeIntersectsBox(world, ellipse, { minX: 49, minY: 24, maxX: 51, maxY: 26 })).toBe(true);
  });

  it("misses a rounded rectangle's cut corner", () => {
    const world = localMatrix({ x: 0, y: 0, width: 100, height: 100 });
    const rounded = { outline: "rect" as const, width: 100, height: 100, cornerRadius: 30 };
    expect(shapeIntersectsBox(world, rounded, { minX: -5, minY: -5, maxX: 4, maxY: 4 })).toBe(false);
    expect(shapeIntersectsBox(world, rounded, { minX: -5, minY: -5, maxX: 10, maxY: 10 })).toBe(true);
    expect(shapeIntersectsBox(world, { ...rounded, cornerRadius: 0 }, { minX: -5, minY: -5, maxX: 4, maxY: 4 })).toBe(true);
  });

  it("bounds a rotated ellipse tighter than its rectangle", () => {
    const world = localMatrix({ x: 0, y: 0, width: 200, height: 20, rotation: 45 });
    const ellipse = shapeBox(world, { outline: "ellipse", width: 200, height: 20 });
    const rect = shapeBox(world, { outline: "rect", width: 200, height: 20 });
    // Half-extent of the turned ellipse: sqrt(100^2 + 10^2) / sqrt(2) = 71.06; of the rectangle 77.78.
    expect((ellipse.maxX - ellipse.minX) / 2).toBeCloseTo(Math.hypot(100, 10) / Math.SQRT2, 9);
    expect((rect.maxX - rect.minX) / 2).toBeCloseTo(110 / Math.SQRT2, 9);
  });

  it("counts a shape as inside only when all of it is", () => {
    const box = { minX: -30, minY: -30, maxX: 130, maxY: 130 };
    expect(shapeInsideBox(diamondWorld, square, box)).toBe(true);
    expect(shapeInsideBox(diamondWorld, square, { ...box, minX: 0 })).toBe(false);
  });
});
