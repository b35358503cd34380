import { describe, expect, it } from "vitest";
import { displayValue, FIELDS, fieldsFor, parseInput, scrubbed } from "./property-fields";

const field = (prop: string) => FIELDS.find((f) => f.prop === prop)!;

describe("property fields", () => {
  it("shows text fields only when every selected object is a text, corner radius only where it draws", () => {
    const props = (types: string[]) => fieldsFor(types).map((f) => f.prop);
    expect(props(["text"])).toContain("textAlign");
    expect(props(["text", "rectangle"])).not.toContain("fontSize");
    expect(props(["rectangle"])).toContain("cornerRadius");
    expect(props(["ellipse"])).not.toContain("cornerRadius");
    expect(props(["ellipse"])).toEqual(expect.arrayContaining(["x", "y", "width", "height", "rotation", "fill", "stroke", "opacity"]));
    expect(props(["group"])).toEqual(["x", "y", "width", "height", "rotation", "opacity"]);
    expect(props(["text"])).not.toContain("stroke");
  });

  it("shows unset properties as what is drawn, opacity as a percentage, numbers to two decimals", () => {
    expect(displayValue(field("opacity"), undefined)).toBe("100");
    expect(displayValue(field("opacity"), 0.255)).toBe("25.5");
    expect(displayValue(field("x"), 12.3456)).toBe("12.35");
    expect(displayValue(field("stroke"), null)).toBe("none");
    expect(displayValue(field("fontFamily"), "serif")).toBe("serif");
  });

  it("reads what was typed, or names what is wrong with it", () => {
    expect(parseInput(field("x"), " 42 ")).toEqual({ ok: true, value: 42 });
    expect(parseInput(field("opacity"), "50")).toEqual({ ok: true, value: 0.5 });
    expect(parseInput(field("opacity"), "150")).toEqual({ ok: false, reason: "Opacity must be from 0 to 100" });
    expect(parseInput(field("x"), "")).toEqual({ ok: false, reason: "X must be a number" });
    expect(parseInput(field("x"), "12px")).toEqual({ ok: false, reason: "X must be a number" });
    expect(parseInput(field("width"), "-3")).toMatchObject({ ok: false, reason: expect.stringContaining("at least 0") });
    expect(parseInput(field("fill"), "#3366ff")).toEqual({ ok: true, value: "#3366ff" });
    expect(parseInput(field("fill"), "#33")).toMatchObject({ ok: false, reason: expect.stringContaining("colour") });
    expect(parseInput(field("text"), "two\nlines")).toEqual({ ok: true, value: "two\nlines" });
  });

  it("scrubs by the drag from each object's own start, within the field's range", () => {
    expect(scrubbed(field("x"), 10, 25, false)).toBe(35);
    expect(scrubbed(field("x"), 10, -3, true)).toBe(-20);
    expect(scrubbed(field("width"), 10, -50, false)).toBe(0);
    expect(scrubbed(field("opacity"), 0.5, 20, false)).toBe(0.7);
    expect(scrubbed(field("opacity"), 0.9, 30, false)).toBe(1);
    expect(scrubbed(field("fontSize"), 12, -40, false)).toBe(1);
  });
});
