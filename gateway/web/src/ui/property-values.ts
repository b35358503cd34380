// What a property field shows for a selection: the shared value, or "Mixed".
export const MIXED = "Mixed";

export function sharedValue(ids: readonly string[], read: (id: string) => unknown): unknown {
  if (!ids.length) return undefined;
  const first = read(ids[0]!);
  return ids.every((id) => read(id) === first) ? first : MIXED;
}

/** Numbers to at most two decimals, as a design tool shows them. */
export function formatValue(value: unknown): string {
  if (value === MIXED) return MIXED;
  if (typeof value === "number") return String(Math.round(value * 100) / 100);
  return typeof value === "string" ? value : "";
}
