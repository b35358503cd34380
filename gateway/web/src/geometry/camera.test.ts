import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_ZOOM, MIN_ZOOM, pageToScreen, panBy, screenToPage, visiblePageBox, zoomAt, zoomBy, zoomToFit } from "./camera";

const camera = fc.record({
  x: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  y: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  zoom: fc.double({ min: MIN_ZOOM, max: MAX_ZOOM, noNaN: true }),
});
const screen = fc.record({ x: fc.double({ min: 0, max: 4000, noNaN: true }), y: fc.double({ min: 0, max: 3000, noNaN: true }) });

describe("camera", () => {
  it("puts the camera's page point at the top-left corner", () => {
    expect(pageToScreen({ x: 100, y: 50, zoom: 2 }, { x: 100, y: 50 })).toEqual({ x: 0, y: 0 });
    expect(screenToPage({ x: 100, y: 50, zoom: 2 }, { x: 20, y: 10 })).toEqual({ x: 110, y: 55 });
    expect(visiblePageBox({ x: 100, y: 50, zoom: 2 }, { width: 800, height: 600 })).toEqual({
      minX: 100,
      minY: 50,
      maxX: 500,
      maxY: 350,
    });
  });

  it("keeps the page point under the pointer where it was, at any zoom", () => {
    fc.assert(
      fc.property(camera, screen, fc.double({ min: 1e-4, max: 1e5, noNaN: true }), (cam, at, zoom) => {
        const before = screenToPage(cam, at);
        const after = pageToScreen(zoomAt(cam, at, zoom), before);
        // Relative to the page coordinates' size: doubles carry about 15 digits.
        const tolerance = 1e-9 * (1 + Math.abs(before.x) + Math.abs(before.y)) * zoom;
        expect(Math.abs(after.x - at.x)).toBeLessThanOrEqual(Math.max(tolerance, 1e-6));
        expect(Math.abs(after.y - at.y)).toBeLessThanOrEqual(Math.max(tolerance, 1e-6));
      }),
    );
  });

  it("stops at 1% and 25,600%", () => {
    const cam = { x: 0, y: 0, zoom: 1 };
    expect(zoomBy(cam, { x: 0, y: 0 }, 1e-9).zoom).toBe(MIN_ZOOM);
    expect(zoomBy(cam, { x: 0, y: 0 }, 1e9).zoom).toBe(MAX_ZOOM);
    expect(MIN_ZOOM).toBe(0.01);
    expect(MAX_ZOOM).toBe(256);
    expect(zoomAt(cam, { x: 5, y: 5 }, Number.POSITIVE_INFINITY).zoom).toBe(MAX_ZOOM);
  });

  it("pans so that the page follows the pointer", () => {
    const cam = { x: 10, y: 10, zoom: 4 };
    const p = screenToPage(cam, { x: 100, y: 100 });
    expect(pageToScreen(panBy(cam, 40, -20), p)).toEqual({ x: 140, y: 80 });
  });

  it("fits a box centred with padding, limited by the tighter axis", () => {
    const cam = zoomToFit({ minX: 0, minY: 0, maxX: 1000, maxY: 100 }, { width: 1100, height: 600 }, 50);
    expect(cam.zoom).toBe(1);
    expect(pageToScreen(cam, { x: 500, y: 50 })).toEqual({ x: 550, y: 300 });
    expect(pageToScreen(cam, { x: 0, y: 0 }).x).toBe(50);
  });

  it("fits a single point at the largest zoom and a huge area at the smallest", () => {
    expect(zoomToFit({ minX: 5, minY: 5, maxX: 5, maxY: 5 }, { width: 800, height: 600 }).zoom).toBe(MAX_ZOOM);
    expect(zoomToFit({ minX: 0, minY: 0, maxX: 1e9, maxY: 1 }, { width: 800, height: 600 }).zoom).toBe(MIN_ZOOM);
  });
});
