// Outlines of objects on the page, for selection, hover and other people's
// selections: an object's own rotated box, a group's box round its children,
// and for several objects the box round them all (as Figma's selection).
import { transformedCorners, unionAll } from "../geometry/box";
import type { SelectionFrame } from "../geometry/handles";
import { multiply, translation } from "../geometry/matrix";
import type { Scene } from "./scene";
import type { SceneNode } from "./scene-node";

/** The object's box in its own coordinates placed on the page; null for an empty group. */
export function frameOf(node: SceneNode): SelectionFrame | null {
  if (node.object.type === "group") {
    const b = node.localBox;
    if (!b) return null;
    return { world: multiply(node.world, translation(b.minX, b.minY)), width: b.maxX - b.minX, height: b.maxY - b.minY };
  }
  return { world: node.world, width: node.object.width ?? 0, height: node.object.height ?? 0 };
}

/** The four page corners of a frame, clockwise from its own top-left. */
export function frameCorners(f: SelectionFrame): [number, number][] {
  return transformedCorners(f.world, 0, 0, f.width, f.height);
}

/** The four page corners of the object's outline; null for an empty group. */
export function cornersOf(node: SceneNode): [number, number][] | null {
  const f = frameOf(node);
  return f ? frameCorners(f) : null;
}

/**
 * The frame handles go on: one object's own (rotated with it), several
 * objects' page box round them all; null when none of them is shown.
 */
export function selectionFrame(scene: Scene, ids: readonly string[]): SelectionFrame | null {
  const nodes = ids.map((id) => scene.get(id)).filter((n): n is SceneNode => n !== undefined && n.shown);
  if (nodes.length === 1) return frameOf(nodes[0]!);
  const box = unionAll(nodes.filter((n) => n.object.type !== "group" || n.localBox).map((n) => n.bounds));
  if (!box) return null;
  return { world: translation(box.minX, box.minY), width: box.maxX - box.minX, height: box.maxY - box.minY };
}
