import { describe, expect, it } from "vitest";
import { dropTarget, dropZone, movingInOrder } from "./layer-drop";
import { layerRows, type LayerSource } from "./layer-tree";

// A page (back to front): r1, frame F holding [a, b], r2.
function source(): LayerSource {
  const kids: Record<string, string[]> = { page: ["r1", "F", "r2"], F: ["a", "b"] };
  const types: Record<string, string> = { r1: "rectangle", F: "frame", r2: "ellipse", a: "rectangle", b: "text" };
  return {
    children: (p) => kids[p ?? "page"] ?? [],
    value: (id, prop) => (prop === "type" ? types[id] : prop === "name" && id === "F" ? "Card" : undefined),
  };
}

describe("layerRows", () => {
  it("lists top first, children under their open container", () => {
    const rows = layerRows(source(), new Set());
    expect(rows.map((r) => `${r.depth}:${r.id}`)).toEqual(["0:r2", "0:F", "1:b", "1:a", "0:r1"]);
    expect(rows.map((r) => r.name)).toEqual(["Ellipse", "Card", "Text", "Rectangle", "Rectangle"]);
  });

  it("hides the children of a collapsed container", () => {
    expect(layerRows(source(), new Set(["F"])).map((r) => r.id)).toEqual(["r2", "F", "r1"]);
  });
});

describe("dropTarget", () => {
  const rows = layerRows(source(), new Set());
  const at = (id: string) => rows.findIndex((r) => r.id === id);

  it("below a row goes just behind it", () => {
    expect(dropTarget(rows, at("r1"), "below", new Set(["r2"]))).toEqual({ parentId: null, before: "r1" });
  });

  it("above a row goes behind the sibling listed before it, or on top", () => {
    expect(dropTarget(rows, at("r1"), "above", new Set(["r2"]))).toEqual({ parentId: null, before: "F" });
    expect(dropTarget(rows, at("r2"), "above", new Set(["r1"]))).toEqual({ parentId: null, before: undefined });
    expect(dropTarget(rows, at("a"), "above", new Set(["r1"]))).toEqual({ parentId: "F", before: "b" });
  });

  it("skips the dragged rows when finding the sibling", () => {
    expect(dropTarget(rows, at("F"), "above", new Set(["r2"]))).toEqual({ parentId: null, before: undefined });
  });

  it("inside a container, or below an open one, goes on top of its children", () => {
    expect(dropTarget(rows, at("F"), "inside", new Set(["r1"]))).toEqual({ parentId: "F", before: undefined });
    expect(dropTarget(rows, at("F"), "below", new Set(["r1"]))).toEqual({ parentId: "F", before: undefined });
  });

  it("refuses a drop onto itself or into its own subtree", () => {
    expect(dropTarget(rows, at("F"), "inside", new Set(["F"]))).toBeNull();
    expect(dropTarget(rows, at("a"), "below", new Set(["F"]))).toBeNull();
  });

  it("zones: a container has a middle for inside, a leaf only halves", () => {
    expect(dropZone({ container: true }, 0.5)).toBe("inside");
    expect(dropZone({ container: true }, 0.1)).toBe("above");
    expect(dropZone({ container: false }, 0.6)).toBe("below");
  });

  it("keeps the dragged ids back to front", () => {
    expect(movingInOrder(rows, new Set(["r1", "r2"]))).toEqual(["r1", "r2"]);
  });
});
