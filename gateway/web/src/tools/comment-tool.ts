// The comment tool (C): a click pins a new comment. On an object it is pinned
// to the object, at the click's offset from its top-left corner, so the pin
// follows the object when it moves; elsewhere it is pinned to the page point.
// Anyone who can open the file may comment, viewers too (the gateway allows it).
import type { PinTarget } from "../comments/comment-api";
import { StateNode } from "./state-node";
import type { ToolContext, ToolPointer } from "./tool-context";

/** Where a click at this pointer pins a comment. */
export function pinTargetAt(ctx: Pick<ToolContext, "view">, e: Pick<ToolPointer, "screen" | "page">): PinTarget {
  const id = ctx.view.hitTest(e.screen);
  const bounds = id === null ? null : ctx.view.boundsOf(id);
  if (id === null || bounds === null) return { objectId: null, x: e.page.x, y: e.page.y };
  return { objectId: id, x: e.page.x - bounds.minX, y: e.page.y - bounds.minY };
}

class Idle extends StateNode {
  readonly id = "idle";
  override onPointerDown(e: ToolPointer): void {
    if (e.button !== 0) return;
    this.ctx.placeComment?.(pinTargetAt(this.ctx, e));
  }
}

export class CommentTool extends StateNode {
  readonly id = "comment";
  constructor(ctx: ToolContext) {
    super(ctx);
    this.addChildren([new Idle(ctx)], "idle");
  }
}
