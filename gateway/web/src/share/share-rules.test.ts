import { describe, expect, it } from "vitest";
import type { FileInfo, Member } from "../app/api";
import type { FileInvitation, Grant } from "./share-api";
import { canManageSharing, emailProblem, mayText, shareView, teamAccess } from "./share-rules";

const ADA = "a0000000-0000-4000-8000-000000000001";
const BOB = "b0000000-0000-4000-8000-000000000002";
const CY = "c0000000-0000-4000-8000-000000000003";

function file(extra: Partial<FileInfo> = {}): FileInfo {
  return { id: "f", name: "Poster", updatedAt: "2026-12-01T10:00:00Z", access: "admin", ownerId: ADA, owner: { id: ADA, name: "Ada" }, team: null, ...extra };
}
const grant = (userId: string, name: string, permission: Grant["permission"]): Grant => ({
  fileId: "f", userId, name, email: `${name.toLowerCase()}@example.com`, permission, grantedAt: "2026-12-01T10:00:00Z",
});
const invitation: FileInvitation = { id: "i1", email: "dee@example.com", permission: "edit", fileId: "f", createdAt: "", invitedBy: { id: ADA, name: "Ada" } };

describe("who may change sharing", () => {
  it("is the file's admins, and nobody while it is in the trash", () => {
    expect(canManageSharing({ access: "admin" })).toBe(true);
    expect(canManageSharing({ access: "edit" })).toBe(false);
    expect(canManageSharing({ access: "view" })).toBe(false);
    expect(canManageSharing({ access: null })).toBe(false);
    expect(canManageSharing({ access: "admin", deletedAt: "2026-12-01T10:00:00Z" })).toBe(false);
  });

  it("gives an admin controls on everyone's grant and invitation but their own", () => {
    const view = shareView({ file: file({ access: "admin" }), myId: BOB, grants: [grant(CY, "Cy", "view"), grant(BOB, "Bob", "admin")], invitations: [invitation], members: null });
    expect(view.manage).toBe(true);
    expect(view.people.map((p) => [p.name, p.permission, p.you, p.canChange])).toEqual([
      ["Bob", "admin", true, false],
      ["Cy", "view", false, true],
    ]);
    expect(view.invited.map((i) => [i.email, i.permission, i.invitedBy, i.canChange])).toEqual([["dee@example.com", "edit", "Ada", true]]);
    expect(view.owner).toEqual({ name: "Ada", you: false });
  });

  it("shows an admin of a trashed file the list without controls", () => {
    const view = shareView({ file: file({ deletedAt: "2026-12-01T10:00:00Z" }), myId: ADA, grants: [grant(CY, "Cy", "view")], invitations: [invitation], members: null });
    expect([view.manage, view.listed]).toEqual([false, true]);
    expect(view.people.every((p) => !p.canChange) && view.invited.every((i) => !i.canChange)).toBe(true);
  });

  it("shows an editor or a viewer the owner, the team and their own access, and no controls", () => {
    for (const access of ["edit", "view"] as const) {
      const view = shareView({ file: file({ access, team: { id: "t", name: "Studio" } }), myId: CY, grants: [], invitations: [], members: null });
      expect([view.manage, view.listed, view.yourAccess]).toEqual([false, false, access]);
      expect(view.owner).toEqual({ name: "Ada", you: false });
      expect(view.team).toEqual({ name: "Studio", members: null });
    }
  });

  it("leaves out a grant of the owner (they administer the file whatever it says)", () => {
    const view = shareView({ file: file(), myId: ADA, grants: [grant(ADA, "Ada", "view"), grant(CY, "Cy", "edit")], invitations: [], members: null });
    expect(view.people.map((p) => p.name)).toEqual(["Cy"]);
    expect(view.owner).toEqual({ name: "Ada", you: true });
  });

  it("gives team members the access of their role", () => {
    expect((["viewer", "member", "admin", "owner"] as const).map(teamAccess)).toEqual(["view", "edit", "admin", "admin"]);
    const members: Member[] = [
      { teamId: "t", userId: CY, email: "cy@example.com", name: "Cy", role: "viewer" },
      { teamId: "t", userId: ADA, email: "ada@example.com", name: "Ada", role: "owner" },
    ];
    const view = shareView({ file: file({ team: { id: "t", name: "Studio" } }), myId: CY, grants: [], invitations: [], members });
    expect(view.team?.members?.map((m) => [m.name, m.access, m.you])).toEqual([
      ["Ada", "admin", false],
      ["Cy", "view", true],
    ]);
  });

  it("shows no owner when the owner's account is gone", () => {
    expect(shareView({ file: file({ owner: null, ownerId: null }), myId: ADA, grants: [], invitations: [], members: null }).owner).toBeNull();
  });
});

describe("the email to share with", () => {
  it("must be given and look like an email; the gateway judges the rest", () => {
    expect(emailProblem("")).toMatch(/Enter the email address/);
    expect(emailProblem("   ")).toMatch(/Enter the email address/);
    expect(emailProblem("bob")).toBe("“bob” is not an email address.");
    expect(emailProblem("bob@")).toBe("“bob@” is not an email address.");
    expect(emailProblem("bo b@example.com")).toMatch(/not an email address/);
    expect(emailProblem(" bob@example.com ")).toBeNull();
  });
});

describe("sentences", () => {
  it("say what someone may do", () => {
    expect(mayText("Bob", "view")).toBe("Bob can view");
    expect(mayText("Bob", "admin")).toBe("Bob is an admin");
    expect(mayText("You", "edit")).toBe("You can edit");
    expect(mayText("You", "admin")).toBe("You are an admin");
  });
});
