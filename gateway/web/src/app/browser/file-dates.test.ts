import { describe, expect, it } from "vitest";
import { daysLeft, deletedInText, lastEdited } from "./file-dates";

const day = 86_400_000;
const t0 = Date.parse("2026-12-01T10:00:00Z");

describe("trash countdown", () => {
  it("counts whole days left of the 30, rounding up", () => {
    expect(daysLeft("2026-12-01T10:00:00Z", t0)).toBe(30);
    expect(daysLeft("2026-12-01T10:00:00Z", t0 + day / 2)).toBe(30);
    expect(daysLeft("2026-12-01T10:00:00Z", t0 + 29 * day + 1)).toBe(1);
    expect(daysLeft("2026-12-01T10:00:00Z", t0 + 30 * day)).toBe(0);
    expect(daysLeft("2026-12-01T10:00:00Z", t0 + 40 * day)).toBe(0);
  });
  it("says it in words", () => {
    expect(deletedInText("2026-12-01T10:00:00Z", t0 + day)).toBe("Deleted in 29 days");
    expect(deletedInText("2026-12-01T10:00:00Z", t0 + 29.5 * day)).toBe("Deleted in 1 day");
    expect(deletedInText("2026-12-01T10:00:00Z", t0 + 31 * day)).toBe("Deleted today");
  });
  it("treats an unreadable date as just trashed", () => {
    expect(daysLeft("not a date", t0)).toBe(30);
  });
});

describe("last edited", () => {
  it("says how long ago", () => {
    expect(lastEdited("2026-12-01T10:00:00Z", t0 + 20_000)).toBe("Edited just now");
    expect(lastEdited("2026-12-01T10:00:00Z", t0 + 5 * 60_000)).toBe("Edited 5 min ago");
    expect(lastEdited("2026-12-01T10:00:00Z", t0 + 3 * 3_600_000)).toBe("Edited 3 h ago");
    expect(lastEdited("2026-12-01T10:00:00Z", t0 + 3 * day)).toMatch(/^Edited /);
    expect(lastEdited("garbage", t0)).toBe("");
  });
});
