// The canvas: two stacked <canvas> elements and the Renderer, sized to the
// container, with the pointer, wheel and keyboard routed to the active tool.
// Objects are drawn by the renderer only, never as DOM.
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { PinTarget } from "../comments/comment-api";
import type { Box } from "../geometry/box";
import type { Editor } from "../editor/editor";
import { viewportOf } from "../follow/follow-camera";
import { followOf, userView } from "../follow/follow";
import type { Camera } from "../geometry/camera";
import type { Point } from "../geometry/matrix";
import { screenToPage } from "../geometry/camera";
import { Renderer } from "../render/renderer";
import { CLIPBOARD_MIME, copyPayload, decodePayload, encodePayload, pastePayload } from "../tools/clipboard";
import { deleteSelection } from "../tools/commands";
import { ToolManager } from "../tools/tool-manager";
import type { ToolId } from "../tools/tool-context";
import { placeImages } from "./image-upload";
import { SceneAdapter } from "./scene-adapter";
import { installTestHook } from "./test-hook";
import { TextEditing } from "./text-editing";

export type { ToolId } from "../tools/tool-context";
export const TOOL_IDS: readonly ToolId[] = ["select", "rectangle", "ellipse", "text", "frame", "hand", "comment"];

export interface CanvasViewProps {
  editor: Editor;
  /** the active tool (the toolbar's); the canvas changes it through onToolChange (V R O T F H, back to select after drawing) */
  tool: ToolId;
  onToolChange: (tool: ToolId) => void;
  /** a message for the person (an image refused, say); shown by the UI */
  onProblem?: (message: string) => void;
  /** the comment tool's click: where a new comment goes */
  onPlaceComment?: (target: PinTarget) => void;
  /** DOM drawn over the canvas in page coordinates (comment pins), given the camera; it gets no canvas input */
  overlay?: (view: CanvasOverlayView) => ReactNode;
  /** called once, when the canvas has shown the file: the first frame painted after its document loaded */
  onShown?: () => void;
}

/** What an overlay over the canvas positions itself by. */
export interface CanvasOverlayView {
  camera: Camera;
  /** An object's page box, or null when it is not shown. */
  boundsOf(id: string): Box | null;
  /** Moves the camera (at the same zoom) so that a page point is in the middle: the user's own move, it ends following. */
  centerOn(page: Point): void;
}

const CURSORS: Record<ToolId, string> = { select: "default", rectangle: "crosshair", ellipse: "crosshair", text: "text", frame: "crosshair", hand: "grab", comment: "crosshair" };

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
}

