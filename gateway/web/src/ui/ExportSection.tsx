// The properties panel's last section, as in Figma: export the selection, or
// the whole file when nothing is selected, as SVG or as PNG at 1x, 2x or 3x.
// Ctrl+Shift+E (Cmd on a Mac) exports with the choices shown here.
import { useEffect, useRef, useState } from "react";
import type { Editor } from "../editor/editor";
import { PNG_SCALES, type ExportFormat, type PngScale } from "../export/export-name";
import { useEditorEvents } from "./use-editor";

const SELECT = "w-full min-w-0 rounded border border-neutral-200 px-2 py-1 text-neutral-800 focus:border-blue-500 focus:outline-none";

export function ExportSection({ editor, fileName }: { editor: Editor; fileName: string }) {
  useEditorEvents(editor, ["selection"]);
  const [format, setFormat] = useState<ExportFormat>("png");
  const [scale, setScale] = useState<PngScale>(1);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const count = editor.selection.size;
  const what = count === 0 ? "file" : count === 1 ? "selection" : `${count} layers`;

  const run = async () => {
    setBusy(true);
    setProblem(null);
    try {
      // The exporters are loaded on the first export: opening a file does not wait for them.
      const { download, exportFromEditor } = await import("../export/export-file");
      download(await exportFromEditor(editor, fileName, format, scale));
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  // The shortcut runs whatever the panel shows now.
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey || e.key.toLowerCase() !== "e") return;
      e.preventDefault();
      void latest.current();
    };
    window.addEventListener("keydown", key);
    return () => window.removeEventListener("keydown", key);
  }, []);

  return (
    <section aria-label="Export" className="grid grid-cols-2 gap-2 border-t border-neutral-200 pt-3 text-xs">
      <h3 className="col-span-2 font-semibold text-neutral-700">Export</h3>
      <label className="flex flex-col gap-1 text-neutral-500">
        Format
        <select data-testid="export-format" aria-label="Export format" value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} className={SELECT}>
          <option value="png">PNG</option>
          <option value="svg">SVG</option>
        </select>
      </label>
      <label className="flex flex-col gap-1 text-neutral-500">
        Scale
        <select
          data-testid="export-scale"
          aria-label="Export scale"
          value={scale}
          disabled={format !== "png"}
          onChange={(e) => setScale(Number(e.target.value) as PngScale)}
          className={`${SELECT} disabled:bg-neutral-50 disabled:text-neutral-400`}
        >
          {PNG_SCALES.map((s) => (
            <option key={s} value={s}>
              {s}x
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        data-testid="export-button"
        disabled={busy}
        onClick={() => void run()}
        title="Ctrl+Shift+E"
        className="col-span-2 rounded border border-neutral-300 px-2 py-1 text-neutral-800 hover:bg-neutral-50 disabled:text-neutral-400"
      >
        {busy ? "Exporting…" : `Export ${what}`}
      </button>
      {problem && (
        <span role="alert" data-testid="export-problem" className="col-span-2 text-red-600">
          {problem}
        </span>
      )}
    </section>
  );
}
