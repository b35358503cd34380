// The select tool's chart: idle -> pointing (on an object) -> translating;
// idle -> resizing / rotating (on a handle); idle -> marquee (on empty page).
// Every drag is one editor.transact, so it is one undo step, and the Editor
// coalesces its updates into few ops.
import type { Box } from "../geometry/box";
import { handleAt, type HandleKind } from "../geometry/handles";
import { applyToPoint, IDENTITY, invert, type Point } from "../geometry/matrix";
import { snapMove } from "../geometry/snapping";
import { localMatrix } from "../geometry/transform";
import { visiblePageBox } from "../geometry/camera";
import { StateNode } from "./state-node";
import type { ToolContext, ToolPointer } from "./tool-context";
import { containerMatrix, isWithin, pageDeltaIn, parentOf, placement, reparentKeepingPlace, topmostOf } from "./page-geometry";

export const SNAP_PX = 6;
const DRAG_PX = 3;

function editable(ctx: ToolContext): boolean {
  return !ctx.editor.readOnly;
}

class Idle extends StateNode {
  readonly id = "idle";
  override onPointerDown(e: ToolPointer): void {
    const { editor, view } = this.ctx;
    const sel = [...editor.selection];
    const frame = sel.length ? view.selectionFrame(sel) : null;
    const handle = frame && editable(this.ctx) ? handleAt(frame, view.getCamera(), e.screen) : null;
    if (handle) return this.parent!.transition(handle === "rotate" ? "rotating" : "resizing", { e, handle });
    const hit = view.hitTest(e.screen, { tolerancePx: 2 });
    if (hit === null) {
      if (!e.shift) editor.select([]);
      return this.parent!.transition("marquee", e);
    }
    const target = e.mod ? hit : clickTarget(this.ctx, hit);
    if (e.shift) {
      const next = new Set(editor.selection);
      if (next.has(target)) next.delete(target);
      else next.add(target);
      editor.select(next);
      return;
    }
    if (!editor.selection.has(target)) editor.select([target]);
    this.parent!.transition("pointing", e);
  }
  override onPointerMove(e: ToolPointer): void {
    this.ctx.setGesture({ hover: this.ctx.view.hitTest(e.screen, { tolerancePx: 2 }) });
  }
  override onDoubleClick(e: ToolPointer): void {
    const { editor } = this.ctx;
    const hit = this.ctx.view.hitTest(e.screen);
    if (hit === null) return;
    // Double-clicking a selected group enters it: the level below is selected.
    const entered = ancestorsOf(this.ctx, hit).find((a) => editor.selection.has(a));
    if (entered !== undefined) return editor.select([outermostGroupBelow(this.ctx, hit, entered)]);
    if (editor.value(hit, "type") === "text" && editable(this.ctx)) this.ctx.editText(hit);
  }
}

/** id's containers, innermost first. */
function ancestorsOf(ctx: ToolContext, id: string): string[] {
  const out: string[] = [];
  for (let p = parentOf(ctx.editor, id); p !== null; p = parentOf(ctx.editor, p)) out.push(p);
  return out;
}

/** The outermost group holding id below `top` (null: the page), or id itself when there is none. */
function outermostGroupBelow(ctx: ToolContext, id: string, top: string | null): string {
  let out = id;
  for (const p of ancestorsOf(ctx, id)) {
    if (p === top) break;
    if (ctx.editor.value(p, "type") === "group") out = p;
  }
  return out;
}

/**
 * What a click on `hit` selects, as in Figma: the outermost group around it;
 * but once inside a group (something in it is selected, after a double-click
 * say), its siblings and their groups are picked directly. Ctrl/cmd picks
 * the object itself.
 */
export function clickTarget(ctx: ToolContext, hit: string): string {
  const entered = new Set([...ctx.editor.selection].map((id) => parentOf(ctx.editor, id)));
  const context = ancestorsOf(ctx, hit).find((a) => entered.has(a) && ctx.editor.value(a, "type") === "group") ?? null;
  return outermostGroupBelow(ctx, hit, context);
}

class Pointing extends StateNode {
  readonly id = "pointing";
  private start: ToolPointer | null = null;
  override onEnter(e: ToolPointer): void {
    this.start = e;
  }
  override onPointerMove(e: ToolPointer): void {
    const s = this.start!;
    if (Math.hypot(e.screen.x - s.screen.x, e.screen.y - s.screen.y) < DRAG_PX) return;
    if (!editable(this.ctx)) return;
    this.parent!.transition("translating", { start: s, e });
  }
  override onPointerUp(): void {
    this.parent!.transition("idle");
  }
}

