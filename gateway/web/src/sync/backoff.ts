// When to try the gateway again: doubling from 1 s, capped at 5 s while the
// tab is visible (a designer waits seconds, not the seeds' 30 s) and 30 s
// when it is hidden, with jitter below the nominal delay so that every tab
// of a restarted gateway does not come back in the same instant.
export const FIRST_RETRY_MS = 1000;
export const VISIBLE_CAP_MS = 5000;
export const HIDDEN_CAP_MS = 30000;

/** The delay before retry number attempt (1 for the first), random in [0, 1). */
export function reconnectDelay(attempt: number, random: number, visible = true): number {
  const cap = visible ? VISIBLE_CAP_MS : HIDDEN_CAP_MS;
  const nominal = Math.min(cap, FIRST_RETRY_MS * 2 ** Math.min(Math.max(attempt - 1, 0), 20));
  return Math.round(nominal * (0.75 + 0.25 * random));
}
