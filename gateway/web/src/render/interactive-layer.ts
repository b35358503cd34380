// The interactive layer: a second canvas above the document for what moves
// with the pointer: selection outlines and handles, hover, the marquee,
// snapping guides, other people's selections and cursors. It is cleared and
// drawn whole whenever any of it (or the camera) changes; it is cheap, since
// it draws a handful of outlines, never the document.
import { pageToScreen, type Camera } from "../geometry/camera";
import { selectionHandles, HANDLE_SIZE_PX } from "../geometry/handles";
import type { Point } from "../geometry/matrix";
import { textColourOn } from "./colour";
import { context2d, type CanvasLike, type Ctx2D } from "./context";
import { cornersOf, frameCorners, selectionFrame } from "./outline";
import type { FrameLabel, Overlay, RemoteCursor } from "./overlay";
import type { Scene } from "./scene";

export const SELECTION_COLOUR = "#0d99ff";
export const GUIDE_COLOUR = "#f24822";
const MARQUEE_FILL = "rgba(13, 153, 255, 0.08)";
const LABEL_FONT = "12px sans-serif";
const MAX_LABEL_CHARS = 32;
const FRAME_LABEL_FONT = "11px sans-serif";
const FRAME_LABEL_COLOUR = "#7a7a7a";
/** Below this many CSS pixels of top edge a frame's name is not drawn (zoomed far out, say). */
const MIN_FRAME_LABEL_PX = 24;

// The pointer arrow, in CSS pixels from its tip.
const ARROW: [number, number][] = [
  [0, 0],
  [0, 16],
  [4.5, 12.5],
  [7.5, 19],
  [10, 18],
  [7, 11.5],
  [12, 11.5],
];

export class InteractiveLayer {
  private readonly ctx: Ctx2D;
  private dpr = 1;

  constructor(private readonly canvas: CanvasLike) {
    this.ctx = context2d(canvas);
  }

  resize(width: number, height: number, dpr: number): void {
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.dpr = dpr;
  }

  render(scene: Scene, camera: Camera, overlay: Overlay): void {
    const ctx = this.ctx;
    // Everything is drawn in CSS pixels; the device pixel ratio scales it once here.
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.globalAlpha = 1;
    ctx.clearRect(0, 0, this.canvas.width / this.dpr, this.canvas.height / this.dpr);
    const screen = (x: number, y: number) => pageToScreen(camera, { x, y });
    const outline = (id: string, colour: string, width: number) => {
      const node = scene.get(id);
      const corners = node?.shown ? cornersOf(node) : null;
      if (!corners) return;
      this.polygon(corners.map(([x, y]) => screen(x, y)), colour, width);
    };

    const selection = overlay.selection ?? [];
    this.frameLabels(scene, camera, overlay.frameLabels ?? [], selection);
    for (const remote of overlay.remoteSelections ?? []) for (const id of remote.objectIds) outline(id, remote.colour, 2);
    if (overlay.hover && !selection.includes(overlay.hover)) outline(overlay.hover, SELECTION_COLOUR, 2);
    for (const id of selection) outline(id, SELECTION_COLOUR, 1);
    const frame = selection.length ? selectionFrame(scene, selection) : null;
    if (frame) {
      if (selection.length > 1) this.polygon(frameCorners(frame).map(([x, y]) => screen(x, y)), SELECTION_COLOUR, 1);
      if (overlay.handles !== false) this.handles(selectionHandles(frame, camera));
    }
    if (overlay.marquee) {
      const m = overlay.marquee;
      const a = screen(Math.min(m.x, m.x + m.width), Math.min(m.y, m.y + m.height));
      const w = Math.abs(m.width) * camera.zoom;
      const h = Math.abs(m.height) * camera.zoom;
      ctx.fillStyle = MARQUEE_FILL;
      ctx.fillRect(a.x, a.y, w, h);
      ctx.strokeStyle = SELECTION_COLOUR;
      ctx.lineWidth = 1;
      ctx.strokeRect(a.x, a.y, w, h);
    }
    for (const g of overlay.guides ?? []) {
      const from = g.axis === "x" ? screen(g.at, g.from) : screen(g.from, g.at);
      const to = g.axis === "x" ? screen(g.at, g.to) : screen(g.to, g.at);
      ctx.beginPath();
      ctx.moveTo(from.x, from.y);
      ctx.lineTo(to.x, to.y);
      ctx.strokeStyle = GUIDE_COLOUR;
      ctx.lineWidth = 1;
      ctx.stroke();
    }
    for (const cursor of overlay.remoteCursors ?? []) this.cursor(cursor, screen(cursor.x, cursor.y));
  }

