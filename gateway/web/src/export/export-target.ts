// What an export draws: the selected objects (a frame among them brings its
// children, clipped to it), or the whole file; the objects in drawing order
// and the page area they cover. Both the SVG and the PNG are made from this,
// so the two always show the same objects over the same area.
import { unionAll, type Box } from "../geometry/box";
import { Scene } from "../render/scene";
import { paintBox, type SceneNode } from "../render/scene-node";
import type { SceneObject } from "../render/scene-object";

export interface ExportTarget {
  /** shown objects, bottom first; containers too (a frame paints its own fill) */
  nodes: SceneNode[];
  /**
   * The page area exported: the union of what the objects paint (strokes
   * included, cut by their frames, as on the canvas), rounded out to whole
   * page pixels so that a 1x PNG maps one page pixel to one pixel.
   */
  bounds: Box;
}

/** A scene of the objects, for an export made apart from the renderer (which keeps its own). */
export function sceneOf(objects: Iterable<SceneObject>): Scene {
  const scene = new Scene();
  scene.load(objects);
  return scene;
}

/**
 * The target for rootIds (the selection), or for the whole file when there
 * are none; null when nothing of it would show (all hidden, empty groups).
 */
export function exportTarget(scene: Scene, rootIds: Iterable<string> = []): ExportTarget | null {
  const ids = [...rootIds];
  const whole = ids.length === 0;
  const picked = new Set<SceneNode>();
  const walk = (node: SceneNode) => {
    if (!node.shown || picked.has(node)) return;
    picked.add(node);
    for (const child of scene.children(node)) walk(child);
  };
  if (whole) {
    // Everything shown: every node's own shown flag already says whether its ancestors are.
    for (const node of scene.all()) if (node.shown) picked.add(node);
  } else {
    for (const id of ids) {
      const root = scene.get(id);
      if (root) walk(root);
    }
  }
  const nodes = scene.sortForDrawing([...picked]);
  const boxes = nodes.map(paintBox).filter((b): b is Box => b !== null && b.maxX > b.minX && b.maxY > b.minY);
  const area = unionAll(boxes);
  if (!area) return null;
  // 1e-6: a box at 10.0000000001 from floating point is still at 10.
  const bounds = {
    minX: Math.floor(area.minX + 1e-6),
    minY: Math.floor(area.minY + 1e-6),
    maxX: Math.ceil(area.maxX - 1e-6),
    maxY: Math.ceil(area.maxY - 1e-6),
  };
  return { nodes, bounds };
}
