// Images by src: each loaded once and decoded before it is drawn (so the
// first frame with it does not stall on decoding); until then, and for one
// that fails, the object shows a placeholder.

export type ImageLoader = (src: string) => Promise<CanvasImageSource>;

/** The browser's loader: an <img>, decoded off the main thread where the browser can. */
export const browserImageLoader: ImageLoader = async (src) => {
  const image = new Image();
  image.decoding = "async";
  image.src = src;
  await image.decode();
  return image;
};

type Entry = { state: "loading" } | { state: "ready"; image: CanvasImageSource } | { state: "failed" };

export class ImageCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly load: ImageLoader,
    /** called once an image is ready, so that what shows its placeholder is drawn again */
    private readonly onReady: (src: string) => void,
  ) {}

  /** The image if it is ready; otherwise null, and its loading starts on the first ask. */
  get(src: string): CanvasImageSource | null {
    const entry = this.entries.get(src);
    if (entry) return entry.state === "ready" ? entry.image : null;
    this.entries.set(src, { state: "loading" });
    this.load(src).then(
      (image) => {
        this.entries.set(src, { state: "ready", image });
        this.onReady(src);
      },
      // A broken image stays a placeholder; asking again on every frame would flood the server.
      () => this.entries.set(src, { state: "failed" }),
    );
    return null;
  }

  /** Whether the image failed to load, for a placeholder that says so. */
  failed(src: string): boolean {
    return this.entries.get(src)?.state === "failed";
  }
}
