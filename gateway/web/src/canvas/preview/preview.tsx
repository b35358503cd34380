// Mounts CanvasView on an Editor connected to the tests' in-memory gateway,
// so that the canvas can be seen and driven in a browser without a server.
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { Editor } from "../../editor/editor";
import { MemoryOutboxStore } from "../../sync/outbox-store";
import { FakeGateway } from "../../../tests/support/fake-gateway";
import { CanvasView, type ToolId } from "../CanvasView";
import "../../index.css";

const gateway = new FakeGateway();
const editor = new Editor({ fileId: "44444444-4444-4444-4444-444444444444", url: "ws://preview/ws", connect: gateway.connect, store: new MemoryOutboxStore() });
// The fake gateway delivers only when asked: a tick stands in for the network.
setInterval(() => gateway.deliver(), 20);

function Preview() {
  const [tool, setTool] = useState<ToolId>("select");
  return (
    <div style={{ width: "100vw", height: "100vh" }} data-tool={tool}>
      <CanvasView editor={editor} tool={tool} onToolChange={setTool} />
    </div>
  );
}

void editor.start().then(() => createRoot(document.getElementById("root")!).render(<Preview />));
