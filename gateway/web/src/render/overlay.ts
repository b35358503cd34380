// What the interactive layer shows above the document, in page coordinates;
// the editor sets it whenever it changes (every pointer move while dragging).
import type { Rect } from "../geometry/box";
import type { Guide } from "../geometry/snapping";

export interface RemoteCursor {
  /** the user's id or session id: one cursor each */
  id: string;
  name: string;
  colour: string;
  /** page coordinates */
  x: number;
  y: number;
}

export interface RemoteSelection {
  id: string;
  colour: string;
  objectIds: readonly string[];
}

export interface Overlay {
  selection?: readonly string[];
  /** resize and rotate handles on the selection (off while a viewer inspects, say); default on */
  handles?: boolean;
  hover?: string | null;
  /** the marquee being dragged, page coordinates */
  marquee?: Rect | null;
  guides?: readonly Guide[];
  remoteCursors?: readonly RemoteCursor[];
  remoteSelections?: readonly RemoteSelection[];
  /** The frames at the top of the page, named above their top-left corner (Figma's frame titles). */
  frameLabels?: readonly FrameLabel[];
}

export interface FrameLabel {
  id: string;
  name: string;
}
