// The hand: drag pans the view (also while space is held under another tool).
import { panBy } from "../geometry/camera";
import type { Point } from "../geometry/matrix";
import { StateNode } from "./state-node";
import type { ToolContext, ToolPointer } from "./tool-context";

class Idle extends StateNode {
  readonly id = "idle";
  override onPointerDown(e: ToolPointer): void {
    this.parent!.transition("panning", e);
  }
}

class Panning extends StateNode {
  readonly id = "panning";
  private last: Point = { x: 0, y: 0 };
  override onEnter(e: ToolPointer): void {
    this.last = e.screen;
  }
  override onPointerMove(e: ToolPointer): void {
    const { view } = this.ctx;
    view.setCamera(panBy(view.getCamera(), e.screen.x - this.last.x, e.screen.y - this.last.y));
    this.last = e.screen;
  }
  override onPointerUp(): void {
    this.parent!.transition("idle");
  }
  override onCancel(): void {
    this.parent!.transition("idle");
  }
}

export class HandTool extends StateNode {
  readonly id = "hand";
  constructor(ctx: ToolContext) {
    super(ctx);
    this.addChildren([new Idle(ctx), new Panning(ctx)], "idle");
  }
}
