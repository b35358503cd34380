import { describe, expect, it, vi } from "vitest";
import { Editor } from "../editor/editor";
import type { Camera } from "../geometry/camera";
import { MemoryOutboxStore } from "../sync/outbox-store";
import type { Signal } from "../sync/sync-client";
import type { Viewport } from "../sync/messages";
import { ToolManager } from "../tools/tool-manager";
import { toolHarness } from "../tools/testing/tool-harness";
import { FakeGateway } from "../../tests/support/fake-gateway";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { Follow, followOf, userView } from "./follow";

useFakeTimers();

const always: Signal = { get: () => true, subscribe: () => () => {} };
// The fake gateway names everyone Ada, with this id: several editors are one person's tabs.
const ADA = "00000000-0000-0000-0000-000000000001";
const SIZE = { width: 800, height: 600 };

async function tab(gateway: FakeGateway): Promise<Editor> {
  const editor = new Editor({ fileId: "33333333-3333-3333-3333-333333333333", url: "ws://test/ws", connect: gateway.connect, store: new MemoryOutboxStore(), online: always, visible: always });
  await editor.start();
  gateway.deliver();
  return editor;
}

/** Lets presence go out (at most every 50 ms) and arrive. */
function pass(gateway: FakeGateway): void {
  vi.advanceTimersByTime(100);
  gateway.deliver();
}

/** Bob's view (a real Renderer) followed by a Follow, with the tools moving it as the canvas's do. */
async function follower(gateway: FakeGateway) {
  const h = await toolHarness({ gateway });
  const follow = new Follow(h.editor);
  const set = (c: Camera) => h.renderer.setCamera(c);
  let size = SIZE;
  follow.attach({ setCamera: set, size: () => size });
  const canvasView = {
    getCamera: () => h.renderer.getCamera(),
    setCamera: set,
    hitTest: h.renderer.hitTest.bind(h.renderer),
    boundsOf: h.renderer.boundsOf.bind(h.renderer),
    selectionFrame: h.renderer.selectionFrame.bind(h.renderer),
    objectsInRect: h.renderer.objectsInRect.bind(h.renderer),
  };
  const view = userView(canvasView, follow);
  const tools = new ToolManager({ editor: h.editor, view, size: () => size, setGesture: () => {}, setTool: (id) => tools.setTool(id), editText: () => {} }, () => {});
  return { ...h, follow, tools, camera: () => h.renderer.getCamera(), resize: (s: typeof SIZE) => ((size = s), follow.refit()) };
}

const look = (editor: Editor, viewport: Viewport) => editor.setPresence({ viewport });

