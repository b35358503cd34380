// Axis-aligned boxes in page coordinates, as rbush stores them
// (minX..maxX, minY..maxY), and rectangles as the tools and camera speak them.
import type { Matrix } from "./matrix";

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const EVERYWHERE: Readonly<Box> = { minX: -Infinity, minY: -Infinity, maxX: Infinity, maxY: Infinity };

export function boxOfRect(r: Rect): Box {
  // A marquee dragged up or left has a negative size: it still means the same area.
  const x0 = Math.min(r.x, r.x + r.width);
  const y0 = Math.min(r.y, r.y + r.height);
  return { minX: x0, minY: y0, maxX: x0 + Math.abs(r.width), maxY: y0 + Math.abs(r.height) };
}

export function rectOfBox(b: Box): Rect {
  return { x: b.minX, y: b.minY, width: b.maxX - b.minX, height: b.maxY - b.minY };
}

/** Boxes that only touch along an edge intersect: a marquee ending on an edge selects. */
export function intersects(a: Box, b: Box): boolean {
  return a.minX <= b.maxX && b.minX <= a.maxX && a.minY <= b.maxY && b.minY <= a.maxY;
}

export function containsBox(outer: Box, inner: Box): boolean {
  return outer.minX <= inner.minX && outer.minY <= inner.minY && outer.maxX >= inner.maxX && outer.maxY >= inner.maxY;
}

export function containsPoint(b: Box, x: number, y: number): boolean {
  return x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY;
}

/** The common part, or null when there is none. */
export function intersection(a: Box, b: Box): Box | null {
  const box = {
    minX: Math.max(a.minX, b.minX),
    minY: Math.max(a.minY, b.minY),
    maxX: Math.min(a.maxX, b.maxX),
    maxY: Math.min(a.maxY, b.maxY),
  };
  return box.minX <= box.maxX && box.minY <= box.maxY ? box : null;
}

export function union(a: Box, b: Box): Box {
  return {
    minX: Math.min(a.minX, b.minX),
    minY: Math.min(a.minY, b.minY),
    maxX: Math.max(a.maxX, b.maxX),
    maxY: Math.max(a.maxY, b.maxY),
  };
}

/** The union of boxes, or null for none. */
export function unionAll(boxes: Iterable<Box>): Box | null {
  let out: Box | null = null;
  for (const b of boxes) out = out ? union(out, b) : { ...b };
  return out;
}

export function expand(b: Box, by: number): Box {
  return { minX: b.minX - by, minY: b.minY - by, maxX: b.maxX + by, maxY: b.maxY + by };
}

export function boxesEqual(a: Box, b: Box): boolean {
  return a.minX === b.minX && a.minY === b.minY && a.maxX === b.maxX && a.maxY === b.maxY;
}

/** The four corners of the local box (x0, y0)-(x1, y1) under m, clockwise from its top-left. */
export function transformedCorners(m: Matrix, x0: number, y0: number, x1: number, y1: number): [number, number][] {
  return [
    [m.a * x0 + m.c * y0 + m.e, m.b * x0 + m.d * y0 + m.f],
    [m.a * x1 + m.c * y0 + m.e, m.b * x1 + m.d * y0 + m.f],
    [m.a * x1 + m.c * y1 + m.e, m.b * x1 + m.d * y1 + m.f],
    [m.a * x0 + m.c * y1 + m.e, m.b * x0 + m.d * y1 + m.f],
  ];
}

/** The axis-aligned box around the local box (x0, y0)-(x1, y1) once m has moved and rotated it. */
export function transformedBox(m: Matrix, x0: number, y0: number, x1: number, y1: number): Box {
  // The extent along each axis is the centre's image plus half the box's spread along it.
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hw = (x1 - x0) / 2;
  const hh = (y1 - y0) / 2;
  const px = m.a * cx + m.c * cy + m.e;
  const py = m.b * cx + m.d * cy + m.f;
  const ex = Math.abs(m.a) * hw + Math.abs(m.c) * hh;
  const ey = Math.abs(m.b) * hw + Math.abs(m.d) * hh;
  return { minX: px - ex, minY: py - ey, maxX: px + ex, maxY: py + ey };
}
