import { describe, expect, it, vi } from "vitest";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { MIN_INTERVAL_MS, SETTLE_MS, ThumbnailSchedule } from "./thumbnail-schedule";

useFakeTimers();

const timers = { now: () => Date.now(), setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as number) };

/** A schedule whose uploads are counted, each ending when the test says (or at once). */
function schedule({ manual = false } = {}) {
  const uploads: { resolve: () => void; reject: () => void }[] = [];
  let count = 0;
  const s = new ThumbnailSchedule(() => {
    count++;
    if (!manual) return Promise.resolve();
    return new Promise<void>((resolve, reject) => uploads.push({ resolve, reject }));
  }, timers);
  return { s, uploads, count: () => count };
}

/** Lets timers and the promises they start run. */
async function after(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
}

describe("ThumbnailSchedule", () => {
  it("uploads 5 s after the last of a run of edits, once", async () => {
    const { s, count } = schedule();
    s.changed();
    await after(3_000);
    s.changed(); // the run goes on: the wait starts again
    await after(SETTLE_MS - 1);
    expect(count()).toBe(0);
    await after(1);
    expect(count()).toBe(1);
    expect(s.pending).toBe(false);
    await after(60_000);
    expect(count()).toBe(1); // nothing changed since
  });

  it("uploads at most once every 30 s while edits go on", async () => {
    const { s, count } = schedule();
    s.changed();
    await after(SETTLE_MS);
    expect(count()).toBe(1); // at 5 s
    s.changed();
    await after(SETTLE_MS);
    expect(count()).toBe(1); // 10 s: settled, but the last one started 5 s ago
    await after(MIN_INTERVAL_MS - SETTLE_MS - 1);
    expect(count()).toBe(1);
    await after(1);
    expect(count()).toBe(2); // 35 s: 30 s after the first
  });

  it("uploads at once when the user leaves with a change, and not without one", async () => {
    const { s, count } = schedule();
    await s.flush();
    expect(count()).toBe(0);
    s.changed();
    await s.flush();
    expect(count()).toBe(1);
    s.stop();
    await after(60_000);
    expect(count()).toBe(1); // the flush took the scheduled one's place
  });

  it("a change made while uploading is uploaded after it, and leaving then waits for both", async () => {
    const { s, uploads, count } = schedule({ manual: true });
    s.changed();
    await after(SETTLE_MS);
    expect(count()).toBe(1);
    s.changed();
    expect(s.pending).toBe(true);
    const left = s.flush();
    uploads[0]!.resolve();
    await after(0);
    expect(count()).toBe(2); // the flush sends the newer change at once
    uploads[1]!.resolve();
    await left;
    expect(s.pending).toBe(false);
    await after(60_000);
    expect(count()).toBe(2); // and no timer sends it a third time
  });

  it("a failed upload keeps the change pending until the next edit or leaving, without retrying by itself", async () => {
    const { s, uploads, count } = schedule({ manual: true });
    s.changed();
    await after(SETTLE_MS);
    uploads[0]!.reject();
    await after(0);
    expect(s.pending).toBe(true);
    await after(120_000);
    expect(count()).toBe(1);
    s.changed();
    await after(SETTLE_MS);
    expect(count()).toBe(2);
    uploads[1]!.reject();
    await after(0);
    const left = s.flush();
    await after(0);
    expect(count()).toBe(3);
    uploads[2]!.resolve();
    await left;
    expect(s.pending).toBe(false);
  });

  it("schedules nothing once stopped", async () => {
    const { s, count } = schedule();
    s.stop();
    s.changed();
    await after(60_000);
    expect(count()).toBe(0);
  });
});
