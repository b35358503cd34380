// What a tool may use: the Editor (the document, selection, undo), the view
// (camera, hit testing, the overlay) and the host (switch tool, edit text).
// CanvasView gives the real ones; tests give a Renderer on fake canvases.
import type { Box, Rect } from "../geometry/box";
import type { Camera, ViewportSize } from "../geometry/camera";
import type { SelectionFrame } from "../geometry/handles";
import type { Point } from "../geometry/matrix";
import type { Guide } from "../geometry/snapping";
import type { Editor } from "../editor/editor";
import type { RectQuery } from "../render/picking";
import type { PinTarget } from "../comments/comment-api";

export type ToolId = "select" | "rectangle" | "ellipse" | "text" | "frame" | "hand" | "comment";

export interface Modifiers {
  shift: boolean;
  alt: boolean;
  /** ctrl, or cmd on a Mac */
  mod: boolean;
}

export interface ToolPointer extends Modifiers {
  /** CSS pixels on the canvas */
  screen: Point;
  page: Point;
  button: number;
}

export interface ToolKey extends Modifiers {
  key: string;
  code: string;
  repeat?: boolean;
}

export interface ToolWheel extends Modifiers {
  screen: Point;
  deltaX: number;
  deltaY: number;
}

/** The view the tools look at: a Renderer satisfies it. */
export interface ToolView {
  getCamera(): Camera;
  setCamera(camera: Camera): void;
  hitTest(screen: Point, options?: { tolerancePx?: number }): string | null;
  boundsOf(id: string): Box | null;
  selectionFrame(ids: readonly string[]): SelectionFrame | null;
  objectsInRect(rect: Rect | Box, query?: RectQuery): string[];
}

/** What tools draw above the document while a gesture runs (selection and peers are added by the adapter). */
export interface Gesture {
  hover?: string | null;
  marquee?: Rect | null;
  guides?: readonly Guide[];
}

export interface ToolContext {
  editor: Editor;
  view: ToolView;
  size(): ViewportSize;
  setGesture(gesture: Gesture): void;
  setTool(id: ToolId): void;
  /** Shows the in-place text editor on a text object. */
  editText(id: string): void;
  /** Starts a comment there (the comment tool's click). */
  placeComment?(target: PinTarget): void;
}
