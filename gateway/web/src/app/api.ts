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

export async function request<T>(method: string, path: string, body?: unknown, fetcher: typeof fetch = fetch): Promise<T> {
  let response: Response;
  try {
    response = await fetcher(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "Cannot reach the server. Check your connection and try again.");
  }
  if (!response.ok) throw await errorFrom(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  me: () => request<{ user: User }>("GET", "/api/auth/me").then((r) => r.user),
  login: (email: string, password: string) =>
    request<{ user: User }>("POST", "/api/auth/login", { email, password }).then((r) => r.user),
  register: (email: string, name: string, password: string) =>
    request<{ user: User }>("POST", "/api/auth/register", { email, name, password }).then((r) => r.user),
  logout: () => request<unknown>("POST", "/api/auth/logout"),
  files: () => request<{ files: FileInfo[] }>("GET", "/api/files").then((r) => r.files),
  file: (id: string) => request<{ file: FileInfo }>("GET", `/api/files/${encodeURIComponent(id)}`).then((r) => r.file),
  createFile: (name: string) => request<{ file: FileInfo }>("POST", "/api/files", { name }).then((r) => r.file),
};
