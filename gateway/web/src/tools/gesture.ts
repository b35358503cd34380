// A drag spans many pointer events but must be one undo step, and
// editor.transact only groups what runs inside one call. Until the Editor
// exposes begin/end for gestures, this opens its History's group across the
// events (History.begin/end nest, so transact calls inside stay in the group).
import type { Editor } from "../editor/editor";

interface Grouping {
  begin(): void;
  end(): void;
}

function historyOf(editor: Editor): Grouping {
  return (editor as unknown as { history: Grouping }).history;
}

const open = new WeakMap<Editor, number>();

export function beginGesture(editor: Editor): void {
  if (editor.readOnly) return;
  historyOf(editor).begin();
  open.set(editor, (open.get(editor) ?? 0) + 1);
}

export function endGesture(editor: Editor): void {
  const n = open.get(editor) ?? 0;
  if (n === 0) return;
  open.set(editor, n - 1);
  // An empty transact closes the group and tells the UI that undo changed.
  historyOf(editor).end();
  editor.transact(() => {});
}
