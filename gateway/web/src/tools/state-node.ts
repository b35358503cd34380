// tldraw's StateNode, small: a tool is a node whose children are the states
// of a gesture (select.idle, select.translating...). Events go to the active
// child; a child moves the chart on with transition(), so a new gesture is a
// new state rather than another flag in one big handler.
import type { ToolContext, ToolKey, ToolPointer, ToolWheel } from "./tool-context";

export abstract class StateNode {
  abstract readonly id: string;
  protected children: Record<string, StateNode> = {};
  private activeChild: StateNode | null = null;
  parent: StateNode | null = null;

  constructor(protected readonly ctx: ToolContext) {}

  /** The deepest active state's path, "select.translating" (tests read it). */
  get path(): string {
    return this.activeChild ? `${this.id}.${this.activeChild.path}` : this.id;
  }

  protected addChildren(nodes: StateNode[], initial: string): void {
    for (const n of nodes) {
      n.parent = this;
      this.children[n.id] = n;
    }
    this.activeChild = this.children[initial] ?? null;
  }

  /** Leaves the active child for another one of this node's children. */
  transition(childId: string, info?: unknown): void {
    const next = this.children[childId];
    if (!next) throw new Error(`${this.id} has no state ${childId}`);
    this.activeChild?.onExit();
    this.activeChild = next;
    next.onEnter(info);
  }

  onEnter(_info?: unknown): void {}
  onExit(): void {
    this.activeChild?.onExit();
  }

  onPointerDown(e: ToolPointer): void {
    this.activeChild?.onPointerDown(e);
  }
  onPointerMove(e: ToolPointer): void {
    this.activeChild?.onPointerMove(e);
  }
  onPointerUp(e: ToolPointer): void {
    this.activeChild?.onPointerUp(e);
  }
  onDoubleClick(e: ToolPointer): void {
    this.activeChild?.onDoubleClick(e);
  }
  /** true when the key was used */
  onKeyDown(e: ToolKey): boolean {
    return this.activeChild?.onKeyDown(e) ?? false;
  }
  onKeyUp(e: ToolKey): void {
    this.activeChild?.onKeyUp(e);
  }
  onWheel(_e: ToolWheel): void {}
  /** The pointer left or the gesture was cut short (blur, Escape mid-drag). */
  onCancel(): void {
    this.activeChild?.onCancel();
  }
}
