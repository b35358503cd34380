// One object as registers: a map property -> register, and a tombstone
// register ({v: true} once deleted; a newer {v: false} brings it back).
import type { Json } from "./json";
import type { Register } from "./register";
import { SyncedRegisters, type RegisterMap } from "./synced-registers";

export interface ObjectState {
  registers: RegisterMap;
  tombstone?: Register;
}

export function isDeleted(state: ObjectState | undefined): boolean {
  return state?.tombstone?.v === true;
}

/** The value of a property, or null when it is unset. */
export function valueOf(state: ObjectState | undefined, name: string): Json {
  const registers = state?.registers;
  if (registers instanceof SyncedRegisters) return registers.value(name); // no register made to be read
  return registers?.get(name)?.v ?? null;
}

/** Where objects are looked up by id: a Map, or a view over several. */
export interface ObjectLookup {
  get(id: string): ObjectState | undefined;
}
