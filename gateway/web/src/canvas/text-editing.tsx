// The in-place text editor: a <textarea> laid exactly over the text object
// (its font, size, alignment, rotation and the camera), committing on blur,
// Escape or ctrl/cmd+Enter. It is the only DOM the canvas shows for an object,
// and only while that one is being edited.
import { useEffect, useRef, useState } from "react";
import type { Camera } from "../geometry/camera";
import type { Editor } from "../editor/editor";
import type { Renderer } from "../render/renderer";
import { DEFAULTS } from "../render/scene-object";

export function TextEditing({ editor, renderer, id, camera, onDone }: { editor: Editor; renderer: Renderer; id: string; camera: Camera; onDone: () => void }) {
  const [text, setText] = useState(() => String(editor.value(id, "text") ?? ""));
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const frame = renderer.selectionFrame([id]);
  if (!frame) return null;
  const m = frame.world;
  const z = camera.zoom;
  const commit = () => {
    if (done.current) return;
    done.current = true;
    const value = ref.current?.value ?? text;
    try {
      if (value === "" && String(editor.value(id, "text") ?? "") === "") editor.delete([id]);
      else if (value !== editor.value(id, "text")) editor.update(id, { text: value, ...grownHeight() });
    } catch {
      // A viewer, or the object went meanwhile: nothing to keep.
    }
    onDone();
  };
  // The box grows to hold what was typed (Figma's auto height); it never shrinks
  // by itself, so a box drawn tall stays so. The textarea is laid out in page
  // units (the camera is its transform), so its scroll height is the page height.
  const grownHeight = (): { height?: number } => {
    const needed = ref.current?.scrollHeight ?? 0;
    const height = editor.value(id, "height");
    return typeof height === "number" && needed > height + 0.5 ? { height: Math.ceil(needed) } : {};
  };
  const num = (name: string, fallback: number) => {
    const v = editor.value(id, name);
    return typeof v === "number" ? v : fallback;
  };
  const fontSize = num("fontSize", DEFAULTS.fontSize);
  return (
    <textarea
      ref={ref}
      value={text}
      spellCheck={false}
      onChange={(e) => {
        setText(e.target.value);
        // Grows with the text while typing; the object's height follows on commit.
        e.target.style.height = "auto";
        e.target.style.height = `${Math.max(frame.height, e.target.scrollHeight)}px`;
      }}
      onBlur={commit}
      onPointerDown={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Escape" || (e.key === "Enter" && (e.ctrlKey || e.metaKey))) {
          e.preventDefault();
          commit();
        }
      }}
      style={{
        position: "absolute",
        left: 0,
        top: 0,
        transformOrigin: "0 0",
        transform: `matrix(${m.a * z}, ${m.b * z}, ${m.c * z}, ${m.d * z}, ${(m.e - camera.x) * z}, ${(m.f - camera.y) * z})`,
        width: frame.width,
        minHeight: frame.height,
        margin: 0,
        padding: 0,
        border: "none",
        outline: "1px solid #0d99ff",
        background: "transparent",
        resize: "none",
        overflow: "hidden",
        font: `${fontSize}px ${String(editor.value(id, "fontFamily") ?? DEFAULTS.fontFamily)}`,
        lineHeight: num("lineHeight", DEFAULTS.lineHeight),
        letterSpacing: `${num("letterSpacing", 0)}px`,
        textAlign: (editor.value(id, "textAlign") as "left" | null) ?? "left",
        color: String(editor.value(id, "fill") ?? DEFAULTS.textFill),
        whiteSpace: "pre-wrap",
        wordBreak: "break-word",
      }}
    />
  );
}
