// Which objects name which parent, so that a container's children are found
// without scanning the file; each sibling list is sorted once and kept until
// one of its members moves, changes index or changes liveness.
export class TreeIndex {
  private readonly members = new Map<string | null, Set<string>>();
  private readonly sorted = new Map<string | null, readonly string[]>();

  /** Records that id's parent went from oldParent to newParent (undefined: not in the tree). */
  update(id: string, oldParent: string | null | undefined, newParent: string | null | undefined, orderChanged: boolean): void {
    if (oldParent === newParent) {
      if (orderChanged && newParent !== undefined) this.sorted.delete(newParent);
      return;
    }
    if (oldParent !== undefined) {
      const set = this.members.get(oldParent);
      set?.delete(id);
      if (set && !set.size) this.members.delete(oldParent);
      this.sorted.delete(oldParent);
    }
    if (newParent !== undefined) {
      let set = this.members.get(newParent);
      if (!set) {
        set = new Set();
        this.members.set(newParent, set);
      }
      set.add(id);
      this.sorted.delete(newParent);
    }
  }

  /** The members naming parentId, through sort (which filters and orders them), cached. */
  children(parentId: string | null, sort: (ids: string[]) => string[]): string[] {
    let list = this.sorted.get(parentId);
    if (!list) {
      list = sort([...(this.members.get(parentId) ?? [])]);
      this.sorted.set(parentId, list);
    }
    return [...list];
  }
}
