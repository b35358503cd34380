import { describe, expect, it } from "vitest";
import { Renderer } from "./renderer";
import type { SceneObject } from "./scene-object";
import { fakeCanvasFactory, FakeCanvas } from "./testing/recording-context";

function setup(options: { tick?: number; loadImage?: (src: string) => Promise<CanvasImageSource> } = {}) {
  let queued: (() => void)[] = [];
  let t = 0;
  const staticCanvas = new FakeCanvas();
  const interactiveCanvas = new FakeCanvas();
  const factory = fakeCanvasFactory();
  const later: (() => void)[] = [];
  const renderer = new Renderer(staticCanvas, interactiveCanvas, {
    requestFrame: (cb) => queued.push(cb),
    later: (task) => later.push(task),
    // Each look at the clock moves it on by tick ms: a way to make tiles "slow" to paint.
    now: () => (t += options.tick ?? 0),
    createCanvas: factory,
    loadImage: options.loadImage ?? (() => new Promise(() => {})),
    tileSize: 256,
    frameBudgetMs: 10,
  });
  renderer.resize(800, 600, 1);
  const frame = () => {
    const run = queued;
    queued = [];
    run.forEach((cb) => cb());
    return renderer.stats().lastStatic;
  };
  const frames = () => queued.length;
  return { renderer, staticCanvas, interactiveCanvas, factory, frame, frames, later };
}

const grid = (n: number, step: number, size = 10): SceneObject[] =>
  Array.from({ length: n * n }, (_, k) => ({
    id: `r${k}`,
    type: "rectangle" as const,
    x: (k % n) * step,
    y: Math.floor(k / n) * step,
    width: size,
    height: size,
    fill: "#3366ff",
  }));

