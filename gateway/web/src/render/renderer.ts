// The renderer: two canvases (Excalidraw's idea). The static one shows the
// document and is drawn only when the document or the camera changed (from
// cached tiles, see static-layer.ts); the interactive one above shows the
// selection, handles, marquee, guides and other people's cursors, drawn
// whenever they change. Work waits for the next animation frame, so a burst
// of changes costs one frame; whenRendered() says when it is on the canvas.
import { boxOfRect, type Box, type Rect } from "../geometry/box";
import { clampZoom, screenToPage, type Camera } from "../geometry/camera";
import type { SelectionFrame } from "../geometry/handles";
import type { Point } from "../geometry/matrix";
import { browserCanvas, context2d, type CanvasFactory, type CanvasLike } from "./context";
import { browserImageLoader, ImageCache, type ImageLoader } from "./image-cache";
import { InteractiveLayer } from "./interactive-layer";
import { selectionFrame } from "./outline";
import type { Overlay } from "./overlay";
import { hitTest, objectsInBox, type RectQuery } from "./picking";
import { Scene } from "./scene";
import type { SceneObject } from "./scene-object";
import { StaticLayer, type StaticFrameStats } from "./static-layer";
import { TextLayouts, type TextLayout } from "./text-layout";
import { TilePainter } from "./tile-painter";

export interface RendererOptions {
  /** schedules the next frame; requestAnimationFrame by default */
  requestFrame?: (callback: () => void) => void;
  /** runs a task soon, after the current frame (setTimeout 0 by default) */
  later?: (task: () => void) => void;
  /** a clock in milliseconds for the frame budget; performance.now by default */
  now?: () => number;
  /** makes the tiles' offscreen canvases */
  createCanvas?: CanvasFactory;
  loadImage?: ImageLoader;
  /** device pixels per tile side */
  tileSize?: number;
  /** how long one frame may spend painting tiles before leaving the rest to the next (at least one is painted) */
  frameBudgetMs?: number;
}

export interface RenderStats {
  /** frames drawn since the start */
  frames: number;
  /** the last frame: time spent in total, on the static layer and on the interactive one (ms) */
  frameMs: number;
  staticMs: number;
  interactiveMs: number;
  /** the last static frame's tiles and objects */
  lastStatic: StaticFrameStats | null;
  objects: number;
}

export const DEFAULT_TILE_SIZE = 256;
export const DEFAULT_FRAME_BUDGET_MS = 8;

export class Renderer {
  private readonly scene = new Scene();
  private readonly layouts: TextLayouts;
  private readonly images: ImageCache;
  private readonly staticLayer: StaticLayer;
  private readonly interactiveLayer: InteractiveLayer;
  private readonly requestFrame: (callback: () => void) => void;
  private readonly now: () => number;
  private readonly budget: number;
  // A scene just loaded (a file opened, a resync) is painted whole in its first
  // frame: there is nothing on screen yet to keep smooth, and a file that
  // appears in pieces over several frames, with the panels' work between them,
  // is shown later than one painted at once.
  private paintWhole = false;
  private indexScheduled = false;
  private readonly later: (task: () => void) => void;
  private camera: Camera = { x: 0, y: 0, zoom: 1 };
  private overlay: Overlay = {};
  private staticNeeded = true;
  private interactiveNeeded = true;
  private scheduled = false;
  private destroyed = false;
  private waiting: (() => void)[] = [];
  private readonly info: RenderStats = { frames: 0, frameMs: 0, staticMs: 0, interactiveMs: 0, lastStatic: null, objects: 0 };
  private readonly onFontsLoaded = () => this.fontsChanged();

  constructor(staticCanvas: CanvasLike, interactiveCanvas: CanvasLike, options: RendererOptions = {}) {
    this.requestFrame = options.requestFrame ?? ((cb) => requestAnimationFrame(() => cb()));
    this.later = options.later ?? ((task) => setTimeout(task, 0));
    this.now = options.now ?? (() => performance.now());
    this.budget = options.frameBudgetMs ?? DEFAULT_FRAME_BUDGET_MS;
    const createCanvas = options.createCanvas ?? browserCanvas;
    const measuring = context2d(createCanvas(1, 1));
    this.layouts = new TextLayouts((text, font) => {
      measuring.font = font;
      return measuring.measureText(text).width;
    });
    this.images = new ImageCache(options.loadImage ?? browserImageLoader, (src) => this.imageReady(src));
    const painter = new TilePainter(this.scene, this.layouts, this.images, createCanvas);
    this.staticLayer = new StaticLayer(staticCanvas, painter, createCanvas, options.tileSize ?? DEFAULT_TILE_SIZE);
    this.interactiveLayer = new InteractiveLayer(interactiveCanvas);
    // Text measured with a fallback font is wrong once the real font arrives.
    globalThis.document?.fonts?.addEventListener?.("loadingdone", this.onFontsLoaded);
    this.resize(staticCanvas.width, staticCanvas.height, 1);
  }

  /** The canvases' size in CSS pixels and the device pixel ratio (window.devicePixelRatio). */
  resize(width: number, height: number, devicePixelRatio = globalThis.devicePixelRatio ?? 1): void {
    this.staticLayer.resize(width, height, devicePixelRatio);
    this.interactiveLayer.resize(width, height, devicePixelRatio);
    // Tiles are in page space: a new size composes them again, a new pixel ratio makes new ones.
    this.invalidate(true, true);
  }

