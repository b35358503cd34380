// The minimal list of the user's files (the full browser comes later).
import { FilePlus, LogOut } from "lucide-react";
import { useEffect, useState } from "react";
import { api, type FileInfo } from "./api";
import { filePath, navigate } from "./router";
import { useSession } from "./session";

export function lastEdited(iso: string, now = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return "";
  const minutes = Math.round((now - then) / 60000);
  if (minutes < 1) return "Edited just now";
  if (minutes < 60) return `Edited ${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `Edited ${hours} h ago`;
  return `Edited ${new Date(then).toLocaleDateString()}`;
}

export function FileList() {
  const { user, signOut } = useSession();
  const [files, setFiles] = useState<FileInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api.files().then(
      (list) => live && setFiles(list),
      (e: Error) => live && setError(e.message),
    );
    return () => {
      live = false;
    };
  }, []);

  async function newFile() {
    try {
      const file = await api.createFile("Untitled");
      navigate(filePath(file.id));
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <main className="min-h-screen bg-neutral-100 text-neutral-800">
      <header className="flex h-12 items-center justify-between border-b border-neutral-200 bg-white px-4">
        <span className="text-sm font-semibold">Vellum</span>
        <div className="flex items-center gap-3 text-sm">
          <span className="text-neutral-500">{user?.name}</span>
          <button type="button" onClick={() => void signOut()} className="flex items-center gap-1 rounded-md px-2 py-1 text-neutral-600 hover:bg-neutral-100">
            <LogOut size={14} /> Sign out
          </button>
        </div>
      </header>
      <section className="mx-auto max-w-3xl p-6">
        <div className="flex items-center justify-between">
          <h1 className="text-base font-semibold">Your files</h1>
          <button type="button" onClick={() => void newFile()} className="flex items-center gap-1.5 rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
            <FilePlus size={15} /> New file
          </button>
        </div>
        {error && <p role="alert" className="mt-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">{error}</p>}
        {files === null && !error && <p className="mt-6 text-sm text-neutral-500">Loading…</p>}
        {files?.length === 0 && <p className="mt-6 text-sm text-neutral-500">No files yet. Make one with “New file”.</p>}
        {files && files.length > 0 && (
          <ul className="mt-4 divide-y divide-neutral-200 overflow-hidden rounded-lg border border-neutral-200 bg-white">
            {files.map((f) => (
              <li key={f.id}>
                <a
                  href={filePath(f.id)}
                  data-testid="file-row"
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(filePath(f.id));
                  }}
                  className="flex items-center justify-between px-4 py-3 text-sm hover:bg-neutral-50"
                >
                  <span className="font-medium">{f.name}</span>
                  <span className="text-xs text-neutral-500">{lastEdited(f.updatedAt)}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
