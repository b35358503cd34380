// When the editor refreshes the file's thumbnail: once edits settle (5 s
// after the last one), at most once every 30 s, and when the user leaves the
// file with a change not yet in a thumbnail. A failed upload leaves the
// change pending: the next edit, or leaving, tries again (not a timer of its
// own, which would retry a refused upload for ever).
import type { Timers } from "../sync/sync-client";

export const SETTLE_MS = 5_000;
export const MIN_INTERVAL_MS = 30_000;

export class ThumbnailSchedule {
  private dirty = false;
  private changedWhileRunning = false;
  private running: Promise<void> | null = null;
  private timer: unknown = null;
  private lastStart = -Infinity;
  private stopped = false;

  /** upload renders and sends the thumbnail, and rejects when that failed. */
  constructor(
    private readonly upload: () => Promise<void>,
    private readonly timers: Timers,
  ) {}

  /** Whether a change is not in a thumbnail yet. */
  get pending(): boolean {
    return this.dirty;
  }

  /** The file changed. */
  changed(): void {
    if (this.stopped) return;
    this.dirty = true;
    if (this.running) this.changedWhileRunning = true;
    else this.schedule();
  }

  /** The user leaves the file: a pending change goes now, whatever the interval. */
  async flush(): Promise<void> {
    this.clearTimer();
    if (this.running) await this.running;
    this.clearTimer(); // what the run that ended scheduled: it goes now
    if (this.dirty) await this.run();
  }

  /** No uploads are scheduled from now on (one running, or a flush, goes on). */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private schedule(): void {
    this.clearTimer();
    const now = this.timers.now();
    const at = Math.max(now + SETTLE_MS, this.lastStart + MIN_INTERVAL_MS);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, at - now);
  }

  private run(): Promise<void> {
    this.dirty = false;
    this.lastStart = this.timers.now();
    const running = this.upload()
      .catch(() => {
        this.dirty = true;
      })
      .finally(() => {
        this.running = null;
        if (this.changedWhileRunning && !this.stopped) this.schedule();
        this.changedWhileRunning = false;
      });
    this.running = running;
    return running;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}
