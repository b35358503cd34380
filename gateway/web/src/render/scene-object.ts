// The object the renderer draws, with the server's property names. The doc
// layer adapts its registers to this; every property but id and type may be
// left out, and then takes the value in DEFAULTS below (one place for them).
//
// Coordinates: x and y are the object's top-left in its parent's coordinates
// (a frame's or group's top-left is 0,0 there); rotation is in degrees about
// the object's own centre, and a parent's transform applies to its children.

export type SceneObjectType = "rectangle" | "ellipse" | "text" | "frame" | "group" | "image";
export type TextAlign = "left" | "center" | "right" | "justify";

export interface SceneObject {
  readonly id: string;
  readonly type: SceneObjectType;
  /** the containing frame or group; null or absent at the top of the page */
  readonly parentId?: string | null;
  /** fractional index among siblings (compared as bytes, ties by id): later is drawn on top */
  readonly index?: string | null;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
  /** degrees, clockwise, about the object's centre */
  readonly rotation?: number;
  /** CSS colour: #rgb, #rgba, #rrggbb, #rrggbbaa, rgb(), rgba(), hsl(), hsla(), none, transparent */
  readonly fill?: string;
  readonly stroke?: string;
  /** in page units, centred on the outline */
  readonly strokeWidth?: number;
  /** 0..1; multiplies down the tree (a group at 0.5 halves its children) */
  readonly opacity?: number;
  readonly cornerRadius?: number;
  readonly text?: string;
  readonly fontFamily?: string;
  /** page units */
  readonly fontSize?: number;
  readonly textAlign?: TextAlign;
  /** a multiple of fontSize, as CSS's unitless line-height */
  readonly lineHeight?: number;
  /** page units added after every character */
  readonly letterSpacing?: number;
  /** false: not drawn, nor its children, nor hit */
  readonly visible?: boolean;
  /** true: drawn, but not hit (so it cannot be selected on the canvas), nor its children */
  readonly locked?: boolean;
  readonly name?: string;
  /** image URL */
  readonly src?: string;
}

export const DEFAULTS = {
  x: 0,
  y: 0,
  width: 0,
  height: 0,
  rotation: 0,
  // A shape made without a fill (by a SQL user, say) shows as Figma's default grey, not as nothing.
  shapeFill: "#d9d9d9",
  frameFill: "#ffffff",
  textFill: "#000000",
  stroke: "none",
  strokeWidth: 1,
  opacity: 1,
  cornerRadius: 0,
  text: "",
  fontFamily: "sans-serif",
  fontSize: 16,
  textAlign: "left" as TextAlign,
  lineHeight: 1.2,
  letterSpacing: 0,
} as const;

/** The fill the object is drawn with when it names none. */
export function fillOf(o: SceneObject): string {
  if (o.fill !== undefined) return o.fill;
  switch (o.type) {
    case "rectangle":
    case "ellipse":
      return DEFAULTS.shapeFill;
    case "frame":
      return DEFAULTS.frameFill;
    case "text":
      return DEFAULTS.textFill;
    default:
      return "none";
  }
}

export function isContainer(o: SceneObject): boolean {
  return o.type === "frame" || o.type === "group";
}
