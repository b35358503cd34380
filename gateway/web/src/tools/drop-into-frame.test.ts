import { describe, expect, it } from "vitest";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { toolHarness } from "./testing/tool-harness";

useFakeTimers();

describe("dropping into and out of frames", () => {
  it("makes an object dropped over a frame its child at the same page position, in one undo step", async () => {
    const h = await toolHarness();
    const [f] = h.editor.createObjects([{ type: "frame", x: 300, y: 100, width: 300, height: 300, fill: "#ffffff" }]);
    const a = h.rect(0, 0, 50, 50);
    h.drag([[25, 25], [200, 100], [385, 225]], { mod: true }); // ctrl: no snapping, exact page numbers
    expect(h.editor.value(a, "parentId")).toBe(f);
    expect([h.num(a, "x"), h.num(a, "y")]).toEqual([60, 100]);
    expect(h.renderer.boundsOf(a)).toEqual({ minX: 360, minY: 200, maxX: 410, maxY: 250 });
    h.editor.undo();
    expect(h.editor.value(a, "parentId")).toBeNull();
    expect([h.num(a, "x"), h.num(a, "y")]).toEqual([0, 0]);
  });

  it("keeps the page position of an object dropped into a rotated frame", async () => {
    const h = await toolHarness();
    const [f] = h.editor.createObjects([{ type: "frame", x: 300, y: 100, width: 300, height: 300, rotation: 90 }]);
    const a = h.rect(0, 0, 50, 50);
    h.drag([[25, 25], [450, 250]], { mod: true });
    expect(h.editor.value(a, "parentId")).toBe(f);
    const b = h.renderer.boundsOf(a)!;
    expect([b.minX, b.minY, b.maxX, b.maxY].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([425, 225, 475, 275]);
  });

  it("makes a text clicked inside a frame the frame's child, where it was clicked", async () => {
    const h = await toolHarness();
    const [f] = h.editor.createObjects([{ type: "frame", x: 300, y: 100, width: 300, height: 300 }]);
    h.manager.setTool("text");
    h.click(350, 180);
    const [t] = [...h.editor.selection];
    expect(h.editor.value(t!, "type")).toBe("text");
    expect(h.editor.value(t!, "parentId")).toBe(f);
    expect([h.num(t!, "x"), h.num(t!, "y")]).toEqual([50, 80]);
    h.manager.setTool("text");
    h.click(100, 500); // outside: on the page
    const [u] = [...h.editor.selection];
    expect(h.editor.value(u!, "parentId")).toBeNull();
    expect(h.editing).toEqual([t, u]);
  });

  it("takes an object dragged out of its frame back to the page", async () => {
    const h = await toolHarness();
    const [f] = h.editor.createObjects([{ type: "frame", x: 300, y: 100, width: 300, height: 300 }]);
    const [a] = h.editor.createObjects([{ type: "rectangle", parentId: f!, x: 10, y: 10, width: 50, height: 50 }]);
    h.drag([[335, 135], [100, 500]], { mod: true });
    expect(h.editor.value(a!, "parentId")).toBeNull();
    expect([h.num(a!, "x"), h.num(a!, "y")]).toEqual([75, 475]);
  });
});
