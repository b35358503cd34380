import { describe, expect, it } from "vitest";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { toolHarness } from "./testing/tool-harness";

useFakeTimers();

describe("keyboard commands", () => {
  it("nudges 1 page px with the arrows and 10 with shift, whatever the zoom", async () => {
    const h = await toolHarness();
    const a = h.rect(0, 0, 10, 10);
    h.renderer.setCamera({ x: 0, y: 0, zoom: 4 });
    h.editor.select([a]);
    h.key("ArrowRight");
    h.key("ArrowDown", { shift: true });
    expect([h.num(a, "x"), h.num(a, "y")]).toEqual([1, 10]);
  });

  it("duplicates with ctrl+D beside the original and selects the copy", async () => {
    const h = await toolHarness();
    const a = h.rect(0, 0, 10, 10);
    h.editor.select([a]);
    h.key("d", { mod: true });
    const [copy] = [...h.editor.selection];
    expect(copy).not.toBe(a);
    expect(h.editor.objects()).toHaveLength(2);
    expect([h.num(copy!, "x"), h.editor.value(copy!, "fill")]).toEqual([10, "#ff0000"]);
  });

  it("groups with ctrl+G keeping page positions, and ungroups with ctrl+shift+G", async () => {
    const h = await toolHarness();
    const a = h.rect(100, 100, 50, 50);
    const b = h.rect(200, 150, 50, 50);
    h.editor.select([a, b]);
    h.key("g", { mod: true });
    const [g] = [...h.editor.selection];
    expect(h.editor.value(g!, "type")).toBe("group");
    expect(h.editor.children(g!)).toEqual([a, b]);
    expect([h.num(g!, "x"), h.num(g!, "y"), h.num(g!, "width"), h.num(g!, "height")]).toEqual([100, 100, 150, 100]);
    expect(h.renderer.boundsOf(b)).toEqual({ minX: 200, minY: 150, maxX: 250, maxY: 200 });
    h.key("g", { mod: true, shift: true });
    expect(h.editor.get(g!) && h.editor.doc.isShown(g!)).toBe(false);
    expect(h.editor.children(null)).toEqual([a, b]);
    expect([h.num(b, "x"), h.num(b, "y")]).toEqual([200, 150]);
  });

  it("frames the selection with ctrl+alt+G", async () => {
    const h = await toolHarness();
    const a = h.rect(100, 100, 50, 50);
    h.editor.select([a]);
    h.key("g", { mod: true, alt: true });
    const [f] = [...h.editor.selection];
    expect(h.editor.value(f!, "type")).toBe("frame");
    expect([h.num(a, "x"), h.num(a, "y")]).toEqual([0, 0]);
  });

  it("moves forward and backward one step with ctrl+] and ctrl+[, to front and back with shift", async () => {
    const h = await toolHarness();
    const [a, b, c] = [h.rect(0, 0, 1, 1), h.rect(0, 0, 1, 1), h.rect(0, 0, 1, 1)];
    h.editor.select([a]);
    h.key("]", { mod: true }, "BracketRight");
    expect(h.editor.children(null)).toEqual([b, a, c]);
    h.key("}", { mod: true, shift: true }, "BracketRight");
    expect(h.editor.children(null)).toEqual([b, c, a]);
    h.key("[", { mod: true }, "BracketLeft");
    expect(h.editor.children(null)).toEqual([b, a, c]);
    h.key("{", { mod: true, shift: true }, "BracketLeft");
    expect(h.editor.children(null)).toEqual([a, b, c]);
  });

  it("selects all with ctrl+A, deletes with Delete, undoes and redoes with ctrl+Z and ctrl+shift+Z", async () => {
    const h = await toolHarness();
    h.rect(0, 0, 1, 1);
    h.rect(5, 5, 1, 1);
    h.key("a", { mod: true });
    expect(h.editor.selection.size).toBe(2);
    h.key("Delete");
    expect(h.editor.objects()).toEqual([]);
    h.key("z", { mod: true });
    expect(h.editor.objects()).toHaveLength(2);
    h.key("z", { mod: true, shift: true });
    expect(h.editor.objects()).toEqual([]);
  });

  it("switches tools with V R O T F H and deselects with Escape", async () => {
    const h = await toolHarness();
    const ids = ["r", "o", "t", "f", "h", "v"].map((k) => (h.key(k), h.manager.active));
    expect(ids).toEqual(["rectangle", "ellipse", "text", "frame", "hand", "select"]);
    h.editor.select([h.rect(0, 0, 1, 1)]);
    h.key("Escape");
    expect(h.editor.selection.size).toBe(0);
  });
});
