// Text wraps in its box: greedy line breaking at spaces (a word longer than
// the box breaks between characters), explicit newlines kept. Each layout is
// measured once and cached by text, font, spacing and width; word widths are
// cached per font, since the same words recur across a file.
import { DEFAULTS, type SceneObject } from "./scene-object";

/** The advance width of text in a CSS font, letter spacing not included. */
export type Measure = (text: string, font: string) => number;

export interface TextLine {
  text: string;
  width: number;
  /** ended by wrapping rather than by a newline or the end: justify spreads such a line */
  wrapped: boolean;
}

export interface TextLayout {
  font: string;
  lines: TextLine[];
  /** page units between baselines */
  lineHeight: number;
}

/** A piece of text placed in its box: x at its left, y at the middle of its line. */
export interface TextRun {
  text: string;
  x: number;
  y: number;
}

/**
 * Where the object's text goes: a run per line, placed by alignment from the
 * measured widths (so every alignment agrees with wrapping); a justified line
 * that wrapped is a run per word with the spare width spread over the gaps.
 * The canvas and the SVG export both place text with this.
 */
export function placeText(layouts: TextLayouts, o: SceneObject): { layout: TextLayout; runs: TextRun[] } {
  const layout = layouts.layout(o);
  const spacing = o.letterSpacing ?? DEFAULTS.letterSpacing;
  const width = o.width ?? 0;
  const align = o.textAlign ?? DEFAULTS.textAlign;
  const runs: TextRun[] = [];
  layout.lines.forEach((line, i) => {
    const y = (i + 0.5) * layout.lineHeight;
    if (align === "justify" && line.wrapped && width > line.width) {
      const parts = line.text.split(/(\s+)/);
      const gaps = parts.filter((_part, k) => k % 2 === 1).length;
      const extra = gaps ? (width - line.width) / gaps : 0;
      let x = 0;
      parts.forEach((part, k) => {
        if (k % 2 === 0) runs.push({ text: part, x, y });
        x += layouts.width(part, layout.font, spacing) + (k % 2 === 1 ? extra : 0);
      });
      return;
    }
    const x = align === "center" ? (width - line.width) / 2 : align === "right" ? width - line.width : 0;
    runs.push({ text: line.text, x, y });
  });
  return { layout, runs };
}

export function fontOf(o: SceneObject): string {
  return `${o.fontSize ?? DEFAULTS.fontSize}px ${o.fontFamily ?? DEFAULTS.fontFamily}`;
}

export function lineHeightOf(o: SceneObject): number {
  return (o.fontSize ?? DEFAULTS.fontSize) * (o.lineHeight ?? DEFAULTS.lineHeight);
}

function keyOf(o: SceneObject): string {
  return `${fontOf(o)}|${o.letterSpacing ?? 0}|${o.lineHeight ?? ""}|${o.width ?? 0}|${o.text ?? ""}`;
}

export class TextLayouts {
  private readonly layouts = new Map<string, TextLayout>();
  private readonly words = new Map<string, Map<string, number>>();

  constructor(
    private readonly measure: Measure,
    private readonly maxLayouts = 20_000,
  ) {}

  /** The layout if it was made already: level of detail uses it without measuring anything. */
  cached(o: SceneObject): TextLayout | undefined {
    return this.layouts.get(keyOf(o));
  }

  layout(o: SceneObject): TextLayout {
    const key = keyOf(o);
    let layout = this.layouts.get(key);
    if (!layout) {
      layout = this.make(o);
      // Dropping everything at the cap is crude, but layouts are cheap to remake and this bounds memory.
      if (this.layouts.size >= this.maxLayouts) this.layouts.clear();
      this.layouts.set(key, layout);
    }
    return layout;
  }

  /** Fonts finished loading: every width measured with a fallback font is wrong now. */
  clear(): void {
    this.layouts.clear();
    this.words.clear();
  }

  /** The width of text in font, letter spacing included (after every character, as Canvas2D does). */
  width(text: string, font: string, letterSpacing: number): number {
    let widths = this.words.get(font);
    if (!widths) this.words.set(font, (widths = new Map()));
    let w = widths.get(text);
    if (w === undefined) {
      w = this.measure(text, font);
      if (widths.size > 50_000) widths.clear();
      widths.set(text, w);
    }
    return w + letterSpacing * text.length;
  }

  private make(o: SceneObject): TextLayout {
    const font = fontOf(o);
    const spacing = o.letterSpacing ?? DEFAULTS.letterSpacing;
    const max = o.width ?? 0;
    const lines: TextLine[] = [];
    const text = o.text ?? DEFAULTS.text;
    if (text !== "") {
      for (const paragraph of text.split("\n")) this.wrap(paragraph, font, spacing, max, lines);
    }
    return { font, lines, lineHeight: lineHeightOf(o) };
  }

  private wrap(paragraph: string, font: string, spacing: number, max: number, out: TextLine[]): void {
    const fits = (w: number) => max <= 0 || w <= max + 1e-6; // a box without width does not wrap
    let line = "";
    let width = 0;
    let trailing = 0; // the width of the spaces ending the line, dropped where it wraps
    const breakLine = () => {
      out.push({ text: line.trimEnd(), width: width - trailing, wrapped: true });
      line = "";
      width = 0;
      trailing = 0;
    };
    for (const token of paragraph.match(/\S+|\s+/g) ?? []) {
      const w = this.width(token, font, spacing);
      const space = /^\s/.test(token);
      if (space) {
        // Spaces never start a wrapped line, but a paragraph's leading spaces are the writer's.
        if (line === "" && out.length > 0 && out[out.length - 1]!.wrapped) continue;
        line += token;
        width += w;
        trailing += w;
        continue;
      }
      if (line !== "" && !fits(width + w) && line.trim() !== "") breakLine();
      if (fits(width + w)) {
        line += token;
        width += w;
        trailing = 0;
        continue;
      }
      // A word wider than the box: break it between characters.
      for (const ch of token) {
        const cw = this.width(ch, font, spacing);
        if (line !== "" && !fits(width + cw)) breakLine();
        line += ch;
        width += cw;
        trailing = 0;
      }
    }
    out.push({ text: line.trimEnd(), width: width - trailing, wrapped: false });
  }
}
