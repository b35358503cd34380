import { describe, expect, it } from "vitest";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { toolHarness } from "../tools/testing/tool-harness";
import { makeTestHook } from "./test-hook";

useFakeTimers();

describe("test hook", () => {
  it("creates shapes in one batch that the server gets, and sets and reads the camera", async () => {
    const h = await toolHarness();
    const hook = makeTestHook(h.editor, h.renderer);
    hook.createShapes([
      { id: "r1", type: "rect", x: 1, y: 2, w: 3, h: 4, fill: "#ff0000", stroke: "#000000" },
      { id: "t1", type: "text", x: 0, y: 0, w: 100, h: 20, fill: "#000000", stroke: "none", text: "hi" },
    ]);
    expect(hook.objects().find((o) => o.id === "r1")).toMatchObject({ type: "rectangle", x: 1, y: 2, width: 3, height: 4, fill: "#ff0000" });
    expect(hook.objects().find((o) => o.id === "t1")).toMatchObject({ type: "text", text: "hi" });
    expect(hook.pending()).toBe(2);
    h.editor.undo();
    expect(hook.objects()).toEqual([]); // one batch: one undo step
    h.editor.redo();
    h.settle();
    expect(hook.pending()).toBe(0);
    expect(h.gateway.server.document().map((o) => o.id).sort()).toEqual(["r1", "t1"]);
    hook.setCamera(100, 50, 2);
    expect(hook.getCamera()).toEqual({ x: 100, y: 50, zoom: 2 });
  });
});
