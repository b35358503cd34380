// /file/{id}: checks the file over REST (so an unknown file or missing access
// gets a clear page), then opens an Editor on it for as long as the page shows.
import { useEffect, useState } from "react";
import { Editor } from "../editor/editor";
import { EditorPage } from "../ui/EditorPage";
import { api, ApiError, type FileInfo } from "./api";
import { renderCanvas } from "./canvas";
import { navigate } from "./router";

type Load = { state: "loading" } | { state: "open"; file: FileInfo; editor: Editor } | { state: "failed"; message: string };

export function FilePage({ fileId }: { fileId: string }) {
  const [load, setLoad] = useState<Load>({ state: "loading" });

  useEffect(() => {
    // The editor connects while the file is checked over REST: opening waits
    // for one round trip, not two. If the check fails the editor goes.
    const editor = new Editor({ fileId: fileId.toLowerCase() }); // ids are canonical lower case, as the gateway writes them
    void editor.start();
    let live = true;
    api.file(fileId).then(
      (file) => {
        if (!live) return;
        setLoad({ state: "open", file, editor });
      },
      (e: unknown) => {
        if (!live) return;
        editor.close();
        const message =
          e instanceof ApiError && e.status === 404
            ? "This file does not exist, or you have no access to it. Ask its owner to share it with you."
            : (e as Error).message;
        setLoad({ state: "failed", message });
      },
    );
    return () => {
      live = false;
      editor.close();
    };
  }, [fileId]);

  if (load.state === "open") return <EditorPage editor={load.editor} fileName={load.file.name} renderCanvas={renderCanvas} />;
  return (
    <main className="flex min-h-screen items-center justify-center bg-neutral-100 text-neutral-800">
      {load.state === "loading" ? (
        <p className="text-sm text-neutral-500">Opening the file…</p>
      ) : (
        <div data-testid="file-error" className="max-w-sm rounded-xl border border-neutral-200 bg-white p-6 text-center shadow-sm">
          <h1 className="text-base font-semibold">Cannot open this file</h1>
          <p className="mt-2 text-sm text-neutral-600">{load.message}</p>
          <button type="button" onClick={() => navigate("/")} className="mt-4 rounded-md border border-neutral-300 px-3 py-1.5 text-sm hover:bg-neutral-50">
            Back to your files
          </button>
        </div>
      )}
    </main>
  );
}
