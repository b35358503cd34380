// A model of what vellum.apply_ops does to one file, written for the fuzzer
// from the extension's rules (extension/core/registers.cpp, document.cpp,
// operation.cpp; extension/src/file_ingest.cpp) and DESIGN.md, and on purpose
// sharing no code with the client's own port of them (src/doc/apply-op.ts):
// the fuzzer checks that the client converges to this, so it must not be
// the client's merge checking itself.
//
// The model, in short:
// - an object is a map property -> register (v, t, c) plus a tombstone
//   register (v = true: deleted); a register replaces another when its
//   (t, c, v) is greater (t numerically, c and string values by code unit,
//   values by kind null < bool < number < string);
// - an op whose idempotency key was applied before is a `duplicate` (with the
//   seq it got then) and changes nothing; the key set is never emptied;
// - create: refused when it would change the type; on a deleted object it
//   is an undelete, which wins only when its stamp is newer than the delete;
//   a parentId is checked (exists, not deleted, a frame or group, no cycle);
//   an applied create of an object the file had already is marked
//   objectExisted, in its answer and where it is relayed;
// - update / move: refused on an unknown or deleted object, or when the type
//   would change, or the parent is bad; delete: refused on an unknown object;
// - an op that changed something is `applied`, gets the file's next seq and
//   is logged with only the properties that won (when some lost); an op that
//   changed nothing is `superseded`, gets no seq and is not logged;
// - the document lists live objects whose every ancestor is live, values
//   only (nulls left out), keys in jsonb order, sorted by id.
// Not modelled: the clock guard (the fuzzed clocks stay within a few
// seconds of each other), permissions, limits on sizes.

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** An op as it arrives on the wire (the seeds' field names). */
export interface WireOp {
  id?: string;
  idempotencyKey?: string | null;
  operationType: "create" | "update" | "delete" | "move";
  objectId: string;
  propertyPath?: string | null;
  newValue?: Value;
  timestamp: number;
  clientId: string;
}

/** An applied op as the log holds it and the gateway relays it. */
export interface LoggedWireOp {
  seq: number;
  operationType: WireOp["operationType"];
  objectId: string;
  propertyPath: string | null;
  newValue: Value;
  timestamp: number;
  clientId: string;
  userId: string | null;
  idempotencyKey: string | null;
  /** Only on a create of an object the file already had (deleted, or not). */
  objectExisted?: true;
}

export interface OpAnswer {
  id: string | null;
  status: "applied" | "superseded" | "duplicate" | "rejected";
  seq: number | null;
  reason?: string;
  newValue?: Value;
  objectExisted?: true;
}

interface Stamped {
  v: Value;
  t: number;
  c: string;
}

interface ModelObject {
  props: Map<string, Stamped>;
  deleted: Stamped | null;
}

const KIND_ORDER = ["null", "boolean", "number", "string", "array", "object"];

function kindOf(v: Value): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function order<T>(a: T, b: T): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The total order of values the extension breaks equal stamps with (scalars are all the fuzzer writes). */
function compareValues(a: Value, b: Value): number {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb) return order(KIND_ORDER.indexOf(ka), KIND_ORDER.indexOf(kb));
  if (ka === "array" || ka === "object") return order(JSON.stringify(a), JSON.stringify(b));
  return order(a as boolean | number | string, b as boolean | number | string);
}

function newer(candidate: Stamped, current: Stamped | null | undefined): boolean {
  if (!current) return true;
  if (candidate.t !== current.t) return candidate.t > current.t;
  if (candidate.c !== current.c) return candidate.c > current.c;
  return compareValues(candidate.v, current.v) > 0;
}

const TYPES = ["rectangle", "ellipse", "text", "frame", "group", "image"];
const CONTAINERS = ["frame", "group"];

