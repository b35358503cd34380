import { describe, expect, it } from "vitest";
import type { Box } from "../geometry/box";
import { Scene } from "./scene";
import type { SceneObject } from "./scene-object";

function rect(id: string, props: Partial<SceneObject> = {}): SceneObject {
  return { id, type: "rectangle", x: 0, y: 0, width: 10, height: 10, ...props };
}

function loaded(objects: SceneObject[]): Scene {
  const scene = new Scene();
  scene.load(objects);
  scene.takeDirty();
  return scene;
}

const everywhere = { minX: -1e9, minY: -1e9, maxX: 1e9, maxY: 1e9 };
function drawn(scene: Scene, box: Box = everywhere): string[] {
  return scene.sortForDrawing(scene.search(box)).map((n) => n.id);
}

function closeBox(b: Box, expected: Box) {
  expect(b.minX).toBeCloseTo(expected.minX, 9);
  expect(b.minY).toBeCloseTo(expected.minY, 9);
  expect(b.maxX).toBeCloseTo(expected.maxX, 9);
  expect(b.maxY).toBeCloseTo(expected.maxY, 9);
}

describe("scene", () => {
  it("answers searches the same before its index is built (a scan) and after", () => {
    const objects = Array.from({ length: 400 }, (_, k) =>
      rect(`r${k}`, { x: (k % 20) * 37, y: Math.floor(k / 20) * 23, width: 5 + (k % 7) * 9, height: 4 + (k % 5) * 8, rotation: (k % 4) * 15 }),
    );
    const scene = loaded(objects);
    expect(scene.indexPending).toBe(true);
    const boxes: Box[] = [everywhere, { minX: 0, minY: 0, maxX: 0, maxY: 0 }, { minX: 100, minY: 50, maxX: 300, maxY: 90 }];
    for (let k = 0; k < 30; k++) boxes.push({ minX: k * 25, minY: k * 13, maxX: k * 25 + 40 + k, maxY: k * 13 + 30 });
    const scanned = boxes.map((b) => scene.search(b).map((n) => n.id).sort());
    scene.buildIndex();
    expect(scene.indexPending).toBe(false);
    expect(boxes.map((b) => scene.search(b).map((n) => n.id).sort())).toEqual(scanned);
    expect(scanned[0]).toHaveLength(400);
    expect(scanned.slice(3).some((ids) => ids.length > 0 && ids.length < 400)).toBe(true);
  });

  it("builds its index before applying changes to a scene just loaded", () => {
    const scene = loaded([rect("a"), rect("b", { x: 100 })]);
    scene.apply([rect("b", { x: 500 })], ["a"]);
    expect(scene.indexPending).toBe(false);
    expect(drawn(scene)).toEqual(["b"]);
    expect(drawn(scene, { minX: 90, minY: 0, maxX: 120, maxY: 10 })).toEqual([]);
    expect(drawn(scene, { minX: 495, minY: 0, maxX: 520, maxY: 10 })).toEqual(["b"]);
  });

  it("draws siblings in fractional-index order, children right after their parent", () => {
    const scene = loaded([
      rect("top", { index: "a2" }),
      { id: "f", type: "frame", width: 100, height: 100, index: "a1" },
      rect("in", { parentId: "f", index: "a0" }),
      rect("bottom", { index: "a0" }),
    ]);
    expect(drawn(scene)).toEqual(["bottom", "f", "in", "top"]);
  });

  it("bounds rotated children of a rotated frame on the page", () => {
    const scene = loaded([
      { id: "f", type: "frame", x: 100, y: 100, width: 100, height: 100, rotation: 180 },
      rect("c", { parentId: "f", x: 0, y: 0, width: 20, height: 10 }),
    ]);
    // Half a turn about the frame's centre (150, 150) puts the child's box at (180..200, 190..200).
    closeBox(scene.get("c")!.bounds, { minX: 180, minY: 190, maxX: 200, maxY: 200 });
  });

  it("fits a group to its children's union, nested groups and rotation included", () => {
    const scene = loaded([
      { id: "g", type: "group", x: 10, y: 10, width: 0, height: 0 },
      rect("a", { parentId: "g", x: 0, y: 0, width: 10, height: 10 }),
      { id: "inner", type: "group", parentId: "g", x: 50, y: 50 },
      rect("b", { parentId: "inner", x: 0, y: 0, width: 20, height: 20, rotation: 90 }),
      rect("hidden", { parentId: "g", x: 500, y: 500, visible: false }),
    ]);
    closeBox(scene.get("g")!.bounds, { minX: 10, minY: 10, maxX: 80, maxY: 80 });
    expect(scene.get("g")!.localBox).toEqual({ minX: 0, minY: 0, maxX: 70, maxY: 70 });
  });

  it("keeps hidden objects, their children and children clipped away out of the index", () => {
    const scene = loaded([
      rect("hidden", { visible: false }),
      { id: "hf", type: "frame", width: 100, height: 100, visible: false },
      rect("underHidden", { parentId: "hf" }),
      { id: "f", type: "frame", width: 100, height: 100 },
      rect("outside", { parentId: "f", x: 200, y: 0 }),
      rect("half", { parentId: "f", x: 95, y: 0 }),
    ]);
    expect(drawn(scene)).toEqual(["f", "half"]);
    // The half-clipped child paints only within its frame.
    expect(scene.get("half")!.maxX).toBe(100);
  });

  it("draws an orphan only once its parent arrives, and never a loop", () => {
    const scene = loaded([rect("orphan", { parentId: "later" }), { id: "a", type: "group", parentId: "b" }, { id: "b", type: "group", parentId: "a" }, rect("inLoop", { parentId: "a" })]);
    expect(drawn(scene)).toEqual([]);
    scene.apply([{ id: "later", type: "frame", width: 100, height: 100 }]);
    expect(drawn(scene)).toEqual(["later", "orphan"]);
  });

  it("moves a frame's children with it, in the index too, and records both areas as dirty", () => {
    const scene = loaded([{ id: "f", type: "frame", width: 100, height: 100 }, rect("c", { parentId: "f", x: 10, y: 10 })]);
    scene.apply([{ id: "f", type: "frame", x: 1000, width: 100, height: 100 }]);
    expect(drawn(scene, { minX: 0, minY: 0, maxX: 200, maxY: 200 })).toEqual([]);
    expect(drawn(scene, { minX: 1005, minY: 5, maxX: 1015, maxY: 15 })).toEqual(["f", "c"]);
    const dirty = scene.takeDirty() as Box[];
    expect(dirty).toContainEqual({ minX: 10, minY: 10, maxX: 20, maxY: 20 });
    expect(dirty).toContainEqual({ minX: 1010, minY: 10, maxX: 1020, maxY: 20 });
    expect(scene.takeDirty()).toEqual([]);
  });

  it("reorders on an index change and reparents on a parentId change", () => {
    const scene = loaded([rect("a", { index: "a0" }), rect("b", { index: "a1" }), { id: "f", type: "frame", x: 500, width: 100, height: 100, index: "a2" }]);
    scene.apply([rect("a", { index: "a3" })]);
    expect(drawn(scene)).toEqual(["b", "f", "a"]);
    scene.apply([rect("a", { parentId: "f", index: "a0" })]);
    expect(drawn(scene)).toEqual(["b", "f", "a"]);
    // Now relative to the frame at x=500.
    expect(scene.get("a")!.bounds.minX).toBe(500);
  });

  it("takes a removed frame's children out, and puts them back when it returns", () => {
    const frame: SceneObject = { id: "f", type: "frame", width: 100, height: 100 };
    const scene = loaded([frame, rect("c", { parentId: "f" })]);
    scene.apply([], ["f"]);
    expect(drawn(scene)).toEqual([]);
    scene.apply([frame]);
    expect(drawn(scene)).toEqual(["f", "c"]);
  });

  it("refuses a move that would make a loop: the subtree is not drawn", () => {
    const scene = loaded([{ id: "g1", type: "group" }, { id: "g2", type: "group", parentId: "g1" }, rect("c", { parentId: "g2" })]);
    expect(drawn(scene)).toEqual(["c"]);
    scene.apply([{ id: "g1", type: "group", parentId: "g2" }]);
    expect(drawn(scene)).toEqual([]);
  });

  it("stops drawing children of an object that is no longer a container", () => {
    const scene = loaded([{ id: "f", type: "frame", width: 100, height: 100 }, rect("c", { parentId: "f" })]);
    scene.apply([rect("f", { width: 100, height: 100 })]);
    expect(drawn(scene)).toEqual(["f"]);
  });

  it("repaints a fill change in place, and grows the painted area with a stroke", () => {
    const scene = loaded([rect("r", { x: 0, y: 0 })]);
    scene.apply([rect("r", { fill: "#ff0000" })]);
    expect(scene.takeDirty()).toEqual([{ minX: 0, minY: 0, maxX: 10, maxY: 10 }]);
    scene.apply([rect("r", { fill: "#ff0000", stroke: "#000", strokeWidth: 4 })]);
    expect(scene.get("r")!.minX).toBe(-2);
    expect(drawn(scene, { minX: -1.5, minY: 5, maxX: -1, maxY: 6 })).toEqual(["r"]);
  });

  it("refits a group when a child moves or goes", () => {
    const scene = loaded([{ id: "g", type: "group" }, rect("a", { parentId: "g" }), rect("b", { parentId: "g", x: 90, y: 90 })]);
    expect(scene.get("g")!.bounds.maxX).toBe(100);
    scene.apply([rect("b", { parentId: "g", x: 190, y: 90 })]);
    expect(scene.get("g")!.bounds.maxX).toBe(200);
    scene.apply([], ["b"]);
    expect(scene.get("g")!.bounds).toEqual({ minX: 0, minY: 0, maxX: 10, maxY: 10 });
  });

  it("multiplies opacity and inherits lock down the tree", () => {
    const scene = loaded([{ id: "g", type: "group", opacity: 0.5, locked: true }, rect("a", { parentId: "g", opacity: 0.5 })]);
    expect(scene.get("a")!.opacity).toBe(0.25);
    expect(scene.get("a")!.locked).toBe(true);
  });
});
