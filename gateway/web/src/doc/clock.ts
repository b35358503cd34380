// The hybrid logical clock that stamps this client's ops: wall-clock
// milliseconds, never decreasing, and pushed past every stamp seen, so that
// an edit made after seeing another is newer than it whatever the clocks say.
export class HybridClock {
  private last = 0;

  constructor(private readonly wallClock: () => number = Date.now) {}

  /** Takes note of a stamp written elsewhere. */
  observe(t: number): void {
    if (Number.isFinite(t) && t > this.last) this.last = t;
  }

  /** A stamp greater than every stamp issued or observed so far. */
  next(): number {
    this.last = Math.max(Math.floor(this.wallClock()), this.last + 1);
    return this.last;
  }

  /** The greatest stamp issued or observed. */
  latest(): number {
    return this.last;
  }
}
