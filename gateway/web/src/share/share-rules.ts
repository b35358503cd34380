// Who has access to a file and how, and who may change what: the rules the
// share dialog shows. They follow vellum.file_access (the owner and admins
// administer; team members get their team role's access; direct grants give
// view, edit or admin) and the gateway's REST rules (only admins of a file not
// in the trash list, invite, change and revoke). Pure, so that tests state them.
import type { Access, FileInfo, Member, TeamRole } from "../app/api";
import type { FileInvitation, Grant } from "./share-api";

export const PERMISSIONS: readonly Access[] = ["view", "edit", "admin"];

export const PERMISSION_LABEL: Record<Access, string> = {
  view: "Can view",
  edit: "Can edit",
  admin: "Admin",
};

/** "Bob can edit", "Bob is an admin": what someone may do, in a sentence. */
export function mayText(who: string, permission: Access): string {
  return permission === "admin" ? `${who} ${who === "You" ? "are" : "is"} an admin` : `${who} can ${permission}`;
}

/** "to view", "to edit", "to administer": what an invitation is for. */
export const INVITED_TO: Record<Access, string> = { view: "to view", edit: "to edit", admin: "to administer" };

/** What a team role gives on the team's files (vellum.file_access). */
export function teamAccess(role: TeamRole): Access {
  return role === "viewer" ? "view" : role === "member" ? "edit" : "admin";
}

/** Whether the user may change who has access: admins, while the file is out of the trash. */
export function canManageSharing(file: Pick<FileInfo, "access" | "deletedAt">): boolean {
  return file.access === "admin" && !file.deletedAt;
}

/** Whether the user may see the file's grants and invitations (the gateway lists them to admins, trash or not). */
export function canSeeGrants(file: Pick<FileInfo, "access">): boolean {
  return file.access === "admin";
}

export interface PersonRow {
  userId: string;
  name: string;
  email: string;
  permission: Access;
  you: boolean;
  /** Whether the role can be changed and the grant revoked here (never your own: an admin cannot lock themselves out by a slip). */
  canChange: boolean;
}

export interface InvitedRow {
  id: string;
  email: string;
  permission: Access;
  invitedBy: string | null;
  canChange: boolean;
}

export interface MemberRow {
  userId: string;
  name: string;
  email: string;
  role: TeamRole;
  access: Access;
  you: boolean;
}

export interface ShareView {
  /** Whether the user sees the controls that change access. */
  manage: boolean;
  /** Whether the grants and invitations are listed (else only the owner, the team and your own access). */
  listed: boolean;
  owner: { name: string; you: boolean } | null;
  yourAccess: Access | null;
  people: PersonRow[];
  invited: InvitedRow[];
  /** The team whose members have access; members null when the user may not list them. */
  team: { name: string; members: MemberRow[] | null } | null;
}

export interface ShareFacts {
  file: FileInfo;
  myId: string | undefined;
  grants: readonly Grant[];
  invitations: readonly FileInvitation[];
  members: readonly Member[] | null;
}

export function shareView({ file, myId, grants, invitations, members }: ShareFacts): ShareView {
  const manage = canManageSharing(file);
  const ownerId = file.owner?.id ?? file.ownerId ?? null;
  const byName = <T extends { name: string; email: string }>(a: T, b: T) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email);
  return {
    manage,
    listed: canSeeGrants(file),
    owner: file.owner ? { name: file.owner.name, you: file.owner.id === myId } : null,
    yourAccess: file.access,
    // The owner administers whatever their grant says: a grant of theirs changes nothing, so it is not shown.
    people: grants
      .filter((g) => g.userId !== ownerId)
      .map((g) => ({
        userId: g.userId,
        name: g.name,
        email: g.email,
        permission: g.permission,
        you: g.userId === myId,
        canChange: manage && g.userId !== myId,
      }))
      .sort(byName),
    invited: invitations
      .map((i) => ({ id: i.id, email: i.email, permission: i.permission, invitedBy: i.invitedBy?.name ?? null, canChange: manage }))
      .sort((a, b) => a.email.localeCompare(b.email)),
    team: file.team
      ? {
          name: file.team.name,
          members: members
            ? members.map((m) => ({ userId: m.userId, name: m.name, email: m.email, role: m.role, access: teamAccess(m.role), you: m.userId === myId })).sort(byName)
            : null,
        }
      : null,
  };
}

/** What is wrong with an email typed to share with, or null. The gateway has the last word. */
export function emailProblem(email: string): string | null {
  const text = email.trim();
  if (!text) return "Enter the email address of the person to share with.";
  if (!/^[^\s@]+@[^\s@]+$/.test(text)) return `“${text}” is not an email address.`;
  return null;
}
