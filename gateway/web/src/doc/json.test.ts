import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareJson, compareText, isJson, jsonEqual, type Json } from "./json";

describe("compareJson", () => {
  it("orders kinds as the extension does: null, boolean, number, string, array, object", () => {
    const ladder: Json[] = [null, false, true, -1, 2.5, "", "a", [], [1], {}, { a: 1 }];
    for (let i = 0; i + 1 < ladder.length; i++) expect(compareJson(ladder[i]!, ladder[i + 1]!)).toBe(-1);
  });

  it("compares strings by code point (UTF-8 byte order), not by UTF-16 unit", () => {
    // U+FFFD is one UTF-16 unit above the surrogates that spell U+1F600.
    expect(compareText("\uFFFD", "😀")).toBe(-1);
    expect("\uFFFD" < "😀").toBe(false); // what a naive comparison would say
    expect(compareText("ab", "abc")).toBe(-1);
    expect(compareText("b", "abc")).toBe(1);
  });

  it("compares objects member by member in key order, whatever the order they were written in", () => {
    expect(compareJson({ b: 1, a: 2 }, { a: 2, b: 1 })).toBe(0);
    expect(compareJson({ a: 1 }, { b: 0 })).toBe(-1);
    expect(compareJson({ a: 1, b: 1 }, { a: 1 })).toBe(1);
  });

  it("is a total order on random values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), fc.jsonValue(), (a, b, c) => {
        const [x, y, z] = [a, b, c] as Json[];
        expect(compareJson(x!, y!)).toBe(-compareJson(y!, x!) || 0);
        if (compareJson(x!, y!) <= 0 && compareJson(y!, z!) <= 0) expect(compareJson(x!, z!)).toBeLessThanOrEqual(0);
        expect(jsonEqual(x!, JSON.parse(JSON.stringify(x)))).toBe(true);
      }),
    );
  });
});

describe("isJson", () => {
  it("accepts parsed JSON and refuses what JSON cannot carry", () => {
    expect(isJson(JSON.parse('{"a": [1, "x", null, {"__proto__": true}]}'))).toBe(true);
    expect(isJson(Number.NaN)).toBe(false);
    expect(isJson(undefined)).toBe(false);
    expect(isJson({ d: new Date() })).toBe(false);
  });
});
