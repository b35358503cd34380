import { describe, expect, it } from "vitest";
import { GUIDE_COLOUR, InteractiveLayer, SELECTION_COLOUR } from "./interactive-layer";
import { Scene } from "./scene";
import { FakeCanvas } from "./testing/recording-context";

function layer(dpr = 1) {
  const canvas = new FakeCanvas();
  const l = new InteractiveLayer(canvas);
  l.resize(800, 600, dpr);
  const scene = new Scene();
  scene.load([
    { id: "r", type: "rectangle", x: 100, y: 100, width: 100, height: 50 },
    { id: "d", type: "rectangle", x: 400, y: 100, width: 100, height: 100, rotation: 45 },
    { id: "hidden", type: "rectangle", visible: false, width: 10, height: 10 },
  ]);
  return { ctx: canvas.ctx, l, scene };
}

const camera = { x: 0, y: 0, zoom: 1 };
const strokes = (ctx: FakeCanvas["ctx"], colour: string) => ctx.named("stroke").filter((c) => c.state.strokeStyle === colour);

describe("interactive layer", () => {
  it("outlines the selection and puts eight resize handles and a rotate handle on it", () => {
    const { ctx, l, scene } = layer();
    l.render(scene, camera, { selection: ["r"] });
    const outline = strokes(ctx, SELECTION_COLOUR)[0]!;
    expect(outline.path!.slice(0, 2)).toEqual([
      ["moveTo", 100, 100],
      ["lineTo", 200, 100],
    ]);
    const handles = ctx.named("fill").filter((c) => c.state.fillStyle === "#ffffff");
    expect(handles.filter((h) => h.path![0]![0] === "rect")).toHaveLength(8);
    expect(handles.filter((h) => h.path![0]![0] === "arc")).toHaveLength(1);
  });

  it("turns the outline with a rotated object", () => {
    const { ctx, l, scene } = layer();
    l.render(scene, camera, { selection: ["d"], handles: false });
    const [, x, y] = strokes(ctx, SELECTION_COLOUR)[0]!.path![0]!;
    // A quarter of a right angle clockwise turns the square's own top-left corner straight above its centre (450, 150).
    expect(x).toBeCloseTo(450, 6);
    expect(y).toBeCloseTo(150 - 50 * Math.SQRT2, 6);
    expect(ctx.named("fill")).toHaveLength(0); // no handles asked for
  });

  it("draws nothing for a hidden or unknown object", () => {
    const { ctx, l, scene } = layer();
    l.render(scene, camera, { selection: ["hidden", "gone"], hover: "gone" });
    expect(ctx.named("stroke")).toHaveLength(0);
  });

  it("outlines other people's selections in their colour", () => {
    const { ctx, l, scene } = layer();
    l.render(scene, camera, { remoteSelections: [{ id: "u2", colour: "#e91e63", objectIds: ["r"] }] });
    const outline = strokes(ctx, "#e91e63")[0]!;
    expect(outline.state.lineWidth).toBe(2);
    expect(outline.path![0]).toEqual(["moveTo", 100, 100]);
  });

  it("draws another person's cursor in their colour with their name, as text", () => {
    const { ctx, l, scene } = layer();
    l.render(scene, { x: 50, y: 0, zoom: 2 }, {
      remoteCursors: [{ id: "u2", name: "<b>Ann</b>", colour: "#1e3a8a", x: 100, y: 20 }],
    });
    const arrow = ctx.named("fill").find((c) => c.state.fillStyle === "#1e3a8a")!;
    expect(arrow.path![0]).toEqual(["moveTo", 100, 40]); // page (100, 20) at screen (100, 40)
    const label = ctx.named("fillText")[0]!;
    expect(label.args[0]).toBe("<b>Ann</b>");
    expect(label.state.fillStyle).toBe("#ffffff"); // white reads on dark blue
  });

  it("shortens a very long name", () => {
    const { ctx, l, scene } = layer();
    l.render(scene, camera, { remoteCursors: [{ id: "u", name: "x".repeat(100), colour: "#ffeb3b", x: 0, y: 0 }] });
    const text = ctx.named("fillText")[0]!;
    expect([...(text.args[0] as string)]).toHaveLength(32);
    expect(text.state.fillStyle).toBe("#000000");
  });

  it("draws the marquee and snapping guides in screen pixels", () => {
    const { ctx, l, scene } = layer();
    l.render(scene, { x: 0, y: 0, zoom: 2 }, {
      marquee: { x: 50, y: 50, width: -20, height: 10 },
      guides: [{ axis: "x", at: 100, from: 0, to: 50 }],
    });
    expect(ctx.named("fillRect")[0]!.args).toEqual([60, 100, 40, 20]);
    const guide = strokes(ctx, GUIDE_COLOUR)[0]!;
    expect(guide.path).toEqual([
      ["moveTo", 200, 0],
      ["lineTo", 200, 100],
    ]);
  });

  it("names the top-level frames above their top edge, cut to it, along it when turned, and only on screen", () => {
    const { ctx, l, scene } = layer();
    scene.load([
      { id: "f", type: "frame", name: "Home <script>", x: 100, y: 100, width: 300, height: 200 },
      { id: "narrow", type: "frame", name: "A very long frame name indeed", x: 500, y: 100, width: 60, height: 60 },
      { id: "turned", type: "frame", name: "Turned", x: 100, y: 400, width: 100, height: 100, rotation: 90 },
      { id: "tiny", type: "frame", name: "Tiny", x: 700, y: 100, width: 10, height: 10 },
      { id: "away", type: "frame", name: "Away", x: 5000, y: 100, width: 100, height: 100 },
    ]);
    const labels = ["f", "narrow", "turned", "tiny", "away"].map((id) => ({ id, name: String(scene.get(id)!.object.name) }));
    l.render(scene, camera, { frameLabels: labels, selection: ["f"] });
    const texts = ctx.named("fillText");
    expect(texts.map((t) => t.args[0])).toEqual(["Home <script>", "A very lo…", "Turned"]);
    expect(texts[0]!.state.fillStyle).toBe(SELECTION_COLOUR); // the selected frame's name is highlighted
    expect(texts[0]!.state.transform).toEqual([1, 0, -0, 1, 100, 100]);
    expect(texts[1]!.state.fillStyle).toBe("#7a7a7a");
    // Turned a quarter clockwise about its centre (150, 450): its own top-left corner is at (200, 400), its top edge runs down.
    const turned = (texts[2]!.state.transform as number[]).map((v) => Math.round(v) + 0);
    expect(turned).toEqual([0, 1, -1, 0, 200, 400]);
  });

  it("scales everything by the device pixel ratio once", () => {
    const { ctx, l, scene } = layer(2);
    l.render(scene, camera, { selection: ["r"] });
    expect(ctx.named("stroke")[0]!.state.transform).toEqual([2, 0, 0, 2, 0, 0]);
  });
});
