import { describe, expect, it } from "vitest";
import { handleAt, ROTATE_OFFSET_PX, selectionHandles } from "./handles";
import { localMatrix } from "./transform";

const camera = { x: 0, y: 0, zoom: 2 };

describe("selection handles", () => {
  it("puts corners and side midpoints on the selection's box in screen pixels", () => {
    const frame = { world: localMatrix({ x: 10, y: 20, width: 100, height: 50 }), width: 100, height: 50 };
    const byKind = Object.fromEntries(selectionHandles(frame, camera).map((h) => [h.kind, [h.x, h.y]]));
    expect(byKind.nw).toEqual([20, 40]);
    expect(byKind.se).toEqual([220, 140]);
    expect(byKind.e).toEqual([220, 90]);
    expect(byKind.rotate).toEqual([120, 40 - ROTATE_OFFSET_PX]);
  });

  it("turns the rotate handle with the object", () => {
    // Rotated 90 degrees, the object's "up" points to screen +x.
    const frame = { world: localMatrix({ x: 0, y: 0, width: 100, height: 100, rotation: 90 }), width: 100, height: 100 };
    const rotate = selectionHandles(frame, camera).find((h) => h.kind === "rotate")!;
    expect(rotate.x).toBeCloseTo(200 + ROTATE_OFFSET_PX, 9);
    expect(rotate.y).toBeCloseTo(100, 9);
  });

  it("leaves side handles out of a selection too small to tell them apart", () => {
    const frame = { world: localMatrix({ width: 5, height: 100 }), width: 5, height: 100 };
    const kinds = selectionHandles(frame, camera).map((h) => h.kind);
    expect(kinds).not.toContain("n");
    expect(kinds).toContain("e");
  });

  it("finds the handle under the pointer, or none", () => {
    const frame = { world: localMatrix({ x: 10, y: 20, width: 100, height: 50 }), width: 100, height: 50 };
    expect(handleAt(frame, camera, { x: 222, y: 138 })).toBe("se");
    expect(handleAt(frame, camera, { x: 120, y: 40 - ROTATE_OFFSET_PX + 1 })).toBe("rotate");
    expect(handleAt(frame, camera, { x: 120, y: 90 })).toBeNull();
  });
});
