import { describe, expect, it } from "vitest";
import { HybridClock } from "../doc/clock";
import { Document, LocalEditError, type DocumentObject } from "../doc/document";
import { makeChange } from "../doc/local-change";
import { writeRestore } from "./restore-diff";
import type { HistoryPoint, Version, VersionsApi } from "./versions-api";
import { createVersionsStore, SCRUB_DEBOUNCE_MS, shownDocument, versionTitle, type VersionsDeps } from "./versions-store";

const FILE = "file-1";
const rect = (x: number): DocumentObject => ({ id: "r", type: "rectangle", x, y: 0, width: 10, height: 10, index: "a0" });

/** The gateway's versions endpoints over a log where seq n shows the rectangle at x = n. */
function fakeServer(lastSeq = 10) {
  const versions: (Version & { objects: DocumentObject[] })[] = [];
  const calls: string[] = [];
  const api: VersionsDeps["api"] = {
    async versions(_fileId, { limit = 50, cursor } = {}) {
      calls.push(`versions ${cursor ?? ""}`);
      const sorted = [...versions].sort((a, b) => b.versionNumber - a.versionNumber);
      const from = cursor ? sorted.findIndex((v) => String(v.versionNumber) === cursor) + 1 : 0;
      const page = sorted.slice(from, from + limit);
      const more = from + limit < sorted.length;
      return { versions: page.map(({ objects: _o, ...v }) => v), ...(more ? { nextCursor: String(page[page.length - 1]!.versionNumber) } : {}) };
    },
    async version(_fileId, id) {
      const v = versions.find((w) => w.id === id);
      if (!v) throw new Error(`version ${id} of file ${FILE} does not exist`);
      const { objects, ...rest } = v;
      return { ...rest, document: { fileId: FILE, seq: v.seq, objects } };
    },
    async saveVersion(_fileId, name) {
      if (!name) throw new Error('"name" must not be blank');
      return add(name, lastSeq);
    },
    async renameVersion(_fileId, id, name) {
      const v = versions.find((w) => w.id === id)!;
      v.name = name;
      v.isAutoSave = false;
      const { objects: _o, ...rest } = v;
      return rest;
    },
    async history(_fileId, seq): Promise<HistoryPoint> {
      calls.push(`history ${seq}`);
      if (seq < 2 || seq > lastSeq) throw new Error(`the query parameter "seq" must be from 2 to ${lastSeq}`);
      return { seq, firstSeq: 2, lastSeq, document: { fileId: FILE, seq, objects: [rect(seq)] }, changes: [] };
    },
  } satisfies Partial<VersionsApi>;
  function add(name: string | null, seq: number): Version {
    const v = {
      id: `v${versions.length + 1}`,
      fileId: FILE,
      versionNumber: versions.length + 1,
      name,
      createdBy: "u1",
      createdByName: "Ada",
      createdAt: "2026-01-01T00:00:00Z",
      isAutoSave: name === null,
      seq,
      objects: [rect(seq)],
    };
    versions.push(v);
    const { objects: _o, ...rest } = v;
    return rest;
  }
  return { api, add, calls };
}

/** Timers that run when the test says so. */
function manualTimers() {
  let pending: { fn: () => void; at: number; id: number }[] = [];
  let now = 0;
  let ids = 0;
  return {
    set: (fn: () => void, ms: number) => {
      pending.push({ fn, at: now + ms, id: ++ids });
      return ids;
    },
    clear: (id: unknown) => {
      pending = pending.filter((p) => p.id !== id);
    },
    advance(ms: number) {
      now += ms;
      const due = pending.filter((p) => p.at <= now);
      pending = pending.filter((p) => p.at > now);
      for (const p of due) p.fn();
    },
  };
}

