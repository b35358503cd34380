// 2D affine matrices in the order Canvas2D's setTransform takes them:
// | a c e |
// | b d f |   a point (x, y) maps to (a x + c y + e, b x + d y + f).
// Plain objects, never mutated once made, so a node may share its parent's.

export interface Matrix {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
  readonly e: number;
  readonly f: number;
}

export interface Point {
  x: number;
  y: number;
}

export const IDENTITY: Matrix = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

/** m then n applied to a point is multiply(n, m): the left one is applied last, as in m1 · m2. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  return {
    a: m.a * n.a + m.c * n.b,
    b: m.b * n.a + m.d * n.b,
    c: m.a * n.c + m.c * n.d,
    d: m.b * n.c + m.d * n.d,
    e: m.a * n.e + m.c * n.f + m.e,
    f: m.b * n.e + m.d * n.f + m.f,
  };
}

export function translation(x: number, y: number): Matrix {
  return { a: 1, b: 0, c: 0, d: 1, e: x, f: y };
}

export function scaling(sx: number, sy: number = sx): Matrix {
  return { a: sx, b: 0, c: 0, d: sy, e: 0, f: 0 };
}

/** A rotation by degrees (clockwise on screen, where y grows downwards) about (cx, cy). */
export function rotationAbout(degrees: number, cx: number, cy: number): Matrix {
  const { cos, sin } = cosSin(degrees);
  // translate(c) · rotate · translate(-c), multiplied out.
  return { a: cos, b: sin, c: -sin, d: cos, e: cx - cos * cx + sin * cy, f: cy - sin * cx - cos * cy };
}

/** cos and sin of degrees, exact at multiples of 90 so that unrotated-looking objects stay axis-aligned. */
export function cosSin(degrees: number): { cos: number; sin: number } {
  const turn = ((degrees % 360) + 360) % 360;
  if (turn === 0) return { cos: 1, sin: 0 };
  if (turn === 90) return { cos: 0, sin: 1 };
  if (turn === 180) return { cos: -1, sin: 0 };
  if (turn === 270) return { cos: 0, sin: -1 };
  const r = (turn * Math.PI) / 180;
  return { cos: Math.cos(r), sin: Math.sin(r) };
}

/** The inverse, or null when m squashes the plane (a zero-width object's matrix does not). */
export function invert(m: Matrix): Matrix | null {
  const det = m.a * m.d - m.b * m.c;
  if (det === 0 || !Number.isFinite(det)) return null;
  return {
    a: m.d / det,
    b: -m.b / det,
    c: -m.c / det,
    d: m.a / det,
    e: (m.c * m.f - m.d * m.e) / det,
    f: (m.b * m.e - m.a * m.f) / det,
  };
}

export function applyToPoint(m: Matrix, x: number, y: number): Point {
  return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
}

/** True when m keeps axis-aligned rectangles axis-aligned (no rotation other than by quarter turns). */
export function isAxisAligned(m: Matrix): boolean {
  return (m.b === 0 && m.c === 0) || (m.a === 0 && m.d === 0);
}

/** How much m stretches lengths, the larger of its two axes (for stroke widths and level of detail). */
export function maxScale(m: Matrix): number {
  return Math.max(Math.hypot(m.a, m.b), Math.hypot(m.c, m.d));
}
