// A real Editor on the fake gateway, a real Renderer on recording canvases
// and the ToolManager between them: the tools' tests drive it with synthetic
// pointer and key events, as CanvasView would.
import { vi } from "vitest";
import { Editor } from "../../editor/editor";
import { MemoryOutboxStore } from "../../sync/outbox-store";
import { SEND_INTERVAL_MS, type Signal } from "../../sync/sync-client";
import { FakeGateway } from "../../../tests/support/fake-gateway";
import { Renderer } from "../../render/renderer";
import { FakeCanvas, fakeCanvasFactory } from "../../render/testing/recording-context";
import { SceneAdapter } from "../../canvas/scene-adapter";
import { ToolManager } from "../tool-manager";
import type { ToolId } from "../tool-context";
import type { PinTarget } from "../../comments/comment-api";

const FILE = "33333333-3333-3333-3333-333333333333";
const always: Signal = { get: () => true, subscribe: () => () => {} };

export interface Mods {
  shift?: boolean;
  alt?: boolean;
  mod?: boolean;
}

export async function toolHarness(options: { access?: "edit" | "view"; gateway?: FakeGateway } = {}) {
  const gateway = options.gateway ?? new FakeGateway();
  if (options.access) gateway.access = options.access;
  const editor = new Editor({ fileId: FILE, url: "ws://test/ws", connect: gateway.connect, store: new MemoryOutboxStore(), online: always, visible: always, random: () => 0.5 });
  await editor.start();
  gateway.deliver();
  const frames: (() => void)[] = [];
  const renderer = new Renderer(new FakeCanvas(), new FakeCanvas(), {
    requestFrame: (cb) => frames.push(cb),
    now: () => 0,
    createCanvas: fakeCanvasFactory(),
    loadImage: () => new Promise(() => {}),
  });
  renderer.resize(800, 600, 1);
  const adapter = new SceneAdapter(editor, renderer);
  adapter.start();
  const tools: { current: ToolId[] } = { current: [] };
  const manager: ToolManager = new ToolManager(
    {
      editor,
      view: renderer,
      size: () => ({ width: 800, height: 600 }),
      setGesture: (g) => adapter.setGesture(g),
      setTool: (id) => manager.setTool(id),
      editText: (id) => editing.push(id),
      placeComment: (target) => comments.push(target),
    },
    (id) => tools.current.push(id),
  );
  const editing: string[] = [];
  const comments: PinTarget[] = [];
  const m = (mods: Mods = {}) => ({ shift: !!mods.shift, alt: !!mods.alt, mod: !!mods.mod });
  const p = (x: number, y: number, mods?: Mods) => ({ screen: { x, y }, button: 0, ...m(mods) });
  /** A press at the first point, moves through the rest, a release at the last (screen px). */
  const drag = (points: [number, number][], mods?: Mods) => {
    const [first] = points;
    manager.pointerDown(p(first![0], first![1], mods));
    for (const [x, y] of points.slice(1)) manager.pointerMove(p(x, y, mods));
    const last = points.at(-1)!;
    manager.pointerUp(p(last[0], last[1], mods));
  };
  const click = (x: number, y: number, mods?: Mods) => drag([[x, y]], mods);
  const key = (k: string, mods?: Mods, code = "") => manager.keyDown({ key: k, code, ...m(mods) });
  const settle = () => {
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(SEND_INTERVAL_MS);
      gateway.deliver();
    }
  };
  const rect = (x: number, y: number, w: number, h: number, extra: Record<string, unknown> = {}) =>
    editor.createObjects([{ type: "rectangle", x, y, width: w, height: h, fill: "#ff0000", ...extra }])[0]!;
  const num = (id: string, name: string) => editor.value(id, name) as number;
  return { gateway, editor, renderer, manager, adapter, drag, click, key, settle, rect, num, editing, comments, tools, p };
}
