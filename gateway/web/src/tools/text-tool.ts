// The text tool: a click makes a text object there and opens the in-place
// editor on it at once; then back to select.
import { applyToPoint, IDENTITY, invert } from "../geometry/matrix";
import { containerMatrix } from "./page-geometry";
import { frameUnder } from "./select-tool";
import { StateNode } from "./state-node";
import type { ToolContext, ToolPointer } from "./tool-context";

class Idle extends StateNode {
  readonly id = "idle";
  override onPointerDown(e: ToolPointer): void {
    const { editor } = this.ctx;
    if (editor.readOnly) return;
    const hit = this.ctx.view.hitTest(e.screen);
    if (hit && editor.value(hit, "type") === "text") {
      editor.select([hit]);
      this.ctx.setTool("select");
      return this.ctx.editText(hit);
    }
    // Clicked inside a frame: the text is the frame's child, placed in its coordinates.
    const parentId = frameUnder(this.ctx, e.page, []);
    const at = applyToPoint(invert(containerMatrix(editor, parentId)) ?? IDENTITY, e.page.x, e.page.y);
    const [id] = editor.createObjects([{ type: "text", parentId, x: at.x, y: at.y, width: 200, height: 24, text: "", fontSize: 16, fill: "#000000", name: "Text" }]);
    editor.select([id!]);
    this.ctx.setTool("select");
    this.ctx.editText(id!);
  }
}

export class TextTool extends StateNode {
  readonly id = "text";
  constructor(ctx: ToolContext) {
    super(ctx);
    this.addChildren([new Idle(ctx)], "idle");
  }
}
