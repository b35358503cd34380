// The part of Canvas2D the renderer uses, as an interface: the browser's
// CanvasRenderingContext2D and OffscreenCanvasRenderingContext2D satisfy it,
// and so does the recording fake the tests draw on (no native canvas in Node).

export interface PixelBuffer {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export interface Ctx2D {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  globalAlpha: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  letterSpacing: string;
  imageSmoothingEnabled: boolean;
  save(): void;
  restore(): void;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  closePath(): void;
  rect(x: number, y: number, w: number, h: number): void;
  roundRect(x: number, y: number, w: number, h: number, radii: number): void;
  ellipse(x: number, y: number, rx: number, ry: number, rotation: number, start: number, end: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  fill(): void;
  stroke(): void;
  clip(): void;
  setLineDash(segments: number[]): void;
  fillText(text: string, x: number, y: number): void;
  strokeText(text: string, x: number, y: number): void;
  /** fontBoundingBoxAscent: from the textBaseline line up to the font's top (the SVG export finds baselines with it) */
  measureText(text: string): { width: number; fontBoundingBoxAscent?: number };
  drawImage(image: CanvasImageSource | CanvasLike, dx: number, dy: number, dw?: number, dh?: number): void;
  drawImage(
    image: CanvasImageSource | CanvasLike,
    sx: number,
    sy: number,
    sw: number,
    sh: number,
    dx: number,
    dy: number,
    dw: number,
    dh: number,
  ): void;
  createImageData(width: number, height: number): PixelBuffer;
  putImageData(data: PixelBuffer, dx: number, dy: number, sx: number, sy: number, sw: number, sh: number): void;
}

/** A canvas: the page's two, and the offscreen ones tiles are kept in. */
export interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: "2d"): unknown;
}

export type CanvasFactory = (width: number, height: number) => CanvasLike;

/** The browser's offscreen canvas where there is one, else a detached <canvas>. */
export const browserCanvas: CanvasFactory = (width, height) => {
  if (typeof OffscreenCanvas !== "undefined") return new OffscreenCanvas(width, height);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  return canvas;
};

export function context2d(canvas: CanvasLike): Ctx2D {
  const ctx = canvas.getContext("2d") as Ctx2D | null;
  if (!ctx) throw new Error("this browser gives no 2D canvas context");
  return ctx;
}