  /** Replaces the whole document (a file opened, a resync). */
  setScene(objects: Iterable<SceneObject>): void {
    this.scene.load(objects);
    this.info.objects = this.scene.size;
    this.paintWhole = true;
    this.invalidate(true, true);
  }

  /**
   * Applies changed objects (new or updated, each a new object, never one
   * mutated in place) and removed ids; repaints only the areas they touch.
   */
  applyChanges(changed: Iterable<SceneObject>, removedIds: Iterable<string> = []): void {
    this.scene.apply(changed, removedIds);
    this.info.objects = this.scene.size;
    // Outlines follow their objects, so the overlay is drawn again too.
    this.invalidate(true, true);
  }

  setCamera(camera: Camera): void {
    const next = { x: camera.x, y: camera.y, zoom: clampZoom(camera.zoom) };
    if (next.x === this.camera.x && next.y === this.camera.y && next.zoom === this.camera.zoom) return;
    this.camera = next;
    this.staticLayer.setCamera(next);
    this.invalidate(true, true);
  }

  getCamera(): Camera {
    return { ...this.camera };
  }

  setOverlay(overlay: Overlay): void {
    this.overlay = overlay;
    this.invalidate(false, true);
  }

  /** The id of the topmost shown, unlocked object under the point (CSS pixels on the canvas), or null. */
  hitTest(screen: Point, options: { tolerancePx?: number } = {}): string | null {
    const p = screenToPage(this.camera, screen);
    return hitTest(this.scene, p.x, p.y, (options.tolerancePx ?? 0) / this.camera.zoom)?.id ?? null;
  }

  /** The ids of the shown objects a page rectangle takes (a marquee), bottom first. */
  objectsInRect(rect: Rect | Box, query: RectQuery = {}): string[] {
    const box = "width" in rect ? boxOfRect(rect) : rect;
    return objectsInBox(this.scene, box, query).map((n) => n.id);
  }

  /** The object's page box (a group's: round its children), or null when it is not shown. */
  boundsOf(id: string): Box | null {
    const node = this.scene.get(id);
    return node?.shown ? { ...node.bounds } : null;
  }

  /** Where the handles of a selection of these ids go (the same frame the overlay draws them on). */
  selectionFrame(ids: readonly string[]): SelectionFrame | null {
    return selectionFrame(this.scene, ids);
  }

  /** A text object's lines as they are drawn (for the text editor and auto-height). */
  textLayout(id: string): TextLayout | null {
    const node = this.scene.get(id);
    return node && node.object.type === "text" ? this.layouts.layout(node.object) : null;
  }

  /** Resolves once the current scene, camera and overlay are on the canvases in full. */
  whenRendered(): Promise<void> {
    if (!this.staticNeeded && !this.interactiveNeeded) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  stats(): RenderStats {
    return { ...this.info };
  }

  /** Web fonts arrived: measure again, paint again. */
  fontsChanged(): void {
    this.layouts.clear();
    this.staticLayer.invalidate("all");
    this.invalidate(true, false);
  }

  destroy(): void {
    this.destroyed = true;
    globalThis.document?.fonts?.removeEventListener?.("loadingdone", this.onFontsLoaded);
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  private imageReady(src: string): void {
    if (this.destroyed) return;
    // Images are few and load once: repainting the tiles of every object with this src is enough.
    const boxes: Box[] = [];
    for (const node of this.scene.search({ minX: -Infinity, minY: -Infinity, maxX: Infinity, maxY: Infinity })) {
      if (node.object.src === src) boxes.push({ minX: node.minX, minY: node.minY, maxX: node.maxX, maxY: node.maxY });
    }
    this.staticLayer.invalidate(boxes);
    this.invalidate(true, false);
  }

  private invalidate(staticToo: boolean, interactive: boolean): void {
    if (staticToo) this.staticNeeded = true;
    if (interactive) this.interactiveNeeded = true;
    if (this.scheduled || this.destroyed) return;
    this.scheduled = true;
    this.requestFrame(() => this.frame());
  }

  private frame(): void {
    this.scheduled = false;
    if (this.destroyed) return;
    const start = this.now();
    let staticMs = 0;
    if (this.staticNeeded) {
      this.staticLayer.invalidate(this.scene.takeDirty());
      const deadline = this.paintWhole ? Infinity : start + this.budget;
      const { complete, stats } = this.staticLayer.render(this.now, deadline);
      this.info.lastStatic = stats;
      this.staticNeeded = !complete;
      this.paintWhole = false;
      staticMs = this.now() - start;
    }
    const interactiveStart = this.now();
    if (this.interactiveNeeded) {
      this.interactiveLayer.render(this.scene, this.camera, this.overlay);
      this.interactiveNeeded = false;
    }
    const end = this.now();
    this.info.frames++;
    this.info.frameMs = end - start;
    this.info.staticMs = staticMs;
    this.info.interactiveMs = end - interactiveStart;
    if (this.staticNeeded) this.invalidate(true, false);
    else for (const resolve of this.waiting.splice(0)) resolve();
    // A scene just loaded was painted by scanning it: its index is built now,
    // after the frame, before anything needs it often (a pan, a hover).
    if (this.scene.indexPending && !this.indexScheduled) {
      this.indexScheduled = true;
      this.later(() => {
        this.indexScheduled = false;
        this.scene.buildIndex();
      });
    }
  }
}
