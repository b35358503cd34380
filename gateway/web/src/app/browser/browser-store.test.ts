import { describe, expect, it } from "vitest";
import { ApiError, type FileInfo, type FilePage, type FileQuery } from "../api";
import { createBrowserStore, PAGE_SIZE, queryFor } from "./browser-store";

function file(id: string, extra: Partial<FileInfo> = {}): FileInfo {
  return { id, name: `File ${id}`, updatedAt: "2026-12-01T10:00:00Z", access: "admin", ...extra };
}

// A REST client over an in-memory list, paged like the gateway.
function fakeApi(all: FileInfo[]) {
  const asked: FileQuery[] = [];
  const failing = new Set<string>();
  const api = {
    asked,
    failing,
    async files(query: FileQuery = {}): Promise<FilePage> {
      asked.push(query);
      const listed = all.filter((f) => (query.trash ? !!f.deletedAt : !f.deletedAt)).filter((f) => !query.q || f.name.includes(query.q));
      const start = query.cursor ? Number(query.cursor) : 0;
      const limit = query.limit ?? 50;
      const files = listed.slice(start, start + limit);
      return start + limit < listed.length ? { files, nextCursor: String(start + limit) } : { files };
    },
    async createFile(name: string, place: { projectId?: string; teamId?: string } = {}) {
      const f = file(`new-${all.length}`, { name, ...place });
      all.unshift(f);
      return f;
    },
    async renameFile(id: string, name: string) {
      if (failing.has("rename")) throw new ApiError(403, "forbidden", "renaming or moving a file needs edit access");
      const f = all.find((g) => g.id === id)!;
      f.name = name;
      return { ...f };
    },
    async moveFile(id: string, projectId: string | null) {
      const f = all.find((g) => g.id === id)!;
      f.projectId = projectId;
      return { ...f };
    },
    async duplicateFile(id: string) {
      const f = file(`${id}-copy`, { name: `${all.find((g) => g.id === id)!.name} (copy)` });
      all.unshift(f);
      return f;
    },
    async trashFile(id: string) {
      const f = all.find((g) => g.id === id)!;
      f.deletedAt = "2026-12-01T11:00:00Z";
      return { ...f };
    },
    async restoreFile(id: string) {
      const f = all.find((g) => g.id === id)!;
      f.deletedAt = null;
      return { ...f };
    },
    async teams() {
      return [{ id: "t1", name: "Studio", role: "owner" as const }];
    },
    async createTeam(name: string) {
      return { id: "t2", name, role: "owner" as const };
    },
    async projects(teamId?: string) {
      return [{ id: "p1", name: "Web", teamId: teamId ?? null }];
    },
    async createProject(teamId: string, name: string) {
      return { id: "p2", name, teamId };
    },
  };
  return api;
}

const many = (n: number) => Array.from({ length: n }, (_, i) => file(String(i).padStart(3, "0")));

