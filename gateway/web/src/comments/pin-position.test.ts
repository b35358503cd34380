import { describe, expect, it } from "vitest";
import type { CommentData } from "./comment-api";
import { pinPosition } from "./pin-position";

const comment = (extra: Partial<CommentData>) => ({ objectId: null, x: null, y: null, ...extra }) as CommentData;
const boxes = new Map([["rect", { minX: 100, minY: 50, maxX: 200, maxY: 90 }]]);
const boundsOf = (id: string) => boxes.get(id) ?? null;

describe("pinPosition", () => {
  it("puts an object's pin at its offset from the object's corner, wherever the object is now", () => {
    expect(pinPosition(comment({ objectId: "rect", x: 10, y: 5 }), boundsOf)).toEqual({ x: 110, y: 55 });
    boxes.set("rect", { minX: 400, minY: 300, maxX: 500, maxY: 340 });
    expect(pinPosition(comment({ objectId: "rect", x: 10, y: 5 }), boundsOf)).toEqual({ x: 410, y: 305 });
    // Pinned by SQL to an object without an offset: its corner.
    expect(pinPosition(comment({ objectId: "rect" }), boundsOf)).toEqual({ x: 400, y: 300 });
  });

  it("puts a point's pin at the point; none for a gone object or no place", () => {
    expect(pinPosition(comment({ x: -3, y: 7 }), boundsOf)).toEqual({ x: -3, y: 7 });
    expect(pinPosition(comment({ objectId: "deleted", x: 1, y: 1 }), boundsOf)).toBeNull();
    expect(pinPosition(comment({}), boundsOf)).toBeNull();
  });
});
