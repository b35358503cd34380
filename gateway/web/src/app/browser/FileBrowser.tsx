// The file browser at "/": recent files, your own, shared with you, each
// team and its projects, and the trash; search by name; a page at a time.
import { FilePlus, Folder, LogOut, Plus, Search, Trash2, Users } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { browserSocket, gatewaySocketUrl } from "../../sync/socket";
import { FileListWatch } from "./file-list-live";
import { useStore } from "zustand";
import { api, type Project } from "../api";
import { filePath, navigate } from "../router";
import { useSession } from "../session";
import { createBrowserStore, sameView, type View } from "./browser-store";
import { FileCard } from "./FileCard";
import { Invitations } from "./Invitations";
import { TeamMembers } from "./TeamMembers";
import { TRASH_DAYS } from "./file-dates";

export const browserStore = createBrowserStore(api);

const SEARCH_DELAY_MS = 200;

function NavItem({ view, current, label, icon, onSelect }: { view: View; current: View; label: string; icon?: React.ReactNode; onSelect(v: View): void }) {
  const active = sameView(view, current);
  return (
    <button
      type="button"
      aria-current={active ? "page" : undefined}
      onClick={() => onSelect(view)}
      className={`flex w-full items-center gap-2 truncate rounded-md px-2 py-1 text-left text-sm ${active ? "bg-blue-50 font-medium text-blue-700" : "text-neutral-700 hover:bg-neutral-100"}`}
    >
      {icon}
      {label}
    </button>
  );
}

// A one-field form that appears in place of its button ("New team", "New project").
function AddInline({ label, onAdd }: { label: string; onAdd(name: string): Promise<unknown> }) {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)} className="flex items-center gap-1 px-2 py-1 text-xs text-neutral-500 hover:text-neutral-800">
        <Plus size={12} /> {label}
      </button>
    );
  return (
    <form
      className="px-2 py-1"
      onSubmit={(e) => {
        e.preventDefault();
        const name = String(new FormData(e.currentTarget).get("name") ?? "").trim();
        if (name) void onAdd(name).then(() => setOpen(false));
      }}
    >
      <input autoFocus name="name" aria-label={label} placeholder={label} maxLength={255} onBlur={() => setOpen(false)} className="w-full rounded border border-blue-500 px-1 py-0.5 text-sm outline-none" />
    </form>
  );
}

