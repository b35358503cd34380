import { describe, expect, it } from "vitest";
import type { LoggedOp } from "../doc/op";
import { SeqTracker } from "./seq-tracker";

const op = (seq: number): LoggedOp => ({ seq, operationType: "delete", objectId: `o${seq}`, timestamp: seq, clientId: "c" });
const batch = (from: number, to: number) => ({ fromSeq: from, toSeq: to, operations: Array.from({ length: to - from + 1 }, (_, i) => op(from + i)) });
const seqs = (ops: LoggedOp[]) => ops.map((o) => o.seq);

describe("SeqTracker", () => {
  it("passes batches that follow on, in order", () => {
    const t = new SeqTracker();
    t.reset(10);
    expect(seqs(t.offer(batch(11, 12)))).toEqual([11, 12]);
    expect(seqs(t.offer(batch(13, 13)))).toEqual([13]);
    expect(t.seq).toBe(13);
    expect(t.hasGap).toBe(false);
  });

  it("holds a batch past a hole until catch-up fills it", () => {
    const t = new SeqTracker();
    t.reset(10);
    expect(t.offer(batch(14, 15))).toEqual([]);
    expect(t.hasGap).toBe(true);
    expect(t.seq).toBe(10);
    // The catch-up answer covers 11..15; 14 and 15 come only once.
    expect(seqs(t.offer(batch(11, 15)))).toEqual([11, 12, 13, 14, 15]);
    expect(t.hasGap).toBe(false);
  });

  it("counts its own acknowledged ops, which the gateway does not relay to their sender", () => {
    const t = new SeqTracker();
    t.reset(10);
    expect(t.noteOwn(11)).toEqual([]);
    expect(seqs(t.offer(batch(12, 12)))).toEqual([12]);
    // An ack arriving after the next batch fills its hole too.
    expect(t.offer(batch(14, 14))).toEqual([]);
    expect(seqs(t.noteOwn(13))).toEqual([14]);
    expect(t.seq).toBe(14);
  });

  it("has a gap when its own ack comes past ops it never got (nothing else need ever come to show it)", () => {
    const t = new SeqTracker();
    t.reset(450); // a sync document read before others' ops 451..456 were committed
    expect(t.noteOwn(457)).toEqual([]);
    expect(t.seq).toBe(450);
    expect(t.hasGap).toBe(true);
    expect(seqs(t.offer(batch(451, 456)))).toEqual([451, 452, 453, 454, 455, 456]);
    expect(t.seq).toBe(457);
    expect(t.hasGap).toBe(false);
  });

  it("drops what it already has, and empty catch-up answers", () => {
    const t = new SeqTracker();
    t.reset(10);
    t.offer(batch(11, 12));
    expect(t.offer(batch(11, 12))).toEqual([]);
    expect(t.offer({ fromSeq: 13, toSeq: 12, operations: [] })).toEqual([]);
    expect(t.hasGap).toBe(false);
  });

  it("forgets everything on a new sync", () => {
    const t = new SeqTracker();
    t.reset(10);
    t.offer(batch(20, 21));
    t.reset(30);
    expect(t.hasGap).toBe(false);
    expect(seqs(t.offer(batch(31, 31)))).toEqual([31]);
  });
});