function isRecord(v: Value | undefined): v is { [key: string]: Value } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The properties an op writes, as the extension reads them (a create's "id" is not one). */
function propertiesOf(op: WireOp): { [key: string]: Value } {
  if (op.operationType === "update" && op.propertyPath != null) return { [op.propertyPath]: op.newValue ?? null };
  if (!isRecord(op.newValue)) return {};
  const out: { [key: string]: Value } = {};
  for (const [name, v] of Object.entries(op.newValue)) if (!(op.operationType === "create" && name === "id")) out[name] = v;
  return out;
}

/** The shape checks of parse_op that the fuzzed clients could get wrong. */
function shapeError(op: WireOp): string | null {
  const props = propertiesOf(op);
  if (op.operationType === "create" && !TYPES.includes(props.type as string)) return "a create needs a known type";
  if (op.operationType === "update" && Object.keys(props).length === 0) return "an empty update";
  if (op.operationType === "move") {
    const keys = Object.keys(props).sort().join(",");
    if (keys !== "index,parentId") return "a move sets exactly parentId and index";
    if (typeof props.index !== "string" || !/^[0-9A-Za-z]{1,200}$/.test(props.index)) return "a move needs an index";
  }
  for (const [name, v] of Object.entries(props)) {
    if (name === "id") return '"id" is not a property';
    if (name === "type" && !TYPES.includes(v as string)) return "unknown type";
    if (v === null) continue;
    if (["width", "height"].includes(name) && !(typeof v === "number" && v >= 0)) return `bad ${name}`;
    if (name === "opacity" && !(typeof v === "number" && v >= 0 && v <= 1)) return "bad opacity";
    if (name === "index" && !(typeof v === "string" && /^[0-9A-Za-z]{1,200}$/.test(v))) return "bad index";
    if (name === "parentId" && typeof v !== "string") return "bad parentId";
  }
  return null;
}

export class ModelServer {
  private readonly objects = new Map<string, ModelObject>();
  private readonly keys = new Map<string, number>();
  readonly log: LoggedWireOp[] = [];

  get seq(): number {
    return this.log.length;
  }

  /** The newest stamp in the log (what the gateway's sync calls clock). */
  get clock(): number {
    return this.log.reduce((max, op) => Math.max(max, op.timestamp), 0);
  }

  /** Applies one batch in order, as one transaction; returns one answer per op and the ops logged. */
  applyBatch(ops: readonly WireOp[], userId: string | null): { answers: OpAnswer[]; logged: LoggedWireOp[] } {
    const answers: OpAnswer[] = [];
    const logged: LoggedWireOp[] = [];
    for (const op of ops) {
      const id = op.id ?? null;
      const key = op.idempotencyKey ?? op.id ?? null;
      const seen = key === null ? undefined : this.keys.get(key);
      if (seen !== undefined) {
        answers.push({ id, status: "duplicate", seq: seen });
        continue;
      }
      const outcome = this.merge(op);
      if (outcome.status === "rejected") {
        answers.push({ id, status: "rejected", seq: null, reason: outcome.reason });
        continue;
      }
      if (outcome.status === "superseded") {
        answers.push({ id, status: "superseded", seq: null });
        continue;
      }
      const seq = this.log.length + 1;
      if (key !== null) this.keys.set(key, seq);
      const entry: LoggedWireOp = {
        seq,
        operationType: op.operationType,
        objectId: op.objectId,
        propertyPath: op.operationType === "update" ? (op.propertyPath ?? null) : null,
        newValue: outcome.won ?? (op.operationType === "delete" ? null : this.loggedValue(op)),
        timestamp: op.timestamp,
        clientId: op.clientId,
        userId,
        idempotencyKey: key,
      };
      const answer: OpAnswer = outcome.won ? { id, status: "applied", seq, newValue: outcome.won } : { id, status: "applied", seq };
      if (outcome.existed) entry.objectExisted = answer.objectExisted = true;
      this.log.push(entry);
      logged.push(entry);
      answers.push(answer);
    }
    return { answers, logged };
  }

  changesSince(afterSeq: number): LoggedWireOp[] {
    return this.log.slice(afterSeq);
  }

  /** Ids of live objects (not deleted themselves), for the fuzzer's SQL user. */
  liveIds(): string[] {
    return [...this.objects].filter(([, o]) => o.deleted?.v !== true && o.props.has("type")).map(([id]) => id);
  }

  deletedIds(): string[] {
    return [...this.objects].filter(([, o]) => o.deleted?.v === true && o.props.has("type")).map(([id]) => id);
  }

  valueOf(id: string, name: string): Value {
    return this.objects.get(id)?.props.get(name)?.v ?? null;
  }

  /** What vellum.document() lists, in the text order vellum writes it. */
  document(): { [key: string]: Value }[] {
    const out: { [key: string]: Value }[] = [];
    const ids = [...this.objects.keys()].filter((id) => this.shown(id)).sort(order);
    for (const id of ids) {
      const entries: [string, Value][] = [["id", id]];
      for (const [name, reg] of this.objects.get(id)!.props) if (reg.v !== null) entries.push([name, reg.v]);
      // jsonb's key order: shorter keys first, then bytewise.
      entries.sort(([a], [b]) => new TextEncoder().encode(a).length - new TextEncoder().encode(b).length || order(a, b));
      out.push(Object.fromEntries(entries));
    }
    return out;
  }

  /** Each idempotency key the log holds more than once (should be none). */
  duplicateKeysInLog(): string[] {
    const seen = new Set<string>();
    const twice: string[] = [];
    for (const op of this.log) {
      if (op.idempotencyKey === null) continue;
      if (seen.has(op.idempotencyKey)) twice.push(op.idempotencyKey);
      seen.add(op.idempotencyKey);
    }
    return twice;
  }

  // ---- the merge -------------------------------------------------------------

  private loggedValue(op: WireOp): Value {
    if (op.operationType === "update" && op.propertyPath != null) return op.newValue ?? null;
    return propertiesOf(op);
  }

  private isDeleted(o: ModelObject | undefined): boolean {
    return o?.deleted?.v === true;
  }

  private shown(id: string): boolean {
    let o = this.objects.get(id);
    if (!o || this.isDeleted(o) || !o.props.has("type")) return false;
    for (let depth = 0; depth < 10000; depth++) {
      const up = o.props.get("parentId")?.v;
      if (typeof up !== "string") return true;
      o = this.objects.get(up);
      if (!o || this.isDeleted(o)) return false;
    }
    return false;
  }

  private parentError(id: string, parent: Value): string | null {
    if (parent === null) return null;
    if (typeof parent !== "string") return "bad parentId";
    if (parent === id) return "its own parent";
    const p = this.objects.get(parent);
    if (!p) return "no such parent";
    if (this.isDeleted(p)) return "parent deleted";
    if (!CONTAINERS.includes(p.props.get("type")?.v as string)) return "parent is not a container";
    for (let cur: string = parent, depth = 0; depth < 10000; depth++) {
      const up = this.objects.get(cur)?.props.get("parentId")?.v;
      if (typeof up !== "string") return null;
      if (up === id) return "a cycle";
      cur = up;
    }
    return "too deep";
  }

  private typeChangeError(o: ModelObject | undefined, props: { [key: string]: Value }): string | null {
    if (!o || !("type" in props)) return null;
    const current = o.props.get("type")?.v ?? null;
    return current === null || current === props.type ? null : "the type cannot change";
  }

  /** Writes props at (t, c); the ones that won, and whether all did. */
  private write(o: ModelObject, props: { [key: string]: Value }, t: number, c: string): { any: boolean; all: boolean; won: { [key: string]: Value } } {
    const won: { [key: string]: Value } = {};
    let any = false;
    let all = true;
    for (const [name, v] of Object.entries(props)) {
      const candidate = { v, t, c };
      if (newer(candidate, o.props.get(name))) {
        o.props.set(name, candidate);
        won[name] = v;
        any = true;
      } else all = false;
    }
    return { any, all, won };
  }

  private merge(
    op: WireOp,
  ): { status: "applied"; won?: { [key: string]: Value }; existed?: boolean } | { status: "superseded" } | { status: "rejected"; reason: string } {
    const shape = shapeError(op);
    if (shape) return { status: "rejected", reason: shape };
    const existing = this.objects.get(op.objectId);
    const props = propertiesOf(op);
    const { timestamp: t, clientId: c } = op;
    const typeChange = this.typeChangeError(existing, props);
    switch (op.operationType) {
      case "create": {
        if (typeChange) return { status: "rejected", reason: typeChange };
        const alive: Stamped = { v: false, t, c };
        let undelete = false;
        if (existing && this.isDeleted(existing)) {
          if (!newer(alive, existing.deleted)) return { status: "superseded" };
          undelete = true;
        }
        if ("parentId" in props) {
          const why = this.parentError(op.objectId, props.parentId!);
          if (why) return { status: "rejected", reason: why };
        }
        const o = existing ?? { props: new Map(), deleted: null };
        this.objects.set(op.objectId, o);
        const w = this.write(o, props, t, c);
        let changed = undelete || w.any;
        if (newer(alive, o.deleted)) {
          o.deleted = alive;
          changed ||= !existing;
        }
        if (!changed) return { status: "superseded" };
        const existed = existing !== undefined;
        return w.all ? { status: "applied", existed } : { status: "applied", won: w.won, existed };
      }
      case "update":
      case "move": {
        if (!existing) return { status: "rejected", reason: "no such object" };
        if (this.isDeleted(existing)) return { status: "rejected", reason: "object deleted" };
        if (typeChange) return { status: "rejected", reason: typeChange };
        if ("parentId" in props) {
          const why = this.parentError(op.objectId, props.parentId!);
          if (why) return { status: "rejected", reason: why };
        }
        const w = this.write(existing, props, t, c);
        if (!w.any) return { status: "superseded" };
        return w.all ? { status: "applied" } : { status: "applied", won: w.won };
      }
      case "delete": {
        if (!existing) return { status: "rejected", reason: "no such object" };
        const tombstone: Stamped = { v: true, t, c };
        if (!newer(tombstone, existing.deleted)) return { status: "superseded" };
        existing.deleted = tombstone;
        return { status: "applied" };
      }
    }
  }
}
