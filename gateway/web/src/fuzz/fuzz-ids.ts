// Idempotency keys for fuzz runs: the fuzzer replaces src/doc/ids.ts's
// random newId with this counter (vi.mock in convergence.test.ts), so that a
// replayed seed makes the same keys and its trace reads the same. Nothing
// in the client orders by key, so only the trace depends on it.
let counter = 0;

export function resetFuzzIds(): void {
  counter = 0;
}

export function nextFuzzId(): string {
  return `k${(++counter).toString(36)}`;
}
