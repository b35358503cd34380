// The two routes, parsed from location.pathname. Free of React: the page's
// entry point reads the route before anything else has loaded.
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
