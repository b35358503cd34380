// Images dropped or pasted onto the canvas: the bytes go to the gateway,
// which stores them by content hash, and an image object points at its URL,
// sized from the image's natural size.
import type { Editor } from "../editor/editor";

export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/svg+xml", "image/webp"];

interface Uploaded {
  image: { sha256: string; contentType: string; size: number; url: string };
}

async function send(fileId: string, file: Blob, fetcher: typeof fetch): Promise<string> {
  const res = await fetcher(`/api/files/${encodeURIComponent(fileId)}/images`, {
    method: "POST",
    headers: { "Content-Type": file.type },
    body: file,
    credentials: "same-origin",
  });
  if (!res.ok) throw new Error(`the image was not stored (${res.status})`);
  return ((await res.json()) as Uploaded).image.url;
}

// The same bytes dropped or pasted again into a file are not sent again: the URL it got is reused.
const uploads = new Map<string, Promise<string>>();

async function contentKey(fileId: string, file: Blob): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null; // not a secure context: every upload goes out (the gateway still stores it once)
  const digest = new Uint8Array(await subtle.digest("SHA-256", await file.arrayBuffer()));
  return `${fileId} ${file.type} ${Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Stores the image with the gateway (by content hash, so once per file) and returns its URL. */
export async function uploadImage(fileId: string, file: Blob, fetcher: typeof fetch = fetch): Promise<string> {
  const key = await contentKey(fileId, file);
  const known = key === null ? undefined : uploads.get(key);
  if (known) return known;
  const upload = send(fileId, file, fetcher);
  if (key !== null) {
    uploads.set(key, upload);
    upload.catch(() => uploads.delete(key)); // a failed upload is tried again next time
  }
  return upload;
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
