import { describe, expect, it } from "vitest";
import { detailOf, GREEK_TEXT_PX, PIXEL_MAX_PX, textBars } from "./level-of-detail";
import { Scene } from "./scene";
import type { SceneObject } from "./scene-object";
import { TextLayouts } from "./text-layout";

function node(o: Partial<SceneObject> & Pick<SceneObject, "type">) {
  const scene = new Scene();
  scene.load([{ id: "n", width: 100, height: 50, ...o }]);
  return scene.get("n")!;
}

describe("level of detail", () => {
  it("draws a rectangle in full until it is a few pixels across, then as pixels", () => {
    const r = node({ type: "rectangle" });
    expect(detailOf(r, 1)).toBe("full");
    expect(detailOf(r, PIXEL_MAX_PX / 100)).toBe("pixels");
    expect(detailOf(r, (PIXEL_MAX_PX + 1) / 100)).toBe("full");
    // Never skipped for being small: at 1% of a pixel it is still drawn, faintly, by the rasterizer.
    expect(detailOf(r, 0.0001)).toBe("pixels");
  });

  it("keeps a rotated object in full down to a smaller size, since its box would misstate it", () => {
    const r = node({ type: "rectangle", width: 50, height: 50, rotation: 30 });
    const size = (r.bounds.maxX - r.bounds.minX) as number;
    expect(detailOf(r, 6 / size)).toBe("full");
    expect(detailOf(r, 2 / size)).toBe("pixels");
    expect(detailOf(node({ type: "rectangle", width: 50, height: 50, rotation: 90 }), 6 / 50)).toBe("pixels");
  });

  it("greeks text whose font is too small to read", () => {
    const t = node({ type: "text", text: "hello", width: 1000, height: 200, fontSize: 20 });
    expect(detailOf(t, 1)).toBe("full");
    expect(detailOf(t, (GREEK_TEXT_PX - 0.5) / 20)).toBe("bars");
  });

  it("draws nothing for what paints nothing of its own", () => {
    expect(detailOf(node({ type: "group" }), 1)).toBe("none");
    expect(detailOf(node({ type: "rectangle", fill: "none" }), 1)).toBe("none");
    expect(detailOf(node({ type: "rectangle", fill: "none", stroke: "#000" }), 1)).toBe("full");
    expect(detailOf(node({ type: "text", text: "" }), 1)).toBe("none");
    expect(detailOf(node({ type: "image" }), 1)).toBe("full");
  });

  it("puts a bar per line, from the layout once measured, aligned as the text is", () => {
    const layouts = new TextLayouts((t) => t.length * 10);
    const o: SceneObject = { id: "t", type: "text", text: "aaa bbb ccc", width: 75, height: 100, fontSize: 20, lineHeight: 1, textAlign: "right" };
    // Not measured yet: guessed at half the font size a character, 11 chars = 110, wrapped at 75.
    expect(textBars(o, layouts).map((b) => b.width)).toEqual([75, 35]);
    layouts.layout(o);
    const bars = textBars(o, layouts);
    expect(bars.map((b) => [b.x, b.width])).toEqual([
      [5, 70],
      [45, 30],
    ]);
    expect(bars[1]!.y).toBeGreaterThan(20);
  });

  it("leaves out bars of lines below the box", () => {
    const layouts = new TextLayouts((t) => t.length * 10);
    const o: SceneObject = { id: "t", type: "text", text: "a\nb\nc", width: 75, height: 40, fontSize: 20, lineHeight: 1 };
    expect(textBars(o, layouts)).toHaveLength(2);
  });
});