describe("the file browser's store", () => {
  it("asks the gateway for what each view shows", () => {
    expect(queryFor({ kind: "recent" }, "")).toEqual({ q: undefined });
    expect(queryFor({ kind: "mine" }, " logo ")).toEqual({ scope: "mine", q: "logo" });
    expect(queryFor({ kind: "shared" }, "")).toEqual({ scope: "shared", q: undefined });
    expect(queryFor({ kind: "trash" }, "")).toEqual({ trash: true, q: undefined });
    expect(queryFor({ kind: "team", teamId: "t" }, "")).toEqual({ teamId: "t", q: undefined });
    expect(queryFor({ kind: "project", teamId: "t", projectId: "p" }, "")).toEqual({ projectId: "p", q: undefined });
  });

  it("loads a page at a time and appends the next ones", async () => {
    const api = fakeApi(many(PAGE_SIZE * 2 + 3));
    const store = createBrowserStore(api);
    await store.getState().reload();
    expect(store.getState().files).toHaveLength(PAGE_SIZE);
    expect(store.getState().nextCursor).toBe(String(PAGE_SIZE));
    await store.getState().loadMore();
    await store.getState().loadMore();
    expect(store.getState().files).toHaveLength(PAGE_SIZE * 2 + 3);
    expect(new Set(store.getState().files.map((f) => f.id)).size).toBe(PAGE_SIZE * 2 + 3);
    expect(store.getState().nextCursor).toBeUndefined();
    const asked = api.asked.length;
    await store.getState().loadMore();
    expect(api.asked.length).toBe(asked);
  });

  it("refreshes what is shown, pages loaded with Load more included, after a load in flight", async () => {
    const all = many(PAGE_SIZE * 2 + 3);
    const api = fakeApi(all);
    const store = createBrowserStore(api);
    await store.getState().reload();
    const more = store.getState().loadMore(); // in flight when the change is heard
    all[0]!.name = "Renamed elsewhere";
    const refreshed = store.getState().refresh();
    await more;
    await refreshed;
    expect(store.getState().files).toHaveLength(PAGE_SIZE * 2);
    expect(store.getState().files[0]!.name).toBe("Renamed elsewhere");
    expect(store.getState().status).toBe("ready");
    expect(api.asked.at(-1)).toEqual({ q: undefined, limit: PAGE_SIZE * 2 });
  });

  it("forgets everything on reset (signing out), answers still on their way included", async () => {
    const api = fakeApi(many(3));
    const store = createBrowserStore(api);
    await store.getState().setView({ kind: "trash" });
    await store.getState().setSearch("0");
    await store.getState().loadTeams();
    const late = store.getState().reload();
    store.getState().reset();
    await late;
    expect(store.getState().view).toEqual({ kind: "recent" });
    expect(store.getState().search).toBe("");
    expect(store.getState().files).toEqual([]);
    expect(store.getState().teams).toEqual([]);
  });

  it("drops the answer for a list no longer shown", async () => {
    const api = fakeApi([file("a", { name: "Alpha" }), file("b", { name: "Beta" })]);
    const store = createBrowserStore(api);
    const first = store.getState().setSearch("Alpha");
    const second = store.getState().setSearch("Beta");
    await Promise.all([first, second]);
    expect(store.getState().files.map((f) => f.name)).toEqual(["Beta"]);
  });

  it("renames, duplicates, trashes and restores in place; a failure is shown and changes nothing", async () => {
    const api = fakeApi([file("a"), file("b")]);
    const store = createBrowserStore(api);
    await store.getState().reload();
    await store.getState().rename("a", "Logo");
    expect(store.getState().files.find((f) => f.id === "a")!.name).toBe("Logo");
    await store.getState().duplicate("a");
    expect(store.getState().files.map((f) => f.id)).toEqual(["a-copy", "a", "b"]);
    await store.getState().trash("b");
    expect(store.getState().files.map((f) => f.id)).toEqual(["a-copy", "a"]);
    await store.getState().setView({ kind: "trash" });
    expect(store.getState().files.map((f) => f.id)).toEqual(["b"]);
    await store.getState().restore("b");
    expect(store.getState().files).toEqual([]);

    await store.getState().setView({ kind: "recent" });
    api.failing.add("rename");
    await store.getState().rename("a", "Nope");
    expect(store.getState().error).toMatch(/edit access/);
    expect(store.getState().files.find((f) => f.id === "a")!.name).toBe("Logo");
  });

  it("creates a file where the view is", async () => {
    const store = createBrowserStore(fakeApi([]));
    await store.getState().setView({ kind: "project", teamId: "t1", projectId: "p1" });
    expect((await store.getState().createFile("Untitled")).projectId).toBe("p1");
    await store.getState().setView({ kind: "team", teamId: "t1" });
    expect((await store.getState().createFile("Untitled")).teamId).toBe("t1");
  });

  it("loads the teams with their projects", async () => {
    const store = createBrowserStore(fakeApi([]));
    await store.getState().loadTeams();
    expect(store.getState().teams.map((t) => t.name)).toEqual(["Studio"]);
    expect(store.getState().projects["t1"]!.map((p) => p.name)).toEqual(["Web"]);
  });

  it("shows a list that failed to load as an error", async () => {
    const api = fakeApi([]);
    api.files = async () => {
      throw new ApiError(0, "network", "Cannot reach the server.");
    };
    const store = createBrowserStore(api);
    await store.getState().reload();
    expect(store.getState().status).toBe("error");
    expect(store.getState().error).toMatch(/Cannot reach/);
  });
});