class Translating extends StateNode {
  readonly id = "translating";
  private start: Point = { x: 0, y: 0 };
  private ids: string[] = [];
  private from = new Map<string, { x: number; y: number }>();
  private box: Box | null = null;
  private others: Box[] = [];
  override onEnter({ start, e }: { start: ToolPointer; e: ToolPointer }): void {
    const { editor, view } = this.ctx;
    this.start = start.page;
    this.ids = topmostOf(editor, editor.selection);
    this.from = new Map(this.ids.map((id) => [id, { x: placement(editor, id).x!, y: placement(editor, id).y! }]));
    const boxes = this.ids.map((id) => view.boundsOf(id)).filter((b): b is Box => b !== null);
    this.box = boxes.length ? boxes.reduce((a, b) => ({ minX: Math.min(a.minX, b.minX), minY: Math.min(a.minY, b.minY), maxX: Math.max(a.maxX, b.maxX), maxY: Math.max(a.maxY, b.maxY) })) : null;
    // Snap targets: what is on screen, not being moved.
    const visible = visiblePageBox(view.getCamera(), this.ctx.size());
    this.others = view
      .objectsInRect(visible)
      .filter((id) => !this.ids.some((m) => isWithin(editor, id, m)))
      .map((id) => view.boundsOf(id))
      .filter((b): b is Box => b !== null)
      .slice(0, 2000);
    editor.beginGesture();
    this.move(e);
  }
  override onPointerMove(e: ToolPointer): void {
    this.move(e);
  }
  private move(e: ToolPointer): void {
    const { editor, view } = this.ctx;
    let dx = e.page.x - this.start.x;
    let dy = e.page.y - this.start.y;
    let guides: ReturnType<typeof snapMove>["guides"] = [];
    if (this.box && !e.mod) {
      const moved = { minX: this.box.minX + dx, minY: this.box.minY + dy, maxX: this.box.maxX + dx, maxY: this.box.maxY + dy };
      const snap = snapMove(moved, this.others, SNAP_PX, view.getCamera().zoom);
      dx += snap.dx;
      dy += snap.dy;
      guides = snap.guides;
    }
    this.ctx.setGesture({ guides });
    const updates = this.ids.map((id) => {
      const d = pageDeltaIn(editor, parentOf(editor, id), dx, dy);
      const f = this.from.get(id)!;
      return { id, props: { x: f.x + d.x, y: f.y + d.y } };
    });
    editor.transact(() => editor.updateMany(updates));
  }
  override onPointerUp(e: ToolPointer): void {
    dropIntoFrame(this.ctx, this.ids, e.page);
    this.parent!.transition("idle");
  }
  override onCancel(): void {
    this.parent!.transition("idle");
  }
  override onExit(): void {
    this.ctx.setGesture({ guides: [] });
    this.ctx.editor.endGesture();
  }
}

/** The frame under a page point that is not one of the moving objects: the topmost one. */
export function frameUnder(ctx: ToolContext, page: Point, moving: readonly string[]): string | null {
  const { editor, view } = ctx;
  const ids = view.objectsInRect({ minX: page.x, minY: page.y, maxX: page.x, maxY: page.y });
  for (let i = ids.length - 1; i >= 0; i--) {
    const id = ids[i]!;
    if (editor.value(id, "type") !== "frame") continue;
    if (moving.some((m) => isWithin(editor, id, m))) continue;
    return id;
  }
  return null;
}

/** Objects dropped over a frame become its children, dropped off their frame go to the page; their page place is kept. */
export function dropIntoFrame(ctx: ToolContext, ids: readonly string[], page: Point): void {
  const { editor } = ctx;
  const target = frameUnder(ctx, page, ids);
  // Only objects at the page or directly in a frame move: a group's children stay in their group.
  const moving = ids.filter((id) => {
    const p = parentOf(editor, id);
    return p !== target && (p === null || editor.value(p, "type") === "frame");
  });
  if (moving.length) editor.transact(() => reparentKeepingPlace(editor, moving, target));
}

/** A drag on a handle: one undo step from press to release. */
abstract class HandleDrag extends StateNode {
  override onPointerUp(): void {
    this.parent!.transition("idle");
  }
  override onCancel(): void {
    this.parent!.transition("idle");
  }
  override onExit(): void {
    this.ctx.editor.endGesture();
  }
}

interface Start {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: number;
  parentId: string | null;
}

