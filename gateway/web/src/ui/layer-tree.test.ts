import { describe, expect, it } from "vitest";
import { rowWindow, scrollToRow } from "./layer-tree";

describe("rowWindow", () => {
  it("draws the rows in view and the overscan, never past either end", () => {
    expect(rowWindow(0, 280, 10_000, 28, 10)).toEqual({ start: 0, end: 20 });
    expect(rowWindow(28 * 5000, 280, 10_000, 28, 10)).toEqual({ start: 4990, end: 5020 });
    expect(rowWindow(28 * 9990, 280, 10_000, 28, 10)).toEqual({ start: 9980, end: 10_000 });
    expect(rowWindow(0, 280, 3, 28, 10)).toEqual({ start: 0, end: 3 });
    expect(rowWindow(0, 280, 0, 28, 10)).toEqual({ start: 0, end: 0 });
  });

  it("covers a row cut by either edge of the view", () => {
    const { start, end } = rowWindow(28 * 100 + 14, 280, 10_000, 28, 0);
    expect([start, end]).toEqual([100, 111]);
  });

  it("keeps a few hundred rows at most however long the list", () => {
    const { start, end } = rowWindow(28 * 50_000, 1200, 100_000);
    expect(end - start).toBeLessThan(200);
  });
});

describe("scrollToRow", () => {
  it("scrolls a row above or below the view just into it, and leaves one in view alone", () => {
    expect(scrollToRow(5, 280, 280, 28)).toBe(140);
    expect(scrollToRow(30, 0, 280, 28)).toBe(31 * 28 - 280);
    expect(scrollToRow(3, 0, 280, 28)).toBeNull();
  });
});
