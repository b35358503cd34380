// Where an object is: x and y are its top-left in its parent's coordinates
// (the parent frame's or group's top-left is 0,0 there), rotation turns it
// about its own centre, and a parent's transform carries its children along,
// so that moving or rotating a frame is one op on the frame alone.
import { multiply, rotationAbout, type Matrix } from "./matrix";

export interface Placement {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  /** degrees, clockwise on screen, about the object's centre */
  rotation?: number;
}

export interface PlacedInTree extends Placement {
  parentId?: string | null;
}

/** Deeper than this, a chain of parents is taken to be broken (the server refuses deeper trees). */
export const MAX_DEPTH = 256;

/** The object's coordinates (0,0 at its top-left, unrotated) to its parent's. */
export function localMatrix(p: Placement): Matrix {
  const w = p.width ?? 0;
  const h = p.height ?? 0;
  const r = rotationAbout(p.rotation ?? 0, w / 2, h / 2);
  return { a: r.a, b: r.b, c: r.c, d: r.d, e: r.e + (p.x ?? 0), f: r.f + (p.y ?? 0) };
}

/** The object's coordinates to the page's, given its parent's world matrix. */
export function worldMatrix(parentWorld: Matrix, p: Placement): Matrix {
  return multiply(parentWorld, localMatrix(p));
}

/**
 * The object's coordinates to the page's, walking up its parents; null when
 * it or an ancestor is unknown or the chain loops (such an object is not drawn).
 */
export function worldMatrixOf(id: string, lookup: (id: string) => PlacedInTree | undefined): Matrix | null {
  const chain: PlacedInTree[] = [];
  let current: string | null | undefined = id;
  while (current !== null && current !== undefined) {
    if (chain.length > MAX_DEPTH) return null;
    const p = lookup(current);
    if (!p) return null;
    chain.push(p);
    current = p.parentId;
  }
  let m = localMatrix(chain[chain.length - 1]!);
  for (let i = chain.length - 2; i >= 0; i--) m = worldMatrix(m, chain[i]!);
  return m;
}
