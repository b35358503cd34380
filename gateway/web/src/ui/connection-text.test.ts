import { describe, expect, it } from "vitest";
import { connectionText } from "./connection-text";

describe("connectionText", () => {
  it("says connected, with what is still being saved", () => {
    expect(connectionText({ status: "connected", unsent: 0 }, 0)).toEqual({ text: "Connected", tone: "ok" });
    expect(connectionText({ status: "connected", unsent: 3 }, 0).text).toBe("Connected, saving 3 changes");
  });

  it("counts down to the next retry in whole seconds", () => {
    const state = { status: "reconnecting" as const, attempt: 2, retryAt: 10_000, unsent: 0 };
    expect(connectionText(state, 7_200).text).toBe("Reconnecting, retrying in 3 s");
    expect(connectionText(state, 10_500).text).toBe("Reconnecting, retrying now");
    expect(connectionText({ ...state, unsent: 1 }, 9_000).text).toBe("Reconnecting, retrying in 1 s, 1 unsent change");
  });

  it("says offline with the number of unsent changes", () => {
    expect(connectionText({ status: "offline", unsent: 5 }, 0)).toEqual({ text: "Offline, 5 unsent changes", tone: "bad" });
    expect(connectionText({ status: "closed", reason: "no access", unsent: 0 }, 0).text).toBe("Offline: no access");
  });

  it("starts every text with one of the three words tests look for", () => {
    for (const s of [
      { status: "connecting" as const, unsent: 0 },
      { status: "reconnecting" as const, attempt: 1, retryAt: 0, unsent: 0 },
      { status: "offline" as const, unsent: 0 },
    ])
      expect(connectionText(s, 0).text).toMatch(/^(Connected|Reconnecting|Offline)/);
  });
});
