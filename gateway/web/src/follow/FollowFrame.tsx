// While following someone, the canvas is framed in their colour with
// "Following NAME" and a way to stop (a pan or zoom stops it too).
import type { Editor } from "../editor/editor";
import { useFollow } from "./use-follow";

export function FollowFrame({ editor }: { editor: Editor }) {
  const { follow, leader } = useFollow(editor);
  if (!leader) return null;
  return (
    <div data-testid="follow-frame" aria-live="polite" className="pointer-events-none absolute inset-0 border-2" style={{ borderColor: leader.color }}>
      <div
        className="pointer-events-auto absolute left-1/2 top-0 flex -translate-x-1/2 items-center gap-2 rounded-b-md px-2 py-0.5 text-xs font-medium text-white"
        style={{ backgroundColor: leader.color }}
      >
        <span data-testid="follow-banner">Following {leader.name}</span>
        <button type="button" onClick={() => follow.stop()} className="rounded bg-white/25 px-1.5 hover:bg-white/40">
          Stop
        </button>
      </div>
    </div>
  );
}
