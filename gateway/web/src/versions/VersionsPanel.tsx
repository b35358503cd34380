// The version history panel (toggled from the top bar): the versions newest
// first with who saved each and when, a page at a time; "Save version" names
// the current state; a version is renamed in place; clicking one previews it
// on the canvas. Time travel: a slider over the seqs the log still retains,
// showing the file at that seq and who changed what up to it. Viewers see
// and preview; only editors are offered saving, renaming and restoring.
import { Clock, Pencil, X } from "lucide-react";
import { useMemo, useState } from "react";
import type { Editor } from "../editor/editor";
import { useEditorEvents } from "../ui/use-editor";
import { changeText } from "./change-text";
import type { Version } from "./versions-api";
import { useVersions, versionsStoreFor } from "./versions-for-editor";
import { versionTitle } from "./versions-store";
import { whenText } from "./when-text";

export function VersionsPanel({ editor }: { editor: Editor }) {
  useEditorEvents(editor, ["access"]);
  const open = useVersions(editor, (s) => s.open);
  const tab = useVersions(editor, (s) => s.tab);
  const error = useVersions(editor, (s) => s.error);
  if (!open) return null;
  const store = versionsStoreFor(editor).getState();
  const tabClass = (on: boolean) =>
    `flex-1 rounded px-2 py-1 ${on ? "bg-white font-medium text-neutral-900 shadow-sm" : "text-neutral-500 hover:text-neutral-800"}`;
  return (
    <aside aria-label="Version history" data-testid="versions-panel" className="flex w-72 flex-col border-l border-neutral-200 bg-white text-xs">
      <div className="flex items-center justify-between px-3 py-2">
        <h2 className="font-semibold text-neutral-700">Version history</h2>
        <button type="button" aria-label="Close version history" onClick={() => store.close()} className="rounded p-1 text-neutral-500 hover:bg-neutral-100">
          <X size={14} />
        </button>
      </div>
      <div role="tablist" className="mx-3 mb-2 flex gap-1 rounded-md bg-neutral-100 p-0.5">
        <button type="button" role="tab" aria-selected={tab === "versions"} data-testid="versions-tab" className={tabClass(tab === "versions")} onClick={() => void store.setTab("versions")}>
          Versions
        </button>
        <button type="button" role="tab" aria-selected={tab === "timeTravel"} data-testid="time-travel-tab" className={tabClass(tab === "timeTravel")} onClick={() => void store.setTab("timeTravel")}>
          Time travel
        </button>
      </div>
      {error && (
        <p role="alert" data-testid="versions-error" className="mx-3 mb-2 rounded border border-red-200 bg-red-50 px-2 py-1 text-red-700">
          {error}
        </p>
      )}
      {tab === "versions" ? <VersionList editor={editor} /> : <TimeTravel editor={editor} />}
    </aside>
  );
}

function SaveVersion({ editor }: { editor: Editor }) {
  const [name, setName] = useState("");
  const [saving, setSaving] = useState(false);
  const save = async () => {
    if (!name.trim() || saving) return;
    setSaving(true);
    if (await versionsStoreFor(editor).getState().save(name)) setName("");
    setSaving(false);
  };
  return (
    <form
      className="flex gap-1 px-3 pb-2"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input
        data-testid="version-name"
        value={name}
        maxLength={255}
        placeholder="Name the current state"
        aria-label="Version name"
        onChange={(e) => setName(e.target.value)}
        className="min-w-0 flex-1 rounded border border-neutral-300 px-2 py-1"
      />
      <button
        type="submit"
        data-testid="version-save"
        disabled={!name.trim() || saving}
        className="rounded bg-blue-600 px-2 py-1 font-medium text-white hover:bg-blue-500 disabled:opacity-50"
      >
        Save version
      </button>
    </form>
  );
}

