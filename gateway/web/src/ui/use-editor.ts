// React subscribes to the Editor, which stays the one owner of state: a
// component names the events it shows and re-renders when one comes, at most
// once a frame (a remote drag sends many document events).
import { useEffect, useReducer } from "react";
import type { Editor, EditorEvent } from "../editor/editor";

export function useEditorEvents(editor: Editor, types: readonly EditorEvent["type"][]): number {
  const [version, bump] = useReducer((n: number) => n + 1, 0);
  const key = types.join(" ");
  useEffect(() => {
    let frame: number | null = null;
    const off = editor.subscribe((event) => {
      if (!key.split(" ").includes(event.type) || frame !== null) return;
      frame = requestAnimationFrame(() => {
        frame = null;
        bump();
      });
    });
    return () => {
      off();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [editor, key]);
  return version;
}
