import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareText } from "./json";
import { compareSiblings, keyBetween, keysBetween } from "./order";
import { isFractionalIndex } from "./schema";

const between = (a: string | null, b: string | null, k: string) =>
  (a === null || compareText(a, k) < 0) && (b === null || compareText(k, b) < 0);

describe("fractional indexes", () => {
  it("start at a0 and go either way", () => {
    expect(keyBetween(null, null)).toBe("a0");
    expect(compareText(keyBetween(null, "a0"), "a0")).toBe(-1);
    expect(compareText(keyBetween("a0", null), "a0")).toBe(1);
  });

  it("fit between keys other writers made, which the package refuses", () => {
    for (const [a, b] of [["1", "2"], ["abc0", null], [null, "00"], ["zz", "zz1"], ["A", "a"]] as const) {
      const k = keyBetween(a, b);
      expect(isFractionalIndex(k)).toBe(true);
      expect(between(a, b, k), `${a} < ${k} < ${b}`).toBe(true);
    }
  });

  it("refuse what has no key between it", () => {
    expect(() => keyBetween("a0", "a0")).toThrow();
    expect(() => keyBetween(null, "0")).toThrow();
  });

  it("always land strictly between valid neighbours, as letters and digits", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 30 }), (picks) => {
        const keys = [keyBetween(null, null)];
        for (const p of picks) {
          const i = p % (keys.length + 1);
          const k = keyBetween(keys[i - 1] ?? null, keys[i] ?? null);
          expect(isFractionalIndex(k)).toBe(true);
          keys.splice(i, 0, k);
        }
        expect([...keys].sort(compareText)).toEqual(keys);
      }),
    );
  });

  it("make n ordered keys at once", () => {
    const keys = keysBetween("a0", "a1", 5);
    expect(keys).toHaveLength(5);
    expect([...keys].sort(compareText)).toEqual(keys);
    expect(keys.every((k) => between("a0", "a1", k))).toBe(true);
    const odd = keysBetween("1", null, 3);
    expect(odd.every((k) => between("1", null, k) && isFractionalIndex(k))).toBe(true);
  });

  it("order siblings by index, unplaced first, ties by id", () => {
    const sorted = [
      { id: "b", index: "a1" },
      { id: "z", index: null },
      { id: "a", index: "a1" },
      { id: "c", index: "a0" },
    ].sort(compareSiblings);
    expect(sorted.map((s) => s.id)).toEqual(["z", "c", "a", "b"]);
  });
});
