import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Json } from "./json";
import { compareRegisters, wins, type Register } from "./register";

type RegisterMap = Map<string, Register>;

// The extension's merge of two register maps (registers.cpp, merge).
function merge(a: RegisterMap, b: RegisterMap): RegisterMap {
  const out = new Map(a);
  for (const [k, r] of b) if (wins(r, out.get(k))) out.set(k, r);
  return out;
}

function canonical(m: RegisterMap): string {
  return JSON.stringify([...m].sort(([a], [b]) => (a < b ? -1 : 1)));
}

// Few clocks and clients so that ties happen often.
const register = fc.record({
  v: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 3 }), fc.constantFrom("#f00", "#0f0"), fc.boolean()) as fc.Arbitrary<Json>,
  t: fc.integer({ min: 0, max: 3 }),
  c: fc.constantFrom("a", "b"),
});
const registerMap = fc
  .array(fc.tuple(fc.constantFrom("x", "y", "fill"), register), { maxLength: 4 })
  .map((entries) => new Map(entries));

describe("LWW registers", () => {
  it("order by clock, then client, then value", () => {
    expect(compareRegisters({ v: 1, t: 2, c: "a" }, { v: 9, t: 1, c: "z" })).toBe(1);
    expect(compareRegisters({ v: 1, t: 2, c: "a" }, { v: 0, t: 2, c: "b" })).toBe(-1);
    expect(compareRegisters({ v: "#0f0", t: 2, c: "a" }, { v: "#f00", t: 2, c: "a" })).toBe(-1);
    expect(compareRegisters({ v: null, t: 2, c: "a" }, { v: false, t: 2, c: "a" })).toBe(-1);
  });

  it("win only when strictly greater", () => {
    const r = { v: 1, t: 5, c: "a" };
    expect(wins(r, undefined)).toBe(true);
    expect(wins(r, { ...r })).toBe(false);
    expect(wins(r, { ...r, v: 0 })).toBe(true);
  });

  it("merge commutatively, associatively and idempotently", () => {
    fc.assert(
      fc.property(registerMap, registerMap, registerMap, (a, b, c) => {
        expect(canonical(merge(a, b))).toBe(canonical(merge(b, a)));
        expect(canonical(merge(merge(a, b), c))).toBe(canonical(merge(a, merge(b, c))));
        expect(canonical(merge(a, a))).toBe(canonical(a));
      }),
    );
  });
});
