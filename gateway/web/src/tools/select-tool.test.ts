import { describe, expect, it } from "vitest";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { toolHarness } from "./testing/tool-harness";

useFakeTimers();

describe("select tool", () => {
  it("clicks select the topmost object, shift-click adds, a click on nothing clears", async () => {
    const h = await toolHarness();
    const a = h.rect(0, 0, 100, 100);
    const b = h.rect(200, 0, 100, 100);
    h.click(50, 50);
    expect([...h.editor.selection]).toEqual([a]);
    h.click(250, 50, { shift: true });
    expect([...h.editor.selection].sort()).toEqual([a, b].sort());
    h.click(500, 500);
    expect([...h.editor.selection]).toEqual([]);
  });

  it("moves by dragging, as one undo step of few ops", async () => {
    const h = await toolHarness();
    const a = h.rect(0, 0, 100, 100);
    h.settle();
    const moves: [number, number][] = Array.from({ length: 30 }, (_, i) => [50 + i * 10, 50 + i * 3]);
    h.drag(moves);
    expect([h.num(a, "x"), h.num(a, "y")]).toEqual([290, 87]);
    expect(h.manager.path).toBe("select.idle");
    h.settle();
    expect(h.gateway.server.log.filter((op) => op.operationType === "update").length).toBeLessThan(6);
    h.editor.undo();
    expect([h.num(a, "x"), h.num(a, "y")]).toEqual([0, 0]);
    expect(h.editor.objects()).toHaveLength(1); // the create is a separate step
  });

  it("snaps a moved object's edge to another's and shows a guide", async () => {
    const h = await toolHarness();
    h.rect(200, 0, 100, 100);
    const a = h.rect(0, 200, 100, 100);
    const guides: unknown[] = [];
    const setGesture = h.adapter.setGesture.bind(h.adapter);
    h.adapter.setGesture = (g) => {
      if (g.guides?.length) guides.push(...g.guides);
      setGesture(g);
    };
    // Dragged right by 97, its right edge would be at 197: 3 px from the other's left edge at 200, inside the 6 px threshold.
    h.manager.pointerDown(h.p(50, 250));
    h.manager.pointerMove(h.p(100, 250));
    h.manager.pointerMove(h.p(147, 250));
    expect(h.num(a, "x")).toBe(100);
    expect(guides.length).toBeGreaterThan(0);
    h.manager.pointerUp(h.p(147, 250));
  });

  it("moves by exactly the pointer's distance when ctrl turns snapping off", async () => {
    const h = await toolHarness();
    h.rect(200, 0, 100, 100);
    const a = h.rect(0, 200, 100, 100);
    h.drag([[50, 250], [100, 250], [147, 250]], { mod: true });
    expect(h.num(a, "x")).toBe(97);
  });

  it("marquee selects the objects it touches, not those outside", async () => {
    const h = await toolHarness();
    const a = h.rect(100, 100, 50, 50);
    const b = h.rect(200, 100, 50, 50);
    h.rect(500, 500, 50, 50);
    h.drag([[90, 90], [150, 120], [210, 160]]);
    expect([...h.editor.selection].sort()).toEqual([a, b].sort());
    expect(h.manager.path).toBe("select.idle");
  });

  it("selects a group by clicking inside it, enters it on double-click, and picks inside it from then on", async () => {
    const h = await toolHarness();
    const a = h.rect(0, 0, 100, 100);
    const b = h.rect(200, 0, 100, 100);
    const outside = h.rect(0, 300, 100, 100);
    const [g] = h.editor.createObjects([{ type: "group" }]);
    h.editor.moveTo([a, b], g!);
    const dblclick = (x: number, y: number) => {
      h.click(x, y);
      h.click(x, y);
      h.manager.doubleClick(h.p(x, y));
    };
    h.click(50, 50);
    expect([...h.editor.selection]).toEqual([g]);
    dblclick(50, 50);
    expect([...h.editor.selection]).toEqual([a]);
    h.click(250, 50); // a sibling inside the entered group
    expect([...h.editor.selection]).toEqual([b]);
    h.click(50, 350);
    expect([...h.editor.selection]).toEqual([outside]);
    h.click(250, 50); // left the group: a click selects it whole again
    expect([...h.editor.selection]).toEqual([g]);
    h.click(50, 300, { mod: true });
    h.click(250, 50, { mod: true }); // ctrl/cmd picks the object itself
    expect([...h.editor.selection]).toEqual([b]);
  });

  it("cannot select a locked object on the canvas, nor a hidden one", async () => {
    const h = await toolHarness();
    h.rect(0, 0, 100, 100, { locked: true });
    h.rect(200, 0, 100, 100, { visible: false });
    h.click(50, 50);
    h.click(250, 50, { shift: true });
    expect([...h.editor.selection]).toEqual([]);
  });
});
