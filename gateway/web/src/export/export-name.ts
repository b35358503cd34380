// The downloaded file's name, as Figma names exports: <name>.svg, <name>.png
// at 1x and <name>@2x.png, <name>@3x.png; the name is the one selected
// object's (or its type's), else the file's, made safe for any file system.
// (The scales live here, not in png-export.ts, so that the export panel shows them without loading the exporters.)
export const PNG_SCALES = [1, 2, 3] as const;
export type PngScale = (typeof PNG_SCALES)[number];

export type ExportFormat = "svg" | "png";

const TYPE_NAMES: Record<string, string> = { rectangle: "Rectangle", ellipse: "Ellipse", text: "Text", frame: "Frame", group: "Group", image: "Image" };

/** What the export is called before its suffix. */
export function exportBaseName(fileName: string, selected: readonly { name?: unknown; type?: unknown }[]): string {
  if (selected.length === 1) {
    const o = selected[0]!;
    if (typeof o.name === "string" && o.name.trim() !== "") return o.name;
    if (typeof o.type === "string" && TYPE_NAMES[o.type]) return TYPE_NAMES[o.type]!;
  }
  return fileName;
}

/** The name with characters file systems refuse (or treat specially) replaced, trimmed, and not empty. */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\.+/, "") // no hidden file, no "." or ".."
    .slice(0, 100)
    .trim();
  return cleaned || "export";
}

export function exportFileName(name: string, format: ExportFormat, scale: PngScale = 1): string {
  const base = safeFileName(name);
  if (format === "svg") return `${base}.svg`;
  return scale === 1 ? `${base}.png` : `${base}@${scale}x.png`;
}
