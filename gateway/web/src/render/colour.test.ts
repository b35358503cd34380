import { describe, expect, it } from "vitest";
import { isPainted, parseColour, textColourOn } from "./colour";

describe("colours", () => {
  it("reads every form the server accepts", () => {
    expect(parseColour("#f80")).toEqual({ r: 255, g: 136, b: 0, a: 1 });
    expect(parseColour("#ff880080")).toEqual({ r: 255, g: 136, b: 0, a: 128 / 255 });
    expect(parseColour("#FF8800")).toEqual({ r: 255, g: 136, b: 0, a: 1 });
    expect(parseColour("rgb(10, 20, 30)")).toEqual({ r: 10, g: 20, b: 30, a: 1 });
    expect(parseColour("rgba(10,20,30,0.5)")).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expect(parseColour("rgb(10 20 30 / 50%)")).toEqual({ r: 10, g: 20, b: 30, a: 0.5 });
    expect(parseColour("hsl(120, 100%, 50%)")).toEqual({ r: 0, g: 255, b: 0, a: 1 });
    expect(parseColour("hsla(240, 100%, 50%, 0.25)")).toEqual({ r: 0, g: 0, b: 255, a: 0.25 });
  });

  it("paints nothing for none, transparent, a zero alpha or garbage", () => {
    for (const c of ["none", "transparent", "#0000", "rgba(1,2,3,0)", "#12", "rgb(1,2)", "red; background: url(x)"]) {
      expect(isPainted(c)).toBe(false);
    }
    expect(isPainted(undefined)).toBe(false);
    expect(isPainted("#000")).toBe(true);
  });

  it("labels a light colour in black and a dark one in white", () => {
    expect(textColourOn("#ffeb3b")).toBe("#000000");
    expect(textColourOn("#1e3a8a")).toBe("#ffffff");
  });
});
