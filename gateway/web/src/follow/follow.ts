// Following a collaborator: this view's camera takes the leader's viewport
// live, from presence. It stops when the user stops it, when the user pans or
// zooms (userMoved, which the canvas calls before any camera change of its
// own), and when the leader leaves the file. A person is followed, not a tab:
// when the followed tab goes and another of theirs is still in the file, that
// one is followed on.
import type { Editor, EditorEvent } from "../editor/editor";
import type { Camera, ViewportSize } from "../geometry/camera";
import type { PresenceEntry, Viewport } from "../sync/messages";
import { followCamera } from "./follow-camera";

export interface Leader {
  userId: string;
  clientId: string;
  name: string;
  color: string;
}

/** The canvas as following drives it: a camera setter that is not the user's own move, and its size. */
export interface FollowView {
  setCamera(camera: Camera): void;
  size(): ViewportSize;
}

/** What Follow reads of the Editor: the others in the file and news of them. */
export type PeerSource = Pick<Editor, "peers" | "subscribe">;

const sameViewport = (a: Viewport | null, b: Viewport | null) =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.zoom === b.zoom && a.width === b.width && a.height === b.height);

/** The tab of userId to follow: one that has said where it looks, else any. */
function clientOf(peers: ReadonlyMap<string, PresenceEntry>, userId: string): PresenceEntry | null {
  let any: PresenceEntry | null = null;
  let looking: PresenceEntry | null = null;
  for (const peer of peers.values()) {
    if (peer.userId !== userId) continue;
    any = peer;
    if (peer.viewport) looking = peer;
  }
  return looking ?? any;
}

export class Follow {
  private leaderValue: Leader | null = null;
  private view: FollowView | null = null;
  private applied: Viewport | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly source: PeerSource) {
    source.subscribe((event: EditorEvent) => {
      if (event.type === "presence") this.onPresence();
    });
  }

  /** Who is followed, or null; a new object whenever it changes (React's snapshot). */
  get leader(): Leader | null {
    return this.leaderValue;
  }

  isFollowing(userId: string): boolean {
    return this.leaderValue?.userId === userId;
  }

  /** Follows userId from now on; false when they are not in the file. */
  start(userId: string): boolean {
    const peer = clientOf(this.source.peers, userId);
    if (!peer) return false;
    this.leaderValue = { userId, clientId: peer.clientId, name: peer.userName, color: peer.color };
    this.applied = null;
    this.apply(peer.viewport);
    this.emit();
    return true;
  }

  stop(): void {
    if (!this.leaderValue) return;
    this.leaderValue = null;
    this.applied = null;
    this.emit();
  }

  /** The avatar's click: follows them, or stops when they are followed already. */
  toggle(userId: string): void {
    if (this.isFollowing(userId)) this.stop();
    else this.start(userId);
  }

  /** The user panned or zoomed: their own view wins. */
  userMoved(): void {
    this.stop();
  }

  /** The canvas that following moves; returns how to detach it. */
  attach(view: FollowView): () => void {
    this.view = view;
    this.refit();
    return () => {
      if (this.view === view) this.view = null;
    };
  }

  /** The canvas changed size: fits the leader's view to it again. */
  refit(): void {
    if (!this.leaderValue) return;
    this.applied = null;
    this.apply(this.source.peers.get(this.leaderValue.clientId)?.viewport ?? null);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onPresence(): void {
    const leader = this.leaderValue;
    if (!leader) return;
    let peer = this.source.peers.get(leader.clientId);
    if (!peer) {
      const other = clientOf(this.source.peers, leader.userId);
      if (!other) return this.stop(); // they left
      peer = other;
      this.leaderValue = { ...leader, clientId: other.clientId };
      this.emit();
    }
    this.apply(peer.viewport);
  }

  private apply(viewport: Viewport | null): void {
    // A leader who has not said where they look yet leaves the camera where it is.
    if (!viewport || !this.view || sameViewport(viewport, this.applied)) return;
    this.applied = viewport;
    this.view.setCamera(followCamera(viewport, this.view.size()));
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * The view the tools (and the test hook) get: a camera change through it is
 * the user's own pan or zoom (wheel, hand tool, shortcuts), which ends following.
 */
export function userView<V extends { setCamera(camera: Camera): void }>(view: V, follow: Follow): V {
  return {
    ...view,
    setCamera: (camera: Camera) => {
      follow.userMoved();
      view.setCamera(camera);
    },
  };
}

const follows = new WeakMap<PeerSource, Follow>();

/** The Follow of an editor's view (one per editor: the top bar and the canvas share it). */
export function followOf(editor: PeerSource): Follow {
  let follow = follows.get(editor);
  if (!follow) {
    follow = new Follow(editor);
    follows.set(editor, follow);
  }
  return follow;
}
