// The camera: the page point at the canvas's top-left corner and a zoom
// (1 = one page unit per CSS pixel), as the test hook's setCamera(x, y, zoom).
import type { Box } from "./box";
import type { Point } from "./matrix";

export interface Camera {
  x: number;
  y: number;
  zoom: number;
}

/** The canvas's size in CSS pixels. */
export interface ViewportSize {
  width: number;
  height: number;
}

export const MIN_ZOOM = 0.01; // 1%
export const MAX_ZOOM = 256; // 25,600%

export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return zoom > 0 ? MAX_ZOOM : MIN_ZOOM;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

export function screenToPage(camera: Camera, p: Point): Point {
  return { x: camera.x + p.x / camera.zoom, y: camera.y + p.y / camera.zoom };
}

export function pageToScreen(camera: Camera, p: Point): Point {
  return { x: (p.x - camera.x) * camera.zoom, y: (p.y - camera.y) * camera.zoom };
}

/** The page area the canvas shows. */
export function visiblePageBox(camera: Camera, size: ViewportSize): Box {
  return {
    minX: camera.x,
    minY: camera.y,
    maxX: camera.x + size.width / camera.zoom,
    maxY: camera.y + size.height / camera.zoom,
  };
}

/** Moves the view by a drag or a wheel of (dx, dy) screen pixels: the page follows the pointer. */
export function panBy(camera: Camera, dx: number, dy: number): Camera {
  return { x: camera.x - dx / camera.zoom, y: camera.y - dy / camera.zoom, zoom: camera.zoom };
}

/** Zooms to zoom (clamped) keeping the page point under the screen point where it is. */
export function zoomAt(camera: Camera, screen: Point, zoom: number): Camera {
  const z = clampZoom(zoom);
  const anchor = screenToPage(camera, screen);
  return { x: anchor.x - screen.x / z, y: anchor.y - screen.y / z, zoom: z };
}

/** zoomAt by a factor (a wheel step, a pinch's ratio). */
export function zoomBy(camera: Camera, screen: Point, factor: number): Camera {
  return zoomAt(camera, screen, camera.zoom * factor);
}

/**
 * The camera that shows the whole box centred with padding screen pixels on
 * each side (shift+1), at the largest zoom the limits allow.
 */
export function zoomToFit(box: Box, size: ViewportSize, padding = 40): Camera {
  const w = Math.max(box.maxX - box.minX, 0);
  const h = Math.max(box.maxY - box.minY, 0);
  const availW = Math.max(size.width - 2 * padding, 1);
  const availH = Math.max(size.height - 2 * padding, 1);
  // An empty box (one point) has no size to fit: show it at the largest zoom.
  const zoom = clampZoom(Math.min(w > 0 ? availW / w : Infinity, h > 0 ? availH / h : Infinity));
  const cx = (box.minX + box.maxX) / 2;
  const cy = (box.minY + box.maxY) / 2;
  return { x: cx - size.width / 2 / zoom, y: cy - size.height / 2 / zoom, zoom };
}

/** The camera centred on the same page point at another zoom (shift+0 for 100%). */
export function zoomAtCentre(camera: Camera, size: ViewportSize, zoom: number): Camera {
  return zoomAt(camera, { x: size.width / 2, y: size.height / 2 }, zoom);
}
