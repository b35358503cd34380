import { describe, expect, it } from "vitest";
import { hitTest, objectsInBox } from "./picking";
import { Scene } from "./scene";
import type { SceneObject } from "./scene-object";

function scene(objects: SceneObject[]): Scene {
  const s = new Scene();
  s.load(objects);
  return s;
}

const hit = (s: Scene, x: number, y: number, tolerance = 0) => hitTest(s, x, y, tolerance)?.id ?? null;

describe("hit testing", () => {
  it("takes the topmost object under the point", () => {
    const s = scene([
      { id: "below", type: "rectangle", width: 100, height: 100, index: "a0" },
      { id: "above", type: "rectangle", x: 50, width: 100, height: 100, index: "a1" },
    ]);
    expect(hit(s, 75, 50)).toBe("above");
    expect(hit(s, 25, 50)).toBe("below");
    expect(hit(s, 500, 50)).toBeNull();
  });

  it("follows rotation: inside the bounding box but outside the turned shape misses", () => {
    const s = scene([{ id: "d", type: "rectangle", width: 100, height: 100, rotation: 45 }]);
    expect(hit(s, 50, -15)).toBe("d"); // the diamond's top corner reaches y = 50 - 70.7
    expect(hit(s, -15, -15)).toBeNull(); // inside its bounding box, outside the diamond
  });

  it("misses an ellipse's corners and a rounded rectangle's", () => {
    const s = scene([
      { id: "e", type: "ellipse", width: 100, height: 100 },
      { id: "r", type: "rectangle", x: 200, width: 100, height: 100, cornerRadius: 40 },
    ]);
    expect(hit(s, 5, 5)).toBeNull();
    expect(hit(s, 50, 50)).toBe("e");
    expect(hit(s, 205, 5)).toBeNull();
    expect(hit(s, 250, 5)).toBe("r");
  });

  it("does not hit a child where its frame clips it off, but hits the part inside", () => {
    const s = scene([
      { id: "f", type: "frame", width: 100, height: 100, rotation: 45 },
      { id: "c", type: "rectangle", parentId: "f", x: 50, y: 50, width: 200, height: 10 },
    ]);
    // The child runs out of the turned frame; its page box covers points the frame cuts off.
    const inside = { x: 50, y: 57 }; // near the frame's centre, on the child
    expect(hit(s, inside.x, inside.y)).toBe("c");
    const c = s.get("c")!;
    const farEnd = { x: c.world.a * 190 + c.world.c * 5 + c.world.e, y: c.world.b * 190 + c.world.d * 5 + c.world.f };
    expect(hit(s, farEnd.x, farEnd.y)).toBeNull();
  });

  it("skips hidden and locked objects, falling through to what is below", () => {
    const s = scene([
      { id: "below", type: "rectangle", width: 100, height: 100, index: "a0" },
      { id: "locked", type: "rectangle", width: 100, height: 100, index: "a1", locked: true },
      { id: "hidden", type: "rectangle", width: 100, height: 100, index: "a2", visible: false },
      { id: "lockedGroup", type: "group", index: "a3", locked: true },
      { id: "inLockedGroup", type: "rectangle", parentId: "lockedGroup", width: 100, height: 100 },
    ]);
    expect(hit(s, 50, 50)).toBe("below");
  });

  it("reaches a thin line within the tolerance and on its stroke", () => {
    const s = scene([{ id: "line", type: "rectangle", y: 10, width: 100, height: 0, stroke: "#000", strokeWidth: 2 }]);
    expect(hit(s, 50, 10.9)).toBe("line");
    expect(hit(s, 50, 13)).toBeNull();
    expect(hit(s, 50, 13, 3)).toBe("line");
  });
});

describe("objects in a box (marquee)", () => {
  const s = scene([
    { id: "a", type: "rectangle", width: 10, height: 10, index: "a0" },
    { id: "d", type: "rectangle", x: 100, width: 100, height: 100, rotation: 45, index: "a1" },
    { id: "l", type: "rectangle", x: 20, width: 10, height: 10, locked: true, index: "a2" },
  ]);

  it("takes what it touches, by the exact shape, bottom first, locked left out", () => {
    expect(objectsInBox(s, { minX: 5, minY: 5, maxX: 150, maxY: 60 }).map((n) => n.id)).toEqual(["a", "d"]);
    // The diamond's bounding-box corner alone is not enough.
    expect(objectsInBox(s, { minX: 80, minY: -20, maxX: 90, maxY: -10 }).map((n) => n.id)).toEqual([]);
    expect(objectsInBox(s, { minX: 0, minY: 0, maxX: 40, maxY: 40 }, { includeLocked: true }).map((n) => n.id)).toEqual(["a", "l"]);
  });

  it("takes only what is wholly inside in contain mode", () => {
    expect(objectsInBox(s, { minX: -1, minY: -1, maxX: 150, maxY: 150 }, { mode: "contain" }).map((n) => n.id)).toEqual(["a"]);
  });
});
