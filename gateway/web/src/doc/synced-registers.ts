// The registers of an object as the sync document gave it: values only, all
// at the base stamp (see register.ts). A file of 100,000 objects arrives as
// about a million values; making a Map and a register object for each before
// the first frame was most of the time to open a large file. Here the object
// that JSON.parse made is kept as it is, read in place, and turned into a Map
// only when a register is written (an op merged into this object).
import type { Json, JsonObject } from "./json";
import { BASE_CLIENT, BASE_CLOCK, type Register } from "./register";

/** What an object's registers are read and written through: a Map, or a SyncedRegisters. */
export interface RegisterMap extends Iterable<[string, Register]> {
  readonly size: number;
  get(name: string): Register | undefined;
  set(name: string, register: Register): unknown;
}

const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);

export class SyncedRegisters implements RegisterMap {
  private written: Map<string, Register> | null = null;
  private count = -1;

  /**
   * values: {id, name: value, ...} as the sync message holds it, never
   * changed afterwards (it is also handed to the renderer as it is); "id" is
   * the object's id, not a register, and null means unset.
   */
  constructor(private readonly values: JsonObject) {}

  /** The value of a property, null when unset: read without making a register. */
  value(name: string): Json {
    if (this.written) return this.written.get(name)?.v ?? null;
    return name !== "id" && hasOwn(this.values, name) ? this.values[name]! : null;
  }

  /** The synced object itself ({id, ...values}) while no register was written, else null. */
  plain(): JsonObject | null {
    return this.written ? null : this.values;
  }

  get size(): number {
    if (this.written) return this.written.size;
    if (this.count < 0) this.count = [...this.names()].length;
    return this.count;
  }

  get(name: string): Register | undefined {
    if (this.written) return this.written.get(name);
    const v = this.value(name);
    return v === null ? undefined : { v, t: BASE_CLOCK, c: BASE_CLIENT };
  }

  set(name: string, register: Register): this {
    this.materialize().set(name, register);
    return this;
  }

  *[Symbol.iterator](): IterableIterator<[string, Register]> {
    if (this.written) {
      yield* this.written;
      return;
    }
    for (const name of this.names()) yield [name, { v: this.values[name]!, t: BASE_CLOCK, c: BASE_CLIENT }];
  }

  private *names(): IterableIterator<string> {
    for (const name of Object.keys(this.values)) if (name !== "id" && this.values[name] !== null) yield name;
  }

  private materialize(): Map<string, Register> {
    if (!this.written) this.written = new Map(this);
    return this.written;
  }
}
