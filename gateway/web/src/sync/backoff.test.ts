import { describe, expect, it } from "vitest";
import { reconnectDelay } from "./backoff";

describe("reconnectDelay", () => {
  it("doubles from 1 s and stops at 5 s while the tab is visible", () => {
    const nominal = [1, 2, 3, 4, 5, 10].map((a) => reconnectDelay(a, 0.9999));
    expect(nominal).toEqual([1000, 2000, 4000, 5000, 5000, 5000]);
  });

  it("jitters below the nominal delay, never past the cap", () => {
    expect(reconnectDelay(1, 0)).toBe(750);
    expect(reconnectDelay(9, 0)).toBe(3750);
    for (let i = 0; i < 100; i++) expect(reconnectDelay(50, Math.random())).toBeLessThanOrEqual(5000);
  });

  it("waits up to 30 s for a hidden tab", () => {
    expect(reconnectDelay(10, 0.999999, false)).toBe(30000);
    expect(reconnectDelay(1, 0.9999, false)).toBe(1000);
  });
});
