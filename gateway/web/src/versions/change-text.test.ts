import { describe, expect, it } from "vitest";
import { changeText, objectLabel } from "./change-text";

const base = { seq: 1, userId: "u1", userName: "Ada", objectId: "rect-1", property: null, createdAt: "2026-01-01T00:00:00Z" };
const rect = { id: "rect-1", type: "rectangle" };

describe("a change in words", () => {
  it("says who did what to which object", () => {
    expect(changeText({ ...base, type: "create" }, rect)).toBe("Ada created rectangle");
    expect(changeText({ ...base, type: "update", property: "fill" }, { ...rect, name: "Logo" })).toBe("Ada changed fill of Logo");
    expect(changeText({ ...base, type: "update" }, rect)).toBe("Ada changed rectangle");
    expect(changeText({ ...base, type: "delete" }, undefined)).toBe("Ada deleted an object");
    expect(changeText({ ...base, type: "move" }, rect)).toBe("Ada moved rectangle");
  });

  it("names a deleted user as someone, and an op made in SQL as SQL", () => {
    expect(changeText({ ...base, type: "create", userName: null }, rect)).toBe("Someone created rectangle");
    expect(changeText({ ...base, type: "create", userName: null, userId: null }, rect)).toBe("SQL created rectangle");
  });

  it("labels an object by its name, else its type", () => {
    expect(objectLabel({ id: "f", type: "frame", name: "  " })).toBe("frame");
    expect(objectLabel({ id: "f", type: "frame", name: "Hero" })).toBe("Hero");
  });
});
