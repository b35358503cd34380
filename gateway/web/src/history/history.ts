// Undo and redo of this client's own changes, in multiplayer (Figma's
// approach): an entry remembers what one edit changed, before and after, and
// the inverse ops are computed when undoing, from the document as it is then.
// - Only what the edit changed is touched: a property someone else has set
//   since (it no longer shows our value) is left alone, and so is an object
//   someone else deleted or brought back.
// - Undoing makes the redo entry from the values it replaces, and redoing
//   makes the undo entry the same way, so n undos then n redos with nothing
//   between put the document back as it was, other people's changes included.
import { LocalEditError, type Document } from "../doc/document";
import { jsonEqual, type Json } from "../doc/json";
import { makeChange, type LocalChange, type ObjectChange, type PropertyChange } from "../doc/local-change";

/** What one entry would touch: per object, whether its existence and which properties. */
export type Touches = ReadonlyMap<string, { existence: boolean; props: readonly string[] }>;

type Entry = Map<string, ObjectChange>;

const PLACEMENT = ["parentId", "index"] as const;

export class History {
  private undoStack: Entry[] = [];
  private redoStack: Entry[] = [];
  private group: Entry | null = null;
  private groupDepth = 0;

  constructor(
    private readonly doc: Document,
    private readonly limit = 500,
  ) {}

