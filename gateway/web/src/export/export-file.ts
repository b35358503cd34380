// Exporting from the open file in the browser: the selection (or the whole
// file) as the editor has it now, with the page's fonts for measuring text
// and its images fetched once, then the SVG or PNG handed to the browser as a
// download. Apart from the renderer: the export builds its own scene, so it
// never waits on tiles nor sees the in-place text editor's hidden glyphs.
import type { Editor } from "../editor/editor";
import { sceneObjectOf } from "../canvas/scene-adapter";
import { browserCanvas, context2d } from "../render/context";
import { browserImageLoader } from "../render/image-cache";
import type { SceneObject } from "../render/scene-object";
import { TextLayouts } from "../render/text-layout";
import { exportBaseName, exportFileName, type ExportFormat } from "./export-name";
import { exportTarget, sceneOf, type ExportTarget } from "./export-target";
import { exportPng, type PngScale } from "./png-export";
import { exportSvg } from "./svg-export";

export interface ExportResult {
  blob: Blob;
  fileName: string;
}

/** The shown objects of the file, as the renderer takes them. */
export function shownObjects(editor: Editor): SceneObject[] {
  const out: SceneObject[] = [];
  for (const id of editor.doc.ids()) {
    if (!editor.doc.isShown(id)) continue;
    const o = sceneObjectOf(editor, id);
    if (o) out.push(o);
  }
  return out;
}

/**
 * Text measured as the canvas measures it, once the page's fonts are in (else
 * widths are a fallback's): its widths, and where the alphabetic baseline is
 * below the middle of a line (for the SVG, whose text sits on a baseline).
 */
export async function measuringText(): Promise<{ layouts: TextLayouts; baseline: (font: string) => number }> {
  await globalThis.document?.fonts?.ready;
  const ctx = context2d(browserCanvas(1, 1));
  const layouts = new TextLayouts((text, font) => {
    ctx.font = font;
    return ctx.measureText(text).width;
  });
  const baselines = new Map<string, number>();
  const baseline = (font: string) => {
    let below = baselines.get(font);
    if (below === undefined) {
      // The font's top above each line, going up: the difference is how far the one is below the other.
      ctx.font = font;
      ctx.textBaseline = "alphabetic";
      const fromBaseline = ctx.measureText("x").fontBoundingBoxAscent ?? 0;
      ctx.textBaseline = "middle";
      const fromMiddle = ctx.measureText("x").fontBoundingBoxAscent ?? 0;
      ctx.textBaseline = "alphabetic";
      below = fromBaseline - fromMiddle;
      baselines.set(font, below);
    }
    return below;
  };
  return { layouts, baseline };
}

function dataUri(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("the image could not be read"));
    reader.readAsDataURL(blob);
  });
}

/** Each image of the target as a data: URI; one that cannot be fetched is left out (it exports as its placeholder, as the canvas shows it). */
export async function imageData(target: ExportTarget): Promise<Map<string, string>> {
  const srcs = new Set<string>();
  for (const node of target.nodes) if (node.object.type === "image" && node.object.src) srcs.add(node.object.src);
  const out = new Map<string, string>();
  await Promise.all(
    [...srcs].map(async (src) => {
      try {
        const res = await fetch(src, { credentials: "same-origin" });
        if (res.ok) out.set(src, await dataUri(await res.blob()));
      } catch {
        // unreachable: the placeholder
      }
    }),
  );
  return out;
}

/** Decoded images for the PNG painter, which draws at once and cannot wait for one to load. */
export async function decoded(images: ReadonlyMap<string, string>): Promise<Map<string, CanvasImageSource>> {
  const out = new Map<string, CanvasImageSource>();
  await Promise.all(
    [...images].map(async ([src, uri]) => {
      try {
        out.set(src, await browserImageLoader(uri));
      } catch {
        // undecodable: the placeholder
      }
    }),
  );
  return out;
}

/** The export of the selection (the whole file when nothing is selected); throws with a reason when there is nothing to export. */
export async function exportFromEditor(editor: Editor, fileName: string, format: ExportFormat, scale: PngScale = 1): Promise<ExportResult> {
  const selection = [...editor.selection];
  const target = exportTarget(sceneOf(shownObjects(editor)), selection);
  if (!target) throw new Error(selection.length ? "The selection has nothing to show" : "The file is empty");
  const name = exportBaseName(
    fileName,
    selection.map((id) => ({ name: editor.value(id, "name"), type: editor.value(id, "type") })),
  );
  const [{ layouts, baseline }, images] = await Promise.all([measuringText(), imageData(target)]);
  if (format === "svg") {
    const svg = exportSvg(target, { layouts, images, baseline });
    return { blob: new Blob([svg], { type: "image/svg+xml" }), fileName: exportFileName(name, "svg") };
  }
  const ready = await decoded(images);
  const blob = await exportPng(target, scale, { layouts, images: { get: (src) => ready.get(src) ?? null } });
  return { blob, fileName: exportFileName(name, "png", scale) };
}

/** Hands the blob to the browser as a download of that name. */
export function download({ blob, fileName }: ExportResult): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started by the next task; the URL can go after it.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
