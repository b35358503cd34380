// The file's order as this client has seen it. Every applied op has a seq;
// the ones up to `seq` are all known. Others' ops come in `operation`
// messages; this client's own come back in its acks (the gateway does not
// relay a sender's own ops to it), so both count. A message that starts
// past a hole is held until the hole is filled (by an ack, or by catch-up).
import type { LoggedOp } from "../doc/op";

export interface OperationBatch {
  fromSeq: number;
  toSeq: number;
  operations: LoggedOp[];
}

export class SeqTracker {
  private known = 0;
  private readonly own = new Set<number>();
  private held: OperationBatch[] = [];

  /** Every op up to this seq is known. */
  get seq(): number {
    return this.known;
  }

  /**
   * Whether ops are missing before ones this client knows of: a message held
   * for want of them, or an ack of its own past them (after a reconnect, the
   * ops committed between the sync document and its own may reach it by
   * catch-up only).
   */
  get hasGap(): boolean {
    return this.held.length > 0 || this.own.size > 0;
  }

  /** A fresh start from a sync document at seq. */
  reset(seq: number): void {
    this.known = seq;
    this.own.clear();
    this.held = [];
  }

  /** This client's op got seq (an ack); returns the ops that can now be applied, in order. */
  noteOwn(seq: number): LoggedOp[] {
    if (seq > this.known) this.own.add(seq);
    return this.drain();
  }

  /** A batch from the gateway; returns the ops that can now be applied, in order, each once. */
  offer(batch: OperationBatch): LoggedOp[] {
    if (batch.toSeq > this.known) this.held.push(batch);
    return this.drain();
  }

  private drain(): LoggedOp[] {
    const out: LoggedOp[] = [];
    for (let progress = true; progress; ) {
      progress = false;
      while (this.own.delete(this.known + 1)) {
        this.known++;
        progress = true;
      }
      this.held.sort((a, b) => a.fromSeq - b.fromSeq);
      const next = this.held[0];
      if (next && next.fromSeq <= this.known + 1) {
        this.held.shift();
        for (const op of next.operations) if (op.seq > this.known) out.push(op);
        this.known = Math.max(this.known, next.toSeq);
        for (const s of this.own) if (s <= this.known) this.own.delete(s);
        progress = true;
      }
      this.held = this.held.filter((b) => b.toSeq > this.known);
    }
    return out;
  }
}
