// The children of each parent id in drawing order, kept sorted as objects
// come, go and move: by fractional index, ties by id, as the doc orders them.
// Keyed by the parent's id whether or not that parent exists yet, so that
// children that arrive before their frame are drawn once it comes.
import { compareOrder } from "../doc/order";
import type { SceneNode } from "./scene-node";

function compareNodes(a: SceneNode, b: SceneNode): number {
  return compareOrder(a.object.index ?? null, a.id, b.object.index ?? null, b.id);
}

export function parentKey(node: SceneNode): string | null {
  return node.object.parentId ?? null;
}

export class Siblings {
  private readonly lists = new Map<string | null, SceneNode[]>();

  /** In drawing order; the returned list must not be changed. */
  of(parentId: string | null): readonly SceneNode[] {
    return this.lists.get(parentId) ?? [];
  }

  /** Fills every list at once (sorting each once), for a whole new scene. */
  load(nodes: Iterable<SceneNode>): void {
    this.lists.clear();
    for (const node of nodes) {
      const key = parentKey(node);
      let list = this.lists.get(key);
      if (!list) this.lists.set(key, (list = []));
      list.push(node);
    }
    for (const list of this.lists.values()) list.sort(compareNodes);
  }

  /** Adds node under parentId at its place (a binary search: a page of 100,000 is not re-sorted). */
  add(node: SceneNode, parentId: string | null): void {
    let list = this.lists.get(parentId);
    if (!list) this.lists.set(parentId, (list = []));
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compareNodes(list[mid]!, node) < 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, node);
  }

  remove(node: SceneNode, parentId: string | null): void {
    const list = this.lists.get(parentId);
    if (!list) return;
    const at = list.indexOf(node);
    if (at >= 0) list.splice(at, 1);
    if (!list.length) this.lists.delete(parentId);
  }
}
