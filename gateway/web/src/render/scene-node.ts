// What the renderer knows of one object beyond its properties: where it is on
// the page (world matrix, bounds), what clips it, whether it is drawn and hit,
// and its place in drawing order. The node is its own rbush item: minX..maxY
// are the page box it paints into (stroke included, clipped by its frames).
import { EVERYWHERE, intersection, transformedBox, type Box } from "../geometry/box";
import type { Shape } from "../geometry/hit-test";
import { shapeBox } from "../geometry/marquee";
import { IDENTITY, multiply, type Matrix } from "../geometry/matrix";
import { localMatrix } from "../geometry/transform";
import { isPainted } from "./colour";
import { DEFAULTS, type SceneObject } from "./scene-object";

export interface SceneNode {
  readonly id: string;
  object: SceneObject;
  /** page from the object's own coordinates */
  world: Matrix;
  /** the object's page box (geometry only); for a group the union of its children's */
  bounds: Box;
  /** a group's box in its own coordinates (the union of its children's), for its rotated outline */
  localBox: Box | null;
  /** the page box its frames clip it to (EVERYWHERE when none does) */
  clip: Box;
  /** the nearest frame above it: drawing clips to it and every frame above that */
  clipFrame: SceneNode | null;
  /** reachable from the page (no missing parent, no loop) */
  reachable: boolean;
  /** reachable, visible and every ancestor visible */
  shown: boolean;
  /** itself or an ancestor locked */
  locked: boolean;
  /** its opacity times its ancestors' */
  opacity: number;
  /** position in drawing order (a depth-first walk of the tree), higher on top */
  order: number;
  /** in the spatial index, with minX..maxY as it was inserted */
  indexed: boolean;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function newNode(object: SceneObject): SceneNode {
  return {
    id: object.id,
    object,
    world: IDENTITY,
    bounds: { minX: 0, minY: 0, maxX: 0, maxY: 0 },
    localBox: null,
    clip: EVERYWHERE,
    clipFrame: null,
    reachable: false,
    shown: false,
    locked: false,
    opacity: 1,
    order: 0,
    indexed: false,
    minX: 0,
    minY: 0,
    maxX: 0,
    maxY: 0,
  };
}

/** The outline hit testing and marquee use. */
export function shapeOf(o: SceneObject): Shape {
  return {
    outline: o.type === "ellipse" ? "ellipse" : "rect",
    width: o.width ?? 0,
    height: o.height ?? 0,
    cornerRadius: o.type === "rectangle" || o.type === "frame" ? (o.cornerRadius ?? 0) : 0,
  };
}

/** Half the stroke, the part outside the outline, when a stroke is drawn. */
export function strokeOverhang(o: SceneObject): number {
  return isPainted(o.stroke ?? DEFAULTS.stroke) ? (o.strokeWidth ?? DEFAULTS.strokeWidth) / 2 : 0;
}

/** Sets world, bounds and the inherited state from the parent (null: the page). */
export function placeNode(node: SceneNode, parent: SceneNode | null): void {
  const o = node.object;
  node.world = parent ? multiply(parent.world, localMatrix(o)) : localMatrix(o);
  node.reachable = parent ? parent.reachable : true;
  node.shown = node.reachable && o.visible !== false && (parent ? parent.shown : true);
  node.locked = o.locked === true || (parent ? parent.locked : false);
  node.opacity = (o.opacity ?? DEFAULTS.opacity) * (parent ? parent.opacity : 1);
  if (parent) {
    node.clip = childClip(parent);
    node.clipFrame = parent.object.type === "frame" ? parent : parent.clipFrame;
  } else {
    node.clip = EVERYWHERE;
    node.clipFrame = null;
  }
  if (o.type !== "group") node.bounds = shapeBox(node.world, shapeOf(o));
}

/** The frames that clip the node, outermost first: what is drawn clips to each in turn. */
export function clipChain(node: SceneNode): SceneNode[] {
  const chain: SceneNode[] = [];
  for (let f = node.clipFrame; f; f = f.clipFrame) chain.unshift(f);
  return chain;
}

/** The clip a container gives its children: a frame cuts to itself, a group passes its own on. */
export function childClip(parent: SceneNode): Box {
  if (parent.object.type !== "frame") return parent.clip;
  return intersection(parent.clip, parent.bounds) ?? EMPTY;
}

const EMPTY: Box = { minX: 0, minY: 0, maxX: -1, maxY: -1 };

/** A group's box from its children's, in its coordinates and on the page; none without children. */
export function fitGroup(group: SceneNode, children: readonly SceneNode[]): void {
  let box: Box | null = null;
  for (const child of children) {
    // Hidden children take no room, as in Figma's layer bounds; nor does an empty group.
    if (!child.reachable || child.object.visible === false) continue;
    if (child.object.type === "group" && !child.localBox) continue;
    const own = child.localBox ?? { minX: 0, minY: 0, maxX: child.object.width ?? 0, maxY: child.object.height ?? 0 };
    const b = transformedBox(localMatrix(child.object), own.minX, own.minY, own.maxX, own.maxY);
    box = box ? { minX: Math.min(box.minX, b.minX), minY: Math.min(box.minY, b.minY), maxX: Math.max(box.maxX, b.maxX), maxY: Math.max(box.maxY, b.maxY) } : b;
  }
  group.localBox = box;
  group.bounds = box ? transformedBox(group.world, box.minX, box.minY, box.maxX, box.maxY) : { ...EMPTY };
}

/** The page box the node paints into, or null when nothing of it can show. */
export function paintBox(node: SceneNode): Box | null {
  const o = node.object;
  if (!node.shown || o.type === "group") return null;
  const grow = strokeOverhang(o);
  const b = node.bounds;
  return intersection({ minX: b.minX - grow, minY: b.minY - grow, maxX: b.maxX + grow, maxY: b.maxY + grow }, node.clip);
}
