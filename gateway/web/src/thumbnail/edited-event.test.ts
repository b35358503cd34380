// The thumbnail follows this user's edits: the Editor's "edited" event.
import { describe, expect, it, vi } from "vitest";
import { Editor, type EditorEvent } from "../editor/editor";
import { MemoryOutboxStore } from "../sync/outbox-store";
import { SEND_INTERVAL_MS, type Signal } from "../sync/sync-client";
import { FakeGateway } from "../../tests/support/fake-gateway";
import { useFakeTimers } from "../../tests/support/fake-timers";

useFakeTimers();

const always: Signal = { get: () => true, subscribe: () => () => {} };

async function join(gateway: FakeGateway) {
  const editor = new Editor({ fileId: "44444444-4444-4444-4444-444444444444", url: "ws://test/ws", connect: gateway.connect, store: new MemoryOutboxStore(), online: always, visible: always });
  await editor.start();
  gateway.deliver();
  const edits: EditorEvent[] = [];
  editor.subscribe((e) => e.type === "edited" && edits.push(e));
  return { editor, edits };
}

function settle(gateway: FakeGateway) {
  for (let i = 0; i < 5; i++) {
    vi.advanceTimersByTime(SEND_INTERVAL_MS);
    gateway.deliver();
  }
}

describe("the Editor's edited event", () => {
  it("comes for this user's edits, undos and redos, not for others' edits nor for selecting", async () => {
    const gateway = new FakeGateway();
    const ada = await join(gateway);
    const bob = await join(gateway);
    const [id] = ada.editor.createObjects([{ type: "rectangle", x: 0, y: 0, width: 10, height: 10 }]);
    settle(gateway);
    expect(ada.edits).toHaveLength(1);
    expect(bob.edits).toHaveLength(0); // Bob sees it, but it is not his
    ada.editor.select([id!]);
    ada.editor.update(id!, { x: 0 }); // no change: no op
    ada.editor.beginGesture();
    ada.editor.endGesture();
    expect(ada.edits).toHaveLength(1);
    ada.editor.undo();
    ada.editor.redo();
    expect(ada.edits).toHaveLength(3);
  });
});
