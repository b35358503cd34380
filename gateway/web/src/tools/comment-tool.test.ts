import { describe, expect, it } from "vitest";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { toolHarness } from "./testing/tool-harness";

useFakeTimers();

describe("the comment tool", () => {
  it("is C; a click on an object pins to it at the offset, elsewhere to the page point, and changes nothing", async () => {
    const h = await toolHarness();
    const a = h.rect(100, 100, 200, 100);
    h.settle();
    const before = h.editor.objects();
    expect(h.key("c")).toBe(true);
    expect(h.manager.active).toBe("comment");
    h.click(130, 150);
    h.click(500, 400);
    expect(h.comments).toEqual([
      { objectId: a, x: 30, y: 50 },
      { objectId: null, x: 500, y: 400 },
    ]);
    expect(h.editor.objects()).toEqual(before);
    expect(h.editor.selection.size).toBe(0);
  });

  it("works in page units whatever the camera, and for a viewer", async () => {
    const owner = await toolHarness();
    const a = owner.rect(0, 0, 100, 100);
    owner.settle();
    owner.gateway.access = "view";
    const v = await toolHarness({ gateway: owner.gateway });
    v.renderer.setCamera({ x: -50, y: -50, zoom: 2 });
    v.manager.setTool("comment");
    v.click(200, 200); // page (50, 50)
    expect(v.comments).toEqual([{ objectId: a, x: 50, y: 50 }]);
    expect(v.editor.pending()).toBe(0);
  });
});