function setup(lastSeq = 10) {
  const server = fakeServer(lastSeq);
  const doc = new Document(new HybridClock(() => 1000));
  doc.load([rect(lastSeq)], lastSeq);
  const timers = manualTimers();
  const store = createVersionsStore({
    api: server.api,
    fileId: FILE,
    currentSeq: () => lastSeq,
    restore: (objects) => makeChange(doc, "me", (c) => writeRestore(doc, c, objects)),
    timers,
  });
  return { server, doc, timers, store };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("the version history store", () => {
  it("lists versions newest first when opened, a page at a time", async () => {
    const { server, store } = setup();
    for (let i = 0; i < 35; i++) server.add(i % 2 ? `Named ${i}` : null, i);
    store.getState().toggle();
    await settle();
    const first = store.getState();
    expect(first.open).toBe(true);
    expect(first.versions).toHaveLength(30);
    expect(first.versions[0]!.versionNumber).toBe(35);
    expect(first.nextCursor).toBeDefined();
    await store.getState().loadMore();
    expect(store.getState().versions.map((v) => v.versionNumber).slice(-5)).toEqual([5, 4, 3, 2, 1]);
    expect(store.getState().nextCursor).toBeUndefined();
  });

  it("saves the current state as a named version on top of the list, and renames one", async () => {
    const { store } = setup();
    store.getState().toggle();
    await settle();
    expect(await store.getState().save("  Approved ")).toBe(true);
    expect(store.getState().versions.map((v) => v.name)).toEqual(["Approved"]);
    expect(await store.getState().save("   ")).toBe(false);
    expect(store.getState().error).toMatch(/"name"/);
    const id = store.getState().versions[0]!.id;
    expect(await store.getState().rename(id, "Final ")).toBe(true);
    expect(store.getState().versions[0]!.name).toBe("Final");
    expect(store.getState().error).toBeNull();
  });

  it("previews a version without touching the live file, and goes back to it", async () => {
    const { server, store, doc } = setup();
    const v = server.add("Early", 3);
    await store.getState().preview(v.id);
    const shown = store.getState().shown;
    expect(shown.kind).toBe("version");
    expect(shownDocument(shown)!.objects).toEqual([rect(3)]);
    expect(doc.value("r", "x")).toBe(10);
    store.getState().backToCurrent();
    expect(store.getState().shown).toEqual({ kind: "live" });
    expect(shownDocument(store.getState().shown)).toBeNull();
  });

  it("restores the previewed version as a local change and goes back to the live file", async () => {
    const { server, store, doc } = setup();
    const v = server.add("Early", 3);
    await store.getState().preview(v.id);
    expect(store.getState().restoreShown()).toBe(true);
    expect(doc.value("r", "x")).toBe(3);
    expect(doc.pendingOps()).toHaveLength(1);
    expect(store.getState().shown.kind).toBe("live");
  });

  it("shows a restore that cannot be made as an error, and stays on the preview", async () => {
    const { server, doc } = setup();
    const v = server.add("Early", 3);
    const store = createVersionsStore({
      api: server.api,
      fileId: FILE,
      currentSeq: () => 10,
      restore: () => {
        throw new LocalEditError("you can view this file but not edit it");
      },
    });
    await store.getState().preview(v.id);
    expect(store.getState().restoreShown()).toBe(false);
    expect(store.getState().error).toBe("you can view this file but not edit it");
    expect(store.getState().shown.kind).toBe("version");
    expect(doc.value("r", "x")).toBe(10);
  });

  it("time travels from the current seq, fetching once the slider rests", async () => {
    const { server, store, timers } = setup();
    await store.getState().startTimeTravel();
    let shown = store.getState().shown;
    expect(shown).toMatchObject({ kind: "history", seq: 10, firstSeq: 2, lastSeq: 10 });
    for (const seq of [9, 7, 5]) store.getState().scrubTo(seq);
    expect(store.getState().shown).toMatchObject({ seq: 5 });
    timers.advance(SCRUB_DEBOUNCE_MS);
    await settle();
    expect(server.calls.filter((c) => c.startsWith("history"))).toEqual(["history 10", "history 5"]);
    shown = store.getState().shown;
    expect(shownDocument(shown)!.objects).toEqual([rect(5)]);
    // The slider stays in the retained range.
    store.getState().scrubTo(-4);
    expect(store.getState().shown).toMatchObject({ seq: 2 });
    store.getState().scrubTo(99);
    expect(store.getState().shown).toMatchObject({ seq: 10 });
  });

  it("restores a point in time, but not while the slider has not come to it yet", async () => {
    const { store, timers, doc } = setup();
    await store.getState().startTimeTravel();
    store.getState().scrubTo(4);
    expect(store.getState().restoreShown()).toBe(false);
    timers.advance(SCRUB_DEBOUNCE_MS);
    await settle();
    expect(store.getState().restoreShown()).toBe(true);
    expect(doc.value("r", "x")).toBe(4);
    expect(store.getState().shown.kind).toBe("live");
  });

  it("drops an answer for a point the slider has left, and closing goes back to the live file", async () => {
    const { store, timers } = setup();
    await store.getState().startTimeTravel();
    store.getState().scrubTo(6);
    timers.advance(SCRUB_DEBOUNCE_MS);
    store.getState().close(); // before the answer for seq 6 came
    await settle();
    expect(store.getState().shown).toEqual({ kind: "live" });
    expect(store.getState().open).toBe(false);
  });

  it("names versions by their name, else as an auto-save or a version with its number", () => {
    expect(versionTitle({ name: "Hero", versionNumber: 3, isAutoSave: false })).toBe("Hero");
    expect(versionTitle({ name: null, versionNumber: 4, isAutoSave: true })).toBe("Auto-save 4");
    expect(versionTitle({ name: null, versionNumber: 5, isAutoSave: false })).toBe("Version 5");
  });
});
