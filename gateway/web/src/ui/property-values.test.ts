import { describe, expect, it } from "vitest";
import { formatValue, MIXED, sharedValue } from "./property-values";

describe("property values", () => {
  const values: Record<string, number> = { a: 10, b: 10, c: 12.3456 };
  it("shows a value all selected objects share, Mixed otherwise", () => {
    expect(sharedValue(["a", "b"], (id) => values[id])).toBe(10);
    expect(sharedValue(["a", "c"], (id) => values[id])).toBe(MIXED);
    expect(sharedValue([], (id) => values[id])).toBeUndefined();
  });
  it("rounds numbers to two decimals", () => {
    expect(formatValue(12.3456)).toBe("12.35");
    expect(formatValue(MIXED)).toBe("Mixed");
    expect(formatValue(undefined)).toBe("");
  });
});
