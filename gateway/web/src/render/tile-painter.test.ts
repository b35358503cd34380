import { describe, expect, it } from "vitest";
import { ImageCache } from "./image-cache";
import { Scene } from "./scene";
import type { SceneObject } from "./scene-object";
import { deviceOf, fakeCanvasFactory, RecordingContext } from "./testing/recording-context";
import { TextLayouts } from "./text-layout";
import { TilePainter } from "./tile-painter";

function painter(objects: SceneObject[], loadImage = () => new Promise<CanvasImageSource>(() => {})) {
  const scene = new Scene();
  scene.load(objects);
  const factory = fakeCanvasFactory();
  const ctx = new RecordingContext();
  const layouts = new TextLayouts((t) => t.length * 5);
  const images = new ImageCache(loadImage, () => {});
  return { scene, factory, ctx, p: new TilePainter(scene, layouts, images, factory), images };
}

const tile = { i: 0, j: 0, scale: 1, size: 256 };
const filled = (ctx: RecordingContext) => ctx.named("fill").map((c) => c.state.fillStyle);

describe("tile painter", () => {
  it("draws only the objects in the tile (culling), bottom first", () => {
    const { ctx, p } = painter([
      { id: "a", type: "rectangle", x: 10, y: 10, width: 20, height: 20, fill: "#111111", index: "a1" },
      { id: "b", type: "rectangle", x: 20, y: 20, width: 20, height: 20, fill: "#222222", index: "a0" },
      { id: "far", type: "rectangle", x: 1000, y: 10, width: 100, height: 100, fill: "#333333" },
    ]);
    const counts = p.paint(ctx, tile);
    expect(filled(ctx)).toEqual(["#222222", "#111111"]);
    expect(counts.full).toBe(2);
    // The next tile to the right at this scale holds nothing; at a quarter scale it holds "far".
    ctx.reset();
    p.paint(ctx, { ...tile, i: 1 });
    expect(filled(ctx)).toEqual([]);
    p.paint(ctx, { i: 0, j: 0, scale: 0.25, size: 256 });
    expect(filled(ctx)).toContain("#333333");
  });

  it("places an object through its world matrix, the tile's offset and the scale", () => {
    const { ctx, p } = painter([{ id: "r", type: "rectangle", x: 300, y: 10, width: 20, height: 20, rotation: 90 }]);
    p.paint(ctx, { i: 2, j: 0, scale: 2, size: 256 });
    const fill = ctx.named("fill")[0]!;
    // The centre (310, 20) is at device (620 - 512, 40) in tile (2, 0).
    const [x, y] = deviceOf(fill.state, 10, 10);
    expect(x).toBeCloseTo(108, 9);
    expect(y).toBeCloseTo(40, 9);
    // A quarter turn at scale 2.
    expect(fill.state.transform.slice(0, 4).map((v) => Math.round(v))).toEqual([0, 2, -2, 0]);
  });

  it("clips a frame's children to the frame, and undoes the clip after them", () => {
    const { ctx, p } = painter([
      { id: "f", type: "frame", x: 10, y: 10, width: 100, height: 100, fill: "#ffffff", cornerRadius: 8, index: "a0" },
      { id: "c", type: "rectangle", parentId: "f", x: 50, y: 50, width: 100, height: 100, fill: "#ff0000" },
      { id: "after", type: "rectangle", x: 200, y: 10, width: 10, height: 10, fill: "#00ff00", index: "a1" },
    ]);
    p.paint(ctx, tile);
    const clip = ctx.named("clip")[0]!;
    expect(clip.path).toEqual([["roundRect", 0, 0, 100, 100, 8]]);
    expect(deviceOf(clip.state, 0, 0)).toEqual([10, 10]);
    const byColour = Object.fromEntries(ctx.named("fill").map((c) => [c.state.fillStyle, c.state.clips]));
    expect(byColour).toEqual({ "#ffffff": 0, "#ff0000": 1, "#00ff00": 0 });
  });

  it("sends tiny objects through the rasterizer, in one putImageData", () => {
    const objects: SceneObject[] = [];
    for (let i = 0; i < 50; i++) objects.push({ id: `r${i}`, type: "rectangle", x: i * 20, y: 0, width: 10, height: 10, fill: "#0000ff" });
    const { ctx, p } = painter(objects);
    const counts = p.paint(ctx, { ...tile, scale: 0.1 });
    expect(counts).toEqual({ full: 0, pixels: 50, bars: 0 });
    expect(ctx.named("fill")).toHaveLength(0);
    const puts = ctx.named("putImageData");
    expect(puts).toHaveLength(1);
    // The first object covers device pixel (0, 0) fully: opaque blue.
    expect([...puts[0]!.pixels!.slice(0, 4)]).toEqual([0, 0, 255, 255]);
  });

  it("keeps stacking order between drawn and rasterized objects", () => {
    const tiny = (k: number, index: string): SceneObject => ({ id: `t${k}`, type: "rectangle", x: k * 20, y: 0, width: 10, height: 10, index });
    const { ctx, factory, p } = painter([
      tiny(0, "a0"),
      { id: "big", type: "rectangle", x: 0, y: 0, width: 2000, height: 2000, fill: "#ff0000", index: "a1" },
      ...Array.from({ length: 8 }, (_, k) => tiny(k + 1, `a2${k}`)),
    ]);
    p.paint(ctx, { ...tile, scale: 0.1 });
    // Below "big": put straight into the empty tile; the run above it: composed over it through a
    // scratch canvas just large enough for the run (16 px for 8 objects 2 px apart: 15 px).
    expect(ctx.calls.filter((c) => ["putImageData", "fill", "drawImage"].includes(c.op)).map((c) => c.op)).toEqual([
      "putImageData",
      "fill",
      "drawImage",
    ]);
    const scratch = ctx.named("drawImage")[0]!.args[0] as { width: number };
    expect(scratch).toBe(factory.made[0]);
    expect(scratch.width).toBe(16);
  });

  it("draws a short run of tiny objects over drawn ones instead of composing it", () => {
    const { ctx, p } = painter([
      { id: "big", type: "rectangle", width: 2000, height: 2000, fill: "#ff0000", index: "a0" },
      { id: "tiny", type: "ellipse", width: 10, height: 10, fill: "#00ff00", index: "a1" },
    ]);
    const counts = p.paint(ctx, { ...tile, scale: 0.1 });
    expect(counts.pixels).toBe(1);
    expect(ctx.named("fill").map((c) => c.state.fillStyle)).toEqual(["#ff0000", "#00ff00"]);
    expect(ctx.named("drawImage")).toHaveLength(0);
  });

  it("greeks small text into bars and draws readable text as wrapped lines", () => {
    const text: SceneObject = { id: "t", type: "text", text: "hello world", width: 40, height: 100, fontSize: 10, fill: "#000000" };
    const { ctx, p } = painter([text]);
    p.paint(ctx, tile);
    expect(ctx.named("fillText").map((c) => c.args[0])).toEqual(["hello", "world"]);
    ctx.reset();
    const counts = p.paint(ctx, { ...tile, scale: 0.3 });
    expect(counts.bars).toBe(1);
    expect(ctx.named("fillText")).toHaveLength(0);
    // One bar per line, filled at once in the text's colour, lighter.
    const bars = ctx.named("fill")[0]!;
    expect(bars.path!.map((c) => c[0])).toEqual(["rect", "rect"]);
    expect([bars.state.fillStyle, bars.state.globalAlpha]).toEqual(["#000000", 0.5]);
  });

  it("shows an image's placeholder until it loads, then the image", async () => {
    const image = { width: 1, height: 1 } as unknown as CanvasImageSource;
    const { ctx, p } = painter([{ id: "i", type: "image", width: 50, height: 50, src: "/img/1" }], () => Promise.resolve(image));
    p.paint(ctx, tile);
    expect(ctx.named("drawImage")).toHaveLength(0);
    expect(ctx.named("fillRect")).toHaveLength(1);
    await Promise.resolve();
    ctx.reset();
    p.paint(ctx, tile);
    expect(ctx.named("drawImage")[0]!.args).toEqual([image, 0, 0, 50, 50]);
  });

  it("repaints only an area when asked: cleared, clipped and with only what is in it", () => {
    const { ctx, p } = painter([
      { id: "a", type: "rectangle", x: 10, y: 10, width: 20, height: 20, fill: "#111111" },
      { id: "b", type: "rectangle", x: 100, y: 100, width: 20, height: 20, fill: "#222222" },
    ]);
    p.paint(ctx, { ...tile, area: { minX: 90, minY: 90, maxX: 130, maxY: 130 } });
    expect(ctx.named("clearRect")[0]!.args).toEqual([90, 90, 40, 40]);
    expect(ctx.named("clip")[0]!.path).toEqual([["rect", 90, 90, 40, 40]]);
    expect(ctx.named("fill").map((c) => [c.state.fillStyle, c.state.clips])).toEqual([["#222222", 1]]);
  });

  it("multiplies opacity down the tree into the drawing alpha", () => {
    const { ctx, p } = painter([
      { id: "g", type: "group", opacity: 0.5 },
      { id: "r", type: "rectangle", parentId: "g", width: 50, height: 50, opacity: 0.5 },
    ]);
    p.paint(ctx, tile);
    expect(ctx.named("fill")[0]!.state.globalAlpha).toBe(0.25);
  });
});
