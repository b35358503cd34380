import { describe, expect, it } from "vitest";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { toolHarness } from "../tools/testing/tool-harness";
import { makeTestHook, watchRemotePaints, type HookView } from "./test-hook";

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

  it("times a remote change from its WebSocket message to the frame that painted it, and not a local edit", async () => {
    const h = await toolHarness();
    let paint: () => void = () => {};
    const view: HookView = {
      getCamera: () => ({ x: 0, y: 0, zoom: 1 }),
      setCamera: () => {},
      whenRendered: () => new Promise<void>((resolve) => (paint = resolve)),
    };
    let clock = 0;
    const paints = watchRemotePaints(h.editor, view, () => clock);
    const hook = makeTestHook(h.editor, view, paints);
    const ticks = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };

    // A local edit (no message event being dispatched) is not remote.
    hook.createShapes([{ id: "mine", type: "rect", x: 0, y: 0, w: 10, h: 10 }]);
    h.settle();
    await ticks();
    paint();
    await ticks();
    expect(hook.lastRemotePaint()).toBeNull();

    // A psql user's op, delivered inside a WebSocket message event as a browser does.
    h.gateway.applyFromSql([
      { id: "sql-1", idempotencyKey: "sql-1", operationType: "create", objectId: "theirs", newValue: { type: "rectangle", x: 5, y: 5, width: 10, height: 10 }, timestamp: Date.now() + 10_000, clientId: "sql" },
    ]);
    const message = new MessageEvent("message");
    const scope = globalThis as { event?: Event };
    scope.event = message;
    try {
      h.gateway.deliver();
    } finally {
      delete scope.event;
    }
    expect(hook.objects().some((o) => o.id === "theirs")).toBe(true);
    await ticks();
    expect(hook.lastRemotePaint()).toBeNull(); // on the document, not yet painted
    clock = message.timeStamp + 7;
    paint();
    await ticks();
    expect(hook.lastRemotePaint()).toEqual({ received: message.timeStamp, painted: message.timeStamp + 7 });
    paints.stop();
  });
});
