// The version history's state: whether the panel is open, the versions as
// their pages arrive, and what the canvas shows: the live file, a version
// (a read-only preview), or the file at a seq of its log (time travel, a
// slider whose fetches are debounced, answers for an older position being
// dropped). Restoring hands the shown document to `restore`, which makes it
// one local change (restore-diff.ts). Made by a factory over its REST calls
// and the editor's pieces, so that tests drive it without a browser.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { DocumentObject } from "../doc/document";
import type { HistoryPoint, Version, VersionDocument, VersionsApi } from "./versions-api";

export const VERSIONS_PAGE_SIZE = 30;
/** How long the slider must rest before the document at its seq is fetched. */
export const SCRUB_DEBOUNCE_MS = 150;

export type Shown =
  | { kind: "live" }
  | { kind: "version"; version: Version; document: VersionDocument }
  | { kind: "history"; firstSeq: number; lastSeq: number; seq: number; point: HistoryPoint | null };

export interface VersionsState {
  open: boolean;
  tab: "versions" | "timeTravel";
  versions: Version[];
  nextCursor?: string;
  listing: boolean;
  /** the last failure, in words for the person */
  error: string | null;
  shown: Shown;
  toggle(): void;
  close(): void;
  setTab(tab: VersionsState["tab"]): Promise<void>;
  /** The first page again. */
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  save(name: string): Promise<boolean>;
  rename(versionId: string, name: string): Promise<boolean>;
  preview(versionId: string): Promise<void>;
  startTimeTravel(): Promise<void>;
  /** Moves the slider; the document at seq follows once it rests. */
  scrubTo(seq: number): void;
  backToCurrent(): void;
  /** Restores what is shown (a version or a point in time) and goes back to the live file. */
  restoreShown(): boolean;
}

export interface VersionsDeps {
  api: Pick<VersionsApi, "versions" | "version" | "saveVersion" | "renameVersion" | "history">;
  fileId: string;
  /** The last seq this client has seen: where time travel starts. */
  currentSeq(): number;
  /** Makes the file show these objects, as one local change; throws when it cannot. */
  restore(objects: readonly DocumentObject[]): void;
  timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

/** The document a preview shows, or null for the live file. */
export function shownDocument(shown: Shown): VersionDocument | null {
  if (shown.kind === "version") return shown.document;
  if (shown.kind === "history") return shown.point?.document ?? null;
  return null;
}

export function versionTitle(v: Pick<Version, "name" | "versionNumber" | "isAutoSave">): string {
  return v.name ?? (v.isAutoSave ? `Auto-save ${v.versionNumber}` : `Version ${v.versionNumber}`);
}

export function createVersionsStore(deps: VersionsDeps): StoreApi<VersionsState> {
  const { api, fileId } = deps;
  const timers = deps.timers ?? { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };
  // Each list load and each preview fetch gets a number: an answer for one no longer wanted is dropped.
  let listGeneration = 0;
  let shownGeneration = 0;
  let scrubTimer: unknown = null;

  return createStore<VersionsState>((set, get) => {
    const failed = (e: unknown) => set({ error: e instanceof Error ? e.message : String(e) });

    async function fetchPage(append: boolean): Promise<void> {
      const mine = ++listGeneration;
      set({ listing: true, error: null });
      try {
        const page = await api.versions(fileId, { limit: VERSIONS_PAGE_SIZE, cursor: append ? get().nextCursor : undefined });
        if (mine !== listGeneration) return;
        set((s) => ({
          versions: append ? [...s.versions, ...page.versions.filter((v) => !s.versions.some((w) => w.id === v.id))] : page.versions,
          nextCursor: page.nextCursor,
          listing: false,
        }));
      } catch (e) {
        if (mine === listGeneration) {
          set({ listing: false });
          failed(e);
        }
      }
    }

    function stopScrub(): void {
      if (scrubTimer !== null) timers.clear(scrubTimer);
      scrubTimer = null;
    }

    async function fetchPoint(seq: number): Promise<void> {
      const mine = ++shownGeneration;
      try {
        const point = await api.history(fileId, seq);
        const shown = get().shown;
        if (mine !== shownGeneration || shown.kind !== "history") return;
        set({ shown: { kind: "history", firstSeq: point.firstSeq, lastSeq: point.lastSeq, seq: shown.seq, point }, error: null });
      } catch (e) {
        if (mine === shownGeneration) failed(e);
      }
    }

    const live = () => {
      stopScrub();
      shownGeneration++;
      set({ shown: { kind: "live" } });
    };

    return {
      open: false,
      tab: "versions",
      versions: [],
      nextCursor: undefined,
      listing: false,
      error: null,
      shown: { kind: "live" },
      toggle() {
        if (get().open) return get().close();
        set({ open: true, tab: "versions" });
        void fetchPage(false);
      },
      close() {
        live();
        set({ open: false, error: null });
      },
      async setTab(tab) {
        set({ tab });
        if (tab === "timeTravel") await get().startTimeTravel();
        else if (get().shown.kind === "history") live();
      },
      reload: () => fetchPage(false),
      async loadMore() {
        if (get().nextCursor) await fetchPage(true);
      },
      async save(name) {
        try {
          const version = await api.saveVersion(fileId, name.trim());
          set((s) => ({ versions: [version, ...s.versions.filter((v) => v.id !== version.id)], error: null }));
          return true;
        } catch (e) {
          failed(e);
          return false;
        }
      },
      async rename(versionId, name) {
        try {
          const version = await api.renameVersion(fileId, versionId, name.trim());
          set((s) => ({
            versions: s.versions.map((v) => (v.id === versionId ? version : v)),
            shown: s.shown.kind === "version" && s.shown.version.id === versionId ? { ...s.shown, version } : s.shown,
            error: null,
          }));
          return true;
        } catch (e) {
          failed(e);
          return false;
        }
      },
      async preview(versionId) {
        stopScrub();
        const mine = ++shownGeneration;
        try {
          const { document, ...version } = await api.version(fileId, versionId);
          if (mine !== shownGeneration) return;
          set({ shown: { kind: "version", version, document }, tab: "versions", error: null });
        } catch (e) {
          if (mine === shownGeneration) failed(e);
        }
      },
      async startTimeTravel() {
        stopScrub();
        const seq = deps.currentSeq();
        set({ tab: "timeTravel", shown: { kind: "history", firstSeq: 0, lastSeq: seq, seq, point: null } });
        await fetchPoint(seq);
      },
      scrubTo(seq) {
        const shown = get().shown;
        if (shown.kind !== "history") return;
        const clamped = Math.round(Math.min(shown.lastSeq, Math.max(shown.firstSeq, seq)));
        set({ shown: { ...shown, seq: clamped } });
        stopScrub();
        scrubTimer = timers.set(() => {
          scrubTimer = null;
          void fetchPoint(clamped);
        }, SCRUB_DEBOUNCE_MS);
      },
      backToCurrent() {
        const wasHistory = get().shown.kind === "history";
        live();
        if (wasHistory) set({ tab: "versions" });
      },
      restoreShown() {
        const shown = get().shown;
        const document = shownDocument(shown);
        // A point whose document has not come yet (the slider still moving) is not restored.
        if (!document || (shown.kind === "history" && shown.point?.seq !== shown.seq)) return false;
        try {
          deps.restore(document.objects);
        } catch (e) {
          failed(e);
          return false;
        }
        live();
        set({ tab: "versions", error: null });
        return true;
      },
    };
  });
}
