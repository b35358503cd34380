// What is under the pointer and what a marquee takes, from the spatial index:
// candidates by box, then the exact shape (rotation, rounded corners,
// ellipses) and the frames that clip them, topmost first.
import type { Box } from "../geometry/box";
import { containsPagePoint } from "../geometry/hit-test";
import { shapeInsideBox, shapeIntersectsBox } from "../geometry/marquee";
import type { Scene } from "./scene";
import { shapeOf, strokeOverhang, type SceneNode } from "./scene-node";

/** Is the point inside every frame that clips the node? A child cut off by its frame is not there. */
function insideClips(node: SceneNode, x: number, y: number): boolean {
  for (let f = node.clipFrame; f; f = f.clipFrame) {
    if (!containsPagePoint(f.world, shapeOf(f.object), x, y)) return false;
  }
  return true;
}

/**
 * The topmost shown, unlocked object at the page point (x, y), or null.
 * Locked objects let the click through to what is below them, as in Figma;
 * groups are never hit themselves (their children are).
 */
export function hitTest(scene: Scene, x: number, y: number, tolerance = 0): SceneNode | null {
  const candidates = scene.search({ minX: x - tolerance, minY: y - tolerance, maxX: x + tolerance, maxY: y + tolerance });
  scene.sortForDrawing(candidates);
  for (let i = candidates.length - 1; i >= 0; i--) {
    const node = candidates[i]!;
    if (node.locked || !node.shown) continue;
    const reach = tolerance + strokeOverhang(node.object);
    if (containsPagePoint(node.world, shapeOf(node.object), x, y, reach) && insideClips(node, x, y)) return node;
  }
  return null;
}

export interface RectQuery {
  /** "intersect": touching is enough (Figma's marquee); "contain": wholly inside */
  mode?: "intersect" | "contain";
  /** locked objects are left out unless asked for */
  includeLocked?: boolean;
}

/** The shown objects the page box takes, bottom first. Groups are not listed (their children are). */
export function objectsInBox(scene: Scene, box: Box, query: RectQuery = {}): SceneNode[] {
  const test = query.mode === "contain" ? shapeInsideBox : shapeIntersectsBox;
  const found = scene
    .search(box)
    .filter((n) => n.shown && (query.includeLocked || !n.locked) && test(n.world, shapeOf(n.object), box));
  return scene.sortForDrawing(found);
}