function VersionList({ editor }: { editor: Editor }) {
  const versions = useVersions(editor, (s) => s.versions);
  const nextCursor = useVersions(editor, (s) => s.nextCursor);
  const listing = useVersions(editor, (s) => s.listing);
  const shown = useVersions(editor, (s) => s.shown);
  const [renaming, setRenaming] = useState<string | null>(null);
  const store = versionsStoreFor(editor).getState();
  const canEdit = !editor.readOnly;
  return (
    <>
      {canEdit && <SaveVersion editor={editor} />}
      <ul data-testid="version-list" className="min-h-0 flex-1 overflow-y-auto border-t border-neutral-100">
        {versions.map((v) => (
          <li key={v.id} data-testid="version-row" data-version={v.versionNumber}>
            {renaming === v.id ? (
              <RenameVersion editor={editor} version={v} onDone={() => setRenaming(null)} />
            ) : (
              <div
                className={`group flex items-start gap-2 px-3 py-2 ${shown.kind === "version" && shown.version.id === v.id ? "bg-blue-50" : "hover:bg-neutral-50"}`}
              >
                <button type="button" data-testid="version-open" onClick={() => void store.preview(v.id)} className="min-w-0 flex-1 text-left">
                  <span data-testid="version-title" className={`block truncate ${v.name ? "font-medium text-neutral-800" : "text-neutral-600"}`}>
                    {versionTitle(v)}
                  </span>
                  <span className="block text-neutral-500">
                    {v.createdByName ?? (v.isAutoSave ? "Auto-saved" : "Someone")} · {whenText(v.createdAt)} · seq {v.seq}
                  </span>
                </button>
                {canEdit && (
                  <button
                    type="button"
                    data-testid="version-rename"
                    aria-label={`Rename ${versionTitle(v)}`}
                    onClick={() => setRenaming(v.id)}
                    className="rounded p-1 text-neutral-400 opacity-0 hover:bg-neutral-200 hover:text-neutral-700 focus:opacity-100 group-hover:opacity-100"
                  >
                    <Pencil size={12} />
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
        {!versions.length && !listing && <li className="px-3 py-4 text-neutral-500">No versions yet. Auto-saves appear as the file is edited.</li>}
        {nextCursor && (
          <li className="px-3 py-2">
            <button
              type="button"
              data-testid="versions-more"
              disabled={listing}
              onClick={() => void store.loadMore()}
              className="w-full rounded border border-neutral-300 py-1 text-neutral-700 hover:bg-neutral-50 disabled:opacity-50"
            >
              Load more
            </button>
          </li>
        )}
      </ul>
    </>
  );
}

function RenameVersion({ editor, version, onDone }: { editor: Editor; version: Version; onDone: () => void }) {
  const [name, setName] = useState(version.name ?? "");
  const commit = async () => {
    if (name.trim() && name.trim() !== version.name) await versionsStoreFor(editor).getState().rename(version.id, name);
    onDone();
  };
  return (
    <div className="px-3 py-2">
      <input
        autoFocus
        data-testid="version-rename-input"
        aria-label="New version name"
        value={name}
        maxLength={255}
        onChange={(e) => setName(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key === "Enter") void commit();
          if (e.key === "Escape") onDone();
        }}
        className="w-full rounded border border-blue-400 px-2 py-1"
      />
    </div>
  );
}

function TimeTravel({ editor }: { editor: Editor }) {
  const shown = useVersions(editor, (s) => s.shown);
  const store = versionsStoreFor(editor).getState();
  const point = shown.kind === "history" ? shown.point : null;
  const objects = useMemo(() => new Map((point?.document.objects ?? []).map((o) => [o.id, o])), [point]);
  if (shown.kind !== "history") return null;
  const { firstSeq, lastSeq, seq } = shown;
  return (
    <div className="flex min-h-0 flex-1 flex-col border-t border-neutral-100">
      <div className="px-3 py-2">
        <label className="flex items-center justify-between text-neutral-600" htmlFor="time-travel-seq">
          <span className="flex items-center gap-1">
            <Clock size={12} aria-hidden /> seq <span data-testid="time-travel-seq">{seq}</span>
          </span>
          <span className="text-neutral-400">
            {firstSeq}–{lastSeq}
          </span>
        </label>
        <input
          id="time-travel-seq"
          data-testid="time-travel-slider"
          type="range"
          min={firstSeq}
          max={lastSeq}
          step={1}
          value={seq}
          disabled={firstSeq === lastSeq}
          onChange={(e) => store.scrubTo(Number(e.target.value))}
          className="mt-1 w-full"
        />
        {firstSeq > 0 && (
          <p className="mt-1 text-neutral-500">Changes up to seq {firstSeq} were folded into the file when its log was trimmed.</p>
        )}
      </div>
      <h3 className="px-3 pt-1 font-medium text-neutral-700">Changes up to this point</h3>
      <ul data-testid="time-travel-changes" className="min-h-0 flex-1 overflow-y-auto">
        {point && point.seq === seq ? (
          point.changes.map((c) => (
            <li key={c.seq} data-testid="time-travel-change" className="px-3 py-1.5">
              <span className="block text-neutral-800">{changeText(c, objects.get(c.objectId))}</span>
              <span className="block text-neutral-500">
                seq {c.seq} · {whenText(c.createdAt)}
              </span>
            </li>
          ))
        ) : (
          <li className="px-3 py-2 text-neutral-500">Loading…</li>
        )}
        {point && point.seq === seq && !point.changes.length && <li className="px-3 py-2 text-neutral-500">No changes before this point.</li>}
      </ul>
    </div>
  );
}
