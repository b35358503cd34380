// The browser client's own code, for the chaos and fuzz drivers in Node:
// bundled by build-client.sh into .build/client.mjs.
export { Editor } from "../../gateway/web/src/editor/editor";
export { MemoryOutboxStore } from "../../gateway/web/src/sync/outbox-store";
