import { describe, expect, it } from "vitest";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { toolHarness } from "./testing/tool-harness";

useFakeTimers();

async function selected() {
  const h = await toolHarness();
  const a = h.rect(100, 100, 100, 100);
  h.editor.select([a]);
  const box = () => [h.num(a, "x"), h.num(a, "y"), h.num(a, "width"), h.num(a, "height")];
  return { h, a, box };
}

describe("resizing and rotating with the handles", () => {
  it("drags the bottom-right corner to resize", async () => {
    const { h, box } = await selected();
    h.drag([[200, 200], [230, 260], [250, 300]]);
    expect(box()).toEqual([100, 100, 150, 200]);
  });

  it("keeps the aspect with shift", async () => {
    const { h, box } = await selected();
    h.drag([[200, 200], [250, 300]], { shift: true });
    expect(box()).toEqual([100, 100, 200, 200]);
  });

  it("resizes from the centre with alt", async () => {
    const { h, box } = await selected();
    h.drag([[200, 200], [250, 300]], { alt: true });
    expect(box()).toEqual([50, 0, 200, 300]);
  });

  it("resizes from the left edge, leaving the right edge where it was", async () => {
    const { h, box } = await selected();
    h.drag([[100, 150], [60, 150]]);
    expect(box()).toEqual([60, 100, 140, 100]);
  });

  it("rotates about the centre with the rotate handle, as one undo step", async () => {
    const { h, a, box } = await selected();
    // The rotate handle is 20 px above the top edge's middle; a quarter turn clockwise about (150, 150).
    h.drag([[150, 80], [220, 100], [250, 150]]);
    expect(h.num(a, "rotation")).toBeCloseTo(90);
    expect(box()).toEqual([100, 100, 100, 100]);
    h.editor.undo();
    expect(h.editor.value(a, "rotation")).toBeNull();
  });
});
