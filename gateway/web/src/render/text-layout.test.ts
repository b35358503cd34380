import { describe, expect, it } from "vitest";
import { placeText, TextLayouts } from "./text-layout";

// Every character 10 units wide, whatever the font: easy to reason about.
function layouts() {
  const measured: string[] = [];
  const l = new TextLayouts((text) => {
    measured.push(text);
    return text.length * 10;
  });
  return { l, measured };
}

const text = (t: string, width: number, extra = {}) => ({ id: "t", type: "text" as const, text: t, width, fontSize: 20, ...extra });

describe("text layout", () => {
  it("wraps at spaces to the box's width, dropping the spaces at the break", () => {
    const { l } = layouts();
    const lines = l.layout(text("aaa bbb ccc", 75)).lines;
    expect(lines.map((x) => x.text)).toEqual(["aaa bbb", "ccc"]);
    expect(lines.map((x) => x.width)).toEqual([70, 30]);
    expect(lines.map((x) => x.wrapped)).toEqual([true, false]);
  });

  it("keeps newlines and breaks a word longer than the box between characters", () => {
    const { l } = layouts();
    expect(l.layout(text("ab\nabcdefgh", 30)).lines.map((x) => x.text)).toEqual(["ab", "abc", "def", "gh"]);
  });

  it("does not wrap a box without width", () => {
    const { l } = layouts();
    expect(l.layout(text("aaa bbb ccc", 0)).lines.map((x) => x.text)).toEqual(["aaa bbb ccc"]);
  });

  it("counts letter spacing after every character", () => {
    const { l } = layouts();
    // "ab cd" is 50 wide plus 5 characters of spacing 4: 70 > 60, so it wraps.
    expect(l.layout(text("ab cd", 60, { letterSpacing: 4 })).lines.map((x) => x.text)).toEqual(["ab", "cd"]);
    expect(l.layout(text("ab cd", 60)).lines.map((x) => x.text)).toEqual(["ab cd"]);
  });

  it("measures once: the layout and each word are cached", () => {
    const { l, measured } = layouts();
    const a = l.layout(text("one two one", 1000));
    const count = measured.length;
    expect(measured.filter((w) => w === "one")).toHaveLength(1);
    expect(l.layout(text("one two one", 1000))).toBe(a);
    expect(measured).toHaveLength(count);
    // A different width lays out again, but finds the words' widths cached.
    l.layout(text("one two one", 45));
    expect(measured).toHaveLength(count);
    expect(l.cached(text("one two one", 45))).toBeDefined();
    expect(l.cached(text("one two one", 46))).toBeUndefined();
  });

  it("gives line height as a multiple of the font size", () => {
    const { l } = layouts();
    expect(l.layout(text("x", 10, { lineHeight: 1.5 })).lineHeight).toBe(30);
    expect(l.layout(text("", 10)).lines).toEqual([]);
  });

  it("places lines by alignment, and spreads a wrapped justified line over its gaps", () => {
    const { l } = layouts();
    // Lines "aaa bbb" (70) and "ccc" (30) in a box 100 wide, 24 between baselines.
    const box = (t: string, align: string) => text(t, 75, { textAlign: align });
    expect(placeText(l, box("aaa bbb ccc", "left")).runs).toEqual([
      { text: "aaa bbb", x: 0, y: 12 },
      { text: "ccc", x: 0, y: 36 },
    ]);
    expect(placeText(l, box("aaa bbb ccc", "center")).runs.map((r) => r.x)).toEqual([2.5, 22.5]);
    expect(placeText(l, box("aaa bbb ccc", "right")).runs.map((r) => r.x)).toEqual([5, 45]);
    // Justified: the wrapped line's two words span the box (the gap grows by 5); the last line stays left.
    expect(placeText(l, box("aaa bbb ccc", "justify")).runs).toEqual([
      { text: "aaa", x: 0, y: 12 },
      { text: "bbb", x: 45, y: 12 },
      { text: "ccc", x: 0, y: 36 },
    ]);
  });
});
