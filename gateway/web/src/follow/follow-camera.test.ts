import { describe, expect, it } from "vitest";
import { visiblePageBox } from "../geometry/camera";
import { followCamera, viewportOf } from "./follow-camera";

describe("followCamera", () => {
  it("takes the leader's camera as it is in a window of the same size", () => {
    const leader = viewportOf({ x: 100, y: 50, zoom: 2 }, { width: 800, height: 600 });
    expect(followCamera(leader, { width: 800, height: 600 })).toEqual({ x: 100, y: 50, zoom: 2 });
  });

  it("fits the leader's whole visible area into a smaller window, centred on the same point", () => {
    // The leader sees page 100..500 x 50..350 (400 x 300 units).
    const leader = viewportOf({ x: 100, y: 50, zoom: 2 }, { width: 800, height: 600 });
    const mine = { width: 400, height: 400 };
    const camera = followCamera(leader, mine);
    expect(camera.zoom).toBe(1); // 400 px for 400 units across; the height has room to spare
    const seen = visiblePageBox(camera, mine);
    expect((seen.minX + seen.maxX) / 2).toBe(300);
    expect((seen.minY + seen.maxY) / 2).toBe(200);
    expect(seen.minX).toBeLessThanOrEqual(100);
    expect(seen.maxX).toBeGreaterThanOrEqual(500);
    expect(seen.minY).toBeLessThanOrEqual(50);
    expect(seen.maxY).toBeGreaterThanOrEqual(350);
  });

  it("zooms in for a larger window, no more than keeps all of the leader's area in view", () => {
    const leader = viewportOf({ x: 0, y: 0, zoom: 1 }, { width: 800, height: 600 });
    const camera = followCamera(leader, { width: 1600, height: 1600 });
    expect(camera.zoom).toBe(2);
    expect(visiblePageBox(camera, { width: 1600, height: 1600 })).toEqual({ minX: 0, minY: -100, maxX: 800, maxY: 700 });
  });

  it("without the leader's size (a gateway that relays only x, y, zoom) keeps their top-left corner and zoom", () => {
    expect(followCamera({ x: -30, y: 40, zoom: 0.5 }, { width: 300, height: 200 })).toEqual({ x: -30, y: 40, zoom: 0.5 });
    expect(followCamera({ x: -30, y: 40, zoom: 0.5, width: 0, height: 600 }, { width: 300, height: 200 })).toEqual({ x: -30, y: 40, zoom: 0.5 });
  });
});
