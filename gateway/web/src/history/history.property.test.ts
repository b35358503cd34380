// Undo and redo over random multiplayer histories: local edits, other
// people's edits with clocks ahead and behind, acks in any order, relays of
// our own ops, duplicates. Checked: n undos then n redos restore what was
// shown; an undo changes only what our edits changed; and once everything is
// delivered the client shows exactly the server's document.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { JsonObject } from "../doc/json";
import { keyBetween } from "../doc/order";
import { isContainerType } from "../doc/schema";
import { diff, ReplicaHarness } from "../../tests/support/replica-harness";

const action = fc.record({
  kind: fc.nat({ max: 13 }),
  pick: fc.nat({ max: 1000 }),
  skew: fc.integer({ min: -40, max: 40 }),
  tick: fc.nat({ max: 6 }),
});

function live(h: ReplicaHarness): string[] {
  return h.doc.objects().map((o) => o.id);
}

function localEdit(h: ReplicaHarness, kind: number, pick: number): void {
  const ids = live(h);
  const target = ids[pick % Math.max(1, ids.length)];
  const containers = ids.filter((id) => isContainerType(h.doc.value(id, "type")));
  const parent = containers[pick % (containers.length + 1)] ?? null;
  const last = h.doc.children(parent).at(-1);
  const after = last ? (h.doc.value(last, "index") as string | null) : null;
  switch (kind % 5) {
    case 0:
      h.edit((c) => c.create(`m${h.wall}-${pick}`, { type: ["rectangle", "frame", "group"][pick % 3]!, x: pick % 7, fill: "#111", parentId: parent, index: keyBetween(after, null) }));
      break;
    case 1:
      if (target) h.edit((c) => c.update(target, pick % 2 ? { x: pick % 5 } : { fill: pick % 4 ? "#f00" : "#fff", x: pick % 3 }));
      break;
    case 2:
      if (target) h.edit((c) => c.delete(target));
      break;
    case 3:
      if (target && target !== parent) h.edit((c) => c.move(target, parent, keyBetween(after === h.doc.value(target, "index") ? null : after, null)));
      break;
    case 4:
      // A gesture: several edits, one undo entry.
      if (target) {
        h.history.begin();
        h.edit((c) => c.update(target, { x: pick % 11 }));
        h.edit((c) => c.update(target, { x: (pick + 1) % 11, fill: "#0f0" }));
        if (pick % 3 === 0) h.edit((c) => c.delete(target)); // changed, then deleted: undo brings both back
        h.history.end();
      }
      break;
  }
}

function play(h: ReplicaHarness, actions: { kind: number; pick: number; skew: number; tick: number }[]): void {
  for (const a of actions) {
    h.wall += a.tick;
    if (a.kind <= 4) localEdit(h, a.kind, a.pick);
    else if (a.kind <= 6) h.remote(a.pick % 7, a.pick, a.skew);
    else if (a.kind === 7) h.sendOne(a.pick % 3 === 0);
    else if (a.kind <= 9) h.deliverOne();
    else if (a.kind === 10) h.resend(a.pick);
    else if (a.kind === 11) h.undo();
    else if (a.kind === 12) h.redo();
    else h.remote(a.pick, a.pick >> 2, a.skew);
  }
}

const seed: JsonObject[] = [
  { id: "F", type: "frame", x: 0 },
  { id: "R", type: "rectangle", x: 1, parentId: "F", index: "a0" },
];

describe("History over random multiplayer sessions", () => {
  it("n undos then n redos restore what was shown, and each undo touches only what we changed", () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), fc.nat({ max: 12 }), (actions, n) => {
        const h = new ReplicaHarness(seed);
        play(h, actions);
        const before = h.visibleState();
        const shownBefore = h.doc.objects();
        let undone = 0;
        for (let i = 0; i < n; i++) {
          const pre = h.visibleState();
          if (!h.undo()) break;
          undone++;
          for (const changed of diff(pre, h.visibleState())) expect(h.ours.has(changed), changed).toBe(true);
        }
        for (let i = 0; i < undone; i++) expect(h.redo()).toBe(true);
        expect(diff(before, h.visibleState())).toEqual([]);
        expect(h.doc.objects()).toEqual(shownBefore);
      }),
      { numRuns: 300 },
    );
  });

  it("without other writers, k undos go back exactly k edits, whatever acks and duplicates come between", () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 60 }), fc.nat({ max: 15 }), (actions, k) => {
        const h = new ReplicaHarness(seed);
        const states = [h.visibleState(true)]; // after each edit that changed something
        for (const a of actions) {
          h.wall += a.tick;
          if (a.kind <= 4) {
            const entries = h.history.canUndo;
            const pre = h.visibleState(true);
            localEdit(h, a.kind, a.pick);
            if (diff(pre, h.visibleState(true)).length) states.push(h.visibleState(true));
            else expect(h.history.canUndo).toBe(entries);
          } else if (a.kind <= 7) h.sendOne(a.pick % 2 === 0);
          else if (a.kind <= 10) h.deliverOne();
          else h.resend(a.pick);
        }
        const steps = Math.min(k, states.length - 1);
        for (let i = 1; i <= steps; i++) {
          expect(h.undo()).toBe(true);
          expect(diff(states[states.length - 1 - i]!, h.visibleState(true))).toEqual([]);
        }
        for (let i = steps - 1; i >= 0; i--) {
          expect(h.redo()).toBe(true);
          expect(diff(states[states.length - 1 - i]!, h.visibleState(true))).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("converges on the server's document once everything is delivered, undos and redos included", () => {
    fc.assert(
      fc.property(fc.array(action, { maxLength: 80 }), (actions) => {
        const h = new ReplicaHarness(seed);
        play(h, actions);
        h.settle();
        expect(h.doc.pendingOps()).toEqual([]);
        expect(h.doc.objects()).toEqual(h.server.document());
      }),
      { numRuns: 300 },
    );
  });
});
