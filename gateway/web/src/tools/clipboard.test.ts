import { describe, expect, it } from "vitest";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { copyPayload, decodePayload, encodePayload, pastePayload } from "./clipboard";
import { toolHarness } from "./testing/tool-harness";

useFakeTimers();

describe("copy and paste", () => {
  it("round-trips a frame with its child into another file, offset, with new ids", async () => {
    const one = await toolHarness();
    const two = await toolHarness();
    const [f] = one.editor.createObjects([{ type: "frame", x: 100, y: 100, width: 200, height: 200, fill: "#ffffff" }]);
    const [c] = one.editor.createObjects([{ type: "ellipse", parentId: f!, x: 10, y: 20, width: 30, height: 40, fill: "#00ff00" }]);
    const text = encodePayload(copyPayload(one.editor, [f!, c!])); // the child goes with its frame, once
    const [root] = pastePayload(two.editor, decodePayload(text)!);
    expect(root).not.toBe(f);
    expect(two.editor.objects()).toHaveLength(2);
    expect([two.num(root!, "x"), two.num(root!, "y")]).toEqual([110, 110]);
    const [child] = two.editor.children(root!);
    expect(two.editor.get(child!)).toBeDefined();
    expect([two.num(child!, "x"), two.editor.value(child!, "fill")]).toEqual([10, "#00ff00"]);
    two.settle();
    expect(two.gateway.server.document()).toEqual(two.editor.objects());
  });

  it("copies a nested object at its page position", async () => {
    const h = await toolHarness();
    const [f] = h.editor.createObjects([{ type: "frame", x: 100, y: 100, width: 200, height: 200 }]);
    const [c] = h.editor.createObjects([{ type: "rectangle", parentId: f!, x: 10, y: 20, width: 30, height: 40 }]);
    const p = copyPayload(h.editor, [c!]);
    expect(p.objects[0]).toMatchObject({ x: 110, y: 120 });
    expect(p.objects[0]!.parentId).toBeUndefined();
  });

  it("takes other text for not ours", () => {
    expect(decodePayload("hello")).toBeNull();
    expect(decodePayload('{"objects": []}')).toBeNull();
  });
});
