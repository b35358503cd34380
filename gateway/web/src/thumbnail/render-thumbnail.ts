// The file's thumbnail: the whole file as a 320 x 200 PNG, painted by the
// export's painter (png-export), its objects fitted and centred with a
// margin of 16 px, at most 2x
// (a small drawing is not blown up to fill the card); transparent where
// nothing is, and all transparent for an empty file (whose old thumbnail
// must go too).
import type { Editor } from "../editor/editor";
import type { Box } from "../geometry/box";
import { decoded, imageData, measuringText, shownObjects } from "../export/export-file";
import { exportTarget, sceneOf, type ExportTarget } from "../export/export-target";
import { exportPng } from "../export/png-export";

export const THUMBNAIL_WIDTH = 320;
export const THUMBNAIL_HEIGHT = 200;
/** The gateway takes at most this many bytes. */
export const MAX_THUMBNAIL_BYTES = 256 * 1024;
const MAX_SCALE = 2;
const MARGIN = 16;

/**
 * The target widened to the thumbnail's shape around its centre, and the
 * scale that makes it exactly the thumbnail's size.
 */
export function thumbnailArea(target: ExportTarget | null): { target: ExportTarget; scale: number } {
  if (!target) return { target: { nodes: [], bounds: { minX: 0, minY: 0, maxX: THUMBNAIL_WIDTH, maxY: THUMBNAIL_HEIGHT } }, scale: 1 };
  const { minX, minY, maxX, maxY } = target.bounds;
  const scale = Math.min((THUMBNAIL_WIDTH - 2 * MARGIN) / (maxX - minX), (THUMBNAIL_HEIGHT - 2 * MARGIN) / (maxY - minY), MAX_SCALE);
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const halfW = THUMBNAIL_WIDTH / scale / 2;
  const halfH = THUMBNAIL_HEIGHT / scale / 2;
  const bounds: Box = { minX: cx - halfW, minY: cy - halfH, maxX: cx + halfW, maxY: cy + halfH };
  return { target: { nodes: target.nodes, bounds }, scale };
}

/** The thumbnail of the file as the editor shows it now. */
export async function renderThumbnail(editor: Editor): Promise<Blob> {
  const { target, scale } = thumbnailArea(exportTarget(sceneOf(shownObjects(editor))));
  const [{ layouts }, images] = await Promise.all([measuringText(), imageData(target)]);
  const ready = await decoded(images);
  const png = await exportPng(target, scale, { layouts, images: { get: (src) => ready.get(src) ?? null } });
  if (png.size > MAX_THUMBNAIL_BYTES) throw new Error(`the thumbnail is ${png.size} bytes, more than the ${MAX_THUMBNAIL_BYTES} the server takes`);
  return png;
}
