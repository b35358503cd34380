// The camera a follower takes from what a leader's presence says of its view.
// Presence carries the leader's camera ({x, y, zoom}: the page point at its
// canvas's top-left corner) and, from clients that send it, the canvas's size
// in CSS pixels. With the size, the follower shows the leader's whole visible
// area, centred and fitted to its own window (so a smaller window zooms out
// to keep all of it, a larger one zooms in, never more than needed). Without
// it (a gateway that relays only {x, y, zoom}) the follower takes the
// leader's camera as it is: the same top-left corner at the same zoom.
import { clampZoom, type Camera, type ViewportSize } from "../geometry/camera";
import type { Viewport } from "../sync/messages";

/** What this view tells the others: its camera and its size, so that a follower can fit it. */
export function viewportOf(camera: Camera, size: ViewportSize): Viewport {
  return { x: camera.x, y: camera.y, zoom: camera.zoom, width: size.width, height: size.height };
}

const isSize = (n: number | undefined): n is number => n !== undefined && Number.isFinite(n) && n > 0;

/** The camera that shows, in a canvas of size `mine`, what the leader sees. */
export function followCamera(leader: Viewport, mine: ViewportSize): Camera {
  if (!isSize(leader.width) || !isSize(leader.height) || !isSize(mine.width) || !isSize(mine.height)) {
    return { x: leader.x, y: leader.y, zoom: leader.zoom };
  }
  const zoom = clampZoom(leader.zoom * Math.min(mine.width / leader.width, mine.height / leader.height));
  // Centred: half of what one side sees more than the other, on each side (exactly 0 for the same window).
  return {
    x: leader.x + (leader.width / leader.zoom - mine.width / zoom) / 2,
    y: leader.y + (leader.height / leader.zoom - mine.height / zoom) / 2,
    zoom,
  };
}
