import { describe, expect, it } from "vitest";
import { useFakeTimers } from "../../tests/support/fake-timers";
import { toolHarness } from "./testing/tool-harness";

useFakeTimers();

describe("a viewer", () => {
  it("selects and inspects but draws, moves, nudges and deletes nothing, and sends no ops", async () => {
    const owner = await toolHarness();
    const a = owner.rect(0, 0, 100, 100);
    owner.settle();
    owner.gateway.access = "view";
    const v = await toolHarness({ gateway: owner.gateway });
    expect(v.editor.readOnly).toBe(true);
    v.click(50, 50);
    expect([...v.editor.selection]).toEqual([a]);
    v.drag([[50, 50], [150, 150]]);
    v.key("ArrowRight");
    v.key("Delete");
    v.key("d", { mod: true });
    v.key("r");
    expect(v.manager.active).toBe("select"); // a viewer's R picks no drawing tool
    v.drag([[300, 300], [400, 400]]);
    expect(v.editor.objects()).toEqual(owner.editor.objects());
    expect([v.num(a, "x"), v.num(a, "y")]).toEqual([0, 0]);
    expect(v.editor.pending()).toBe(0);
  });
});
