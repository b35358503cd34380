// A read-only canvas over the live one: a document that is not the live file
// (a version, or the file at a seq) drawn by a Renderer of its own, from the
// live camera; the wheel pans and zooms it. The live document is untouched.
import { useEffect, useRef } from "react";
import type { Editor } from "../editor/editor";
import { panBy, zoomBy, type Camera } from "../geometry/camera";
import { Renderer } from "../render/renderer";
import type { SceneObject } from "../render/scene-object";
import type { VersionDocument } from "./versions-api";

export function PreviewCanvas({ editor, document }: { editor: Editor; document: VersionDocument }) {
  const box = useRef<HTMLDivElement>(null);
  const staticRef = useRef<HTMLCanvasElement>(null);
  const interactiveRef = useRef<HTMLCanvasElement>(null);
  const renderer = useRef<Renderer | null>(null);

  useEffect(() => {
    const container = box.current!;
    const r = new Renderer(staticRef.current!, interactiveRef.current!);
    const viewport = editor.ownViewport;
    r.setCamera(viewport ? { x: viewport.x, y: viewport.y, zoom: viewport.zoom } : { x: 0, y: 0, zoom: 1 });
    const size = () => r.resize(container.clientWidth, container.clientHeight, window.devicePixelRatio || 1);
    size();
    const observer = new ResizeObserver(size);
    observer.observe(container);
    // The same gestures as the live canvas: wheel pans, ctrl/cmd+wheel (a pinch) zooms at the pointer.
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = container.getBoundingClientRect();
      const camera: Camera = r.getCamera();
      if (e.ctrlKey || e.metaKey) {
        const delta = Math.max(-50, Math.min(50, e.deltaY));
        r.setCamera(zoomBy(camera, { x: e.clientX - rect.left, y: e.clientY - rect.top }, Math.exp(-delta * 0.006)));
      } else {
        r.setCamera(panBy(camera, -(e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX), e.shiftKey && !e.deltaX ? 0 : -e.deltaY));
      }
    };
    container.addEventListener("wheel", wheel, { passive: false });
    renderer.current = r;
    return () => {
      container.removeEventListener("wheel", wheel);
      observer.disconnect();
      r.destroy();
      renderer.current = null;
    };
  }, [editor]);

  useEffect(() => {
    const r = renderer.current;
    if (!r) return;
    // vellum.document()'s objects are already in the renderer's shape.
    const objects = document.objects as unknown as SceneObject[];
    r.setScene(objects);
    r.setOverlay({
      handles: false,
      frameLabels: objects.filter((o) => o.type === "frame" && !o.parentId).map((o) => ({ id: o.id, name: String(o.name ?? "Frame") })),
    });
  }, [document]);

  return (
    <div
      ref={box}
      data-testid="version-preview-canvas"
      data-seq={document.seq}
      className="absolute inset-0 touch-none select-none overflow-hidden bg-neutral-100"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => e.preventDefault()}
    >
      <canvas ref={staticRef} className="absolute inset-0 h-full w-full" />
      <canvas ref={interactiveRef} className="absolute inset-0 h-full w-full" />
    </div>
  );
}