  /**
   * Each frame's name just above its top edge, along it when the frame is
   * turned, cut to the edge's length; only for frames whose corner is on
   * screen. A name is a user's text: drawn as text, never parsed as markup.
   */
  private frameLabels(scene: Scene, camera: Camera, labels: readonly FrameLabel[], selection: readonly string[]): void {
    if (!labels.length) return;
    const ctx = this.ctx;
    const width = this.canvas.width / this.dpr;
    const height = this.canvas.height / this.dpr;
    ctx.font = FRAME_LABEL_FONT;
    ctx.textAlign = "left";
    ctx.textBaseline = "bottom";
    for (const label of labels) {
      const node = scene.get(label.id);
      const corners = node?.shown ? cornersOf(node) : null;
      if (!corners || !label.name) continue;
      const a = pageToScreen(camera, { x: corners[0]![0], y: corners[0]![1] });
      const b = pageToScreen(camera, { x: corners[1]![0], y: corners[1]![1] });
      const edge = Math.hypot(b.x - a.x, b.y - a.y);
      if (edge < MIN_FRAME_LABEL_PX || a.x < -edge || a.x > width + 20 || a.y < -20 || a.y > height + 20) continue;
      let text = label.name;
      if (ctx.measureText(text).width > edge) {
        const chars = [...text];
        while (chars.length > 1 && ctx.measureText(chars.join("") + "…").width > edge) chars.pop();
        text = chars.join("") + "…";
      }
      const cos = (b.x - a.x) / edge;
      const sin = (b.y - a.y) / edge;
      const d = this.dpr;
      ctx.setTransform(d * cos, d * sin, -d * sin, d * cos, d * a.x, d * a.y);
      ctx.fillStyle = selection.includes(label.id) ? SELECTION_COLOUR : FRAME_LABEL_COLOUR;
      ctx.fillText(text, 0, -4);
    }
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
  }

  private polygon(points: readonly Point[], colour: string, width: number): void {
    const ctx = this.ctx;
    ctx.beginPath();
    points.forEach((p, i) => (i ? ctx.lineTo(p.x, p.y) : ctx.moveTo(p.x, p.y)));
    ctx.closePath();
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.stroke();
  }

  private handles(handles: readonly { kind: string; x: number; y: number }[]): void {
    const ctx = this.ctx;
    const half = HANDLE_SIZE_PX / 2;
    ctx.lineWidth = 1;
    ctx.strokeStyle = SELECTION_COLOUR;
    ctx.fillStyle = "#ffffff";
    for (const h of handles) {
      ctx.beginPath();
      if (h.kind === "rotate") ctx.arc(h.x, h.y, half, 0, 2 * Math.PI);
      else ctx.rect(h.x - half, h.y - half, HANDLE_SIZE_PX, HANDLE_SIZE_PX);
      ctx.fill();
      ctx.stroke();
    }
  }

  /** Another person's pointer: an arrow in their colour, their name on a label of it. */
  private cursor(cursor: RemoteCursor, at: Point): void {
    const ctx = this.ctx;
    ctx.beginPath();
    ARROW.forEach(([x, y], i) => (i ? ctx.lineTo(at.x + x, at.y + y) : ctx.moveTo(at.x + x, at.y + y)));
    ctx.closePath();
    ctx.fillStyle = cursor.colour;
    ctx.fill();
    ctx.strokeStyle = "#ffffff";
    ctx.lineWidth = 1;
    ctx.stroke();
    // A name is another user's text: drawn as text on the canvas, never parsed as markup.
    const chars = [...cursor.name];
    const name = chars.length > MAX_LABEL_CHARS ? chars.slice(0, MAX_LABEL_CHARS - 1).join("") + "…" : cursor.name;
    if (!name) return;
    ctx.font = LABEL_FONT;
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    const width = ctx.measureText(name).width + 12;
    const x = at.x + 12;
    const y = at.y + 18;
    ctx.beginPath();
    ctx.roundRect(x, y, width, 20, 4);
    ctx.fillStyle = cursor.colour;
    ctx.fill();
    ctx.fillStyle = textColourOn(cursor.colour);
    ctx.fillText(name, x + 6, y + 10);
  }
}
