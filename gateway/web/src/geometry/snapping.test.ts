import { describe, expect, it } from "vitest";
import { snapMove, snapPoint } from "./snapping";

const other = { minX: 100, minY: 0, maxX: 200, maxY: 50 };

describe("snapping", () => {
  it("pulls a moving box's left edge to another's right edge within the threshold", () => {
    const moving = { minX: 203, minY: 100, maxX: 253, maxY: 150 };
    const r = snapMove(moving, [other], 5, 1);
    expect(r.dx).toBe(-3);
    expect(r.dy).toBe(0);
    // One vertical guide at x=200 spanning both boxes.
    expect(r.guides).toEqual([{ axis: "x", at: 200, from: 0, to: 150 }]);
  });

  it("measures the threshold in screen pixels: zoomed out, the same page distance is too far", () => {
    const moving = { minX: 203, minY: 100, maxX: 253, maxY: 150 };
    expect(snapMove(moving, [other], 5, 1).dx).toBe(-3);
    // At 50% a page distance of 3 is 1.5 screen px: still in. At 1000%, 30 screen px: out.
    expect(snapMove(moving, [other], 5, 0.5).dx).toBe(-3);
    expect(snapMove(moving, [other], 5, 10)).toEqual({ dx: 0, dy: 0, guides: [] });
  });

  it("snaps centres and picks the nearest candidate", () => {
    // Moving centre x = 152, other's centre 150: -2; its left edge 140 vs other's... none closer.
    const moving = { minX: 142, minY: 60, maxX: 162, maxY: 70 };
    const r = snapMove(moving, [other, { minX: 0, minY: 0, maxX: 145, maxY: 1 }], 5, 1);
    // The second box's right edge 145 is 3 from 142; the centre is 2 from 150: the centre wins.
    expect(r.dx).toBe(-2);
    expect(r.guides.some((g) => g.axis === "x" && g.at === 150)).toBe(true);
  });

  it("snaps both axes independently and draws a guide per alignment", () => {
    const moving = { minX: 198, minY: 48, maxX: 248, maxY: 98 };
    const r = snapMove(moving, [other], 5, 1);
    expect([r.dx, r.dy]).toEqual([2, 2]);
    expect(r.guides).toContainEqual({ axis: "x", at: 200, from: 0, to: 100 });
    expect(r.guides).toContainEqual({ axis: "y", at: 50, from: 100, to: 250 });
  });

  it("shows guides for an alignment that needed no correction", () => {
    const r = snapMove({ minX: 200, minY: 100, maxX: 220, maxY: 120 }, [other], 5, 1);
    expect(r.dx).toBe(0);
    expect(r.guides).toEqual([{ axis: "x", at: 200, from: 0, to: 120 }]);
  });

  it("snaps a dragged corner to the nearest edge or centre", () => {
    const r = snapPoint(151, 80, [other], 4, 1);
    expect(r.dx).toBe(-1);
    expect(r.dy).toBe(0);
    expect(r.guides).toEqual([{ axis: "x", at: 150, from: 0, to: 80 }]);
  });
});
