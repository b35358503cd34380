// Rectangle, ellipse and frame: press and drag draws (shift: a square, alt:
// from the centre), a click alone makes a 100x100 one; then back to select.
import type { ObjectType } from "../doc/schema";
import type { Point } from "../geometry/matrix";
import { resizeBox, frameUnder } from "./select-tool";
import { StateNode } from "./state-node";
import type { ToolContext, ToolPointer } from "./tool-context";
import { placementUnder } from "./page-geometry";

const FILLS: Partial<Record<ObjectType, string>> = { rectangle: "#d9d9d9", ellipse: "#d9d9d9", frame: "#ffffff" };
const CLICK_SIZE = 100;

class Idle extends StateNode {
  readonly id = "idle";
  override onPointerDown(e: ToolPointer): void {
    if (this.ctx.editor.readOnly) return;
    this.parent!.transition("drawing", e);
  }
}

class Drawing extends StateNode {
  readonly id = "drawing";
  private origin: Point = { x: 0, y: 0 };
  private created: string | null = null;
  constructor(
    ctx: ToolContext,
    private readonly type: ObjectType,
  ) {
    super(ctx);
  }
  override onEnter(e: ToolPointer): void {
    this.origin = e.page;
    this.created = null;
    this.ctx.editor.beginGesture();
  }
  override onPointerMove(e: ToolPointer): void {
    const box = resizeBox({ x: this.origin.x, y: this.origin.y, width: 1, height: 1 }, "se", e.page, false, e.alt);
    if (e.shift) box.width = box.height = Math.max(box.width, box.height);
    if (e.shift && e.page.x < this.origin.x && !e.alt) box.x = this.origin.x - box.width;
    if (e.shift && e.page.y < this.origin.y && !e.alt) box.y = this.origin.y - box.height;
    this.place(box);
  }
  override onPointerUp(): void {
    const { editor } = this.ctx;
    if (this.created === null) this.place({ x: this.origin.x, y: this.origin.y, width: CLICK_SIZE, height: CLICK_SIZE });
    const id = this.created!;
    // Drawn inside a frame (not a frame in a frame): it becomes the frame's child, where it is on the page.
    const parent = this.type === "frame" ? null : frameUnder(this.ctx, this.origin, [id]);
    if (parent) {
      const at = placementUnder(editor, id, parent);
      editor.transact(() => {
        editor.moveTo([id], parent);
        editor.update(id, { x: at.x, y: at.y });
      });
    }
    editor.endGesture();
    editor.select([id]);
    this.parent!.transition("idle");
    this.ctx.setTool("select");
  }
  override onCancel(): void {
    this.ctx.editor.endGesture();
    this.parent!.transition("idle");
  }
  private place(box: { x: number; y: number; width: number; height: number }): void {
    const { editor } = this.ctx;
    if (this.created === null) {
      const name = this.type[0]!.toUpperCase() + this.type.slice(1);
      this.created = editor.createObjects([{ type: this.type, ...box, fill: FILLS[this.type] ?? null, name }])[0]!;
    } else editor.update(this.created, box);
  }
}

export class ShapeTool extends StateNode {
  constructor(
    ctx: ToolContext,
    readonly id: "rectangle" | "ellipse" | "frame",
  ) {
    super(ctx);
    this.addChildren([new Idle(ctx), new Drawing(ctx, id)], "idle");
  }
}
