// The file browser's state: which list is shown (a view and a search), its
// pages as they arrive, the user's teams and their projects, and the actions
// on files. Made by a factory over the REST client so that tests drive it
// with a fake one.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Api, FileInfo, FileQuery, Project, Team } from "../api";

export type View =
  | { kind: "recent" }
  | { kind: "mine" }
  | { kind: "shared" }
  | { kind: "trash" }
  | { kind: "team"; teamId: string }
  | { kind: "project"; teamId: string; projectId: string };

export const PAGE_SIZE = 50;
/** The most files one request may ask for (the gateway's limit). */
export const MAX_PAGE_SIZE = 200;

export function queryFor(view: View, search: string): FileQuery {
  const q = search.trim() || undefined;
  switch (view.kind) {
    case "recent":
      return { q };
    case "mine":
      return { scope: "mine", q };
    case "shared":
      return { scope: "shared", q };
    case "trash":
      return { trash: true, q };
    case "team":
      return { teamId: view.teamId, q };
    case "project":
      return { projectId: view.projectId, q };
  }
}

export function sameView(a: View, b: View): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

type FileApi = Pick<
  Api,
  | "files"
  | "createFile"
  | "renameFile"
  | "moveFile"
  | "duplicateFile"
  | "trashFile"
  | "restoreFile"
  | "teams"
  | "createTeam"
  | "projects"
  | "createProject"
>;

export interface BrowserState {
  view: View;
  search: string;
  files: FileInfo[];
  nextCursor: string | undefined;
  status: "loading" | "ready" | "error";
  error: string | null;
  teams: Team[];
  projects: Record<string, Project[]>;
  setView(view: View): Promise<void>;
  setSearch(search: string): Promise<void>;
  /** The first page of the current list, again. */
  reload(): Promise<void>;
  /**
   * The list as shown, again (someone else changed a file): as many files as
   * are shown now, so that pages loaded with "Load more" stay, without the
   * loading state, after any list load in flight.
   */
  refresh(): Promise<void>;
  loadMore(): Promise<void>;
  /** Back to a signed-out browser's state: the next user sees nothing of the last one's lists. */
  reset(): void;
  loadTeams(): Promise<void>;
  createFile(name: string): Promise<FileInfo>;
  rename(id: string, name: string): Promise<void>;
  duplicate(id: string): Promise<void>;
  trash(id: string): Promise<void>;
  restore(id: string): Promise<void>;
  move(id: string, projectId: string | null): Promise<void>;
  createTeam(name: string): Promise<Team>;
  createProject(teamId: string, name: string): Promise<Project>;
}

export function createBrowserStore(api: FileApi): StoreApi<BrowserState> {
  // Each list load gets a number; an answer for a list no longer shown is dropped.
  let generation = 0;
  // The last list load started: a refresh waits for it.
  let inFlight: Promise<void> = Promise.resolve();

  return createStore<BrowserState>((set, get) => {
    function fetchPage(append: boolean): Promise<void> {
      inFlight = loadPage(append);
      return inFlight;
    }

    async function refreshShown(): Promise<void> {
      const mine = generation; // not a new load: any load started meanwhile wins
      const { view, search, files } = get();
      const limit = Math.min(MAX_PAGE_SIZE, Math.max(PAGE_SIZE, files.length));
      try {
        const page = await api.files({ ...queryFor(view, search), limit });
        if (mine === generation) set({ files: page.files, nextCursor: page.nextCursor, status: "ready" });
      } catch {
        // The list stays as it was; the next change or action loads it again.
      }
    }

    async function loadPage(append: boolean): Promise<void> {
      const mine = ++generation;
      const { view, search, nextCursor } = get();
      const cursor = append ? nextCursor : undefined;
      if (!append) set({ status: "loading", error: null });
      try {
        const page = await api.files({ ...queryFor(view, search), limit: PAGE_SIZE, cursor });
        if (mine !== generation) return;
        set((s) => ({
          files: append ? [...s.files, ...page.files.filter((f) => !s.files.some((g) => g.id === f.id))] : page.files,
          nextCursor: page.nextCursor,
          status: "ready",
        }));
      } catch (e) {
        if (mine === generation) set({ status: "error", error: (e as Error).message });
      }
    }

    // Runs an action on a file; its failure is shown, the list stays as it was.
    async function act<T>(action: () => Promise<T>): Promise<T | undefined> {
      try {
        set({ error: null });
        return await action();
      } catch (e) {
        set({ error: (e as Error).message });
        return undefined;
      }
    }

    const without = (id: string) => set((s) => ({ files: s.files.filter((f) => f.id !== id) }));

    const initial = {
      view: { kind: "recent" } as View,
      search: "",
      files: [] as FileInfo[],
      nextCursor: undefined,
      status: "loading" as const,
      error: null,
      teams: [] as Team[],
      projects: {} as Record<string, Project[]>,
    };

    return {
      ...initial,
      reset() {
        generation += 1; // answers still on their way are for the last user
        set(initial);
      },
      async setView(view) {
        set({ view, files: [], nextCursor: undefined });
        await fetchPage(false);
      },
      async setSearch(search) {
        set({ search });
        await fetchPage(false);
      },
      reload: () => fetchPage(false),
      refresh: () => inFlight.then(refreshShown, refreshShown),
      async loadMore() {
        if (get().nextCursor) await fetchPage(true);
      },
      async loadTeams() {
        try {
          const teams = await api.teams();
          const lists = await Promise.all(teams.map((t) => api.projects(t.id)));
          set({ teams, projects: Object.fromEntries(teams.map((t, i) => [t.id, lists[i]!])) });
        } catch (e) {
          set({ error: (e as Error).message });
        }
      },
      async createFile(name) {
        const { view } = get();
        const place =
          view.kind === "project" ? { projectId: view.projectId } : view.kind === "team" ? { teamId: view.teamId } : {};
        return api.createFile(name, place);
      },
      async rename(id, name) {
        const file = await act(() => api.renameFile(id, name));
        if (file) set((s) => ({ files: s.files.map((f) => (f.id === id ? { ...f, ...file } : f)) }));
      },
      async duplicate(id) {
        const copy = await act(() => api.duplicateFile(id));
        if (copy && get().view.kind !== "trash") set((s) => ({ files: [copy, ...s.files] }));
      },
      async trash(id) {
        if (await act(() => api.trashFile(id))) without(id);
      },
      async restore(id) {
        if (await act(() => api.restoreFile(id))) without(id);
      },
      async move(id, projectId) {
        if (await act(() => api.moveFile(id, projectId))) await fetchPage(false);
      },
      async createTeam(name) {
        const team = await api.createTeam(name);
        await get().loadTeams();
        return team;
      },
      async createProject(teamId, name) {
        const project = await api.createProject(teamId, name);
        await get().loadTeams();
        return project;
      },
    };
  });
}