describe("renderer", () => {
  it("paints on the next frame and resolves whenRendered then", async () => {
    const { renderer, staticCanvas, frame } = setup();
    renderer.setScene(grid(10, 50));
    let done = false;
    const rendered = renderer.whenRendered().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    const stats = frame()!;
    await rendered;
    expect(done).toBe(true);
    // 800x600 in 256-pixel tiles: 4 by 3, all composed onto the static canvas.
    expect(stats.tilesPainted).toBe(12);
    expect(staticCanvas.ctx.named("drawImage")).toHaveLength(12);
    await renderer.whenRendered(); // nothing pending: resolves at once
  });

  it("draws only what is in the viewport (culling)", () => {
    const { renderer, factory, frame } = setup();
    // 50x50 objects every 100 page units over 10,000 units, each its own colour; the view's tiles cover 1024x768.
    const objects = grid(100, 100, 50).map((o, k) => ({ ...o, fill: `#${k.toString(16).padStart(6, "0")}` }));
    renderer.setScene(objects);
    frame();
    const drawn = new Set(factory.made.flatMap((c) => c.ctx.named("fill").map((f) => f.state.fillStyle)));
    // Columns at x = 0..1000 and rows at y = 0..700 reach into the tiles; an object across a tile edge is drawn in both.
    const expected = objects.filter((o) => o.x! <= 1024 && o.y! <= 768).map((o) => o.fill);
    expect(expected).toHaveLength(11 * 8);
    expect([...drawn].sort()).toEqual(expected.sort());
  });

  it("leaves the document alone when only the overlay changes", () => {
    const { renderer, staticCanvas, interactiveCanvas, frame } = setup();
    renderer.setScene(grid(3, 50));
    frame();
    staticCanvas.ctx.reset();
    interactiveCanvas.ctx.reset();
    renderer.setOverlay({ selection: ["r0"] });
    frame();
    expect(staticCanvas.ctx.calls).toHaveLength(0);
    expect(interactiveCanvas.ctx.named("stroke").length).toBeGreaterThan(0);
  });

  it("pans from cached tiles, painting only those that scroll in", () => {
    const { renderer, frame } = setup();
    renderer.setScene(grid(40, 100, 50));
    frame();
    renderer.setCamera({ x: 100, y: 0, zoom: 1 });
    expect(frame()!.tilesPainted).toBe(0); // device 100..899 is still tiles 0..3
    renderer.setCamera({ x: 300, y: 0, zoom: 1 });
    const stats = frame()!;
    expect(stats.tilesPainted).toBe(3); // the column of tiles at 1024..1279
    expect(stats.tilesShown).toBe(12);
  });

  it("repaints only the tiles a change touches, including where the object was", () => {
    const { renderer, factory, frame } = setup();
    const objects = grid(10, 60);
    renderer.setScene(objects);
    frame();
    const tile00 = factory.made.find((c) => c.ctx.named("fill").some((f) => f.state.transform[4] === 0 && f.state.transform[5] === 0))!;
    tile00.ctx.reset();
    renderer.applyChanges([{ ...objects[0]!, x: 5 }]);
    expect(frame()!.tilesPainted).toBe(1);
    // Only where the object was and is (0..15 by 0..10, a pixel more for antialiasing) is cleared and drawn again.
    expect(tile00.ctx.named("clearRect")[0]!.args).toEqual([0, 0, 16, 11]);
    expect(tile00.ctx.named("fill")).toHaveLength(1);
    renderer.applyChanges([{ ...objects[0]!, x: 300 }]);
    expect(frame()!.tilesPainted).toBe(2);
    renderer.applyChanges([], ["r1"]);
    expect(frame()!.tilesPainted).toBe(1);
  });

  it("builds a loaded scene's index after its first frame, not before", () => {
    const { renderer, frame, later } = setup();
    renderer.setScene(grid(10, 50));
    expect(later).toHaveLength(0);
    expect(frame()!.tilesPainted).toBe(12);
    expect(later).toHaveLength(1);
    later.shift()!();
    // Picking uses the index now: the object at (100, 100) is r22 (row 2, column 2).
    expect(renderer.hitTest({ x: 105, y: 105 })).toBe("r22");
  });

  it("paints a scene just loaded whole in its first frame, however slow", async () => {
    const { renderer, frame, frames } = setup({ tick: 4 });
    renderer.setScene(grid(20, 40));
    let done = false;
    void renderer.whenRendered().then(() => (done = true));
    const first = frame()!;
    expect(first.tilesPainted).toBe(12);
    expect(first.tilesMissing).toBe(0);
    expect(frames()).toBe(0);
    await Promise.resolve();
    expect(done).toBe(true);
  });

  it("spreads slow painting over frames and waits for all of it", async () => {
    const { renderer, frame, frames } = setup({ tick: 4 });
    renderer.setScene(grid(20, 40));
    frame();
    // Every tile again: the scene seen at another zoom.
    renderer.setCamera({ x: 0, y: 0, zoom: 1.5 });
    let done = false;
    void renderer.whenRendered().then(() => (done = true));
    const first = frame()!;
    expect(first.tilesPainted).toBeGreaterThan(0);
    expect(first.tilesPainted).toBeLessThan(12);
    expect(first.tilesMissing).toBe(12 - first.tilesPainted);
    expect(frames()).toBe(1); // it asked for another frame
    let painted = first.tilesPainted;
    for (let i = 0; i < 20 && frames(); i++) painted += frame()!.tilesPainted;
    expect(painted).toBe(12);
    await Promise.resolve();
    expect(done).toBe(true);
  });

  it("shows the previous frame, scaled to the new zoom, where tiles are not painted yet", () => {
    const { renderer, staticCanvas, factory, frame } = setup({ tick: 6 });
    renderer.setScene(grid(20, 40));
    for (let i = 0; i < 20; i++) frame();
    // Zoom 2 about the page point (100, 50) at the top-left.
    renderer.setCamera({ x: 100, y: 50, zoom: 2 });
    staticCanvas.ctx.reset();
    const stats = frame()!;
    expect(stats.tilesMissing).toBeGreaterThan(0);
    // The canvas was copied before clearing, then drawn back at twice its size, moved by the
    // new camera, under a clip to the missing tiles only.
    const snapshot = factory.made.find((c) => c.width === 800 && c.height === 600)!;
    expect(snapshot.ctx.named("drawImage")[0]!.args[0]).toBe(staticCanvas);
    const standIn = staticCanvas.ctx.named("drawImage").find((c) => c.args[0] === snapshot)!;
    expect(standIn.args.slice(1)).toEqual([-200, -100, 1600, 1200]);
    expect(standIn.state.clips).toBe(1);
  });

  it("sizes the canvases in device pixels and draws at the device pixel ratio", () => {
    const { renderer, staticCanvas, interactiveCanvas, factory, frame } = setup();
    renderer.resize(400, 300, 2);
    expect([staticCanvas.width, staticCanvas.height]).toEqual([800, 600]);
    expect([interactiveCanvas.width, interactiveCanvas.height]).toEqual([800, 600]);
    renderer.setScene([{ id: "r", type: "rectangle", x: 10, y: 10, width: 20, height: 20 }]);
    frame();
    const fills = factory.made.flatMap((c) => c.ctx.named("fill"));
    expect(fills).toHaveLength(1);
    expect(fills[0]!.state.transform.map((v) => v + 0)).toEqual([2, 0, 0, 2, 20, 20]); // + 0: -0 is 0 here
  });

  it("hit tests in screen pixels through the camera", () => {
    const { renderer } = setup();
    renderer.setScene([{ id: "r", type: "rectangle", x: 100, y: 100, width: 100, height: 100 }]);
    renderer.setCamera({ x: 50, y: 50, zoom: 2 });
    expect(renderer.hitTest({ x: 200, y: 200 })).toBe("r"); // page (150, 150)
    expect(renderer.hitTest({ x: 50, y: 50 })).toBeNull(); // page (75, 75)
    expect(renderer.hitTest({ x: 98, y: 110 }, { tolerancePx: 4 })).toBe("r"); // page 99: within 2 page units
    expect(renderer.objectsInRect({ x: 0, y: 0, width: 101, height: 101 })).toEqual(["r"]);
    expect(renderer.boundsOf("r")).toEqual({ minX: 100, minY: 100, maxX: 200, maxY: 200 });
  });

  it("repaints an image's tiles once it has loaded", async () => {
    let resolve: (i: CanvasImageSource) => void = () => {};
    const { renderer, factory, frame, frames } = setup({ loadImage: () => new Promise((r) => (resolve = r)) });
    renderer.setScene([{ id: "i", type: "image", x: 0, y: 0, width: 50, height: 50, src: "/a.png" }]);
    frame();
    expect(frames()).toBe(0);
    const image = { width: 1, height: 1 } as unknown as CanvasImageSource;
    resolve(image);
    await new Promise((r) => setTimeout(r, 0));
    expect(frames()).toBe(1);
    expect(frame()!.tilesPainted).toBe(1);
    expect(factory.made.flatMap((c) => c.ctx.named("drawImage")).some((c) => c.args[0] === image)).toBe(true);
  });

  it("clamps the camera's zoom to 1%..25,600%", () => {
    const { renderer } = setup();
    renderer.setCamera({ x: 0, y: 0, zoom: 1000 });
    expect(renderer.getCamera().zoom).toBe(256);
    renderer.setCamera({ x: 0, y: 0, zoom: 0 });
    expect(renderer.getCamera().zoom).toBe(0.01);
  });
});
