// The gateway's WebSocket protocol (README, "The gateway"): what it may send
// is checked here, the one place messages enter, and nothing unchecked goes
// further; what the client sends is built here too.
// zod/mini: zod's schemas as functions, which a build keeps only when used
// (the whole of zod was a fifth of the app's script, which every file open
// waits for).
import * as z from "zod/mini";
import { en } from "zod/locales";
import { isJson, isJsonObject, type Json, type JsonObject } from "../doc/json";
import type { LoggedOp, Op } from "../doc/op";

// zod/mini comes without words for what is wrong: English, as the errors it explains are shown to people.
z.config(en());

// Values are kept as they came (JSON.parse output), not rebuilt, so that a
// property named "__proto__" stays an ordinary key.
const json = z.custom<Json>((v) => isJson(v), { message: "not a JSON value" });
// A file's objects are checked in one pass, not one schema per object (a
// 100,000-object file spent more time in the validator than in JSON.parse).
// Every value came from JSON.parse, so it is JSON already: what is checked is
// the shape, an object with an id.
const documentObjects = z.custom<(JsonObject & { id: string })[]>(
  (v) => Array.isArray(v) && v.every((o) => isJsonObject(o as Json) && typeof o.id === "string" && o.id.length > 0),
  { message: "every object needs an id" },
);

const seq = z.int().check(z.nonnegative());
const access = z.enum(["admin", "edit", "view"]);
export type Access = z.infer<typeof access>;

const loggedOp = z.object({
  seq,
  operationType: z.enum(["create", "update", "delete", "move"]),
  objectId: z.string().check(z.minLength(1)),
  propertyPath: z.nullish(z.string()),
  newValue: z.nullish(json),
  timestamp: seq,
  clientId: z.string(),
  userId: z.nullish(z.string()),
  idempotencyKey: z.nullish(z.string()),
  objectExisted: z.optional(z.boolean()),
});

const point = z.object({ x: z.number(), y: z.number() });
const presenceEntry = z.object({
  clientId: z.string(),
  userId: z.string(),
  userName: z.string(),
  color: z.string(),
  cursor: z.nullable(point),
  selection: z.array(z.string()),
  // width and height: the leader's canvas in CSS pixels, for following (optional: not every gateway relays them).
  // (written out, not z.extend(point, ...): extending copies shapes, a cost every page load paid)
  viewport: z.nullable(z.object({ x: z.number(), y: z.number(), zoom: z.number(), width: z.optional(z.number()), height: z.optional(z.number()) })),
});
export type PresenceEntry = z.infer<typeof presenceEntry>;

const opResult = z.object({
  id: z.optional(json),
  status: z.enum(["applied", "superseded", "duplicate", "rejected"]),
  seq: z.nullish(seq),
  reason: z.optional(z.string()),
  newValue: z.optional(json),
  objectExisted: z.optional(z.boolean()),
});
export type WireOpResult = z.infer<typeof opResult>;

const envelope = <T extends string, P extends z.ZodMiniType>(type: T, payload: P) =>
  z.object({ type: z.literal(type), requestId: z.optional(z.string()), payload });

const serverMessage = z.discriminatedUnion("type", [
  envelope(
    "sync",
    z.object({
      file: z.object({ fileId: z.string(), seq, objects: documentObjects }),
      seq,
      /** The newest op stamp in the file: the document's values come without theirs. */
      clock: z.optional(z.number()),
      access,
      clientId: z.string().check(z.minLength(1)),
      yourColor: z.string(),
      presence: z.array(presenceEntry),
    }),
  ),
  envelope("operation", z.object({ fromSeq: seq, toSeq: seq, operations: z.array(loggedOp) })),
  envelope("ack", z.object({ operationIds: z.array(json), results: z.array(opResult) })),
  envelope("presence", z.object({ presence: z.array(presenceEntry), removed: z.array(z.string()) })),
  envelope("access", z.object({ fileId: z.string(), access })),
  envelope("unsubscribed", z.object({ fileId: z.string(), reason: z.string() })),
  envelope("resync", z.object({ reason: z.string() })),
  envelope("error", z.object({ code: z.string(), message: z.string() })),
  envelope("pong", z.looseObject({})),
  // A comment of the subscribed file was created, edited, resolved or deleted (fed by NOTIFY, so SQL's too).
  envelope("comment", z.object({ fileId: z.string(), commentId: z.string(), action: z.enum(["created", "updated", "deleted"]) })),
]);
export type ServerMessage = z.infer<typeof serverMessage>;
export type SyncPayload = Extract<ServerMessage, { type: "sync" }>["payload"];
export type CommentPush = Extract<ServerMessage, { type: "comment" }>["payload"];
export type OperationPayload = Extract<ServerMessage, { type: "operation" }>["payload"] & { operations: LoggedOp[] };

export type Parsed = { ok: true; message: ServerMessage } | { ok: false; error: string };

/** Reads one frame from the gateway; what is wrong is said, never thrown. */
export function parseServerMessage(data: unknown): Parsed {
  if (typeof data !== "string") return { ok: false, error: "a binary frame: the protocol is JSON text" };
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (e) {
    return { ok: false, error: `not JSON: ${(e as Error).message}` };
  }
  const result = serverMessage.safeParse(value);
  if (result.success) return { ok: true, message: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "message";
  return { ok: false, error: `${where}: ${issue?.message ?? "invalid"}` };
}

export interface Cursor {
  x: number;
  y: number;
}
export interface Viewport extends Cursor {
  zoom: number;
  /** the canvas's size in CSS pixels, so that a follower can fit what this view shows */
  width?: number;
  height?: number;
}
export interface Presence {
  cursor: Cursor | null;
  selection: string[];
  viewport: Viewport | null;
}

export type ClientMessage =
  | { type: "subscribe"; payload: { fileId: string } }
  | { type: "unsubscribe"; payload: Record<string, never> }
  | { type: "operation"; payload: { operations: Op[] } }
  | { type: "presence"; payload: Presence }
  | { type: "catchup"; payload: { afterSeq: number } }
  | { type: "ping"; payload: Record<string, never> };

export function clientMessage(message: ClientMessage, requestId?: string): string {
  return JSON.stringify(requestId === undefined ? message : { ...message, requestId });
}
