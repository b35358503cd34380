// Restoring a document (a version, or the file at an earlier seq) as ONE
// local change: the ops that turn what this client shows into the target,
// written into a LocalChange. Going through the editor's normal change path
// is what makes a restore like any other edit: the sync client sends it (so
// everyone in the file sees it live), and undo takes it back in one step,
// leaving alone what others changed since.
import { LocalEditError, type Document, type DocumentObject } from "../doc/document";
import { jsonEqual, type Json, type JsonObject } from "../doc/json";
import type { LocalChange } from "../doc/local-change";
import { succeeds } from "../history/history";

// Written by the placement step (where cycles are checked), and never changed.
const SKIPPED = new Set(["id", "type", "parentId", "index"]);

/** The properties an object shows now (set ones only). */
function shownProperties(doc: Document, id: string): string[] {
  const state = doc.get(id);
  if (!state) return [];
  const names: string[] = [];
  for (const [name, register] of state.registers) if (register.v !== null) names.push(name);
  return names;
}

function text(value: Json | undefined): string | null {
  return typeof value === "string" ? value : null;
}

/**
 * Writes into c what brings doc to target: objects the target has come back
 * (or are made), their properties and places are set to the target's, and
 * what the target does not have is deleted. Nothing is written for what
 * already matches, so restoring the current state is no change at all.
 */
export function writeRestore(doc: Document, c: LocalChange, target: readonly DocumentObject[]): void {
  const wanted = new Map(target.map((o) => [o.id, o]));
  // Bring objects back first (their children and properties need them alive).
  for (const o of target) {
    if (doc.isAlive(o.id)) continue;
    if (doc.get(o.id) === undefined) {
      const props: JsonObject = {};
      for (const [name, value] of Object.entries(o)) if (!SKIPPED.has(name)) props[name] = value;
      c.create(o.id, { ...props, type: o.type });
    } else {
      c.create(o.id, { type: o.type });
    }
  }
  // Then properties: the target's values, and unset what it does not have.
  for (const o of target) {
    const props: JsonObject = {};
    for (const name of new Set([...Object.keys(o), ...shownProperties(doc, o.id)])) {
      if (SKIPPED.has(name)) continue;
      const value = o[name] ?? null;
      if (!jsonEqual(doc.value(o.id, name), value)) props[name] = value;
    }
    c.update(o.id, props);
  }
  // Then places. One can wait on another (two groups swapped, each inside the
  // other in turn, pass through a cycle in one order and not in the other):
  // retry while any succeeds.
  let placements = target.filter(
    (o) => !jsonEqual(doc.value(o.id, "parentId"), o.parentId ?? null) || !jsonEqual(doc.value(o.id, "index"), o.index ?? null),
  );
  while (placements.length) {
    const failed = placements.filter((o) => !succeeds(() => c.move(o.id, text(o.parentId), text(o.index))));
    if (failed.length === placements.length) {
      throw new LocalEditError(`the version cannot be restored: object "${failed[0]!.id}" cannot be put back in its place`);
    }
    placements = failed;
  }
  // Delete last (a deleted object takes no updates).
  for (const id of [...doc.ids()]) if (!wanted.has(id) && doc.isAlive(id)) c.delete(id);
}
