// Timers and Date under the test's control in every test of the file that calls it.
import { afterEach, beforeEach, vi } from "vitest";

export function useFakeTimers(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
