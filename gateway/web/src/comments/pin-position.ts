// Where a comment's pin is on the page: on its object (the object's top-left
// corner plus the stored offset, so the pin moves with the object) or at its
// page point. A comment on an object that is not shown (deleted, hidden), or
// placed nowhere, has no pin; the side list still has it.
import type { Box } from "../geometry/box";
import type { Point } from "../geometry/matrix";
import type { CommentData } from "./comment-api";

export function pinPosition(comment: Pick<CommentData, "objectId" | "x" | "y">, boundsOf: (id: string) => Box | null): Point | null {
  if (comment.objectId) {
    const bounds = boundsOf(comment.objectId);
    return bounds ? { x: bounds.minX + (comment.x ?? 0), y: bounds.minY + (comment.y ?? 0) } : null;
  }
  return comment.x === null || comment.y === null ? null : { x: comment.x, y: comment.y };
}
