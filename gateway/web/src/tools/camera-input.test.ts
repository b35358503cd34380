import { describe, expect, it } from "vitest";
import { screenToPage } from "../geometry/camera";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { toolHarness } from "./testing/tool-harness";

useFakeTimers();

const wheel = (x: number, y: number, deltaX: number, deltaY: number, mod = false) => ({ screen: { x, y }, deltaX, deltaY, shift: false, alt: false, mod });

describe("camera input", () => {
  it("zooms toward the pointer with ctrl+wheel: the page point under it stays", async () => {
    const h = await toolHarness();
    h.renderer.setCamera({ x: 40, y: -20, zoom: 1.5 });
    const before = screenToPage(h.renderer.getCamera(), { x: 300, y: 200 });
    h.manager.wheel(wheel(300, 200, 0, -120, true));
    const after = h.renderer.getCamera();
    expect(after.zoom).toBeGreaterThan(1.5);
    const p = screenToPage(after, { x: 300, y: 200 });
    expect(p.x).toBeCloseTo(before.x, 9);
    expect(p.y).toBeCloseTo(before.y, 9);
  });

  it("keeps the zoom between 1% and 25,600%", async () => {
    const h = await toolHarness();
    for (let i = 0; i < 50; i++) h.manager.wheel(wheel(0, 0, 0, -1000, true));
    expect(h.renderer.getCamera().zoom).toBe(256);
    for (let i = 0; i < 50; i++) h.manager.wheel(wheel(0, 0, 0, 1000, true));
    expect(h.renderer.getCamera().zoom).toBe(0.01);
  });

  it("pans with the wheel alone, and with the hand tool or space held", async () => {
    const h = await toolHarness();
    h.manager.wheel(wheel(0, 0, 30, 50));
    expect(h.renderer.getCamera()).toEqual({ x: 30, y: 50, zoom: 1 });
    h.key(" ");
    h.drag([[100, 100], [60, 80]]);
    expect(h.renderer.getCamera()).toEqual({ x: 70, y: 70, zoom: 1 });
    h.manager.keyUp({ key: " ", code: "Space", shift: false, alt: false, mod: false });
    expect(h.manager.path).toBe("select.idle");
  });

  it("fits everything with shift+1 and goes to 100% with shift+0", async () => {
    const h = await toolHarness();
    h.rect(0, 0, 1000, 100);
    h.key("!", { shift: true }, "Digit1");
    const fit = h.renderer.getCamera();
    expect(fit.zoom).toBeCloseTo(720 / 1000);
    h.key(")", { shift: true }, "Digit0");
    expect(h.renderer.getCamera().zoom).toBe(1);
  });
});
