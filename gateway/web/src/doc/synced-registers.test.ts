import { describe, expect, it } from "vitest";
import type { JsonObject } from "./json";
import { BASE_CLIENT, BASE_CLOCK } from "./register";
import { SyncedRegisters } from "./synced-registers";

const base = (v: unknown) => ({ v, t: BASE_CLOCK, c: BASE_CLIENT });

describe("SyncedRegisters", () => {
  it("reads the synced object in place: its values at the base stamp, without id or nulls", () => {
    const values = JSON.parse('{"id": "r", "type": "rectangle", "x": 4, "fill": null, "__proto__": "kept"}') as JsonObject;
    const registers = new SyncedRegisters(values);
    expect(registers.value("x")).toBe(4);
    expect(registers.value("id")).toBeNull();
    expect(registers.value("fill")).toBeNull();
    expect(registers.value("toString")).toBeNull(); // inherited names are not properties
    expect(registers.value("__proto__")).toBe("kept");
    expect(registers.get("x")).toEqual(base(4));
    expect(registers.get("fill")).toBeUndefined();
    expect(registers.size).toBe(3);
    expect([...registers]).toEqual([
      ["type", base("rectangle")],
      ["x", base(4)],
      ["__proto__", base("kept")],
    ]);
    expect(registers.plain()).toBe(values);
  });

  it("becomes a map of its own on the first write and leaves the synced object as it was", () => {
    const values: JsonObject = { id: "r", type: "rectangle", x: 4 };
    const registers = new SyncedRegisters(values);
    registers.set("x", { v: 9, t: 5, c: "a" });
    expect(registers.value("x")).toBe(9);
    expect(registers.get("type")).toEqual(base("rectangle"));
    expect(registers.size).toBe(2);
    expect(registers.plain()).toBeNull();
    expect(values).toEqual({ id: "r", type: "rectangle", x: 4 });
  });
});