class Resizing extends HandleDrag {
  readonly id = "resizing";
  private handle: HandleKind = "se";
  private starts: Start[] = [];
  override onEnter({ handle }: { e: ToolPointer; handle: HandleKind }): void {
    const { editor } = this.ctx;
    this.handle = handle;
    editor.beginGesture();
    this.starts = topmostOf(editor, editor.selection).map((id) => {
      const p = placement(editor, id);
      return { id, x: p.x!, y: p.y!, width: p.width!, height: p.height!, rotation: p.rotation!, parentId: p.parentId ?? null };
    });
  }
  override onPointerMove(e: ToolPointer): void {
    const { editor } = this.ctx;
    if (this.starts.length === 1) {
      const s = this.starts[0]!;
      const props = resizeOne(editor, s, this.handle, e);
      editor.transact(() => editor.update(s.id, props));
      return;
    }
    // Several: scale their page boxes inside the selection's box.
    const union = this.unionStart();
    const local = { x: 0, y: 0, width: union.maxX - union.minX, height: union.maxY - union.minY };
    const next = resizeBox(local, this.handle, { x: e.page.x - union.minX, y: e.page.y - union.minY }, e.shift, e.alt);
    const sx = local.width ? next.width / local.width : 1;
    const sy = local.height ? next.height / local.height : 1;
    editor.transact(() =>
      editor.updateMany(
        this.starts.map((s) => {
          const d = pageDeltaIn(editor, s.parentId, union.minX + next.x + (s.x - union.minX) * sx - s.x, union.minY + next.y + (s.y - union.minY) * sy - s.y);
          return { id: s.id, props: { x: s.x + d.x, y: s.y + d.y, width: s.width * sx, height: s.height * sy } };
        }),
      ),
    );
  }
  private unionStart(): Box {
    // Their start boxes in page units, taken as unrotated, at the page (the usual case for multi-resize).
    let b: Box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
    for (const s of this.starts) b = { minX: Math.min(b.minX, s.x), minY: Math.min(b.minY, s.y), maxX: Math.max(b.maxX, s.x + s.width), maxY: Math.max(b.maxY, s.y + s.height) };
    return b;
  }
}

