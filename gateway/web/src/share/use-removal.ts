// The removal of the open file, kept once it happens: the page then closes
// the editor for good (so that nothing reconnects), which must not bring the
// canvas back.
import { useEffect, useState } from "react";
import type { Editor } from "../editor/editor";
import { removalOf, type Removal } from "./access-removed";

export function useRemoval(editor: Editor): Removal | null {
  const [removal, setRemoval] = useState<Removal | null>(() => removalOf(editor.connection));
  useEffect(() => {
    const check = () => {
      const found = removalOf(editor.connection);
      if (!found) return;
      setRemoval((kept) => kept ?? found);
      editor.close();
    };
    check();
    return editor.subscribe((event) => event.type === "connection" && check());
  }, [editor]);
  return removal;
}
