// A tiny history router: two routes do not need a library. The route is
// parsed from location.pathname; navigate() pushes and tells the listeners.
import { useSyncExternalStore } from "react";
import { parseRoute, type Route } from "./routes";

export { filePath, parseRoute, type Route } from "./routes";

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

export function navigate(path: string): void {
  if (path === window.location.pathname) return;
  window.history.pushState(null, "", path);
  for (const listener of listeners) listener();
}

/** The current route; re-renders on navigate() and on the browser's back and forward. */
export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, () => window.location.pathname, () => "/");
  return parseRoute(pathname);
}