export function CanvasView({ editor, tool, onToolChange, onProblem, onPlaceComment, overlay, onShown }: CanvasViewProps) {
  const box = useRef<HTMLDivElement>(null);
  const staticRef = useRef<HTMLCanvasElement>(null);
  const interactiveRef = useRef<HTMLCanvasElement>(null);
  const tools = useRef<ToolManager | null>(null);
  const adapterRef = useRef<SceneAdapter | null>(null);
  const [renderer, setRenderer] = useState<Renderer | null>(null);
  const centerOn = useRef<(page: Point) => void>(() => {});
  const [editing, setEditing] = useState<string | null>(null);
  const [camera, setCameraState] = useState<Camera>({ x: 0, y: 0, zoom: 1 });
  const toolChange = useRef(onToolChange);
  toolChange.current = onToolChange;
  const cameraRef = useRef(camera);
  cameraRef.current = camera;
  const problem = useRef(onProblem);
  problem.current = onProblem;
  const placeComment = useRef(onPlaceComment);
  placeComment.current = onPlaceComment;
  const shown = useRef(onShown);
  shown.current = onShown;

  useEffect(() => {
    const container = box.current!;
    const r = new Renderer(staticRef.current!, interactiveRef.current!);
    const canvasSize = () => ({ width: container.clientWidth, height: container.clientHeight });
    const follow = followOf(editor);
    // The camera as it is set: what others see of this view goes with it (and its size, for those who follow it).
    const setCamera = (c: Camera) => {
      r.setCamera(c);
      const now = r.getCamera();
      setCameraState(now);
      editor.setPresence({ viewport: viewportOf(now, canvasSize()) });
    };
    const canvasView = {
      getCamera: () => r.getCamera(),
      setCamera,
      hitTest: r.hitTest.bind(r),
      boundsOf: r.boundsOf.bind(r),
      selectionFrame: r.selectionFrame.bind(r),
      objectsInRect: r.objectsInRect.bind(r),
      whenRendered: () => r.whenRendered(),
    };
    // What the tools and the test hook move is the user's own move: it ends following.
    const view = userView(canvasView, follow);
    centerOn.current = (page) => {
      const { zoom } = r.getCamera();
      const { width, height } = canvasSize();
      view.setCamera({ x: page.x - width / 2 / zoom, y: page.y - height / 2 / zoom, zoom });
    };
    const adapter = new SceneAdapter(editor, r);
    const manager = new ToolManager(
      {
        editor,
        view,
        size: canvasSize,
        setGesture: (g) => adapter.setGesture(g),
        setTool: (id) => manager.setTool(id),
        editText: (id) => setEditing(id),
        placeComment: (target) => placeComment.current?.(target),
      },
      (id) => toolChange.current(id),
    );
    tools.current = manager;
    adapterRef.current = adapter;
    adapter.start();
    // The file is loaded once the editor is ready (its sync gave it a client id, and the document
    // before any event of it reaches this listener); the frame after that shows it.
    let announced = false;
    const announce = () => {
      if (announced || !editor.ready) return;
      announced = true;
      void r.whenRendered().then(() => shown.current?.());
    };
    const stopAnnouncing = editor.subscribe(announce);
    announce();
    const size = () => {
      r.resize(container.clientWidth, container.clientHeight, window.devicePixelRatio || 1);
      editor.setPresence({ viewport: viewportOf(r.getCamera(), canvasSize()) });
      follow.refit();
    };
    size();
    const detachFollow = follow.attach({ setCamera, size: canvasSize });
    const observer = new ResizeObserver(size);
    observer.observe(container);
    // A new pixel ratio (the window moved to another screen, browser zoom) needs new tiles.
    let dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
    const onDpr = () => {
      size();
      dprQuery.removeEventListener("change", onDpr);
      dprQuery = matchMedia(`(resolution: ${window.devicePixelRatio}dppx)`);
      dprQuery.addEventListener("change", onDpr);
    };
    dprQuery.addEventListener("change", onDpr);
    const removeHook = installTestHook(editor, view);
    setRenderer(r);
    return () => {
      removeHook();
      stopAnnouncing();
      detachFollow();
      observer.disconnect();
      dprQuery.removeEventListener("change", onDpr);
      adapter.stop();
      r.destroy();
      tools.current = null;
    };
  }, [editor]);

  useEffect(() => {
    adapterRef.current?.setEditing(editing);
  }, [editing]);

  // The toolbar's choice wins over the canvas's own.
  useEffect(() => {
    tools.current?.setTool(tool);
  }, [tool]);

  // Keyboard and clipboard on the window, except while typing in a field (the panels', the text editor).
  useEffect(() => {
    const mods = (e: KeyboardEvent | MouseEvent) => ({ shift: e.shiftKey, alt: e.altKey, mod: e.ctrlKey || e.metaKey });
    const down = (e: KeyboardEvent) => {
      if (isTyping(e.target) || !tools.current) return;
      if ((e.ctrlKey || e.metaKey) && ["c", "x", "v"].includes(e.key.toLowerCase())) return; // the copy/cut/paste events below
      if (tools.current.keyDown({ key: e.key, code: e.code, repeat: e.repeat, ...mods(e) })) e.preventDefault();
    };
    const up = (e: KeyboardEvent) => tools.current?.keyUp({ key: e.key, code: e.code, ...mods(e) });
    const copy = (e: ClipboardEvent, cut: boolean) => {
      if (isTyping(e.target) || !editor.selection.size || !e.clipboardData) return;
      const text = encodePayload(copyPayload(editor, editor.selection));
      e.clipboardData.setData(CLIPBOARD_MIME, text);
      e.clipboardData.setData("text/plain", text);
      e.preventDefault();
      if (cut && !editor.readOnly) deleteSelection(editor);
    };
    const paste = (e: ClipboardEvent) => {
      if (isTyping(e.target) || !e.clipboardData || editor.readOnly) return;
      const files = [...e.clipboardData.files];
      if (files.length) {
        e.preventDefault();
        const c = screenToPage(cameraRef.current, { x: 40, y: 40 });
        void placeImages(editor, files, c, (m) => problem.current?.(m));
        return;
      }
      const payload = decodePayload(e.clipboardData.getData(CLIPBOARD_MIME) || e.clipboardData.getData("text/plain"));
      if (!payload) return;
      e.preventDefault();
      try {
        pastePayload(editor, payload);
      } catch (err) {
        problem.current?.(err instanceof Error ? err.message : String(err));
      }
    };
    const onCopy = (e: ClipboardEvent) => copy(e, false);
    const onCut = (e: ClipboardEvent) => copy(e, true);
    const blur = () => tools.current?.cancel();
    const listeners: [string, EventListener][] = [
      ["keydown", down as EventListener],
      ["keyup", up as EventListener],
      ["copy", onCopy as EventListener],
      ["cut", onCut as EventListener],
      ["paste", paste as EventListener],
      ["blur", blur],
    ];
    for (const [name, fn] of listeners) window.addEventListener(name, fn);
    return () => {
      for (const [name, fn] of listeners) window.removeEventListener(name, fn);
    };
  }, [editor]);

  // Wheel needs a non-passive listener to keep the browser from zooming the page.
  useEffect(() => {
    const el = box.current!;
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? rect.height : 1;
      tools.current?.wheel({ screen: { x: e.clientX - rect.left, y: e.clientY - rect.top }, deltaX: e.deltaX * scale, deltaY: e.deltaY * scale, shift: e.shiftKey, alt: e.altKey, mod: e.ctrlKey || e.metaKey });
    };
    el.addEventListener("wheel", wheel, { passive: false });
    return () => el.removeEventListener("wheel", wheel);
  }, []);

  const pointer = (e: React.PointerEvent | React.MouseEvent) => {
    const rect = box.current!.getBoundingClientRect();
    return { screen: { x: e.clientX - rect.left, y: e.clientY - rect.top }, button: e.button, shift: e.shiftKey, alt: e.altKey, mod: e.ctrlKey || e.metaKey };
  };

  return (
    <>
    <div
      ref={box}
      className="relative h-full w-full overflow-hidden touch-none select-none"
      style={{ cursor: CURSORS[tool] }}
      onPointerDown={(e) => {
        if (editing) return;
        // No focus change from the press (it would blur a text editor the tool opens at once); a field elsewhere is left by hand.
        e.preventDefault();
        if (isTyping(document.activeElement)) (document.activeElement as HTMLElement).blur();
        e.currentTarget.setPointerCapture(e.pointerId);
        tools.current?.pointerDown(pointer(e));
      }}
      onPointerMove={(e) => tools.current?.pointerMove(pointer(e))}
      onPointerUp={(e) => tools.current?.pointerUp(pointer(e))}
      onPointerCancel={() => tools.current?.cancel()}
      onDoubleClick={(e) => tools.current?.doubleClick(pointer(e))}
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        if (editor.readOnly) return;
        const p = screenToPage(camera, pointer(e).screen);
        void placeImages(editor, [...e.dataTransfer.files], p, (m) => problem.current?.(m));
      }}
    >
      <canvas ref={staticRef} className="absolute inset-0 h-full w-full" />
      <canvas ref={interactiveRef} className="absolute inset-0 h-full w-full" />
      {editing && renderer && <TextEditing key={editing} editor={editor} renderer={renderer} id={editing} camera={camera} onDone={() => setEditing(null)} />}
    </div>
    {/* Beside the canvas's box, not in it: its pointer, wheel and drop handlers are the tools', not the overlay's. */}
    {overlay && renderer && overlay({ camera, boundsOf: (id) => renderer.boundsOf(id), centerOn: (p) => centerOn.current(p) })}
    </>
  );
}
