// Snapping while moving or resizing: the moving box's edges and centre are
// pulled to other objects' edges and centres when within a few screen pixels,
// and the guide lines that explain the snap are returned for the overlay.
import type { Box } from "./box";

/** A guide in page coordinates: axis "x" is a vertical line at x = at from y = from to y = to. */
export interface Guide {
  axis: "x" | "y";
  at: number;
  from: number;
  to: number;
}

export interface SnapResult {
  /** what to add to the moving position, in page units (0 on an axis that did not snap) */
  dx: number;
  dy: number;
  guides: Guide[];
}

/** How close counts as on a line after snapping: floating-point noise, not distance. */
const ON_LINE = 1e-6;

function xsOf(b: Box): number[] {
  return [b.minX, (b.minX + b.maxX) / 2, b.maxX];
}

function ysOf(b: Box): number[] {
  return [b.minY, (b.minY + b.maxY) / 2, b.maxY];
}

/** The smallest correction that puts one of moving on one of targets, if within threshold. */
function nearest(moving: readonly number[], targets: readonly number[][], threshold: number): number | null {
  let best: number | null = null;
  for (const values of targets) {
    for (const t of values) {
      for (const m of moving) {
        const d = t - m;
        if (Math.abs(d) <= threshold && (best === null || Math.abs(d) < Math.abs(best))) best = d;
      }
    }
  }
  return best;
}

/**
 * The guides along one axis once snapped: one line per value where the moving
 * thing and at least one other meet, spanning all of them across the other axis.
 */
function guidesAlong(
  axis: "x" | "y",
  moving: readonly number[],
  movingSpan: [number, number],
  others: readonly Box[],
): Guide[] {
  const lines = new Map<number, Guide>();
  for (const other of others) {
    const values = axis === "x" ? xsOf(other) : ysOf(other);
    const span: [number, number] = axis === "x" ? [other.minY, other.maxY] : [other.minX, other.maxX];
    for (const m of moving) {
      if (!values.some((v) => Math.abs(v - m) <= ON_LINE)) continue;
      const line = lines.get(m) ?? { axis, at: m, from: movingSpan[0], to: movingSpan[1] };
      line.from = Math.min(line.from, span[0]);
      line.to = Math.max(line.to, span[1]);
      lines.set(m, line);
    }
  }
  return [...lines.values()];
}

/**
 * Snaps a moving box to others (edges and centres, both axes independently).
 * The threshold is in screen pixels, so snapping feels the same at any zoom.
 */
export function snapMove(moving: Box, others: readonly Box[], thresholdPx: number, zoom: number): SnapResult {
  const threshold = thresholdPx / zoom;
  const dx = nearest(xsOf(moving), others.map(xsOf), threshold) ?? 0;
  const dy = nearest(ysOf(moving), others.map(ysOf), threshold) ?? 0;
  const moved: Box = { minX: moving.minX + dx, minY: moving.minY + dy, maxX: moving.maxX + dx, maxY: moving.maxY + dy };
  // Guides show every alignment after the move, also one that needed no correction.
  const guides = [
    ...guidesAlong("x", xsOf(moved), [moved.minY, moved.maxY], others),
    ...guidesAlong("y", ysOf(moved), [moved.minX, moved.maxX], others),
  ];
  return { dx, dy, guides };
}

/** Snaps one point (a corner being dragged while resizing or drawing) to others' edges and centres. */
export function snapPoint(x: number, y: number, others: readonly Box[], thresholdPx: number, zoom: number): SnapResult {
  const threshold = thresholdPx / zoom;
  const dx = nearest([x], others.map(xsOf), threshold) ?? 0;
  const dy = nearest([y], others.map(ysOf), threshold) ?? 0;
  return {
    dx,
    dy,
    guides: [
      ...guidesAlong("x", [x + dx], [y + dy, y + dy], others),
      ...guidesAlong("y", [y + dy], [x + dx, x + dx], others),
    ],
  };
}

