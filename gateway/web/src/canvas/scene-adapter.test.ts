import { describe, expect, it } from "vitest";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { toolHarness } from "../tools/testing/tool-harness";
import type { Overlay } from "../render/overlay";
import type { SceneObject } from "../render/scene-object";
import { SceneAdapter } from "./scene-adapter";

useFakeTimers();

function recordingSink() {
  const sink = {
    scenes: [] as SceneObject[][],
    changes: [] as { changed: SceneObject[]; removed: string[] }[],
    overlays: [] as Overlay[],
    setScene: (o: Iterable<SceneObject>) => sink.scenes.push([...o]),
    applyChanges: (c: Iterable<SceneObject>, r: Iterable<string> = []) => sink.changes.push({ changed: [...c], removed: [...r] }),
    setOverlay: (o: Overlay) => sink.overlays.push(o),
  };
  return sink;
}

describe("scene adapter", () => {
  it("loads the file, then applies only what each edit names, with fresh objects", async () => {
    const h = await toolHarness();
    const a = h.rect(0, 0, 10, 10);
    const sink = recordingSink();
    const adapter = new SceneAdapter(h.editor, sink);
    adapter.start();
    expect(sink.scenes[0]!.map((o) => o.id)).toEqual([a]);
    const first = sink.scenes[0]![0]!;
    h.editor.update(a, { x: 5 });
    expect(sink.changes.at(-1)!.changed).toEqual([expect.objectContaining({ id: a, x: 5 })]);
    expect(sink.changes.at(-1)!.changed[0]).not.toBe(first);
    expect(first.x).toBe(0); // never mutated in place
  });

  it("removes a deleted frame's children with it and brings them back on undo", async () => {
    const h = await toolHarness();
    const [f] = h.editor.createObjects([{ type: "frame", width: 100, height: 100 }]);
    const [c] = h.editor.createObjects([{ type: "rectangle", parentId: f! }]);
    const sink = recordingSink();
    new SceneAdapter(h.editor, sink).start();
    h.editor.delete([f!]);
    expect(sink.changes.at(-1)!.removed.sort()).toEqual([f, c].sort());
    h.editor.undo();
    expect(sink.changes.at(-1)!.changed.map((o) => o.id).sort()).toEqual([f, c].sort());
  });

  it("shows the selection, the gesture and the other people's cursors and selections", async () => {
    const h = await toolHarness();
    const other = await toolHarness({ gateway: h.gateway });
    const a = h.rect(0, 0, 10, 10);
    h.settle();
    const sink = recordingSink();
    new SceneAdapter(h.editor, sink).start();
    other.editor.select([a]);
    other.editor.setPresence({ cursor: { x: 40, y: 50 } });
    h.settle();
    const o = sink.overlays.at(-1)!;
    expect(o.remoteCursors).toEqual([expect.objectContaining({ name: "Ada", x: 40, y: 50, colour: "#e5484d" })]);
    expect(o.remoteSelections).toEqual([expect.objectContaining({ objectIds: [a] })]);
    h.editor.select([a]);
    expect(sink.overlays.at(-1)!.selection).toEqual([a]);
  });
});

describe("scene adapter's frame titles", () => {
  it("names the frames at the top of the page, following renames, moves into frames and deletes", async () => {
    const h = await toolHarness();
    const [f, g] = h.editor.createObjects([
      { type: "frame", name: "Home", x: 0, y: 0, width: 100, height: 100 },
      { type: "frame", name: "Card", x: 200, y: 0, width: 100, height: 100 },
    ]);
    h.rect(400, 0, 10, 10);
    const sink = recordingSink();
    new SceneAdapter(h.editor, sink).start();
    const titles = () => sink.overlays.at(-1)!.frameLabels!.map((l) => `${l.id === f ? "f" : "g"}:${l.name}`).sort();
    expect(titles()).toEqual(["f:Home", "g:Card"]);
    h.editor.update(f!, { name: "Landing" });
    expect(titles()).toEqual(["f:Landing", "g:Card"]);
    h.editor.moveTo([g!], f!); // a frame in a frame has no title of its own
    expect(titles()).toEqual(["f:Landing"]);
    h.editor.delete([f!]);
    expect(titles()).toEqual([]);
  });
});

describe("scene adapter while a text is edited in place", () => {
  it("draws the edited text without its glyphs, and with them again afterwards", async () => {
    const h = await toolHarness();
    const [t] = h.editor.createObjects([{ type: "text", text: "hi", fill: "#112233" }]);
    const sink = recordingSink();
    const adapter = new SceneAdapter(h.editor, sink);
    adapter.start();
    adapter.setEditing(t!);
    expect(sink.changes.at(-1)!.changed).toEqual([expect.objectContaining({ id: t, fill: "transparent" })]);
    h.editor.update(t!, { text: "hello" });
    expect(sink.changes.at(-1)!.changed[0]!.fill).toBe("transparent");
    adapter.setEditing(null);
    expect(sink.changes.at(-1)!.changed).toEqual([expect.objectContaining({ id: t, fill: "#112233", text: "hello" })]);
  });
});
