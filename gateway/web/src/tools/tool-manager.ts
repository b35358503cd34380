// Routes the canvas's input to the active tool's state chart, and handles
// what is the same under every tool: the camera (wheel pans, ctrl/cmd+wheel
// and trackpad pinch zoom toward the pointer, shift+1 fit, shift+0 100%),
// space held for the hand, and the keyboard shortcuts.
import { panBy, zoomAtCentre, zoomBy, zoomToFit, screenToPage } from "../geometry/camera";
import type { Box } from "../geometry/box";
import type { Point } from "../geometry/matrix";
import type { Editor } from "../editor/editor";
import { LocalEditError } from "../doc/document";
import { deleteSelection, duplicate, nudge, reorder, selectAll, ungroup, wrapSelection } from "./commands";
import { CommentTool } from "./comment-tool";
import { HandTool } from "./hand-tool";
import { SelectTool } from "./select-tool";
import { ShapeTool } from "./shape-tool";
import type { StateNode } from "./state-node";
import { TextTool } from "./text-tool";
import type { Modifiers, ToolContext, ToolId, ToolKey, ToolWheel } from "./tool-context";

const TOOL_KEYS: Record<string, ToolId> = { v: "select", r: "rectangle", o: "ellipse", t: "text", f: "frame", h: "hand", c: "comment" };
/** The tools a viewer may pick: the others only make objects (whoever can view a file may comment on it). */
const VIEWING_TOOLS: ReadonlySet<ToolId> = new Set(["select", "hand", "comment"]);

export interface RawPointer extends Modifiers {
  screen: Point;
  button: number;
}

export class ToolManager {
  readonly tools: Record<ToolId, StateNode>;
  private activeId: ToolId = "select";
  private spaceHeld = false;
  private spacePanning = false;
  private pressed = false;
  private readonly hand: HandTool;

  constructor(
    private readonly ctx: ToolContext,
    private readonly onChange: (id: ToolId) => void = () => {},
  ) {
    this.tools = {
      select: new SelectTool(ctx),
      rectangle: new ShapeTool(ctx, "rectangle"),
      ellipse: new ShapeTool(ctx, "ellipse"),
      text: new TextTool(ctx),
      frame: new ShapeTool(ctx, "frame"),
      hand: new HandTool(ctx),
      comment: new CommentTool(ctx),
    };
    this.hand = new HandTool(ctx);
  }

  get editor(): Editor {
    return this.ctx.editor;
  }

  get active(): ToolId {
    return this.activeId;
  }

  /** The active state, "select.translating" (for tests and the cursor). */
  get path(): string {
    return this.spacePanning || this.spaceHeld ? this.hand.path : this.tools[this.activeId].path;
  }

  setTool(id: ToolId): void {
    if (id === this.activeId) return;
    this.tools[this.activeId].onCancel();
    this.activeId = id;
    this.onChange(id);
  }

  private current(): StateNode {
    return this.spaceHeld || this.spacePanning ? this.hand : this.tools[this.activeId];
  }

  private withPage(e: RawPointer) {
    return { ...e, page: screenToPage(this.ctx.view.getCamera(), e.screen) };
  }

  pointerDown(e: RawPointer): void {
    this.pressed = true;
    // The middle button pans under any tool.
    if (e.button === 1) this.spacePanning = true;
    this.guard(() => this.current().onPointerDown(this.withPage(e)));
  }

  pointerMove(e: RawPointer): void {
    const p = this.withPage(e);
    this.editor.setPresence({ cursor: { x: p.page.x, y: p.page.y } });
    this.guard(() => this.current().onPointerMove(p));
  }

  pointerUp(e: RawPointer): void {
    this.pressed = false;
    this.guard(() => this.current().onPointerUp(this.withPage(e)));
    if (e.button === 1) this.spacePanning = false;
  }

  doubleClick(e: RawPointer): void {
    this.guard(() => this.current().onDoubleClick(this.withPage(e)));
  }

