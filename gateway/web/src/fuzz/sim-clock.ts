// Virtual time for a fuzz run: the sync clients' timers and the network's
// deliveries are events on one queue, run in time order (ties in the order
// they were scheduled), so a run takes no real time and replays exactly.
import type { Timers } from "../sync/sync-client";

interface SimEvent {
  at: number;
  order: number;
  run: () => void;
  cancelled: boolean;
}

export class SimClock {
  now: number;
  private queue: SimEvent[] = [];
  private counter = 0;

  constructor(start: number) {
    this.now = start;
  }

  /** Runs fn after ms of virtual time; the handle cancels it. */
  schedule(ms: number, run: () => void): SimEvent {
    const event: SimEvent = { at: this.now + Math.max(0, ms), order: this.counter++, run, cancelled: false };
    // Kept sorted: insert after every event due at or before it.
    let i = this.queue.length;
    while (i > 0 && this.queue[i - 1]!.at > event.at) i--;
    this.queue.splice(i, 0, event);
    return event;
  }

  cancel(event: SimEvent): void {
    event.cancelled = true;
  }

  /** Runs every event due up to now + ms, in order, then sets the clock there. */
  advance(ms: number): void {
    const until = this.now + ms;
    for (;;) {
      const next = this.queue[0];
      if (!next || next.at > until) break;
      this.queue.shift();
      if (next.cancelled) continue;
      this.now = next.at;
      next.run();
    }
    this.now = until;
  }

  /** The SyncClient's timers, on this clock. */
  timers(): Timers {
    return {
      now: () => this.now,
      setTimeout: (fn, ms) => this.schedule(ms, fn),
      clearTimeout: (handle) => this.cancel(handle as SimEvent),
    };
  }
}
