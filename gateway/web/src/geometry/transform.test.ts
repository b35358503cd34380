import { describe, expect, it } from "vitest";
import { applyToPoint } from "./matrix";
import { localMatrix, MAX_DEPTH, worldMatrixOf, type PlacedInTree } from "./transform";

function lookup(objects: Record<string, PlacedInTree>) {
  return (id: string) => objects[id];
}

function near(p: { x: number; y: number }, x: number, y: number) {
  expect(p.x).toBeCloseTo(x, 9);
  expect(p.y).toBeCloseTo(y, 9);
}

describe("transforms down the tree", () => {
  it("rotates an object about its own centre, then places it at x, y", () => {
    const m = localMatrix({ x: 100, y: 50, width: 20, height: 10, rotation: 90 });
    // The centre stays at (110, 55); the top-left corner turns to the right-hand top.
    near(applyToPoint(m, 10, 5), 110, 55);
    near(applyToPoint(m, 0, 0), 115, 45);
  });

  it("places children relative to the parent's top-left", () => {
    const objects = {
      frame: { x: 100, y: 100, width: 200, height: 200 },
      child: { x: 10, y: 20, width: 5, height: 5, parentId: "frame" },
    };
    near(applyToPoint(worldMatrixOf("child", lookup(objects))!, 0, 0), 110, 120);
  });

  it("carries a parent's rotation to its children, about the parent's centre", () => {
    const objects = {
      frame: { x: 0, y: 0, width: 100, height: 100, rotation: 180 },
      child: { x: 0, y: 0, width: 10, height: 10, parentId: "frame" },
    };
    // Half a turn about (50, 50) takes the child's top-left (0,0) to (100, 100).
    near(applyToPoint(worldMatrixOf("child", lookup(objects))!, 0, 0), 100, 100);
  });

  it("composes three levels: group in a rotated frame, rotated child", () => {
    const objects = {
      frame: { x: 1000, y: 0, width: 200, height: 100, rotation: 90 },
      group: { x: 50, y: 0, width: 100, height: 100, parentId: "frame" },
      child: { x: 10, y: 10, width: 20, height: 20, rotation: 90, parentId: "group" },
    };
    const m = worldMatrixOf("child", lookup(objects))!;
    // In frame coordinates the child's centre is at (50+20, 0+20) = (70, 20); the frame turns a
    // quarter about (100, 50): (70, 20) -> (100 - (20 - 50), 50 + (70 - 100)) = (130, 20), plus x.
    near(applyToPoint(m, 10, 10), 1130, 20);
    // Two quarter turns: the child's local +x now points along page -x.
    const right = applyToPoint(m, 11, 10);
    near({ x: right.x - 1130, y: right.y - 20 }, -1, 0);
  });

  it("gives no matrix for a missing parent or a loop", () => {
    expect(worldMatrixOf("a", lookup({ a: { parentId: "gone" } }))).toBeNull();
    expect(worldMatrixOf("a", lookup({ a: { parentId: "b" }, b: { parentId: "a" } }))).toBeNull();
  });

  it("stops at the server's depth limit", () => {
    const objects: Record<string, PlacedInTree> = {};
    for (let i = 0; i <= MAX_DEPTH + 1; i++) objects[`n${i}`] = { x: 1, parentId: i === 0 ? null : `n${i - 1}` };
    expect(worldMatrixOf(`n${MAX_DEPTH - 1}`, lookup(objects))).not.toBeNull();
    expect(worldMatrixOf(`n${MAX_DEPTH + 1}`, lookup(objects))).toBeNull();
  });
});
