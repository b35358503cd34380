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
}

export interface HookView {
  getCamera(): Camera;
  setCamera(camera: Camera): void;
  whenRendered(): Promise<void>;
}

export function makeTestHook(editor: Editor, view: HookView): TestHook {
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
  };
}

/** Installs the hook when the page URL has ?bench=1; returns how to remove it. */
export function installTestHook(editor: Editor, view: HookView): () => void {
  if (typeof window === "undefined" || new URLSearchParams(window.location.search).get("bench") !== "1") return () => {};
  const w = window as unknown as { __editor?: TestHook };
  const hook = makeTestHook(editor, view);
  w.__editor = hook;
  return () => {
    if (w.__editor === hook) delete w.__editor;
  };
}
