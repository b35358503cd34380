// Which objects a marquee takes: the exact shape against the page box, so a
// rotated rectangle whose bounding box the marquee crosses, but not the
// rectangle itself, is left out (as in Figma).
import { containsBox, transformedBox, transformedCorners, type Box } from "./box";
import { clampedRadius, type Shape } from "./hit-test";
import { invert, multiply, scaling, translation, type Matrix } from "./matrix";
import { convexDistance, pointToConvexDistance, type Vertex } from "./polygon";

/** The tight page box of a shape under world: an ellipse's is smaller than its rectangle's once rotated. */
export function shapeBox(world: Matrix, shape: Shape): Box {
  const { width: w, height: h } = shape;
  if (shape.outline === "ellipse") {
    // The image of a circle under a linear map L has half-extents |row of L|.
    const rx = w / 2;
    const ry = h / 2;
    const cx = world.a * rx + world.c * ry + world.e;
    const cy = world.b * rx + world.d * ry + world.f;
    const ex = Math.hypot(world.a * rx, world.c * ry);
    const ey = Math.hypot(world.b * rx, world.d * ry);
    return { minX: cx - ex, minY: cy - ey, maxX: cx + ex, maxY: cy + ey };
  }
  return transformedBox(world, 0, 0, w, h);
}

function boxCorners(b: Box, m: Matrix): Vertex[] {
  return transformedCorners(m, b.minX, b.minY, b.maxX, b.maxY);
}

/** Does the page box touch the shape (its area, not just its bounding box)? */
export function shapeIntersectsBox(world: Matrix, shape: Shape, box: Box): boolean {
  const { width: w, height: h } = shape;
  if (shape.outline === "ellipse") {
    // In the ellipse's unit-circle space the box is a parallelogram and the ellipse is the unit disc.
    const toUnit = invert(multiply(world, multiply(translation(w / 2, h / 2), scaling(w / 2, h / 2))));
    if (!toUnit) return false;
    return pointToConvexDistance(0, 0, boxCorners(box, toUnit)) <= 1;
  }
  const toLocal = invert(world);
  if (!toLocal) return false;
  const quad = boxCorners(box, toLocal);
  // A rounded rectangle is its inner rectangle grown by r: world matrices are rigid, so distances hold.
  const r = clampedRadius(w, h, shape.cornerRadius ?? 0);
  const inner: Vertex[] = [
    [r, r],
    [w - r, r],
    [w - r, h - r],
    [r, h - r],
  ];
  return convexDistance(quad, inner) <= r;
}

/** Is the whole shape inside the page box? */
export function shapeInsideBox(world: Matrix, shape: Shape, box: Box): boolean {
  return containsBox(box, shapeBox(world, shape));
}
