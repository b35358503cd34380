// Images dropped or pasted onto the canvas: the bytes go to the gateway,
// which stores them by content hash, and an image object points at its URL,
// sized from the image's natural size.
import type { Editor } from "../editor/editor";

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/svg+xml", "image/webp"];

interface Uploaded {
  image: { sha256: string; contentType: string; size: number; url: string };
}

export async function uploadImage(fileId: string, file: Blob, fetcher: typeof fetch = fetch): Promise<string> {
  const res = await fetcher(`/api/files/${encodeURIComponent(fileId)}/images`, {
    method: "POST",
    headers: { "Content-Type": file.type },
    body: file,
    credentials: "same-origin",
  });
  if (!res.ok) throw new Error(`the image was not stored (${res.status})`);
  return ((await res.json()) as Uploaded).image.url;
}

function naturalSize(url: string): Promise<{ width: number; height: number }> {
  return new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve({ width: img.naturalWidth || 100, height: img.naturalHeight || 100 });
    img.onerror = () => resolve({ width: 100, height: 100 });
    img.src = url;
  });
}

/** Uploads each image file and places it with its top-left at the page point, side by side. */
export async function placeImages(editor: Editor, files: Iterable<File>, at: { x: number; y: number }, report: (message: string) => void): Promise<void> {
  let x = at.x;
  for (const file of files) {
    if (!IMAGE_TYPES.includes(file.type)) {
      report(`${file.name || "That file"} is not a PNG, JPEG, SVG or WebP image`);
      continue;
    }
    try {
      const src = await uploadImage(editor.fileId, file);
      const { width, height } = await naturalSize(src);
      const [id] = editor.createObjects([{ type: "image", src, x, y: at.y, width, height, name: file.name || "Image" }]);
      editor.select([id!]);
      x += width + 20;
    } catch (err) {
      report(err instanceof Error ? err.message : String(err));
    }
  }
}
