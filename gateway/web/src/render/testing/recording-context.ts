// A fake 2D context for tests in Node (no native canvas there): it keeps the
// state Canvas2D keeps (transform, styles, a save/restore stack, the current
// path) and records every drawing call with the state it was made in, so a
// test can ask what was drawn where, in which colour, under which clip.
import type { CanvasFactory, CanvasLike, Ctx2D, PixelBuffer } from "../context";

export type PathCommand = [string, ...number[]];

export interface DrawState {
  transform: [number, number, number, number, number, number];
  fillStyle: string;
  strokeStyle: string;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  letterSpacing: string;
  /** how many clips are in force */
  clips: number;
}

export interface Call {
  op: string;
  args: unknown[];
  state: DrawState;
  /** the path filled, stroked or clipped to */
  path?: PathCommand[];
  /** putImageData: a copy of the pixels put */
  pixels?: Uint8ClampedArray;
}

export class RecordingContext implements Ctx2D {
  calls: Call[] = [];
  fillStyle = "#000000";
  strokeStyle = "#000000";
  lineWidth = 1;
  globalAlpha = 1;
  font = "10px sans-serif";
  textAlign: CanvasTextAlign = "start";
  textBaseline: CanvasTextBaseline = "alphabetic";
  letterSpacing = "0px";
  imageSmoothingEnabled = true;
  private transform: DrawState["transform"] = [1, 0, 0, 1, 0, 0];
  private clips = 0;
  private path: PathCommand[] = [];
  private stack: DrawState[] = [];

  constructor(readonly canvas: CanvasLike | null = null) {}

  /** The calls named op (fill, fillRect, fillText, drawImage, putImageData, clip...). */
  named(op: string): Call[] {
    return this.calls.filter((c) => c.op === op);
  }

  reset(): void {
    this.calls = [];
  }

  private snapshot(): DrawState {
    return {
      transform: [...this.transform],
      fillStyle: String(this.fillStyle),
      strokeStyle: String(this.strokeStyle),
      lineWidth: this.lineWidth,
      globalAlpha: this.globalAlpha,
      font: this.font,
      letterSpacing: this.letterSpacing,
      clips: this.clips,
    };
  }

  private record(op: string, args: unknown[], extra: Partial<Call> = {}): void {
    this.calls.push({ op, args, state: this.snapshot(), ...extra });
  }

  save(): void {
    this.stack.push(this.snapshot());
    this.record("save", []);
  }

  restore(): void {
    const s = this.stack.pop();
    if (s) {
      this.transform = s.transform;
      this.fillStyle = s.fillStyle;
      this.strokeStyle = s.strokeStyle;
      this.lineWidth = s.lineWidth;
      this.globalAlpha = s.globalAlpha;
      this.font = s.font;
      this.letterSpacing = s.letterSpacing;
      this.clips = s.clips;
    }
    this.record("restore", []);
  }

  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void {
    this.transform = [a, b, c, d, e, f];
  }

  clearRect(...args: number[]): void {
    this.record("clearRect", args);
  }
  fillRect(...args: number[]): void {
    this.record("fillRect", args);
  }
  strokeRect(...args: number[]): void {
    this.record("strokeRect", args);
  }
  beginPath(): void {
    this.path = [];
  }
  closePath(): void {
    this.path.push(["closePath"]);
  }
  rect(...args: number[]): void {
    this.path.push(["rect", ...args]);
  }
  roundRect(...args: number[]): void {
    this.path.push(["roundRect", ...args]);
  }
  ellipse(...args: number[]): void {
    this.path.push(["ellipse", ...args]);
  }
  arc(...args: number[]): void {
    this.path.push(["arc", ...args]);
  }
  moveTo(...args: number[]): void {
    this.path.push(["moveTo", ...args]);
  }
  lineTo(...args: number[]): void {
    this.path.push(["lineTo", ...args]);
  }
  fill(): void {
    this.record("fill", [], { path: [...this.path] });
  }
  stroke(): void {
    this.record("stroke", [], { path: [...this.path] });
  }
  clip(): void {
    this.clips++;
    this.record("clip", [], { path: [...this.path] });
  }
  setLineDash(segments: number[]): void {
    this.record("setLineDash", [segments]);
  }
  fillText(...args: [string, number, number]): void {
    this.record("fillText", args);
  }
  strokeText(...args: [string, number, number]): void {
    this.record("strokeText", args);
  }
  /** Every character is half the font's size wide: enough to test wrapping against. */
  measureText(text: string): { width: number } {
    const px = Number(/(\d+(?:\.\d+)?)px/.exec(this.font)?.[1] ?? 10);
    return { width: [...text].length * px * 0.5 };
  }
  drawImage(...args: unknown[]): void {
    this.record("drawImage", args);
  }
  createImageData(width: number, height: number): PixelBuffer {
    return { width, height, data: new Uint8ClampedArray(width * height * 4) };
  }
  putImageData(data: PixelBuffer, ...rest: number[]): void {
    this.record("putImageData", [data, ...rest], { pixels: data.data.slice() });
  }
}

export class FakeCanvas implements CanvasLike {
  readonly ctx: RecordingContext;
  constructor(
    public width = 300,
    public height = 150,
  ) {
    this.ctx = new RecordingContext(this);
  }
  getContext(): RecordingContext {
    return this.ctx;
  }
}

/** A canvas factory that keeps every canvas it made, for tests to look into the tiles. */
export function fakeCanvasFactory(): CanvasFactory & { made: FakeCanvas[] } {
  const made: FakeCanvas[] = [];
  const factory = (width: number, height: number) => {
    const c = new FakeCanvas(width, height);
    made.push(c);
    return c;
  };
  return Object.assign(factory, { made });
}

/** Where a local point lands under a recorded transform. */
export function deviceOf(state: DrawState, x: number, y: number): [number, number] {
  const [a, b, c, d, e, f] = state.transform;
  return [a * x + c * y + e, b * x + d * y + f];
}
