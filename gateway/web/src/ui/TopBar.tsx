// The top bar: file name, who is here, and the connection.
import { useEffect, useState } from "react";
import type { Editor } from "../editor/editor";
import { navigate } from "../app/router";
import { ShareButton } from "../share/ShareButton";
import { ViewOnlyBadge } from "../share/ViewOnlyBadge";
import { VersionsToggle } from "../versions/VersionsToggle";
import { connectionText } from "./connection-text";
import { useFollow } from "../follow/use-follow";
import { useEditorEvents } from "./use-editor";

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? parts[0]![0]! + parts[1]![0]! : (parts[0] ?? "?").slice(0, 2)).toUpperCase();
}

function Connection({ editor }: { editor: Editor }) {
  useEditorEvents(editor, ["connection"]);
  const state = editor.connection;
  const [now, setNow] = useState(Date.now());
  // The retry countdown ticks only while there is one.
  useEffect(() => {
    if (state.status !== "reconnecting") return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [state.status]);
  const { text, tone } = connectionText(state, Math.max(now, Date.now()));
  const dot = tone === "ok" ? "bg-emerald-500" : tone === "busy" ? "bg-amber-500 animate-pulse" : "bg-red-500";
  return (
    <span data-testid="connection" role="status" className="flex items-center gap-1.5 text-xs text-neutral-600">
      <span aria-hidden className={`h-2 w-2 rounded-full ${dot}`} />
      {text}
    </span>
  );
}

function Avatars({ editor }: { editor: Editor }) {
  useEditorEvents(editor, ["presence"]);
  const { follow, leader } = useFollow(editor);
  // One avatar per person, however many tabs they have open; a click follows them (again: stops).
  const people = new Map<string, { name: string; color: string }>();
  for (const peer of editor.peers.values()) if (!people.has(peer.userId)) people.set(peer.userId, { name: peer.userName, color: peer.color });
  return (
    <div className="flex -space-x-1.5">
      {[...people].map(([id, p]) => {
        const followed = leader?.userId === id;
        return (
          <button
            type="button"
            key={id}
            data-testid="avatar"
            data-user-id={id}
            title={p.name}
            aria-label={followed ? `Stop following ${p.name}` : `Follow ${p.name}`}
            aria-pressed={followed}
            onClick={() => follow.toggle(id)}
            style={{ backgroundColor: p.color, ...(followed ? { outline: `2px solid ${p.color}`, outlineOffset: "2px", zIndex: 1 } : {}) }}
            className="relative flex h-7 w-7 items-center justify-center rounded-full border-2 border-white text-[10px] font-semibold text-white"
          >
            {initials(p.name)}
          </button>
        );
      })}
    </div>
  );
}

export function TopBar({ editor, fileName }: { editor: Editor; fileName: string }) {
  return (
    <header className="flex h-11 items-center justify-between border-b border-neutral-200 bg-white px-3">
      <div className="flex min-w-0 items-center gap-2 text-sm">
        <button type="button" onClick={() => navigate("/")} className="rounded px-1.5 py-0.5 text-neutral-500 hover:bg-neutral-100">
          Files
        </button>
        <span className="text-neutral-300">/</span>
        <span data-testid="file-name" className="truncate font-medium text-neutral-800">
          {fileName}
        </span>
        <ViewOnlyBadge editor={editor} />
      </div>
      <div className="flex items-center gap-4">
        <Avatars editor={editor} />
        <VersionsToggle editor={editor} />
        <Connection editor={editor} />
        <ShareButton fileId={editor.fileId} />
      </div>
    </header>
  );
}
