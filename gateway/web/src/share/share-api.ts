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

export const shareApi = {
  file: api.file,
  members: api.members,
  grants: (fileId: string) => request<{ permissions: Grant[] }>("GET", permissionsPath(fileId)).then((r) => r.permissions),
  invitations: (fileId: string) =>
    request<{ invitations: FileInvitation[] }>("GET", `${paths.file(fileId)}/invitations`).then((r) => r.invitations),
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
