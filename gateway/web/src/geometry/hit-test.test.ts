import { describe, expect, it } from "vitest";
import { containsLocalPoint, containsPagePoint } from "./hit-test";
import { localMatrix } from "./transform";

describe("point in object", () => {
  it("misses the cut-off corner of a rounded rectangle, hits its edge", () => {
    const shape = { outline: "rect" as const, width: 100, height: 50, cornerRadius: 20 };
    expect(containsLocalPoint(shape, 2, 2)).toBe(false);
    expect(containsLocalPoint(shape, 20, 0)).toBe(true);
    expect(containsLocalPoint(shape, 50, 25)).toBe(true);
    // A square corner takes the same point.
    expect(containsLocalPoint({ ...shape, cornerRadius: 0 }, 2, 2)).toBe(true);
  });

  it("clamps the radius to half the shorter side, as drawing does", () => {
    const pill = { outline: "rect" as const, width: 100, height: 20, cornerRadius: 1000 };
    expect(containsLocalPoint(pill, 1, 1)).toBe(false);
    expect(containsLocalPoint(pill, 50, 1)).toBe(true);
  });

  it("takes an ellipse's inside only", () => {
    const shape = { outline: "ellipse" as const, width: 100, height: 50 };
    expect(containsLocalPoint(shape, 50, 25)).toBe(true);
    expect(containsLocalPoint(shape, 99, 25)).toBe(true);
    expect(containsLocalPoint(shape, 5, 5)).toBe(false);
  });

  it("grows the shape by the tolerance", () => {
    const shape = { outline: "rect" as const, width: 10, height: 10 };
    expect(containsLocalPoint(shape, 12, 5)).toBe(false);
    expect(containsLocalPoint(shape, 12, 5, 3)).toBe(true);
  });

  it("follows rotation: a point inside the bounding box but outside the turned shape misses", () => {
    // A 100x10 bar turned 90 degrees about its centre (50, 5) stands from y=-45 to y=55 at x 45..55.
    const world = localMatrix({ x: 0, y: 0, width: 100, height: 10, rotation: 90 });
    const bar = { outline: "rect" as const, width: 100, height: 10 };
    expect(containsPagePoint(world, bar, 50, -40)).toBe(true);
    expect(containsPagePoint(world, bar, 90, 5)).toBe(false);
  });

  it("gives nothing for a zero-size object's point outside it", () => {
    const flat = { outline: "ellipse" as const, width: 0, height: 0 };
    expect(containsLocalPoint(flat, 0, 0)).toBe(false);
  });
});
