// One client's Document and History against a ServerModel, with the network
// in between made explicit: ops wait in an outbox until sent, and the
// server's answers (acks, relayed ops) wait in an inbox until delivered, so
// that a test decides every interleaving.
import { Document, LocalEditError } from "../../src/doc/document";
import { HybridClock } from "../../src/doc/clock";
import { isContainerType } from "../../src/doc/schema";
import type { Json, JsonObject } from "../../src/doc/json";
import { makeChange, type LocalChange } from "../../src/doc/local-change";
import type { LoggedOp, Op } from "../../src/doc/op";
import { keyBetween } from "../../src/doc/order";
import { isDeleted } from "../../src/doc/object-state";
import { History } from "../../src/history/history";
import { ServerModel, type ServerResult } from "./server-model";

type Inbound = { kind: "ack"; results: { key: string; result: ServerResult }[] } | { kind: "ops"; ops: LoggedOp[] };

export const CLIENT = "me";
export const OTHER = "them";

export class ReplicaHarness {
  wall = 1000;
  readonly server = new ServerModel();
  readonly doc = new Document(new HybridClock(() => this.wall));
  readonly history = new History(this.doc);
  readonly outbox: Op[] = [];
  readonly sent: Op[] = [];
  readonly inbox: Inbound[] = [];
  /** Every (object, property) a local edit of ours changed; "deleted" stands for existence. */
  readonly ours = new Set<string>();
  private theirs = 0;

  constructor(initial: JsonObject[] = []) {
    for (const object of initial) {
      const { id, ...props } = object;
      this.server.apply([{ id: `seed-${id}`, idempotencyKey: `seed-${id}`, operationType: "create", objectId: id as string, newValue: props, timestamp: 1, clientId: "seed" }]);
    }
    this.doc.load(this.server.document(), this.server.seq);
  }

  /** A local edit, recorded for undo; false when the client refused it. */
  edit(fn: (c: LocalChange) => void): boolean {
    try {
      const change = makeChange(this.doc, CLIENT, fn);
      this.history.record(change.changes);
      for (const [id, ch] of change.changes) {
        if (ch.aliveBefore !== ch.aliveAfter) this.ours.add(`${id}\u0000deleted`);
        for (const name of ch.props.keys()) this.ours.add(`${id}\u0000${name}`);
      }
      this.outbox.push(...change.ops);
      return change.ops.length > 0;
    } catch (e) {
      if (e instanceof LocalEditError) return false;
      throw e;
    }
  }

  undo(): boolean {
    const change = this.history.undo(CLIENT);
    if (change) this.outbox.push(...change.ops);
    return change !== null;
  }

  redo(): boolean {
    const change = this.history.redo(CLIENT);
    if (change) this.outbox.push(...change.ops);
    return change !== null;
  }

  /** Sends the oldest unsent op; the server answers, and sometimes relays it too (a shared batch). */
  sendOne(relay: boolean): void {
    const op = this.outbox.shift();
    if (!op) return;
    this.sent.push(op);
    this.submit(op, relay);
  }

  /** Sends an op again (a retry after a lost ack): a duplicate. */
  resend(pick: number): void {
    const op = this.sent[pick % Math.max(1, this.sent.length)];
    if (op) this.submit(op, false);
  }

  private submit(op: Op, relay: boolean): void {
    const before = this.server.seq;
    const [result] = this.server.apply([op]);
    this.inbox.push({ kind: "ack", results: [{ key: op.idempotencyKey, result: result! }] });
    if (relay && this.server.seq > before) this.inbox.push({ kind: "ops", ops: this.server.changesSince(before) });
  }

  deliverOne(): void {
    const message = this.inbox.shift();
    if (!message) return;
    if (message.kind === "ops") this.doc.applyRemote(message.ops);
    else for (const { key, result } of message.results) this.doc.resolve(key, result);
  }

  /** Another user's edit, made against the server's state with a clock that may run ahead or behind. */
  remote(kind: number, pick: number, skew: number): void {
    const live = this.server.document();
    const target = live[pick % Math.max(1, live.length)];
    const containers = live.filter((o) => isContainerType(o.type));
    const t = Math.max(1, this.wall + skew);
    const key = `them-${++this.theirs}`;
    const base = { id: key, idempotencyKey: key, timestamp: t, clientId: OTHER };
    let op: Op | null = null;
    const parent = (containers[pick % (containers.length + 1)]?.id as string | undefined) ?? null;
    switch (kind % 6) {
      case 0:
        op = { ...base, operationType: "create", objectId: `t${this.theirs}`, newValue: { type: pick % 3 ? "rectangle" : "group", x: pick, parentId: parent, index: keyBetween(null, null) } };
        break;
      case 1:
      case 2:
        if (target) op = { ...base, operationType: "update", objectId: target.id as string, propertyPath: pick % 2 ? "x" : "fill", newValue: pick % 2 ? pick : pick % 4 ? "#00f" : "#0f0" };
        break;
      case 3:
        if (target) op = { ...base, operationType: "delete", objectId: target.id as string };
        break;
      case 4:
        if (target) op = { ...base, operationType: "move", objectId: target.id as string, newValue: { parentId: parent, index: keyBetween(null, null) } };
        break;
      case 5: {
        // Their undo of a delete: any deleted object comes back.
        const dead = [...this.server.objects].filter(([, s]) => isDeleted(s));
        const found = dead[pick % Math.max(1, dead.length)];
        if (found) op = { ...base, operationType: "create", objectId: found[0], newValue: { type: found[1].registers.get("type")!.v } };
        break;
      }
    }
    if (!op) return;
    const before = this.server.seq;
    this.server.apply([op], "other-user");
    if (this.server.seq > before) this.inbox.push({ kind: "ops", ops: this.server.changesSince(before) });
  }

  /** Sends everything and delivers every answer. */
  settle(): void {
    while (this.outbox.length || this.inbox.length) {
      while (this.outbox.length) this.sendOne(false);
      while (this.inbox.length) this.deliverOne();
    }
  }

  /**
   * Every known object as shown: existence and values, deleted ones included
   * (their registers come back with them), or left out when onlyAlive (a
   * deleted object and one never made look the same).
   */
  visibleState(onlyAlive = false): Map<string, Map<string, Json>> {
    const out = new Map<string, Map<string, Json>>();
    for (const id of this.knownIds()) {
      const state = this.doc.get(id)!;
      if (onlyAlive && !this.doc.isAlive(id)) continue;
      const values = new Map<string, Json>([["deleted", isDeleted(state) || !this.doc.isAlive(id)]]);
      for (const [name, reg] of state.registers) if (reg.v !== null) values.set(name, reg.v);
      out.set(id, values);
    }
    return out;
  }

  knownIds(): string[] {
    return [...this.doc.ids()].sort();
  }
}

/** The (object, property) pairs whose shown value differs between two states. */
export function diff(a: Map<string, Map<string, Json>>, b: Map<string, Map<string, Json>>): string[] {
  const out: string[] = [];
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id) ?? new Map<string, Json>();
    const y = b.get(id) ?? new Map<string, Json>();
    for (const name of new Set([...x.keys(), ...y.keys()]))
      if (JSON.stringify(x.get(name) ?? null) !== JSON.stringify(y.get(name) ?? null)) out.push(`${id}\u0000${name}`);
  }
  return out;
}