  get canUndo(): boolean {
    return this.undoStack.length > 0 || (this.group !== null && normalize(this.group) !== null);
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Takes note of a local edit (not an undo or redo: those come from here). */
  record(changes: ReadonlyMap<string, ObjectChange>): void {
    if (this.groupDepth > 0) {
      this.group = mergeInto(this.group ?? new Map(), changes);
      return;
    }
    const entry = normalize(new Map(changes));
    if (!entry) return;
    this.push(this.undoStack, entry);
    this.redoStack = [];
  }

  /** Edits until the matching end() form one entry: a drag, a typed value, a paste. */
  begin(): void {
    this.groupDepth++;
  }

  end(): void {
    if (this.groupDepth === 0) return;
    if (--this.groupDepth > 0) return;
    const group = this.group;
    this.group = null;
    if (group) this.record(group);
  }

  /** Undoes the latest entry that still has something of ours to undo; the change made, or null. */
  undo(clientId: string): LocalChange | null {
    this.closeGroup();
    return this.step(this.undoStack, this.redoStack, clientId);
  }

  redo(clientId: string): LocalChange | null {
    this.closeGroup();
    return this.step(this.redoStack, this.undoStack, clientId);
  }

  /** What the next undo would touch at most (for labels, and for tests). */
  nextUndo(): Touches | null {
    const entry = this.undoStack[this.undoStack.length - 1];
    return entry ? touches(entry) : null;
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.group = null;
    this.groupDepth = 0;
  }

  private closeGroup(): void {
    if (this.groupDepth === 0) return;
    this.groupDepth = 1;
    this.end();
  }

  private push(stack: Entry[], entry: Entry): void {
    stack.push(entry);
    if (stack.length > this.limit) stack.shift();
  }

  private step(from: Entry[], to: Entry[], clientId: string): LocalChange | null {
    for (let entry = from.pop(); entry; entry = from.pop()) {
      const change = makeChange(this.doc, clientId, (c) => this.invert(entry, c));
      const inverse = normalize(change.changes);
      if (!inverse) continue; // nothing of ours left in it: try the one before
      this.push(to, inverse);
      return change;
    }
    return null;
  }

  /** Writes, into c, what takes each object in entry from `after` back to `before`, where it still shows `after`. */
  private invert(entry: Entry, c: LocalChange): void {
    const doc = this.doc;
    const revive: string[] = [];
    const kill: string[] = [];
    for (const change of entry.values()) {
      const alive = doc.isAlive(change.objectId);
      if (change.aliveBefore === change.aliveAfter || alive !== change.aliveAfter) continue;
      if (change.aliveBefore && !canRevive(doc, change.objectId)) continue;
      (change.aliveBefore ? revive : kill).push(change.objectId);
    }
    // Bring objects back first (their children and properties need them alive),
    // set properties next, delete last (a deleted object takes no updates).
    for (const id of revive) c.undelete(id);
    const placements: (() => void)[] = [];
    for (const change of entry.values()) {
      const id = change.objectId;
      if (!doc.isAlive(id)) continue;
      const restore: Record<string, Json> = {};
      for (const [name, prop] of change.props) {
        if ((PLACEMENT as readonly string[]).includes(name)) continue;
        if (jsonEqual(doc.value(id, name), prop.after)) restore[name] = prop.before;
      }
      c.update(id, restore);
      const [parent, index] = PLACEMENT.map(
        (name) => change.props.get(name) ?? { before: doc.value(id, name), after: doc.value(id, name) },
      ) as [PropertyChange, PropertyChange];
      const moved = !jsonEqual(parent.before, parent.after) || !jsonEqual(index.before, index.after);
      const stillOurs = jsonEqual(doc.value(id, "parentId"), parent.after) && jsonEqual(doc.value(id, "index"), index.after);
      if (moved && stillOurs) placements.push(() => c.move(id, asText(parent.before), asText(index.before)));
    }
    // A placement can wait on another (swapping two nested groups passes
    // through a cycle in one order and not in the other): retry while any
    // succeeds; what stays impossible (its old parent deleted) is left out.
    for (let remaining = placements; remaining.length; ) {
      const failed = remaining.filter((place) => !succeeds(place));
      if (failed.length === remaining.length) break;
      remaining = failed;
    }
    for (const id of kill) c.delete(id);
  }
}

/**
 * Whether a deleted object can be brought back: not when this replica no
 * longer has it (the file was loaded again since, and the sync document has
 * no deleted objects), since an undelete must name its type. What stays
 * impossible is left out, as for placements.
 */
function canRevive(doc: Document, id: string): boolean {
  return typeof doc.value(id, "type") === "string";
}

function asText(value: Json): string | null {
  return typeof value === "string" ? value : null;
}

/** Runs an edit that the document may refuse (LocalEditError): whether it was made. */
export function succeeds(edit: () => void): boolean {
  try {
    edit();
    return true;
  } catch (e) {
    if (e instanceof LocalEditError) return false;
    throw e;
  }
}

function mergeInto(entry: Entry, changes: ReadonlyMap<string, ObjectChange>): Entry {
  for (const [id, next] of changes) {
    const prev = entry.get(id);
    if (!prev) {
      entry.set(id, { ...next, props: new Map(next.props) });
      continue;
    }
    prev.aliveAfter = next.aliveAfter;
    for (const [name, prop] of next.props) {
      const old = prev.props.get(name);
      prev.props.set(name, { before: old ? old.before : prop.before, after: prop.after });
    }
  }
  return entry;
}

/**
 * Keeps only what an entry really changed: no type (it never changes), no
 * properties of an object that did not exist before (undoing deletes it), no
 * value that came back to where it was. Null when nothing is left.
 */
function normalize(entry: ReadonlyMap<string, ObjectChange>): Entry | null {
  const out: Entry = new Map();
  for (const [id, change] of entry) {
    const props = new Map<string, PropertyChange>();
    if (change.existedBefore)
      for (const [name, prop] of change.props)
        if (name !== "type" && !jsonEqual(prop.before, prop.after)) props.set(name, prop);
    if (change.aliveBefore === change.aliveAfter && props.size === 0) continue;
    out.set(id, { ...change, props });
  }
  return out.size ? out : null;
}

function touches(entry: Entry): Touches {
  return new Map(
    [...entry].map(([id, change]) => [id, { existence: change.aliveBefore !== change.aliveAfter, props: [...change.props.keys()] }]),
  );
}
