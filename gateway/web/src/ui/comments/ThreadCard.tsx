// One thread: the comment and its replies, each with its author and time,
// resolve or reopen (edit access or the thread's author), edit and delete on
// one's own comments only, and a reply box for anyone who can open the file.
import { Check, RotateCcw, X } from "lucide-react";
import { useState } from "react";
import type { Editor } from "../../editor/editor";
import type { CommentData, Thread } from "../../comments/comment-api";
import { isOwn, mayComment, mayResolve } from "../../comments/comment-rules";
import { commentsOf } from "../../comments/file-comments";
import { CommentText } from "./CommentText";
import { Composer } from "./Composer";
import { useViewer } from "./use-comments";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function DeleteButton({ what, remove }: { what: string; remove(): Promise<void> }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!asking)
    return (
      <button type="button" onClick={() => setAsking(true)} className="text-[11px] text-neutral-500 hover:text-red-600">
        Delete
      </button>
    );
  return (
    <span className="flex items-center gap-1.5 text-[11px]">
      <span className="text-neutral-600">Delete {what}?</span>
      <button type="button" onClick={() => remove().catch((e: Error) => setError(e.message))} className="font-medium text-red-600 hover:underline">
        Delete
      </button>
      <button type="button" onClick={() => setAsking(false)} className="text-neutral-500 hover:underline">
        Keep
      </button>
      {error && (
        <span role="alert" className="text-red-600">
          {error}
        </span>
      )}
    </span>
  );
}

function CommentEntry({ editor, comment, what }: { editor: Editor; comment: CommentData; what: string }) {
  const { me } = useViewer(editor);
  const [editing, setEditing] = useState(false);
  const own = isOwn(comment, me);
  return (
    <li data-testid="comment" data-comment-id={comment.id} className="flex flex-col gap-1 py-2">
      <div className="flex items-baseline justify-between gap-2">
        <span className="truncate font-semibold text-neutral-800">{comment.userName ?? "Someone"}</span>
        <time dateTime={comment.createdAt} className="shrink-0 text-[11px] text-neutral-500">
          {when.format(new Date(comment.createdAt))}
        </time>
      </div>
      {editing ? (
        <Composer
          label="Edit comment"
          action="Save"
          placeholder="Comment"
          initial={comment.content}
          autoFocus
          send={async (text) => {
            await commentsOf(editor).getState().edit(comment.id, text);
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <CommentText content={comment.content} />
      )}
      {own && !editing && (
        <div className="flex gap-3">
          <button type="button" onClick={() => setEditing(true)} className="text-[11px] text-neutral-500 hover:text-blue-700">
            Edit
          </button>
          <DeleteButton what={what} remove={() => commentsOf(editor).getState().remove(comment.id)} />
        </div>
      )}
    </li>
  );
}

export function ThreadCard({ editor, thread, onClose }: { editor: Editor; thread: Thread; onClose?(): void }) {
  const { me, access } = useViewer(editor);
  const store = commentsOf(editor);
  const [error, setError] = useState<string | null>(null);
  const toggle = () => {
    setError(null);
    store
      .getState()
      .setResolved(thread.id, !thread.resolved)
      .catch((e: Error) => setError(e.message));
  };
  return (
    <div data-testid="comment-thread" data-comment-id={thread.id} className="flex flex-col text-xs">
      <div className="flex items-center justify-between gap-2 border-b border-neutral-100 pb-1.5">
        <span className="font-medium text-neutral-600">{thread.resolved ? "Resolved" : "Comment"}</span>
        <div className="flex items-center gap-1">
          {mayResolve(thread, me, access) && (
            <button
              type="button"
              onClick={toggle}
              className="flex items-center gap-1 rounded px-1.5 py-0.5 text-neutral-700 hover:bg-neutral-100"
              title={thread.resolved ? "Reopen the thread" : "Resolve the thread"}
            >
              {thread.resolved ? <RotateCcw size={13} /> : <Check size={13} />}
              {thread.resolved ? "Reopen" : "Resolve"}
            </button>
          )}
          {onClose && (
            <button type="button" aria-label="Close the thread" onClick={onClose} className="rounded p-0.5 text-neutral-500 hover:bg-neutral-100">
              <X size={14} />
            </button>
          )}
        </div>
      </div>
      {error && (
        <p role="alert" className="pt-1 text-[11px] text-red-600">
          {error}
        </p>
      )}
      <ol className="max-h-72 divide-y divide-neutral-100 overflow-y-auto">
        <CommentEntry editor={editor} comment={thread} what="the thread and its replies" />
        {thread.replies.map((r) => (
          <CommentEntry key={r.id} editor={editor} comment={r} what="this reply" />
        ))}
      </ol>
      {mayComment(access) && (
        <div className="border-t border-neutral-100 pt-2">
          <Composer key={thread.id} label="Reply" action="Reply" placeholder="Reply" send={(text) => store.getState().reply(thread.id, text)} />
        </div>
      )}
    </div>
  );
}
