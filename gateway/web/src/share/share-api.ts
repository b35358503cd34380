// The REST calls of the share dialog (gateway rest_permissions.cpp and
// rest_invitations.cpp): a file's grants and pending invitations, inviting an
// email, changing and revoking a grant. All but reading the file need admin
// access on it; the gateway says so with a 403 whose message is shown.
import { api, paths, request, type Access, type Member } from "../app/api";

/** A direct grant: someone given the file by invitation (or in SQL). */
export interface Grant {
  fileId: string;
  userId: string;
  email: string;
  name: string;
  permission: Access;
  grantedAt: string;
}

/** An invitation to the file not accepted yet, addressed to an email. */
export interface FileInvitation {
  id: string;
  email: string;
  permission: Access;
  fileId: string;
  createdAt: string;
  invitedBy?: { id: string; name: string } | null;
}

const permissionsPath = (fileId: string) => `${paths.file(fileId)}/permissions`;

/** The biggest page the gateway answers. */
const PAGE_LIMIT = 200;

/** Every item of a paged list (`{[key]: T[], nextCursor?}`): the dialog shows everyone, not a first page. */
export async function allPages<T>(path: string, key: string, get: typeof request = request): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ limit: String(PAGE_LIMIT) });
    if (cursor) query.set("cursor", cursor);
    const page = await get<Record<string, unknown>>("GET", `${path}?${query}`);
    items.push(...((page[key] as T[] | undefined) ?? []));
    cursor = typeof page.nextCursor === "string" ? page.nextCursor : undefined;
  } while (cursor);
  return items;
}

export const shareApi = {
  file: api.file,
  members: (teamId: string) => allPages<Member>(`${paths.team(teamId)}/members`, "members"),
  grants: (fileId: string) => allPages<Grant>(permissionsPath(fileId), "permissions"),
  invitations: (fileId: string) => allPages<FileInvitation>(`${paths.file(fileId)}/invitations`, "invitations"),
  /** Invites again when the email has an invitation already: its permission is replaced. */
  invite: (fileId: string, email: string, permission: Access) =>
    request<{ invitation: FileInvitation }>("PUT", permissionsPath(fileId), { email, permission }).then((r) => r.invitation),
  changeGrant: (fileId: string, userId: string, permission: Access) =>
    request<{ permission: Grant }>("PUT", `${permissionsPath(fileId)}/${encodeURIComponent(userId)}`, { permission }).then(
      (r) => r.permission,
    ),
  revokeGrant: (fileId: string, userId: string) =>
    request<unknown>("DELETE", `${permissionsPath(fileId)}/${encodeURIComponent(userId)}`),
  cancelInvitation: (id: string) => api.declineInvitation(id),
};

export type ShareApi = typeof shareApi;
export type { Member };
