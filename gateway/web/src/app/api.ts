// The gateway's REST API (README, "REST"): one fetch wrapper, one error type.
// Errors come as {"error": {code, message}}; the message is what people see.

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface FileInfo {
  id: string;
  name: string;
  updatedAt: string;
  access: "admin" | "edit" | "view" | null;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The error a failed response carries, or one that says what came instead. */
export async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown } };
    const { code, message } = body.error ?? {};
    if (typeof message === "string" && message)
      return new ApiError(response.status, typeof code === "string" ? code : "error", message);
  } catch {
    // not JSON: a proxy's page, say
  }
  return new ApiError(response.status, "http", `The server answered ${response.status} ${response.statusText}`.trim());
}

// GETs the page's entry point started before the app loaded (see prefetch), by path.
const prefetched = new Map<string, Promise<Response>>();

/**
 * Starts a GET now, for the app to take when it asks for the same path (once):
 * main.tsx asks for who is signed in and the file while the browser is still
 * loading the app, so that neither waits for it.
 */
export function prefetch(path: string): void {
  prefetched.set(path, fetch(path, { credentials: "same-origin" }));
}

export async function request<T>(method: string, path: string, body?: unknown, fetcher: typeof fetch = fetch): Promise<T> {
  let response: Response;
  const early = method === "GET" ? prefetched.get(path) : undefined;
  prefetched.delete(path);
  // Anything else may change what a GET would answer (signing in, say): what was fetched early is stale.
  if (method !== "GET") prefetched.clear();
  try {
    response = await (early ??
      fetcher(path, {
        method,
        credentials: "same-origin",
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      }));
  } catch {
    throw new ApiError(0, "network", "Cannot reach the server. Check your connection and try again.");
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const paths = {
  me: "/api/auth/me",
  file: (id: string) => `/api/files/${encodeURIComponent(id)}`,
};

export const api = {
  me: () => request<{ user: User }>("GET", paths.me).then((r) => r.user),
  login: (email: string, password: string) =>
    request<{ user: User }>("POST", "/api/auth/login", { email, password }).then((r) => r.user),
  register: (email: string, name: string, password: string) =>
    request<{ user: User }>("POST", "/api/auth/register", { email, name, password }).then((r) => r.user),
  logout: () => request<unknown>("POST", "/api/auth/logout"),
  files: () => request<{ files: FileInfo[] }>("GET", "/api/files").then((r) => r.files),
  file: (id: string) => request<{ file: FileInfo }>("GET", paths.file(id)).then((r) => r.file),
  createFile: (name: string) => request<{ file: FileInfo }>("POST", "/api/files", { name }).then((r) => r.file),
};
