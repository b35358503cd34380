// A tiny history router: two routes do not need a library. The route is
// parsed from location.pathname; navigate() pushes and tells the listeners.
import { useSyncExternalStore } from "react";

export type Route = { name: "home" } | { name: "file"; fileId: string } | { name: "unknown"; path: string };

export function parseRoute(pathname: string): Route {
  if (pathname === "/" || pathname === "") return { name: "home" };
  const file = /^\/file\/([^/]+)\/?$/.exec(pathname);
  if (file) {
    try {
      return { name: "file", fileId: decodeURIComponent(file[1]!) };
    } catch {
      return { name: "unknown", path: pathname };
    }
  }
  return { name: "unknown", path: pathname };
}

export function filePath(fileId: string): string {
  return `/file/${encodeURIComponent(fileId)}`;
}

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