export function FileBrowser() {
  const { user, signOut } = useSession();
  const s = useStore(browserStore);
  const [search, setSearch] = useState(s.search);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => {
    void browserStore.getState().reload();
    void browserStore.getState().loadTeams();
    // Someone else created, renamed, moved, trashed or shared a file: the
    // gateway says so over a WebSocket, and the list shown reloads.
    const watch = new FileListWatch({
      url: gatewaySocketUrl(location),
      connect: browserSocket,
      onChange: () => {
        void browserStore.getState().refresh();
        void browserStore.getState().loadTeams();
      },
      visible: () => document.visibilityState === "visible",
    });
    watch.start();
    return () => watch.stop();
  }, []);

  function onSearch(text: string) {
    setSearch(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void browserStore.getState().setSearch(text), SEARCH_DELAY_MS);
  }

  async function newFile() {
    try {
      const file = await s.createFile("Untitled");
      navigate(filePath(file.id));
    } catch (e) {
      browserStore.setState({ error: (e as Error).message });
    }
  }

  const view = s.view;
  const team = view.kind === "team" || view.kind === "project" ? s.teams.find((t) => t.id === view.teamId) : undefined;
  const project = view.kind === "project" ? s.projects[view.teamId]?.find((p) => p.id === view.projectId) : undefined;
  const title =
    view.kind === "recent" ? "Recent files"
    : view.kind === "mine" ? "Your files"
    : view.kind === "shared" ? "Shared with you"
    : view.kind === "trash" ? "Trash"
    : project ? project.name
    : (team?.name ?? "Team");
  const inTrash = view.kind === "trash";
  const canCreate = !inTrash && view.kind !== "shared" && !(team && team.role === "viewer");
  // Where a file may move: the projects of teams the user is more than a viewer in.
  const movable: Project[] = s.teams.filter((t) => t.role !== "viewer").flatMap((t) => s.projects[t.id] ?? []);

  return (
    <main className="flex min-h-screen flex-col bg-neutral-100 text-neutral-800">
      <header className="flex h-12 items-center justify-between border-b border-neutral-200 bg-white px-4">
        <span className="text-sm font-semibold">Vellum</span>
        <div className="flex items-center gap-3 text-sm">
          <span className="text-neutral-500">{user?.name}</span>
          <button type="button" onClick={() => {
              browserStore.getState().reset();
              void signOut();
            }} className="flex items-center gap-1 rounded-md px-2 py-1 text-neutral-600 hover:bg-neutral-100">
            <LogOut size={14} /> Sign out
          </button>
        </div>
      </header>
      <div className="flex flex-1">
        <nav aria-label="Files" className="w-56 shrink-0 space-y-0.5 border-r border-neutral-200 bg-white p-3">
          <NavItem view={{ kind: "recent" }} current={view} label="Recent" onSelect={(v) => void s.setView(v)} />
          <NavItem view={{ kind: "mine" }} current={view} label="Your files" onSelect={(v) => void s.setView(v)} />
          <NavItem view={{ kind: "shared" }} current={view} label="Shared with you" onSelect={(v) => void s.setView(v)} />
          <NavItem view={{ kind: "trash" }} current={view} label="Trash" icon={<Trash2 size={13} />} onSelect={(v) => void s.setView(v)} />
          <p className="px-2 pb-1 pt-4 text-xs font-semibold uppercase tracking-wide text-neutral-400">Teams</p>
          {s.teams.map((t) => (
            <div key={t.id}>
              <NavItem view={{ kind: "team", teamId: t.id }} current={view} label={t.name} icon={<Users size={13} />} onSelect={(v) => void s.setView(v)} />
              <div className="ml-4">
                {(s.projects[t.id] ?? []).map((p) => (
                  <NavItem key={p.id} view={{ kind: "project", teamId: t.id, projectId: p.id }} current={view} label={p.name} icon={<Folder size={13} />} onSelect={(v) => void s.setView(v)} />
                ))}
                {t.role !== "viewer" && <AddInline label="New project" onAdd={(name) => s.createProject(t.id, name)} />}
              </div>
            </div>
          ))}
          <AddInline label="New team" onAdd={(name) => s.createTeam(name)} />
        </nav>
        <section className="min-w-0 flex-1 p-6">
          <Invitations onJoined={() => void (s.loadTeams(), s.reload())} />
          <div className="flex items-center justify-between gap-4">
            <h1 className="text-base font-semibold">{title}</h1>
            <div className="flex items-center gap-2">
              <label className="flex items-center gap-1 rounded-md border border-neutral-300 bg-white px-2 py-1">
                <Search size={14} className="text-neutral-400" />
                <input type="search" aria-label="Search files" placeholder="Search files" value={search} maxLength={100} onChange={(e) => onSearch(e.currentTarget.value)} className="w-48 text-sm outline-none" />
              </label>
              {canCreate && (
                <button type="button" onClick={() => void newFile()} className="flex items-center gap-1.5 rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
                  <FilePlus size={15} /> New file
                </button>
              )}
            </div>
          </div>
          {inTrash && <p className="mt-2 text-xs text-neutral-500">Files in the trash are deleted for good after {TRASH_DAYS} days.</p>}
          {s.error && <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{s.error}</p>}
          {s.status === "loading" && <p className="mt-6 text-sm text-neutral-500">Loading…</p>}
          {s.status === "ready" && s.files.length === 0 && (
            <p className="mt-6 text-sm text-neutral-500">
              {search.trim() ? `No files match “${search.trim()}”.` : inTrash ? "The trash is empty." : canCreate ? "No files yet. Make one with “New file”." : "No files here yet."}
            </p>
          )}
          {s.files.length > 0 && (
            <ul className="mt-4 grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-4">
              {s.files.map((f) => (
                <FileCard key={f.id} file={f} inTrash={inTrash} isOwner={f.ownerId === user?.id} projects={movable} actions={s} />
              ))}
            </ul>
          )}
          {s.nextCursor && (
            <button type="button" onClick={() => void s.loadMore()} className="mx-auto mt-6 block rounded-md border border-neutral-300 bg-white px-4 py-1.5 text-sm hover:bg-neutral-50">
              Load more
            </button>
          )}
          {view.kind === "team" && team && <TeamMembers team={team} myId={user?.id} />}
        </section>
      </div>
    </main>
  );
}
