// The text tool: a click makes a text object there and opens the in-place
// editor on it at once; then back to select.
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
    const [id] = editor.createObjects([{ type: "text", x: e.page.x, y: e.page.y, width: 200, height: 24, text: "", fontSize: 16, fill: "#000000", name: "Text" }]);
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
