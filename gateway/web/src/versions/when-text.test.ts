import { describe, expect, it } from "vitest";
import { whenText } from "./when-text";

const NOW = Date.parse("2026-03-10T12:00:00Z");

describe("when a version was saved", () => {
  it("is relative while recent", () => {
    expect(whenText("2026-03-10T11:59:40Z", NOW)).toBe("just now");
    expect(whenText("2026-03-10T11:55:00Z", NOW)).toBe("5 min ago");
    expect(whenText("2026-03-10T09:00:00Z", NOW)).toBe("3 h ago");
  });

  it("is a date and time after a day, and nothing for what is not a time", () => {
    expect(whenText("2026-03-01T09:00:00Z", NOW)).toMatch(/2026/);
    expect(whenText("yesterday", NOW)).toBe("");
  });
});
