// Last-writer-wins registers, the merge rule of the whole system, exactly as
// extension/core/registers.cpp: the greater (t, c) wins, and equal stamps
// are ordered by value so that every replica picks the same one.
import { compareJson, compareText, type Json } from "./json";

export interface Register {
  /** The value; null means the property is unset. */
  v: Json;
  /** The writer's hybrid logical clock, milliseconds. */
  t: number;
  /** The writer's client id, the tie-break. */
  c: string;
}

export function compareRegisters(a: Register, b: Register): -1 | 0 | 1 {
  if (a.t !== b.t) return a.t < b.t ? -1 : 1;
  const c = compareText(a.c, b.c);
  if (c) return c;
  return compareJson(a.v, b.v);
}

/** Whether candidate would replace current (strictly greater, or nothing there). */
export function wins(candidate: Register, current: Register | undefined): boolean {
  return current === undefined || compareRegisters(candidate, current) > 0;
}

/**
 * The stamp given to values that arrive without one (the `sync` document
 * carries values only): below every real stamp, since client ids are never
 * empty, so any op the server applied afterwards replaces them.
 */
export const BASE_CLOCK = 0;
export const BASE_CLIENT = "";
