// Comment pins over the canvas, placed by the camera: the file's threads
// (resolved ones when the side list shows them), the pin of the comment being
// written with its box, and the open thread beside its pin. Only the pins and
// cards take the pointer; the rest of the canvas stays the tools'.
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { CanvasOverlayView } from "../../canvas/CanvasView";
import type { Editor } from "../../editor/editor";
import { pageToScreen } from "../../geometry/camera";
import type { Point } from "../../geometry/matrix";
import { commentsOf } from "../../comments/file-comments";
import { pinPosition } from "../../comments/pin-position";
import { initials } from "../TopBar";
import { useEditorEvents } from "../use-editor";
import { Composer } from "./Composer";
import { ThreadCard } from "./ThreadCard";
import { useComments } from "./use-comments";

const CARD_WIDTH = 288;
const PIN = 28;

/** A card beside a pin, kept inside the canvas (a pin near an edge, or off screen, still shows its thread). */
function Card({ at, size, children, label }: { at: Point; size: { width: number; height: number }; children: ReactNode; label: string }) {
  // Right of the pin, or left of it when the canvas ends first, so that it never covers its pin.
  const right = at.x + PIN + 8;
  const side = right + CARD_WIDTH + 8 <= size.width ? right : at.x - CARD_WIDTH - 8;
  const left = Math.max(8, Math.min(side, size.width - CARD_WIDTH - 8));
  const top = Math.max(8, Math.min(at.y - PIN, size.height - 160));
  return (
    <section
      aria-label={label}
      style={{ left, top, width: CARD_WIDTH }}
      className="pointer-events-auto absolute z-20 rounded-lg border border-neutral-200 bg-white p-2.5 text-xs shadow-lg"
    >
      {children}
    </section>
  );
}

/**
 * commentMode: the comment tool is on; a comment being written goes when it
 * is turned off. A press anywhere but on the comments closes the open thread,
 * and Escape (outside a text box) closes it or drops the comment being written.
 */
export function CommentsLayer({ editor, view, commentMode }: { editor: Editor; view: CanvasOverlayView; commentMode: boolean }) {
  // Pins on objects follow them: draw again when the document changes.
  useEditorEvents(editor, ["document"]);
  const threads = useComments(editor, (s) => s.threads);
  const draft = useComments(editor, (s) => s.draft);
  const openId = useComments(editor, (s) => s.openId);
  const showResolved = useComments(editor, (s) => s.showResolved);
  const store = commentsOf(editor);
  const root = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });

  useEffect(() => {
    const el = root.current!;
    const measure = () => setSize({ width: el.clientWidth, height: el.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!commentMode) store.getState().cancelDraft();
  }, [commentMode, store]);

  useEffect(() => {
    const press = (e: PointerEvent) => {
      const target = e.target as Element | null;
      // The pins and cards, and the side list (which opens threads itself).
      if (target?.closest('[data-testid="comments-layer"] .pointer-events-auto, aside[aria-label="Comments"]')) return;
      if (store.getState().openId) store.getState().openThread(null);
    };
    const key = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== "Escape" || target?.tagName === "TEXTAREA" || target?.tagName === "INPUT") return;
      const state = store.getState();
      if (state.openId) state.openThread(null);
      else if (state.draft) state.cancelDraft();
    };
    window.addEventListener("pointerdown", press, true);
    window.addEventListener("keydown", key);
    return () => {
      window.removeEventListener("pointerdown", press, true);
      window.removeEventListener("keydown", key);
    };
  }, [store]);

  // A thread opened from the side list whose pin is off screen: the camera
  // goes to the pin, so the card opens beside it.
  useEffect(() => {
    if (!openId) return;
    const thread = store.getState().threads.find((t) => t.id === openId);
    const page = thread ? pinPosition(thread, view.boundsOf) : null;
    const el = root.current;
    if (!page || !el) return;
    const at = pageToScreen(view.camera, page);
    if (at.x < 0 || at.y < 0 || at.x > el.clientWidth || at.y > el.clientHeight) view.centerOn(page);
    // Only when another thread opens, not on every camera move.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [openId]);

  const screenOf = (page: Point | null) => (page ? pageToScreen(view.camera, page) : null);
  const open = threads.find((t) => t.id === openId) ?? null;
  const openAt = open ? screenOf(pinPosition(open, view.boundsOf)) : null;
  const draftAt = draft ? screenOf(pinPosition(draft, view.boundsOf)) : null;

  return (
    <div ref={root} className="pointer-events-none absolute inset-0 overflow-hidden" data-testid="comments-layer">
      {threads.map((thread) => {
        if (thread.resolved && !showResolved && thread.id !== openId) return null;
        const at = screenOf(pinPosition(thread, view.boundsOf));
        if (!at) return null;
        const active = thread.id === openId;
        return (
          <button
            key={thread.id}
            type="button"
            data-testid="comment-pin"
            data-comment-id={thread.id}
            aria-label={`Comment by ${thread.userName ?? "someone"}${thread.resolved ? " (resolved)" : ""}`}
            title={thread.content.slice(0, 120)}
            onClick={() => store.getState().openThread(active ? null : thread.id)}
            style={{ left: at.x, top: at.y - PIN, width: PIN, height: PIN }}
            className={`pointer-events-auto absolute flex items-center justify-center rounded-full rounded-bl-none border-2 text-[10px] font-semibold shadow-md ${
              thread.resolved ? "border-white bg-neutral-300 text-neutral-700" : active ? "border-white bg-blue-600 text-white" : "border-white bg-neutral-900 text-white"
            }`}
          >
            {initials(thread.userName ?? "?")}
            {thread.replies.length > 0 && (
              <span className="absolute -right-1.5 -top-1.5 rounded-full bg-blue-500 px-1 text-[9px] leading-4 text-white">{thread.replies.length}</span>
            )}
          </button>
        );
      })}
      {draft && draftAt && (
        <>
          <span
            data-testid="comment-draft-pin"
            style={{ left: draftAt.x, top: draftAt.y - PIN, width: PIN, height: PIN }}
            className="absolute rounded-full rounded-bl-none border-2 border-white bg-blue-600 shadow-md"
          />
          <Card at={draftAt} size={size} label="New comment">
            <Composer
              key={`${draft.objectId}:${draft.x}:${draft.y}`}
              label="New comment"
              action="Post"
              placeholder="Add a comment"
              autoFocus
              send={(text) => store.getState().create(text)}
              onCancel={() => store.getState().cancelDraft()}
            />
          </Card>
        </>
      )}
      {open && (
        <Card at={openAt ?? { x: size.width, y: 0 }} size={size} label="Comment thread">
          <ThreadCard editor={editor} thread={open} onClose={() => store.getState().openThread(null)} />
        </Card>
      )}
    </div>
  );
}