describe("Follow", () => {
  it("takes the leader's viewport live, and nothing before it is asked to", async () => {
    const gateway = new FakeGateway();
    const ada = await tab(gateway);
    const bob = await follower(gateway);
    look(ada, { x: 10, y: 20, zoom: 1, ...SIZE });
    pass(gateway);
    expect(bob.camera()).toEqual({ x: 0, y: 0, zoom: 1 });

    expect(bob.follow.start(ADA)).toBe(true);
    expect(bob.follow.leader).toMatchObject({ userId: ADA, name: "Ada", color: "#e5484d" });
    expect(bob.camera()).toEqual({ x: 10, y: 20, zoom: 1 });
    look(ada, { x: 300, y: -40, zoom: 2, ...SIZE });
    pass(gateway);
    expect(bob.camera()).toEqual({ x: 300, y: -40, zoom: 2 });
  });

  it("waits for a leader who has not said where they look, then follows", async () => {
    const gateway = new FakeGateway();
    const ada = await tab(gateway);
    const bob = await follower(gateway);
    pass(gateway);
    bob.follow.start(ADA);
    expect(bob.camera()).toEqual({ x: 0, y: 0, zoom: 1 });
    look(ada, { x: 5, y: 6, zoom: 0.5, ...SIZE });
    pass(gateway);
    expect(bob.camera()).toEqual({ x: 5, y: 6, zoom: 0.5 });
  });

  it("refuses someone who is not in the file", async () => {
    const gateway = new FakeGateway();
    const bob = await follower(gateway);
    expect(bob.follow.start("00000000-0000-0000-0000-000000000099")).toBe(false);
    expect(bob.follow.leader).toBeNull();
  });

  it("stops at any pan or zoom of the follower's: wheel, ctrl+wheel, hand tool, shortcuts", async () => {
    const gateway = new FakeGateway();
    const ada = await tab(gateway);
    const bob = await follower(gateway);
    bob.rect(0, 0, 100, 100);
    bob.settle();
    const moves: [string, () => void][] = [
      ["wheel", () => bob.tools.wheel({ screen: { x: 10, y: 10 }, deltaX: 0, deltaY: 40, shift: false, alt: false, mod: false })],
      ["ctrl+wheel", () => bob.tools.wheel({ screen: { x: 10, y: 10 }, deltaX: 0, deltaY: -40, shift: false, alt: false, mod: true })],
      ["shift+1", () => bob.tools.keyDown({ key: "!", code: "Digit1", shift: true, alt: false, mod: false })],
      ["shift+0", () => bob.tools.keyDown({ key: ")", code: "Digit0", shift: true, alt: false, mod: false })],
      [
        "hand tool",
        () => {
          bob.tools.setTool("hand");
          const p = (x: number) => ({ screen: { x, y: 50 }, button: 0, shift: false, alt: false, mod: false });
          bob.tools.pointerDown(p(50));
          bob.tools.pointerMove(p(90));
          bob.tools.pointerUp(p(90));
          bob.tools.setTool("select");
        },
      ],
    ];
    let n = 0;
    for (const [what, move] of moves) {
      look(ada, { x: 1000 + ++n, y: 0, zoom: 3, ...SIZE });
      pass(gateway);
      bob.follow.start(ADA);
      expect(bob.camera(), what).toEqual({ x: 1000 + n, y: 0, zoom: 3 });
      move();
      expect(bob.follow.leader, what).toBeNull();
      const mine = bob.camera();
      expect(mine, what).not.toEqual({ x: 1000 + n, y: 0, zoom: 3 });
      look(ada, { x: -500, y: -500, zoom: 1, ...SIZE });
      pass(gateway);
      expect(bob.camera(), `${what}: the leader moves on alone`).toEqual(mine);
    }
  });

  it("stops when the leader leaves, following on in another tab of theirs while there is one", async () => {
    const gateway = new FakeGateway();
    const first = await tab(gateway);
    const bob = await follower(gateway);
    const second = await tab(gateway);
    look(first, { x: 1, y: 1, zoom: 1, ...SIZE });
    look(second, { x: 2, y: 2, zoom: 2, ...SIZE });
    pass(gateway);
    bob.follow.start(ADA);
    const followed = bob.follow.leader!.clientId;
    const [gone, stays] = followed === first.clientId ? [first, second] : [second, first];
    gone.close();
    gateway.deliver();
    expect(bob.follow.leader?.clientId).toBe(stays.clientId);
    look(stays, { x: 7, y: 8, zoom: 1.5, ...SIZE });
    pass(gateway);
    expect(bob.camera()).toEqual({ x: 7, y: 8, zoom: 1.5 });
    stays.close();
    gateway.deliver();
    expect(bob.follow.leader).toBeNull();
  });

  it("fits the leader's view again when the follower's window changes size", async () => {
    const gateway = new FakeGateway();
    const ada = await tab(gateway);
    const bob = await follower(gateway);
    look(ada, { x: 0, y: 0, zoom: 1, ...SIZE });
    pass(gateway);
    bob.follow.start(ADA);
    expect(bob.camera()).toEqual({ x: 0, y: 0, zoom: 1 });
    bob.resize({ width: 400, height: 300 });
    expect(bob.camera()).toEqual({ x: 0, y: 0, zoom: 0.5 });
  });

  it("toggles from the avatar, tells its listeners, and is one per editor", async () => {
    const gateway = new FakeGateway();
    const ada = await tab(gateway);
    const bob = await follower(gateway);
    pass(gateway);
    const seen: (string | null)[] = [];
    bob.follow.subscribe(() => seen.push(bob.follow.leader?.name ?? null));
    bob.follow.toggle(ADA);
    expect(bob.follow.isFollowing(ADA)).toBe(true);
    bob.follow.toggle(ADA);
    expect(bob.follow.isFollowing(ADA)).toBe(false);
    expect(seen).toEqual(["Ada", null]);
    expect(followOf(ada)).toBe(followOf(ada));
    expect(followOf(ada)).not.toBe(followOf(bob.editor));
  });
});
