// Where the selection's resize and rotate handles are on screen, so that the
// overlay draws them and the select tool finds the one under the pointer
// from the same numbers.
import { pageToScreen, type Camera } from "./camera";
import type { Matrix, Point } from "./matrix";

export type HandleKind = "nw" | "n" | "ne" | "e" | "se" | "s" | "sw" | "w" | "rotate";

/** The selection's box: 0..width by 0..height in its own coordinates, placed on the page by world. */
export interface SelectionFrame {
  world: Matrix;
  width: number;
  height: number;
}

export interface Handle extends Point {
  kind: HandleKind;
}

export const HANDLE_SIZE_PX = 8;
/** How far above the top edge the rotate handle sits. */
export const ROTATE_OFFSET_PX = 20;

// Corners first: where handles overlap on a small selection, a corner wins.
const PLACES: [HandleKind, number, number][] = [
  ["nw", 0, 0],
  ["ne", 1, 0],
  ["se", 1, 1],
  ["sw", 0, 1],
  ["n", 0.5, 0],
  ["e", 1, 0.5],
  ["s", 0.5, 1],
  ["w", 0, 0.5],
];

function screenOf(frame: SelectionFrame, camera: Camera, u: number, v: number): Point {
  const x = u * frame.width;
  const y = v * frame.height;
  const m = frame.world;
  return pageToScreen(camera, { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f });
}

/**
 * The handles in screen pixels. Side handles are left out when the selection
 * is too small on screen to tell them from the corners (Figma does the same).
 */
export function selectionHandles(frame: SelectionFrame, camera: Camera): Handle[] {
  const nw = screenOf(frame, camera, 0, 0);
  const ne = screenOf(frame, camera, 1, 0);
  const sw = screenOf(frame, camera, 0, 1);
  const wide = Math.hypot(ne.x - nw.x, ne.y - nw.y) >= 3 * HANDLE_SIZE_PX;
  const tall = Math.hypot(sw.x - nw.x, sw.y - nw.y) >= 3 * HANDLE_SIZE_PX;
  const handles: Handle[] = [];
  for (const [kind, u, v] of PLACES) {
    if ((kind === "n" || kind === "s") && !wide) continue;
    if ((kind === "e" || kind === "w") && !tall) continue;
    handles.push({ kind, ...screenOf(frame, camera, u, v) });
  }
  // "Up" is the frame's own up, so the rotate handle turns with a rotated object.
  const top = screenOf(frame, camera, 0.5, 0);
  const upX = frame.world.c;
  const upY = frame.world.d;
  const len = Math.hypot(upX, upY) || 1;
  handles.push({ kind: "rotate", x: top.x - (upX / len) * ROTATE_OFFSET_PX, y: top.y - (upY / len) * ROTATE_OFFSET_PX });
  return handles;
}

/** The handle within radius screen pixels of the point, the nearest one; null when none is. */
export function handleAt(frame: SelectionFrame, camera: Camera, screen: Point, radius = HANDLE_SIZE_PX): HandleKind | null {
  let best: HandleKind | null = null;
  let bestDistance = radius;
  for (const h of selectionHandles(frame, camera)) {
    const d = Math.hypot(h.x - screen.x, h.y - screen.y);
    if (d <= bestDistance && (best === null || d < bestDistance)) {
      best = h.kind;
      bestDistance = d;
    }
  }
  return best;
}