  /** The pointer left or the window lost focus mid-gesture. */
  cancel(): void {
    this.pressed = false;
    this.current().onCancel();
  }

  wheel(e: ToolWheel): void {
    const { view } = this.ctx;
    const camera = view.getCamera();
    if (e.mod) {
      // ctrl+wheel is also what a trackpad pinch sends: a smooth factor from the delta.
      // A mouse notch (about 100) is clamped to a 35% step; a pinch's small deltas give a few % each.
      const delta = Math.max(-50, Math.min(50, e.deltaY));
      view.setCamera(zoomBy(camera, e.screen, Math.exp(-delta * 0.006)));
    } else {
      const dx = e.shift && e.deltaX === 0 ? e.deltaY : e.deltaX;
      const dy = e.shift && e.deltaX === 0 ? 0 : e.deltaY;
      view.setCamera(panBy(camera, -dx, -dy));
    }
  }

  /** true when the key was used (the caller then prevents the browser's default). */
  keyDown(e: ToolKey): boolean {
    const { editor, view } = this.ctx;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (key === " ") {
      if (!this.pressed) this.spaceHeld = true;
      return true;
    }
    if (this.current().onKeyDown(e)) return true;
    const edit = !editor.readOnly;
    if (e.mod) {
      if (key === "z" && edit) return this.guard(() => (e.shift ? editor.redo() : editor.undo())), true;
      if (key === "y" && edit) return this.guard(() => editor.redo()), true;
      if (key === "a") return selectAll(editor), true;
      if (!edit) return false;
      if (key === "d") return this.guard(() => duplicate(editor)), true;
      if (key === "g" && e.alt) return this.guard(() => wrapSelection(editor, view, "frame")), true;
      if (key === "g" && e.shift) return this.guard(() => ungroup(editor)), true;
      if (key === "g") return this.guard(() => wrapSelection(editor, view, "group")), true;
      if (e.code === "BracketRight" || key === "]" || key === "}") return this.guard(() => reorder(editor, e.shift ? "front" : "forward")), true;
      if (e.code === "BracketLeft" || key === "[" || key === "{") return this.guard(() => reorder(editor, e.shift ? "back" : "backward")), true;
      return false;
    }
    if (e.shift && (e.code === "Digit1" || key === "!")) return this.zoomToFit(), true;
    if (e.shift && (e.code === "Digit0" || key === ")")) return view.setCamera(zoomAtCentre(view.getCamera(), this.ctx.size(), 1)), true;
    if (key === "Escape") {
      this.current().onCancel();
      editor.select([]);
      return true;
    }
    if ((key === "Delete" || key === "Backspace") && edit) return this.guard(() => deleteSelection(editor)), true;
    const arrows: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const arrow = arrows[key];
    if (arrow && edit && editor.selection.size) {
      const step = e.shift ? 10 : 1;
      return this.guard(() => nudge(editor, arrow[0] * step, arrow[1] * step)), true;
    }
    const tool = TOOL_KEYS[key];
    if (tool && !e.alt && !e.shift) return (edit || VIEWING_TOOLS.has(tool)) && this.setTool(tool), true;
    return false;
  }

  keyUp(e: ToolKey): void {
    if (e.key === " ") {
      this.spaceHeld = false;
      if (!this.pressed) this.hand.onCancel();
    }
  }

  zoomToFit(): void {
    const { view, editor } = this.ctx;
    let box: Box | null = null;
    for (const id of editor.children(null)) {
      const b = view.boundsOf(id);
      if (!b) continue;
      box = box ? { minX: Math.min(box.minX, b.minX), minY: Math.min(box.minY, b.minY), maxX: Math.max(box.maxX, b.maxX), maxY: Math.max(box.maxY, b.maxY) } : b;
    }
    if (box) view.setCamera(zoomToFit(box, this.ctx.size()));
  }

  /** An edit the server would refuse, or a viewer's: nothing changed; the gesture goes on. */
  private guard(fn: () => unknown): void {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof LocalEditError)) throw err;
    }
  }
}
