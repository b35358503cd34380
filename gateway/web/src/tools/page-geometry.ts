// Page positions of objects whose x/y are relative to their parent: what the
// tools need to move, resize and reparent in page units whatever the tree.
import type { Editor } from "../editor/editor";
import { applyToPoint, IDENTITY, invert, type Matrix, type Point } from "../geometry/matrix";
import { worldMatrixOf, type PlacedInTree } from "../geometry/transform";

function num(editor: Editor, id: string, name: string, fallback = 0): number {
  const v = editor.value(id, name);
  return typeof v === "number" ? v : fallback;
}

export function parentOf(editor: Editor, id: string): string | null {
  const p = editor.value(id, "parentId");
  return typeof p === "string" ? p : null;
}

export function placement(editor: Editor, id: string): PlacedInTree {
  return {
    x: num(editor, id, "x"),
    y: num(editor, id, "y"),
    width: num(editor, id, "width"),
    height: num(editor, id, "height"),
    rotation: num(editor, id, "rotation"),
    parentId: parentOf(editor, id),
  };
}

/** A container's coordinates to the page's (null: the page itself). */
export function containerMatrix(editor: Editor, parentId: string | null): Matrix {
  if (parentId === null) return IDENTITY;
  return worldMatrixOf(parentId, (id) => (editor.get(id) ? placement(editor, id) : undefined)) ?? IDENTITY;
}

/** The rotation a matrix applies, in degrees. */
export function angleOf(m: Matrix): number {
  return (Math.atan2(m.b, m.a) * 180) / Math.PI;
}

/** A page vector (a drag's delta) in a container's coordinates. */
export function pageDeltaIn(editor: Editor, parentId: string | null, dx: number, dy: number): Point {
  const inv = invert(containerMatrix(editor, parentId)) ?? IDENTITY;
  return { x: inv.a * dx + inv.c * dy, y: inv.b * dx + inv.d * dy };
}

/** The page point of the object's centre. */
export function pageCentre(editor: Editor, id: string): Point {
  const p = placement(editor, id);
  return applyToPoint(containerMatrix(editor, p.parentId ?? null), p.x! + p.width! / 2, p.y! + p.height! / 2);
}

/** x, y and rotation that put the object where it is on the page once under newParent. */
export function placementUnder(editor: Editor, id: string, newParent: string | null): { x: number; y: number; rotation: number } {
  const p = placement(editor, id);
  const oldM = containerMatrix(editor, p.parentId ?? null);
  const newM = containerMatrix(editor, newParent);
  const centre = applyToPoint(oldM, p.x! + p.width! / 2, p.y! + p.height! / 2);
  const local = applyToPoint(invert(newM) ?? IDENTITY, centre.x, centre.y);
  // Rotation is about the centre, so keeping the centre and the total angle keeps the object in place.
  const rotation = p.rotation! + angleOf(oldM) - angleOf(newM);
  return { x: local.x - p.width! / 2, y: local.y - p.height! / 2, rotation: Math.abs(rotation) < 1e-9 ? 0 : rotation };
}

/** Moves objects under newParent (null: the page), below `before` (undefined: on top), without moving them on the page: one undo step. */
export function reparentKeepingPlace(editor: Editor, ids: readonly string[], newParent: string | null, before?: string): void {
  const places = ids.map((id) => ({ id, props: placementUnder(editor, id, newParent) }));
  editor.transact(() => {
    editor.moveTo(ids, newParent, before);
    editor.updateMany(places.map(({ id, props }) => ({ id, props: rotationlessWhenZero(editor, id, props) })));
  });
}

function rotationlessWhenZero(editor: Editor, id: string, props: { x: number; y: number; rotation: number }) {
  // Leave rotation unwritten when it was never set and stays 0: fewer ops, the same picture.
  if (props.rotation === 0 && editor.value(id, "rotation") === null) return { x: props.x, y: props.y };
  return props;
}

/** The selection without objects whose ancestor is selected too (moving both would move the child twice). */
export function topmostOf(editor: Editor, ids: Iterable<string>): string[] {
  const set = new Set(ids);
  return [...set].filter((id) => {
    for (let p = parentOf(editor, id), n = 0; p !== null && n < 256; p = parentOf(editor, p), n++) if (set.has(p)) return false;
    return true;
  });
}

/** Whether id is anc or lies under it. */
export function isWithin(editor: Editor, id: string, anc: string): boolean {
  for (let p: string | null = id, n = 0; p !== null && n < 256; p = parentOf(editor, p), n++) if (p === anc) return true;
  return false;
}
