import { describe, expect, it } from "vitest";
import type { SceneObject } from "../render/scene-object";
import { deviceOf, RecordingContext } from "../render/testing/recording-context";
import { TextLayouts } from "../render/text-layout";
import { exportTarget, sceneOf, type ExportTarget } from "./export-target";
import { paintExport, pngSize, pngTooLarge } from "./png-export";

const DOC: SceneObject[] = [
  { id: "f", type: "frame", x: 10, y: 20, width: 100, height: 80, fill: "#ffffff", index: "a0" },
  { id: "c", type: "rectangle", parentId: "f", x: 50, y: 40, width: 100, height: 100, fill: "#ff0000", rotation: 90, index: "a0" },
  { id: "t", type: "text", parentId: "f", x: 5, y: 5, width: 200, height: 20, text: "hi", index: "a1" },
  { id: "i", type: "image", x: 200, y: 20, width: 40, height: 30, src: "/img/a", index: "a1" },
  { id: "hidden", type: "rectangle", x: 0, y: 0, width: 500, height: 500, visible: false, index: "a2" },
];

function paint(target: ExportTarget, scale: number, images = new Map<string, CanvasImageSource>()) {
  const ctx = new RecordingContext();
  paintExport({ ctx, layouts: new TextLayouts((t) => t.length * 8), images: { get: (src) => images.get(src) ?? null } }, target, scale);
  return ctx;
}

describe("PNG export", () => {
  const scene = sceneOf(DOC);

  it("is the target's page area times the scale, and refuses what a browser cannot hold", () => {
    const frame = exportTarget(scene, ["f"])!;
    expect([1, 2, 3].map((s) => pngSize(frame, s))).toEqual([
      { width: 100, height: 80 },
      { width: 200, height: 160 },
      { width: 300, height: 240 },
    ]);
    expect(pngTooLarge(frame, 3)).toBeNull();
    const huge = exportTarget(sceneOf([{ id: "r", type: "rectangle", width: 10_000, height: 10_000 }]))!;
    expect(pngTooLarge(huge, 1)).toBeNull();
    expect(pngTooLarge(huge, 2)).toMatch(/20000 × 20000 px is too large/);
  });

  it("paints a frame at 2x: cleared, the frame, its children clipped to it, at the scale from its corner", () => {
    const ctx = paint(exportTarget(scene, ["f"])!, 2);
    expect(ctx.calls[0]).toMatchObject({ op: "clearRect", args: [0, 0, 200, 160] });
    const fills = ctx.named("fill");
    expect(fills.map((c) => c.state.fillStyle)).toEqual(["#ffffff", "#ff0000"]);
    // The frame's corner (10, 20) is the PNG's (0, 0); the child turned a quarter, at twice the size.
    expect(fills[0]!.state.transform.map((v) => v + 0)).toEqual([2, 0, 0, 2, 0, 0]); // + 0: -0 is 0
    expect(fills[1]!.state.transform.slice(0, 4).map(Math.round)).toEqual([0, 2, -2, 0]);
    const [x, y] = deviceOf(fills[1]!.state, 50, 50); // the child's centre: page (110, 110)
    expect([x, y].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([200, 180]);
    expect(fills[0]!.state.clips).toBe(0);
    expect(fills[1]!.state.clips).toBe(1);
    const text = ctx.named("fillText");
    expect(text.map((c) => c.args[0])).toEqual(["hi"]);
    expect(text[0]!.state.clips).toBe(1);
    // The clip is undone at the end, and nothing outside the frame (the image) is drawn.
    expect(ctx.named("save")).toHaveLength(1);
    expect(ctx.named("restore")).toHaveLength(1);
    expect(ctx.named("drawImage")).toHaveLength(0);
  });

  it("paints the whole file at 1x with the images it was given, and the placeholder for one it was not", () => {
    const image = { width: 40, height: 30 } as unknown as CanvasImageSource;
    const whole = exportTarget(scene)!;
    expect(whole.bounds).toEqual({ minX: 10, minY: 20, maxX: 240, maxY: 100 });
    const ctx = paint(whole, 1, new Map([["/img/a", image]]));
    const drawn = ctx.named("drawImage");
    expect(drawn).toHaveLength(1);
    expect(drawn[0]!.args).toEqual([image, 0, 0, 40, 30]);
    expect(deviceOf(drawn[0]!.state, 0, 0)).toEqual([190, 0]);
    // Without it: the grey box of the canvas's placeholder.
    const placeholder = paint(whole, 1);
    expect(placeholder.named("drawImage")).toHaveLength(0);
    expect(placeholder.named("fillRect").map((c) => c.state.fillStyle)).toEqual(["#e8e8e8"]);
  });
});
