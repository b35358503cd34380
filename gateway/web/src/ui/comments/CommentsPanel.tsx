// The comments side list (in comment mode, where the properties are): every
// thread of the file, open ones first unless resolved ones are asked for too;
// a click opens the thread by its pin (or, for a comment without one, on an
// object since deleted or placed nowhere by SQL, at the canvas's corner).
import type { Editor } from "../../editor/editor";
import { commentsOf } from "../../comments/file-comments";
import { useComments } from "./use-comments";

export function CommentsPanel({ editor }: { editor: Editor }) {
  const { threads, status, error, showResolved, openId } = useComments(editor, (s) => s);
  const store = commentsOf(editor);
  const shown = threads.filter((t) => showResolved || !t.resolved);
  const resolvedCount = threads.filter((t) => t.resolved).length;
  return (
    <aside aria-label="Comments" className="flex w-60 flex-col overflow-hidden border-l border-neutral-200 bg-white text-xs">
      <div className="flex items-center justify-between border-b border-neutral-200 px-3 py-2">
        <h2 className="font-semibold text-neutral-700">Comments</h2>
        <label className="flex items-center gap-1 text-neutral-600">
          <input type="checkbox" checked={showResolved} onChange={(e) => store.getState().setShowResolved(e.target.checked)} />
          Show resolved{resolvedCount > 0 ? ` (${resolvedCount})` : ""}
        </label>
      </div>
      {error && (
        <p role="alert" className="border-b border-red-100 bg-red-50 px-3 py-2 text-red-700">
          {error}
        </p>
      )}
      <ul className="flex-1 divide-y divide-neutral-100 overflow-y-auto">
        {status === "loading" && threads.length === 0 && <li className="px-3 py-2 text-neutral-500">Loading comments…</li>}
        {status !== "loading" && shown.length === 0 && (
          <li className="px-3 py-2 text-neutral-500">{threads.length ? "Every comment is resolved." : "No comments yet. Click the canvas to add one."}</li>
        )}
        {shown.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              data-testid="comment-list-item"
              data-comment-id={t.id}
              aria-pressed={t.id === openId}
              onClick={() => store.getState().openThread(t.id === openId ? null : t.id)}
              className={`flex w-full flex-col gap-0.5 px-3 py-2 text-left hover:bg-neutral-50 ${t.id === openId ? "bg-blue-50" : ""}`}
            >
              <span className="flex items-baseline justify-between gap-2">
                <span className="truncate font-semibold text-neutral-800">{t.userName ?? "Someone"}</span>
                {t.resolved && <span className="shrink-0 rounded bg-neutral-100 px-1 text-[10px] text-neutral-600">Resolved</span>}
              </span>
              {/* Plain text here: a link inside this button could not be clicked on its own. */}
              <span className="line-clamp-3 whitespace-pre-wrap break-words text-neutral-700">{t.content}</span>
              {t.replies.length > 0 && (
                <span className="text-[11px] text-neutral-500">
                  {t.replies.length} {t.replies.length === 1 ? "reply" : "replies"}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
