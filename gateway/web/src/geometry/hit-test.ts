// Is a point inside an object? The point is taken into the object's own
// coordinates by its inverse world matrix, where the shape is unrotated and
// at 0,0: so rotation, nesting and zoom are all handled by that one step.
import { invert, type Matrix } from "./matrix";

export type Outline = "rect" | "ellipse";

export interface Shape {
  width: number;
  height: number;
  outline: Outline;
  cornerRadius?: number;
}

/** The radius a rectangle is drawn with: no more than half its shorter side (as Canvas2D's roundRect). */
export function clampedRadius(width: number, height: number, radius: number): number {
  return Math.max(0, Math.min(radius, Math.min(width, height) / 2));
}

/** Inside the shape grown by tolerance (in the shape's own units) on every side. */
export function containsLocalPoint(shape: Shape, x: number, y: number, tolerance = 0): boolean {
  const { width: w, height: h } = shape;
  if (shape.outline === "ellipse") {
    const rx = w / 2 + tolerance;
    const ry = h / 2 + tolerance;
    if (rx <= 0 || ry <= 0) return false;
    const dx = (x - w / 2) / rx;
    const dy = (y - h / 2) / ry;
    return dx * dx + dy * dy <= 1;
  }
  if (x < -tolerance || y < -tolerance || x > w + tolerance || y > h + tolerance) return false;
  const r = clampedRadius(w, h, shape.cornerRadius ?? 0);
  if (r === 0) return true;
  // Only the corner squares can miss: there the point must be within r of the corner circle's centre.
  const cx = x < r ? r : x > w - r ? w - r : x;
  const cy = y < r ? r : y > h - r ? h - r : y;
  const dx = x - cx;
  const dy = y - cy;
  return dx * dx + dy * dy <= (r + tolerance) * (r + tolerance);
}

/**
 * The page point (px, py) against a shape placed by its world matrix;
 * tolerance is in page units, taken into the shape's units by the scale.
 */
export function containsPagePoint(world: Matrix, shape: Shape, px: number, py: number, tolerance = 0): boolean {
  const inv = invert(world);
  if (!inv) return false;
  const x = inv.a * px + inv.c * py + inv.e;
  const y = inv.b * px + inv.d * py + inv.f;
  const scale = Math.hypot(world.a, world.b) || 1;
  return containsLocalPoint(shape, x, y, tolerance / scale);
}
