// The gateway's REST API (README, "REST"): one fetch wrapper, one error type.
// Errors come as {"error": {code, message}}; the message is what people see.

export interface User {
  id: string;
  email: string;
  name: string;
}

export type Access = "admin" | "edit" | "view";

export interface FileInfo {
  id: string;
  name: string;
  projectId?: string | null;
  teamId?: string | null;
  ownerId?: string | null;
  thumbnailUrl?: string | null;
  updatedAt: string;
  deletedAt?: string | null;
  access: Access | null;
  /** GET /api/files/:id only: who owns the file and the team whose members have access (for the share dialog). */
  owner?: { id: string; name: string } | null;
  team?: { id: string; name: string } | null;
}

/** One page of a list: nextCursor, when there, asks for the next one. */
export interface FilePage {
  files: FileInfo[];
  nextCursor?: string;
}

/** Which files a list shows (GET /api/files's filters). */
export interface FileQuery {
  scope?: "all" | "mine" | "shared";
  teamId?: string;
  projectId?: string;
  trash?: boolean;
  q?: string;
  limit?: number;
  cursor?: string;
}

export type TeamRole = "owner" | "admin" | "member" | "viewer";

export interface Team {
  id: string;
  name: string;
  role: TeamRole;
}

export interface Project {
  id: string;
  name: string;
  teamId: string | null;
}

export interface Member {
  teamId: string;
  userId: string;
  email: string;
  name: string;
  role: TeamRole;
}

export interface Invitation {
  id: string;
  teamId?: string | null;
  fileId?: string | null;
  role?: string | null;
  permission?: string | null;
  teamName?: string;
  fileName?: string;
  invitedBy?: { id: string; name: string } | null;
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
        // A Blob (an image) goes as its bytes, anything else as JSON.
        headers: body === undefined ? {} : { "Content-Type": body instanceof Blob ? body.type : "application/json" },
        body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
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
  team: (id: string) => `/api/teams/${encodeURIComponent(id)}`,
};

/** GET /api/files's path for a query (absent and default filters left out). */
export function filesPath(query: FileQuery = {}): string {
  const params = new URLSearchParams();
  if (query.scope && query.scope !== "all") params.set("scope", query.scope);
  if (query.teamId) params.set("teamId", query.teamId);
  if (query.projectId) params.set("projectId", query.projectId);
  if (query.trash) params.set("trash", "true");
  if (query.q) params.set("q", query.q);
  if (query.limit) params.set("limit", String(query.limit));
  if (query.cursor) params.set("cursor", query.cursor);
  const text = params.toString();
  return text ? `/api/files?${text}` : "/api/files";
}

export const api = {
  me: () => request<{ user: User }>("GET", paths.me).then((r) => r.user),
  login: (email: string, password: string) =>
    request<{ user: User }>("POST", "/api/auth/login", { email, password }).then((r) => r.user),
  register: (email: string, name: string, password: string) =>
    request<{ user: User }>("POST", "/api/auth/register", { email, name, password }).then((r) => r.user),
  logout: () => request<unknown>("POST", "/api/auth/logout"),
  files: (query?: FileQuery) => request<FilePage>("GET", filesPath(query)),
  file: (id: string) => request<{ file: FileInfo }>("GET", paths.file(id)).then((r) => r.file),
  createFile: (name: string, place: { projectId?: string; teamId?: string } = {}) =>
    request<{ file: FileInfo }>("POST", "/api/files", { name, ...place }).then((r) => r.file),
  renameFile: (id: string, name: string) =>
    request<{ file: FileInfo }>("PATCH", paths.file(id), { name }).then((r) => r.file),
  /** projectId null: out of any project, into the owner's own files. */
  moveFile: (id: string, projectId: string | null) =>
    request<{ file: FileInfo }>("PATCH", paths.file(id), { projectId }).then((r) => r.file),
  duplicateFile: (id: string) =>
    request<{ file: FileInfo }>("POST", `${paths.file(id)}/duplicate`).then((r) => r.file),
  trashFile: (id: string) => request<{ file: FileInfo }>("DELETE", paths.file(id)).then((r) => r.file),
  restoreFile: (id: string) => request<{ file: FileInfo }>("POST", `${paths.file(id)}/restore`).then((r) => r.file),
  /** The file's thumbnail, a PNG (edit access); answers where it is served. */
  uploadThumbnail: (id: string, png: Blob) =>
    request<{ thumbnailUrl: string }>("PUT", `${paths.file(id)}/thumbnail`, png).then((r) => r.thumbnailUrl),
  teams: () => request<{ teams: Team[] }>("GET", "/api/teams").then((r) => r.teams),
  createTeam: (name: string) => request<{ team: Team }>("POST", "/api/teams", { name }).then((r) => r.team),
  projects: (teamId?: string) =>
    request<{ projects: Project[] }>("GET", teamId ? `/api/projects?teamId=${encodeURIComponent(teamId)}` : "/api/projects").then(
      (r) => r.projects,
    ),
  createProject: (teamId: string, name: string) =>
    request<{ project: Project }>("POST", "/api/projects", { teamId, name }).then((r) => r.project),
  members: (teamId: string) => request<{ members: Member[] }>("GET", `${paths.team(teamId)}/members`).then((r) => r.members),
  inviteMember: (teamId: string, email: string, role: TeamRole) =>
    request<unknown>("POST", `${paths.team(teamId)}/members`, { email, role }),
  changeRole: (teamId: string, userId: string, role: TeamRole) =>
    request<unknown>("PATCH", `${paths.team(teamId)}/members/${encodeURIComponent(userId)}`, { role }),
  removeMember: (teamId: string, userId: string) =>
    request<unknown>("DELETE", `${paths.team(teamId)}/members/${encodeURIComponent(userId)}`),
  invitations: () => request<{ invitations: Invitation[] }>("GET", "/api/invitations").then((r) => r.invitations),
  acceptInvitation: (id: string) => request<unknown>("POST", `/api/invitations/${encodeURIComponent(id)}/accept`),
  declineInvitation: (id: string) => request<unknown>("DELETE", `/api/invitations/${encodeURIComponent(id)}`),
};

export type Api = typeof api;
