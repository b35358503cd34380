// Two Editors, two users, one file, through a real gateway: what one draws
// the other sees, edits cross both ways, undo is per user, presence flows,
// a dropped connection loses nothing and applies nothing twice, and a viewer
// watches without editing.
//   VELLUM_GATEWAY_URL=http://127.0.0.1:8080 npm run test:integration
import { describe, expect, it } from "vitest";
import { Editor } from "../../src/editor/editor";
import { MemoryOutboxStore } from "../../src/sync/outbox-store";
import type { SocketFactory, SocketLike } from "../../src/sync/socket";
import type { Signal } from "../../src/sync/sync-client";

// No Node typings in this browser project: the one thing read from Node is the environment.
const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env ?? {};
const base = env.VELLUM_GATEWAY_URL;
if (!base) throw new Error("set VELLUM_GATEWAY_URL to a running gateway (http://host:port) to run the integration suite");
const origin = new URL(base).origin;
const always: Signal = { get: () => true, subscribe: () => () => {} };

interface User {
  cookie: string;
  email: string;
}

async function api(path: string, init: RequestInit & { user?: User } = {}): Promise<{ status: number; body: any; cookie: string }> {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json");
  headers.set("Origin", origin);
  if (init.user) headers.set("Cookie", init.user.cookie);
  const res = await fetch(base + path, { ...init, headers });
  const text = await res.text();
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  return { status: res.status, body: text ? JSON.parse(text) : null, cookie };
}

