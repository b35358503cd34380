// Keeps the Renderer's scene in step with the Editor: the whole file on
// start, then only the objects each document event names (with their
// subtrees when a container is deleted or comes back), and the overlay:
// selection, hover, marquee, guides and the other people in the file.
import { SyncedRegisters } from "../doc/synced-registers";
import type { Editor } from "../editor/editor";
import type { FrameLabel, Overlay, RemoteCursor, RemoteSelection } from "../render/overlay";
import type { SceneObject } from "../render/scene-object";
import type { Gesture } from "../tools/tool-context";

export interface SceneSink {
  setScene(objects: Iterable<SceneObject>): void;
  applyChanges(changed: Iterable<SceneObject>, removedIds?: Iterable<string>): void;
  setOverlay(overlay: Overlay): void;
}

/** One object as the renderer takes it (a fresh object each time: the renderer never sees one mutated). */
export function sceneObjectOf(editor: Editor, id: string): SceneObject | null {
  const state = editor.get(id);
  if (!state) return null;
  // An object as the sync document gave it is already in the renderer's shape (and never changed).
  const synced = state.registers instanceof SyncedRegisters ? state.registers.plain() : null;
  if (synced) return typeof synced.type === "string" ? (synced as unknown as SceneObject) : null;
  const o: Record<string, unknown> = { id };
  for (const [name, reg] of state.registers) if (reg.v !== null) o[name] = reg.v;
  return typeof o.type === "string" ? (o as unknown as SceneObject) : null;
}

export class SceneAdapter {
  private readonly inScene = new Set<string>();
  /** Shown frames at the top of the page and their names, for their titles; kept as objects change. */
  private readonly topFrames = new Map<string, string>();
  private gesture: Gesture = {};
  /** The text object under the in-place editor: drawn without its glyphs, so they do not show twice. */
  private editing: string | null = null;
  private unsubscribe: () => void = () => {};

  constructor(
    private readonly editor: Editor,
    private readonly sink: SceneSink,
  ) {}

  start(): void {
    this.load();
    this.unsubscribe = this.editor.subscribe((event) => {
      if (event.type === "document") this.apply(event.changed);
      else if (event.type === "selection" || event.type === "presence" || event.type === "access") this.showOverlay();
    });
  }

  stop(): void {
    this.unsubscribe();
  }

  /** The whole file again (first load, a resync). */
  load(): void {
    this.inScene.clear();
    this.topFrames.clear();
    const objects: SceneObject[] = [];
    for (const id of this.editor.doc.ids()) {
      if (!this.editor.doc.isShown(id)) continue;
      const o = this.objectOf(id);
      if (o) {
        objects.push(o);
        this.inScene.add(id);
        this.noteFrame(o);
      }
    }
    this.sink.setScene(objects);
    this.showOverlay();
  }

  setEditing(id: string | null): void {
    const before = this.editing;
    this.editing = id;
    const refresh = [before, id].filter((x): x is string => x !== null && this.inScene.has(x));
    const objects = refresh.map((x) => this.objectOf(x)).filter((o): o is SceneObject => o !== null);
    if (objects.length) this.sink.applyChanges(objects, []);
  }

  /** Keeps topFrames in step with one object; says whether a title changed. */
  private noteFrame(o: SceneObject | null, id = o?.id): boolean {
    if (id === undefined) return false;
    const before = this.topFrames.get(id);
    const top = o !== null && o.type === "frame" && !o.parentId;
    const name = top ? String(o.name ?? "Frame") : undefined;
    if (name === before) return false;
    if (name === undefined) this.topFrames.delete(id);
    else this.topFrames.set(id, name);
    return true;
  }

  private objectOf(id: string): SceneObject | null {
    const o = sceneObjectOf(this.editor, id);
    return o && id === this.editing ? { ...o, fill: "transparent" } : o;
  }

  setGesture(gesture: Gesture): void {
    this.gesture = { ...this.gesture, ...gesture };
    this.showOverlay();
  }

  private apply(changed: ReadonlySet<string>): void {
    // A file's first sync or a resync names everything: a bulk load is far cheaper than that many updates.
    if (changed.size > 1000 && changed.size >= this.inScene.size) return this.load();
    const updated: SceneObject[] = [];
    const removed: string[] = [];
    const seen = new Set<string>();
    let titles = false;
    const visit = (id: string, subtree: boolean) => {
      if (seen.has(id)) return;
      seen.add(id);
      const shown = this.editor.doc.isShown(id);
      const had = this.inScene.has(id);
      if (shown) {
        const o = this.objectOf(id);
        if (o) {
          updated.push(o);
          this.inScene.add(id);
        }
        titles = this.noteFrame(o, id) || titles;
      } else {
        titles = this.noteFrame(null, id) || titles;
        if (had) {
          removed.push(id);
          this.inScene.delete(id);
        }
      }
      // A container that appeared or went takes its subtree with it.
      if (subtree || shown !== had) for (const child of this.editor.children(id)) visit(child, true);
    };
    for (const id of changed) visit(id, false);
    if (updated.length || removed.length) this.sink.applyChanges(updated, removed);
    if (removed.length || titles) this.showOverlay();
  }

  showOverlay(): void {
    const cursors: RemoteCursor[] = [];
    const selections: RemoteSelection[] = [];
    for (const [clientId, peer] of this.editor.peers) {
      if (peer.cursor) cursors.push({ id: clientId, name: peer.userName, colour: peer.color, x: peer.cursor.x, y: peer.cursor.y });
      if (peer.selection.length) selections.push({ id: clientId, colour: peer.color, objectIds: peer.selection });
    }
    this.sink.setOverlay({
      selection: [...this.editor.selection],
      handles: !this.editor.readOnly,
      hover: this.gesture.hover ?? null,
      marquee: this.gesture.marquee ?? null,
      guides: this.gesture.guides ?? [],
      remoteCursors: cursors,
      remoteSelections: selections,
      frameLabels: [...this.topFrames].map(([id, name]): FrameLabel => ({ id, name })),
    });
  }
}
