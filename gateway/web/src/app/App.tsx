// The routes: "/" signs in and lists files; "/file/{id}" is the editor, and
// without a session it signs in first and then shows the same file (the URL
// never changes, so coming back is simply re-rendering).
import { useEffect } from "react";
import { lazyNamed } from "../ui/lazy";
import { FilePage } from "./FilePage";
import { navigate, useRoute } from "./router";
import { useSession } from "./session";

const FileBrowser = lazyNamed(() => import("./browser/FileBrowser"), "FileBrowser");
const SignIn = lazyNamed(() => import("./SignIn"), "SignIn");

export function App() {
  const route = useRoute();
  const { status, load } = useSession();

  useEffect(() => {
    void load();
  }, [load]);

  if (status === "loading") return <main className="min-h-screen bg-neutral-100" />;
  if (status === "signedOut") return <SignIn note={route.name === "file" ? "Sign in to open this file" : undefined} />;
  switch (route.name) {
    case "home":
      return <FileBrowser />;
    case "file":
      return <FilePage key={route.fileId} fileId={route.fileId} />;
    case "unknown":
      return (
        <main className="flex min-h-screen flex-col items-center justify-center gap-3 bg-neutral-100 text-sm text-neutral-600">
          <p>There is no page at {route.path}.</p>
          <button type="button" className="text-blue-600 hover:underline" onClick={() => navigate("/")}>
            Back to your files
          </button>
        </main>
      );
  }
}
