// window.__editor, only with ?bench=1: tests and benchmarks drive the editor
// through it without knowing its markup (issue 7, "Test hook").
import type { Camera } from "../geometry/camera";
import type { Editor, ObjectSpec } from "../editor/editor";

export interface ShapeSpec {
  id: string;
  type: "rect" | "ellipse" | "text";
  x: number;
  y: number;
  w: number;
  h: number;
  fill?: string;
  stroke?: string;
  text?: string;
}

export interface TestHook {
  createShapes(specs: ShapeSpec[]): string[];
  setCamera(x: number, y: number, zoom: number): void;
  getCamera(): Camera;
  whenRendered(): Promise<void>;
  objects(): ReturnType<Editor["objects"]>;
  pending(): number;
  /** The last remote change that is on the canvas: when its WebSocket message came and when it was painted. */
  lastRemotePaint(): RemotePaint | null;
}

/** performance.now() times: the WebSocket message event's timeStamp, and the end of the frame that drew it. */
export interface RemotePaint {
  received: number;
  painted: number;
}

export interface HookView {
  getCamera(): Camera;
  setCamera(camera: Camera): void;
  whenRendered(): Promise<void>;
}

/**
 * Watches for document changes made while a WebSocket "message" event is
 * being dispatched (the sync client applies the gateway's ops synchronously in
 * its handler), which is what a remote op is; a local edit comes from a
 * pointer or key event, or from no event at all (this hook). For the
 * benchmark of issue 7: remote op to screen.
 */
export function watchRemotePaints(
  editor: Editor,
  view: HookView,
  now: () => number = () => performance.now(),
): { last(): RemotePaint | null; stop(): void } {
  let last: RemotePaint | null = null;
  let latest = 0;
  const stop = editor.subscribe((event) => {
    const current = (globalThis as { event?: Event }).event;
    if (event.type !== "document" || current?.type !== "message") return;
    const received = current.timeStamp;
    const mine = ++latest;
    // After the other listeners (the scene adapter) have handed the change to the renderer.
    queueMicrotask(() => {
      void view.whenRendered().then(() => {
        if (mine === latest) last = { received, painted: now() };
      });
    });
  });
  return { last: () => last, stop };
}

export function makeTestHook(
  editor: Editor,
  view: HookView,
  remotePaints: { last(): RemotePaint | null } = watchRemotePaints(editor, view),
): TestHook {
  return {
    // ONE batch through editor.createObjects, the path the tools use: one change, one undo
    // step, rendered by the same scene adapter, and SENT TO THE SERVER like any edit.
    createShapes(specs) {
      const objects: ObjectSpec[] = specs.map((s) => ({
        id: s.id,
        type: s.type === "rect" ? "rectangle" : s.type,
        x: s.x,
        y: s.y,
        width: s.w,
        height: s.h,
        ...(s.fill !== undefined ? { fill: s.fill } : {}),
        ...(s.stroke !== undefined ? { stroke: s.stroke } : {}),
        ...(s.text !== undefined ? { text: s.text } : {}),
      }));
      return editor.createObjects(objects);
    },
    // The renderer applies a camera on its next frame, without animation.
    setCamera: (x, y, zoom) => view.setCamera({ x, y, zoom }),
    getCamera: () => view.getCamera(),
    whenRendered: () => view.whenRendered(),
    objects: () => editor.objects(),
    pending: () => editor.pending(),
    lastRemotePaint: () => remotePaints.last(),
  };
}

/** Installs the hook when the page URL has ?bench=1; returns how to remove it. */
export function installTestHook(editor: Editor, view: HookView): () => void {
  if (typeof window === "undefined" || new URLSearchParams(window.location.search).get("bench") !== "1") return () => {};
  const w = window as unknown as { __editor?: TestHook };
  const remotePaints = watchRemotePaints(editor, view);
  const hook = makeTestHook(editor, view, remotePaints);
  w.__editor = hook;
  return () => {
    remotePaints.stop();
    if (w.__editor === hook) delete w.__editor;
  };
}
