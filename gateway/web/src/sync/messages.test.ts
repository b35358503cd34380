import { describe, expect, it } from "vitest";
import { parseServerMessage } from "./messages";

const sync = (file: unknown, extra: object = {}) =>
  JSON.stringify({
    type: "sync",
    requestId: "subscribe-early",
    payload: { file, seq: 3, clock: 17, access: "edit", clientId: "c1", yourColor: "#fff", presence: [], ...extra },
  });

describe("parseServerMessage", () => {
  it("reads a sync, keeping the document's objects as they came", () => {
    const parsed = parseServerMessage(sync({ fileId: "f", seq: 3, objects: [{ id: "r", type: "rectangle", x: 1 }] }));
    expect(parsed).toEqual({
      ok: true,
      message: {
        type: "sync",
        requestId: "subscribe-early",
        payload: { file: { fileId: "f", seq: 3, objects: [{ id: "r", type: "rectangle", x: 1 }] }, seq: 3, clock: 17, access: "edit", clientId: "c1", yourColor: "#fff", presence: [] },
      },
    });
    const proto = parseServerMessage('{"type":"sync","payload":{"file":{"fileId":"f","seq":0,"objects":[{"id":"p","__proto__":{"x":1}}]},"seq":0,"access":"view","clientId":"c","yourColor":"#000","presence":[]}}');
    expect(proto.ok && Object.keys((proto.message.payload as { file: { objects: object[] } }).file.objects[0]!)).toEqual(["id", "__proto__"]);
  });

  it("names what is wrong, by its path", () => {
    expect(parseServerMessage(sync({ fileId: "f", seq: 3, objects: [{ type: "rectangle" }] }))).toEqual({ ok: false, error: "payload.file.objects: every object needs an id" });
    expect(parseServerMessage(sync({ fileId: "f", seq: -1, objects: [] }))).toEqual({ ok: false, error: "payload.file.seq: Too small: expected number to be >=0" });
    expect(parseServerMessage(sync({ fileId: "f", seq: 1, objects: [] }, { access: "owner" }))).toEqual({ ok: false, error: 'payload.access: Invalid option: expected one of "admin"|"edit"|"view"' });
    const op = { seq: 1, operationType: "update", objectId: "", timestamp: 1, clientId: "c" };
    expect(parseServerMessage(JSON.stringify({ type: "operation", payload: { fromSeq: 1, toSeq: 1, operations: [op] } }))).toEqual({
      ok: false,
      error: "payload.operations.0.objectId: Too small: expected string to have >=1 characters",
    });
    expect(parseServerMessage('{"type":"presence","payload":{"presence":[{"clientId":"c","userId":"u","userName":"n","color":"#000","cursor":{"x":"1","y":2},"selection":[],"viewport":null}],"removed":[]}}')).toEqual({
      ok: false,
      error: "payload.presence.0.cursor.x: Invalid input: expected number, received string",
    });
    expect(parseServerMessage('{"type":"welcome","payload":{}}')).toMatchObject({ ok: false, error: expect.stringMatching(/^type: Invalid discriminator value. Expected 'sync' \| 'operation'/) });
    expect(parseServerMessage("[1]")).toEqual({ ok: false, error: "message: Invalid input: expected object, received array" });
    expect(parseServerMessage("{")).toMatchObject({ ok: false, error: expect.stringMatching(/^not JSON/) });
    expect(parseServerMessage(new ArrayBuffer(2))).toEqual({ ok: false, error: "a binary frame: the protocol is JSON text" });
    expect(parseServerMessage('{"type":"ack","payload":{"operationIds":[],"results":[{"status":"applied","seq":1.5}]}}')).toEqual({
      ok: false,
      error: "payload.results.0.seq: Invalid input: expected int, received number",
    });
  });

  it("reads a comment's news, and refuses an action it does not know", () => {
    const payload = { fileId: "f", commentId: "c", action: "deleted" };
    expect(parseServerMessage(JSON.stringify({ type: "comment", payload }))).toEqual({ ok: true, message: { type: "comment", payload } });
    expect(parseServerMessage(JSON.stringify({ type: "comment", payload: { ...payload, action: "liked" } }))).toEqual({
      ok: false,
      error: 'payload.action: Invalid option: expected one of "created"|"updated"|"deleted"',
    });
  });

  it("passes on only the fields it checked", () => {
    const parsed = parseServerMessage('{"type":"error","requestId":"r","payload":{"code":"x","message":"m","stack":"secret"},"extra":1}');
    expect(parsed).toEqual({ ok: true, message: { type: "error", requestId: "r", payload: { code: "x", message: "m" } } });
  });
});