async function register(name: string): Promise<User> {
  const email = `${name.toLowerCase()}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const res = await api("/api/auth/register", { method: "POST", body: JSON.stringify({ email, name, password: "correct horse battery" }) });
  expect(res.status).toBe(201);
  return { cookie: res.cookie, email };
}

/** Node's WebSocket can send the session cookie and an Origin, as the browser would. */
function socketFor(user: User, sockets: SocketLike[]): SocketFactory {
  return (url) => {
    const Ws = globalThis.WebSocket as unknown as new (url: string, init: unknown) => SocketLike;
    const socket = new Ws(url, { headers: { Cookie: user.cookie, Origin: origin } });
    sockets.push(socket);
    return socket;
  };
}

async function until(what: string, check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function openEditor(user: User, fileId: string) {
  const sockets: SocketLike[] = [];
  const url = base!.replace(/^http/, "ws") + "/ws";
  const editor = new Editor({ fileId, url, connect: socketFor(user, sockets), store: new MemoryOutboxStore(), online: always, visible: always });
  await editor.start();
  await until("the file is loaded", () => editor.ready);
  return { editor, sockets };
}

describe("Editors through the gateway", () => {
  it("edit one file together, live, with undo per user and nothing lost over a dropped connection", async () => {
    if (typeof globalThis.WebSocket !== "function") throw new Error("this Node has no WebSocket (use Node 22, or --experimental-websocket)");
    const ada = await register("Ada");
    const bob = await register("Bob");
    const created = await api("/api/files", { method: "POST", user: ada, body: JSON.stringify({ name: "Integration" }) });
    expect(created.status).toBe(201);
    const fileId = created.body.file.id as string;
    const granted = await api(`/api/files/${fileId}/permissions`, { method: "PUT", user: ada, body: JSON.stringify({ email: bob.email, permission: "edit" }) });
    expect(granted.status).toBeLessThan(300);

    const a = await openEditor(ada, fileId);
    const b = await openEditor(bob, fileId);

    const [rect, ellipse, text] = a.editor.createObjects([
      { type: "rectangle", x: 10, y: 10, width: 100, height: 50, fill: "#ff3366" },
      { type: "ellipse", x: 200, y: 10, width: 60, height: 60, fill: "#3366ff" },
      { type: "text", x: 10, y: 100, width: 200, height: 30, text: "Hello", fontSize: 16 },
    ]);
    await until("bob sees ada's three objects", () => b.editor.objects().length === 3);
    expect(b.editor.objects()).toEqual(a.editor.objects());

    b.editor.update(rect!, { x: 300, fill: "#00aa00" });
    await until("ada sees bob's move", () => a.editor.value(rect!, "x") === 300);
    expect(a.editor.value(rect!, "fill")).toBe("#00aa00");

    // Ada's undo takes back her own last change (the create), not bob's edit.
    a.editor.update(ellipse!, { y: 80 });
    await until("bob sees the ellipse move", () => b.editor.value(ellipse!, "y") === 80);
    a.editor.undo();
    await until("bob sees ada's undo", () => b.editor.value(ellipse!, "y") === 10);
    expect(b.editor.value(rect!, "x")).toBe(300);

    a.editor.setPresence({ cursor: { x: 5, y: 6 } });
    await until("bob sees ada's cursor", () => [...b.editor.peers.values()].some((p) => p.cursor?.x === 5));

    // Bob's connection drops; he goes on editing; everything arrives once.
    for (const s of b.sockets) s.close(4000, "test drops the connection");
    b.editor.update(text!, { text: "Offline edit" });
    b.editor.createObjects([{ id: `late-${Date.now()}`, type: "rectangle", x: 1, y: 1, width: 1, height: 1 }]);
    await until("bob is back and has sent everything", () => b.editor.connection.status === "connected" && b.editor.pending() === 0, 20_000);
    await until("ada sees bob's offline edits", () => a.editor.objects().length === 4 && a.editor.value(text!, "text") === "Offline edit");
    await until("both show the same file", () => JSON.stringify(a.editor.objects()) === JSON.stringify(b.editor.objects()));

    // A viewer sees the file live and cannot change it.
    const eve = await register("Eve");
    await api(`/api/files/${fileId}/permissions`, { method: "PUT", user: ada, body: JSON.stringify({ email: eve.email, permission: "view" }) });
    const v = await openEditor(eve, fileId);
    expect(v.editor.readOnly).toBe(true);
    expect(JSON.stringify(v.editor.objects())).toBe(JSON.stringify(a.editor.objects()));
    expect(() => v.editor.update(rect!, { x: 0 })).toThrow(/view/);
    a.editor.update(rect!, { x: 42 });
    await until("the viewer sees the change", () => v.editor.value(rect!, "x") === 42);

    for (const e of [a, b, v]) e.editor.close();
  });

  it("converge after both edit the same objects at once, across a gateway restart when VELLUM_GATEWAY_RESTART is given", async () => {
    const ada = await register("Ada");
    const bob = await register("Bob");
    const fileId = (await api("/api/files", { method: "POST", user: ada, body: JSON.stringify({ name: "Concurrent" }) })).body.file.id as string;
    await api(`/api/files/${fileId}/permissions`, { method: "PUT", user: ada, body: JSON.stringify({ email: bob.email, permission: "edit" }) });
    const a = await openEditor(ada, fileId);
    const b = await openEditor(bob, fileId);
    const ids = a.editor.createObjects(Array.from({ length: 20 }, (_, i) => ({ type: "rectangle" as const, x: i, y: 0, width: 5, height: 5 })));
    await until("bob has the objects", () => b.editor.objects().length === 20);

    const restart = env.VELLUM_GATEWAY_RESTART; // a shell command that kills and restarts the gateway
    const shell = restart ? ((await import("node:child_process" as string)) as { exec(cmd: string): unknown }) : null;
    let n = 0;
    for (const end = Date.now() + 6000; Date.now() < end; n++) {
      if (shell && n === 100) shell.exec(restart!);
      (n % 2 ? a : b).editor.update(ids[n % 20]!, { x: n, fill: n % 3 ? "#ff0000" : "#00ff00" });
      await new Promise((r) => setTimeout(r, 15));
    }
    const settled = () => [a, b].every((e) => e.editor.pending() === 0 && e.editor.connection.status === "connected");
    await until("both have sent everything", settled, 60_000);
    await until("both show the same file", () => JSON.stringify(a.editor.objects()) === JSON.stringify(b.editor.objects()));
    // The last write to each object wins everywhere.
    expect(ids.map((id) => a.editor.value(id, "x"))).toEqual(ids.map((_, i) => n - 20 + ((i - n) % 20 + 20) % 20));
    a.editor.close();
    b.editor.close();
  }, 120_000);
});
