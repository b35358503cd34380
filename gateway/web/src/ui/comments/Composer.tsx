// Where a comment or a reply is written: Enter sends, Shift+Enter starts a new
// line, Escape gives up. What the store or the server refused is said under it.
import { useState } from "react";
import { MAX_COMMENT_CHARACTERS } from "../../comments/comment-text";

export function Composer(props: { label: string; action: string; placeholder: string; send(text: string): Promise<unknown>; onCancel?(): void; autoFocus?: boolean; initial?: string }) {
  const [text, setText] = useState(props.initial ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await props.send(text);
      setText("");
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="flex flex-col gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <textarea
        aria-label={props.label}
        placeholder={props.placeholder}
        value={text}
        autoFocus={props.autoFocus}
        rows={2}
        // Room past the limit (in UTF-16 units, two per emoji): a longer text is refused with a reason, not cut short silently.
        maxLength={MAX_COMMENT_CHARACTERS * 2 + 1}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void submit();
          } else if (e.key === "Escape" && props.onCancel) {
            e.preventDefault();
            props.onCancel();
          }
        }}
        className="w-full resize-none rounded-md border border-neutral-300 px-2 py-1.5 text-xs outline-none focus:border-blue-500"
      />
      {error && (
        <p role="alert" className="text-[11px] text-red-600">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-1.5">
        {props.onCancel && (
          <button type="button" onClick={props.onCancel} className="rounded px-2 py-1 text-neutral-600 hover:bg-neutral-100">
            Cancel
          </button>
        )}
        <button type="submit" disabled={busy || text.trim() === ""} className="rounded bg-blue-600 px-2 py-1 font-medium text-white hover:bg-blue-700 disabled:opacity-40">
          {props.action}
        </button>
      </div>
    </form>
  );
}
