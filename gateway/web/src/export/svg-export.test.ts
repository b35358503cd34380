import { describe, expect, it } from "vitest";
import type { SceneObject } from "../render/scene-object";
import { TextLayouts } from "../render/text-layout";
import { exportTarget, sceneOf } from "./export-target";
import { exportSvg, type SvgExportOptions } from "./svg-export";

// Every character 8 units wide, whatever the font: wrapping is easy to follow.
const layouts = () => new TextLayouts((text) => [...text].length * 8);

function svgOf(objects: SceneObject[], selection: string[] = [], options: Partial<SvgExportOptions> = {}): string {
  const target = exportTarget(sceneOf(objects), selection);
  if (!target) throw new Error("nothing to export");
  return exportSvg(target, { layouts: layouts(), ...options });
}

const HEAD = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"';
const svg = (size: string, ...body: string[]) => [`${HEAD} ${size}>`, ...body, "</svg>", ""].join("\n");

describe("SVG export", () => {
  it("a rectangle: its box as the view box (stroke included), colours normalised, rounded corners", () => {
    const out = svgOf([
      { id: "r", type: "rectangle", x: 10, y: 20, width: 100, height: 50, fill: "#FF0000", cornerRadius: 8, stroke: "rgba(0, 0, 255, 0.5)", strokeWidth: 2 },
    ]);
    expect(out).toBe(
      svg(
        'width="102" height="52" viewBox="9 19 102 52"',
        '  <rect width="100" height="50" rx="8" transform="translate(10 20)" fill="#ff0000" stroke="#0000ff" stroke-opacity="0.5" stroke-width="2"/>',
      ),
    );
  });

  it("a rotated ellipse: its world matrix, and its turned box as the view box; opacity on the fill", () => {
    const out = svgOf([{ id: "e", type: "ellipse", x: 0, y: 0, width: 100, height: 50, rotation: 90, fill: "#3e63dd", opacity: 0.5 }]);
    expect(out).toBe(
      svg(
        'width="50" height="100" viewBox="25 -25 50 100"',
        '  <ellipse cx="50" cy="25" rx="50" ry="25" transform="matrix(0 1 -1 0 75 -25)" fill="#3e63dd" fill-opacity="0.5"/>',
      ),
    );
  });

  it("text that wraps: a tspan per word where the canvas puts it, lines centred from the measured widths", () => {
    const out = svgOf([
      { id: "t", type: "text", x: 5, y: 5, width: 100, height: 60, text: "hello wide world", fontSize: 20, fontFamily: "Liberation Sans", textAlign: "center", letterSpacing: 1 },
    ]);
    // "hello wide world" is 16 * (8 + 1) = 144 > 100: "hello wide" (90) and "world" (45) on lines 24 apart.
    expect(out).toBe(
      svg(
        'width="100" height="60" viewBox="5 5 100 60"',
        '  <text transform="translate(5 5)" font-family="Liberation Sans" font-size="20" letter-spacing="1" fill="#000000" dominant-baseline="central" xml:space="preserve">' +
          '<tspan x="5" y="12">hello</tspan><tspan x="59" y="12">wide</tspan><tspan x="27.5" y="36">world</tspan></text>',
      ),
    );
  });

  it("text on the baseline the canvas measured, when there is a canvas to measure with", () => {
    const fonts: string[] = [];
    const out = svgOf([{ id: "t", type: "text", x: 0, y: 0, width: 100, height: 24, text: "Hi", fontSize: 20, fontFamily: "Liberation Sans" }], [], {
      baseline: (font) => (fonts.push(font), 5.5),
    });
    // The line's middle is at 12 (a line of 24); the baseline 5.5 below it; no dominant-baseline to move it again.
    expect(out).toContain('<text font-family="Liberation Sans" font-size="20" fill="#000000" xml:space="preserve"><tspan x="0" y="17.5">Hi</tspan></text>');
    expect(fonts).toEqual(["20px Liberation Sans"]);
  });

  it("a frame clips its children as on the canvas; the whole file takes in what is outside it", () => {
    const doc: SceneObject[] = [
      { id: "f", type: "frame", x: 10, y: 10, width: 100, height: 80, cornerRadius: 4, index: "a0" },
      { id: "c", type: "rectangle", parentId: "f", x: 50, y: 40, width: 100, height: 100, fill: "#00ff00" },
      { id: "o", type: "ellipse", x: 200, y: 0, width: 10, height: 10, index: "a1" },
    ];
    const clipped = [
      '  <clipPath id="clip-1"><rect width="100" height="80" rx="4" transform="translate(10 10)"/></clipPath>',
      '  <g clip-path="url(#clip-1)">',
      '    <rect width="100" height="100" transform="translate(60 50)" fill="#00ff00"/>',
      "  </g>",
    ];
    // The frame alone: its own box, the child cut to it.
    expect(svgOf(doc, ["f"])).toBe(svg('width="100" height="80" viewBox="10 10 100 80"', '  <rect width="100" height="80" rx="4" transform="translate(10 10)" fill="#ffffff"/>', ...clipped));
    // Nothing selected: the whole file, the default grey ellipse on top.
    expect(svgOf(doc)).toBe(
      svg(
        'width="200" height="90" viewBox="10 0 200 90"',
        '  <rect width="100" height="80" rx="4" transform="translate(10 10)" fill="#ffffff"/>',
        ...clipped,
        '  <ellipse cx="5" cy="5" rx="5" ry="5" transform="translate(200 0)" fill="#d9d9d9"/>',
      ),
    );
  });

  it("nested frames nest their clips; hidden objects are left out; ids are stable and can be prefixed", () => {
    const doc: SceneObject[] = [
      { id: "f", type: "frame", x: 0, y: 0, width: 100, height: 100, index: "a0" },
      { id: "g", type: "frame", parentId: "f", x: 10, y: 10, width: 50, height: 50, fill: "none", rotation: 45, index: "a0" },
      { id: "c", type: "rectangle", parentId: "g", x: 0, y: 0, width: 80, height: 20, index: "a0" },
      { id: "hidden", type: "rectangle", parentId: "f", x: 0, y: 90, width: 80, height: 20, index: "a1", visible: false },
      { id: "e", type: "rectangle", parentId: "f", x: 0, y: 90, width: 80, height: 20, index: "a2" },
    ];
    const turned = 'transform="matrix(0.707107 0.707107 -0.707107 0.707107 35 -0.355339)"';
    const expected = svg(
      'width="100" height="100" viewBox="0 0 100 100"',
      '  <rect width="100" height="100" fill="#ffffff"/>',
      '  <clipPath id="p-clip-1"><rect width="100" height="100"/></clipPath>',
      '  <g clip-path="url(#p-clip-1)">',
      `    <clipPath id="p-clip-2"><rect width="50" height="50" ${turned}/></clipPath>`,
      '    <g clip-path="url(#p-clip-2)">',
      `      <rect width="80" height="20" ${turned} fill="#d9d9d9"/>`,
      "    </g>",
      '    <rect width="80" height="20" transform="translate(0 90)" fill="#d9d9d9"/>',
      "  </g>",
    );
    expect(svgOf(doc, [], { idPrefix: "p-" })).toBe(expected);
    expect(svgOf(doc, [], { idPrefix: "p-" })).toBe(expected);
  });

  it("a group: its children with its rotation, its opacity multiplied into each (as the canvas does)", () => {
    const out = svgOf(
      [
        { id: "g", type: "group", x: 100, y: 100, rotation: 180, opacity: 0.5 },
        { id: "a", type: "rectangle", parentId: "g", x: 0, y: 0, width: 10, height: 10, index: "a0", fill: "#111" },
        { id: "b", type: "ellipse", parentId: "g", x: 20, y: 0, width: 10, height: 10, index: "a1", fill: "#222", opacity: 0.5 },
        { id: "not-selected", type: "rectangle", x: 0, y: 0, width: 10, height: 10 },
      ],
      ["g"],
    );
    expect(out).toBe(
      svg(
        'width="30" height="10" viewBox="70 90 30 10"',
        '  <rect width="10" height="10" transform="matrix(-1 0 0 -1 100 100)" fill="#111111" fill-opacity="0.5"/>',
        '  <ellipse cx="5" cy="5" rx="5" ry="5" transform="matrix(-1 0 0 -1 80 100)" fill="#222222" fill-opacity="0.25"/>',
      ),
    );
  });

  it("an image: embedded as its data: URI, stretched to its box; one without data is the canvas's placeholder", () => {
    const images = new Map([
      ["/api/files/x/images/abc", "data:image/png;base64,iVBORw0KGgo="],
      ["/api/files/x/images/bad", 'javascript:alert(1)" onload="x'],
    ]);
    const out = svgOf(
      [
        { id: "i", type: "image", x: 0, y: 0, width: 40, height: 30, src: "/api/files/x/images/abc", stroke: "#000", strokeWidth: 2, index: "a0" },
        { id: "j", type: "image", x: 50, y: 0, width: 40, height: 30, src: "/api/files/x/images/bad", index: "a1" },
      ],
      [],
      { images },
    );
    expect(out).toBe(
      svg(
        'width="91" height="32" viewBox="-1 -1 91 32"',
        '  <image width="40" height="30" preserveAspectRatio="none" xlink:href="data:image/png;base64,iVBORw0KGgo="/>',
        '  <rect width="40" height="30" fill="none" stroke="#000000" stroke-width="2"/>',
        '  <rect width="40" height="30" transform="translate(50 0)" fill="#e8e8e8"/>',
        '  <path d="M0 0L40 30M40 0L0 30" transform="translate(50 0)" fill="none" stroke="#b8b8b8" stroke-width="1"/>',
      ),
    );
  });

  it("hostile text, font and colour cannot make markup", () => {
    const out = svgOf([
      {
        id: "h",
        type: "text",
        x: 0,
        y: 0,
        width: 1000,
        height: 20,
        name: "</svg><script>",
        text: `</text><script>alert("x")</script> & \u0001'`,
        fontFamily: `"><script>alert(1)</script>`,
        index: "a0",
      },
      { id: "bad-fill", type: "rectangle", x: 10, y: 5, width: 10, height: 10, index: "a1", fill: `red" onload="alert(1)`, stroke: "#000" },
    ]);
    expect(out).toBe(
      svg(
        'width="1000" height="20" viewBox="0 0 1000 20"',
        '  <text font-family="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" font-size="16" fill="#000000" dominant-baseline="central" xml:space="preserve">' +
          "<tspan x=\"0\" y=\"9.6\">&lt;/text&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</tspan><tspan x=\"280\" y=\"9.6\">&amp;</tspan><tspan x=\"296\" y=\"9.6\">&#39;</tspan></text>",
        // An unreadable fill paints nothing, on the canvas as here; the stroke still shows.
        '  <rect width="10" height="10" transform="translate(10 5)" fill="none" stroke="#000000" stroke-width="1"/>',
      ),
    );
    // Every tag in it is one the exporter writes.
    const tags = new Set([...out.matchAll(/<\/?([a-zA-Z]+)/g)].map((m) => m[1]));
    expect([...tags].sort()).toEqual(["rect", "svg", "text", "tspan"]);
  });

  it("nothing to export when everything is hidden or empty", () => {
    const scene = sceneOf([
      { id: "g", type: "group" },
      { id: "r", type: "rectangle", width: 10, height: 10, visible: false },
    ]);
    expect(exportTarget(scene)).toBeNull();
    expect(exportTarget(scene, ["g"])).toBeNull();
    expect(exportTarget(scene, ["r"])).toBeNull();
  });
});