interface LocalBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A box resized by dragging a handle to p (in the box's own unrotated coordinates); shift keeps the aspect, alt works from the centre. */
export function resizeBox(b: LocalBox, handle: HandleKind, p: Point, shift: boolean, alt: boolean): LocalBox {
  let x0 = b.x;
  let y0 = b.y;
  let x1 = b.x + b.width;
  let y1 = b.y + b.height;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const west = handle.includes("w");
  const east = handle.includes("e");
  const north = handle.startsWith("n");
  const south = handle.startsWith("s");
  if (west) x0 = p.x;
  if (east) x1 = p.x;
  if (north) y0 = p.y;
  if (south) y1 = p.y;
  if (alt) {
    if (west) x1 = 2 * cx - x0;
    if (east) x0 = 2 * cx - x1;
    if (north) y1 = 2 * cy - y0;
    if (south) y0 = 2 * cy - y1;
  }
  let w = Math.abs(x1 - x0);
  let h = Math.abs(y1 - y0);
  if (shift && b.width > 0 && b.height > 0) {
    const aspect = b.width / b.height;
    if ((west || east) && (north || south)) {
      if (w / aspect > h) h = w / aspect;
      else w = h * aspect;
    } else if (west || east) h = w / aspect;
    else w = h * aspect;
    // Anchor: the opposite side (or the centre with alt).
    const ax = alt || !(west || east) ? cx : west ? b.x + b.width : b.x;
    const ay = alt || !(north || south) ? cy : north ? b.y + b.height : b.y;
    const sxSign = alt || !(west || east) ? 0 : west ? -1 : 1;
    const sySign = alt || !(north || south) ? 0 : north ? -1 : 1;
    x0 = sxSign === 0 ? ax - w / 2 : sxSign < 0 ? ax - w : ax;
    y0 = sySign === 0 ? ay - h / 2 : sySign < 0 ? ay - h : ay;
    return { x: x0, y: y0, width: w, height: h };
  }
  return { x: Math.min(x0, x1), y: Math.min(y0, y1), width: w, height: h };
}

function resizeOne(editor: ToolContext["editor"], s: Start, handle: HandleKind, e: ToolPointer) {
  // Work in the object's own coordinates so that a rotated object resizes along its sides.
  const parentM = containerMatrix(editor, s.parentId);
  const local = localMatrix(s);
  const world = { a: parentM.a * local.a + parentM.c * local.b, b: parentM.b * local.a + parentM.d * local.b, c: parentM.a * local.c + parentM.c * local.d, d: parentM.b * local.c + parentM.d * local.d, e: parentM.a * local.e + parentM.c * local.f + parentM.e, f: parentM.b * local.e + parentM.d * local.f + parentM.f };
  const inv = invert(world) ?? IDENTITY;
  const p = applyToPoint(inv, e.page.x, e.page.y);
  const next = resizeBox({ x: 0, y: 0, width: s.width, height: s.height }, handle, p, e.shift, e.alt);
  // The new centre in the parent's coordinates; rotation is about the centre, so x/y follow from it.
  const c = applyToPoint(local, next.x + next.width / 2, next.y + next.height / 2);
  return { x: c.x - next.width / 2, y: c.y - next.height / 2, width: next.width, height: next.height };
}

class Rotating extends HandleDrag {
  readonly id = "rotating";
  private centre: Point = { x: 0, y: 0 };
  private startAngle = 0;
  private starts: { id: string; rotation: number; x: number; y: number; w: number; h: number; parentId: string | null }[] = [];
  override onEnter({ e }: { e: ToolPointer }): void {
    const { editor, view } = this.ctx;
    const ids = topmostOf(editor, editor.selection);
    const frame = view.selectionFrame(ids)!;
    this.centre = applyToPoint(frame.world, frame.width / 2, frame.height / 2);
    editor.beginGesture();
    this.startAngle = Math.atan2(e.page.y - this.centre.y, e.page.x - this.centre.x);
    this.starts = ids.map((id) => {
      const p = placement(editor, id);
      return { id, rotation: p.rotation!, x: p.x!, y: p.y!, w: p.width!, h: p.height!, parentId: p.parentId ?? null };
    });
  }
  override onPointerMove(e: ToolPointer): void {
    const { editor } = this.ctx;
    let delta = ((Math.atan2(e.page.y - this.centre.y, e.page.x - this.centre.x) - this.startAngle) * 180) / Math.PI;
    // shift: steps of 15 degrees, as in Figma.
    if (e.shift) delta = Math.round(delta / 15) * 15;
    const rad = (delta * Math.PI) / 180;
    const cos = Math.cos(rad);
    const sin = Math.sin(rad);
    editor.transact(() =>
      editor.updateMany(
        this.starts.map((s) => {
          const props: { rotation: number; x?: number; y?: number } = { rotation: normalise(s.rotation + delta) };
          if (this.starts.length > 1) {
            // Several objects turn about the selection's centre: their centres go round it.
            const m = containerMatrix(editor, s.parentId);
            const c = applyToPoint(m, s.x + s.w / 2, s.y + s.h / 2);
            const rx = c.x - this.centre.x;
            const ry = c.y - this.centre.y;
            const moved = { x: this.centre.x + rx * cos - ry * sin, y: this.centre.y + rx * sin + ry * cos };
            const d = pageDeltaIn(editor, s.parentId, moved.x - c.x, moved.y - c.y);
            props.x = s.x + d.x;
            props.y = s.y + d.y;
          }
          return { id: s.id, props };
        }),
      ),
    );
  }
}

function normalise(deg: number): number {
  const r = ((deg % 360) + 360) % 360;
  return r > 180 ? r - 360 : r;
}

class Marquee extends StateNode {
  readonly id = "marquee";
  private origin: Point = { x: 0, y: 0 };
  private base = new Set<string>();
  override onEnter(e: ToolPointer): void {
    this.origin = e.page;
    this.base = e.shift ? new Set(this.ctx.editor.selection) : new Set();
  }
  override onPointerMove(e: ToolPointer): void {
    const { editor, view } = this.ctx;
    const rect = {
      x: Math.min(this.origin.x, e.page.x),
      y: Math.min(this.origin.y, e.page.y),
      width: Math.abs(e.page.x - this.origin.x),
      height: Math.abs(e.page.y - this.origin.y),
    };
    this.ctx.setGesture({ marquee: rect });
    // Top-level objects (and whole groups) the marquee touches, as Figma picks them.
    const hit = view.objectsInRect(rect, { mode: "intersect" }).filter((id) => parentOf(editor, id) === null && editor.value(id, "locked") !== true);
    editor.select(new Set([...this.base, ...hit]));
  }
  override onPointerUp(): void {
    this.ctx.setGesture({ marquee: null });
    this.parent!.transition("idle");
  }
  override onCancel(): void {
    this.onPointerUp();
  }
}

export class SelectTool extends StateNode {
  readonly id = "select";
  constructor(ctx: ToolContext) {
    super(ctx);
    this.addChildren([new Idle(ctx), new Pointing(ctx), new Translating(ctx), new Resizing(ctx), new Rotating(ctx), new Marquee(ctx)], "idle");
  }
}
