// What replaces the editor once the file is closed to the user: the reason
// and the way back, instead of a canvas that would take edits nobody saves.
import { navigate } from "../app/router";
import type { Removal } from "./access-removed";

export function AccessRemoved({ removal }: { removal: Removal }) {
  return (
    <main className="flex h-screen items-center justify-center bg-neutral-100 text-neutral-800">
      <div role="alert" data-testid="access-removed" className="max-w-sm rounded-xl border border-neutral-200 bg-white p-6 text-center shadow-sm">
        <h1 className="text-base font-semibold">{removal.title}</h1>
        <p className="mt-2 text-sm text-neutral-600">{removal.detail}</p>
        <a
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate("/");
          }}
          className="mt-4 inline-block rounded-md border border-neutral-300 px-3 py-1.5 text-sm hover:bg-neutral-50"
        >
          Back to your files
        </a>
      </div>
    </main>
  );
}
