// Convex polygons as flat lists of [x, y] vertices in order (either winding):
// the separating-axis test and distances between them, for marquee selection
// of rotated objects.
export type Vertex = readonly [number, number];

/** Do two convex polygons overlap (touching counts)? No separating axis among their edge normals. */
export function convexOverlap(p: readonly Vertex[], q: readonly Vertex[]): boolean {
  return !hasSeparatingAxis(p, q) && !hasSeparatingAxis(q, p);
}

function hasSeparatingAxis(p: readonly Vertex[], q: readonly Vertex[]): boolean {
  for (let i = 0; i < p.length; i++) {
    const [x0, y0] = p[i]!;
    const [x1, y1] = p[(i + 1) % p.length]!;
    const nx = y0 - y1;
    const ny = x1 - x0;
    if (nx === 0 && ny === 0) continue;
    const [pMin, pMax] = project(p, nx, ny);
    const [qMin, qMax] = project(q, nx, ny);
    if (pMax < qMin || qMax < pMin) return true;
  }
  return false;
}

function project(p: readonly Vertex[], nx: number, ny: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const [x, y] of p) {
    const d = x * nx + y * ny;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  return [min, max];
}

export function distanceToSegment(px: number, py: number, a: Vertex, b: Vertex): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - a[0]) * dx + (py - a[1]) * dy) / len2));
  return Math.hypot(px - (a[0] + t * dx), py - (a[1] + t * dy));
}

/** 0 when they overlap; otherwise the shortest distance between their boundaries. */
export function convexDistance(p: readonly Vertex[], q: readonly Vertex[]): number {
  if (convexOverlap(p, q)) return 0;
  let best = Infinity;
  for (const [from, to] of [
    [p, q],
    [q, p],
  ] as const) {
    for (const [x, y] of from) {
      for (let i = 0; i < to.length; i++) {
        best = Math.min(best, distanceToSegment(x, y, to[i]!, to[(i + 1) % to.length]!));
      }
    }
  }
  return best;
}

/** The shortest distance from a point to a convex polygon: 0 inside it. */
export function pointToConvexDistance(px: number, py: number, p: readonly Vertex[]): number {
  return convexDistance([[px, py]], p);
}
