import { describe, expect, it } from "vitest";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { toolHarness } from "./testing/tool-harness";

useFakeTimers();

describe("rectangle, ellipse and frame tools", () => {
  it("draws a rectangle by dragging, selects it, goes back to select, and the server has it", async () => {
    const h = await toolHarness();
    h.key("r");
    expect(h.manager.active).toBe("rectangle");
    h.drag([[100, 100], [150, 130], [220, 180]]);
    const [o] = h.editor.objects();
    expect(o).toMatchObject({ type: "rectangle", x: 100, y: 100, width: 120, height: 80 });
    expect([...h.editor.selection]).toEqual([o!.id]);
    expect(h.manager.active).toBe("select");
    expect(h.tools.current).toEqual(["rectangle", "select"]);
    h.settle();
    expect(h.gateway.server.document()).toEqual(h.editor.objects());
  });

  it("draws a square with shift and an ellipse with O; one undo removes the whole drag", async () => {
    const h = await toolHarness();
    h.key("o");
    h.drag([[100, 100], [160, 120], [200, 130]], { shift: true });
    const [o] = h.editor.objects();
    expect(o).toMatchObject({ type: "ellipse", width: 100, height: 100 });
    h.editor.undo();
    expect(h.editor.objects()).toEqual([]);
  });

  it("draws inside a frame as the frame's child, keeping its page position", async () => {
    const h = await toolHarness();
    const [frame] = h.editor.createObjects([{ type: "frame", x: 50, y: 50, width: 400, height: 400 }]);
    h.key("r");
    h.drag([[100, 100], [150, 150]]);
    const child = h.editor.children(frame!)[0]!;
    expect(h.editor.get(child)).toBeDefined();
    expect([h.num(child, "x"), h.num(child, "y")]).toEqual([50, 50]);
  });
});
