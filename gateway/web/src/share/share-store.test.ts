import { describe, expect, it } from "vitest";
import { ApiError, type Access, type FileInfo, type Member } from "../app/api";
import type { FileInvitation, Grant, ShareApi } from "./share-api";
import { createShareStore } from "./share-store";

const ADA = "a0000000-0000-4000-8000-000000000001";
const BOB = "b0000000-0000-4000-8000-000000000002";

// The gateway's sharing rules over one file, as its REST answers them
// (rest_permissions.cpp, rest_invitations.cpp), for the user `me`.
function fakeGateway(me: string, access: Access) {
  const file: FileInfo = { id: "f", name: "Poster", updatedAt: "", access, ownerId: ADA, owner: { id: ADA, name: "Ada" }, team: { id: "t", name: "Studio" } };
  const grants: Grant[] = [{ fileId: "f", userId: BOB, email: "bob@example.com", name: "Bob", permission: "view", grantedAt: "" }];
  const invitations: FileInvitation[] = [];
  const members: Member[] = [{ teamId: "t", userId: ADA, email: "ada@example.com", name: "Ada", role: "owner" }];
  const calls: string[] = [];
  const admin = () => {
    if (file.access !== "admin") throw new ApiError(403, "forbidden", "managing a file's permissions needs admin access");
  };
  const api: ShareApi = {
    async file() {
      return { ...file };
    },
    async members(teamId) {
      if (me !== ADA) throw new ApiError(404, "not_found", `team ${teamId} does not exist or you are not in it`);
      return members;
    },
    async grants() {
      admin();
      return grants.map((g) => ({ ...g }));
    },
    async invitations() {
      admin();
      return invitations.map((i) => ({ ...i }));
    },
    async invite(_, email, permission) {
      calls.push(`invite ${email} ${permission}`);
      admin();
      if (!email.includes("@")) throw new ApiError(400, "invalid_request", '"email" must be an email address');
      const found = invitations.find((i) => i.email === email.toLowerCase());
      if (found) found.permission = permission;
      else invitations.push({ id: `i${invitations.length}`, email: email.toLowerCase(), permission, fileId: "f", createdAt: "", invitedBy: { id: me, name: "Ada" } });
      return invitations.find((i) => i.email === email.toLowerCase())!;
    },
    async changeGrant(_, userId, permission) {
      calls.push(`change ${userId} ${permission}`);
      admin();
      const g = grants.find((x) => x.userId === userId);
      if (!g) throw new ApiError(404, "not_found", `user ${userId} has no permission on this file`);
      g.permission = permission;
      return { ...g };
    },
    async revokeGrant(_, userId) {
      calls.push(`revoke ${userId}`);
      admin();
      const at = grants.findIndex((x) => x.userId === userId);
      if (at < 0) throw new ApiError(404, "not_found", `user ${userId} has no permission on this file`);
      grants.splice(at, 1);
      return {};
    },
    async cancelInvitation(id) {
      calls.push(`cancel ${id}`);
      invitations.splice(invitations.findIndex((i) => i.id === id), 1);
      return {};
    },
  };
  return { api, file, grants, invitations, calls };
}

describe("the share store", () => {
  it("loads, for an admin, the file, its grants, its invitations and the team", async () => {
    const g = fakeGateway(ADA, "admin");
    const store = createShareStore(g.api, "f");
    await store.getState().load();
    const s = store.getState();
    expect(s.status).toBe("ready");
    expect(s.file?.owner?.name).toBe("Ada");
    expect(s.grants.map((x) => [x.name, x.permission])).toEqual([["Bob", "view"]]);
    expect(s.members?.map((m) => m.name)).toEqual(["Ada"]);
  });

  it("loads, for a viewer outside the team, only what they may see", async () => {
    const g = fakeGateway(BOB, "view");
    const store = createShareStore(g.api, "f");
    await store.getState().load();
    const s = store.getState();
    expect([s.status, s.error, s.grants, s.invitations, s.members]).toEqual(["ready", null, [], [], null]);
  });

  it("invites an email, and says they get access when they accept", async () => {
    const g = fakeGateway(ADA, "admin");
    const store = createShareStore(g.api, "f");
    await store.getState().load();
    expect(await store.getState().share(" Cy@Example.com ", "edit")).toBe(true);
    expect(g.calls).toEqual(["invite Cy@Example.com edit"]);
    expect(store.getState().note).toBe("Invited Cy@Example.com to edit. They get access when they accept.");
    expect(store.getState().invitations.map((i) => [i.email, i.permission])).toEqual([["cy@example.com", "edit"]]);
    await store.getState().changeInvitation("cy@example.com", "admin");
    expect(store.getState().invitations.map((i) => i.permission)).toEqual(["admin"]);
    await store.getState().cancelInvitation("i0");
    expect(store.getState().note).toBe("The invitation of cy@example.com was cancelled.");
    expect(store.getState().invitations).toEqual([]);
  });

  it("changes the grant of someone who has one instead of inviting them (accepting never lowers)", async () => {
    const g = fakeGateway(ADA, "admin");
    const store = createShareStore(g.api, "f");
    await store.getState().load();
    await store.getState().share("BOB@example.com", "edit");
    expect(g.calls).toEqual([`change ${BOB} edit`]);
    expect(store.getState().note).toBe("Bob can edit now.");
    expect(store.getState().grants[0]!.permission).toBe("edit");
  });

  it("refuses a bad email before asking the server, naming it", async () => {
    const g = fakeGateway(ADA, "admin");
    const store = createShareStore(g.api, "f");
    await store.getState().load();
    expect(await store.getState().share("bob", "view")).toBe(false);
    expect(store.getState().error).toBe("“bob” is not an email address.");
    expect(g.calls).toEqual([]);
  });

  it("changes and revokes a grant", async () => {
    const g = fakeGateway(ADA, "admin");
    const store = createShareStore(g.api, "f");
    await store.getState().load();
    await store.getState().changeGrant(BOB, "admin");
    expect(store.getState().note).toBe("Bob is an admin now.");
    await store.getState().revokeGrant(BOB);
    expect(store.getState().note).toBe("Bob has no access any more.");
    expect(store.getState().grants).toEqual([]);
    expect(store.getState().busy).toBe(false);
  });

  it("shows the server's refusal as text and reads the lists again", async () => {
    const g = fakeGateway(ADA, "admin");
    const store = createShareStore(g.api, "f");
    await store.getState().load();
    // Someone else took admin away meanwhile: the refusal is shown and the dialog turns read-only.
    g.file.access = "edit";
    await store.getState().changeGrant(BOB, "edit");
    const s = store.getState();
    expect(s.error).toBe("managing a file's permissions needs admin access");
    expect([s.file?.access, s.grants, s.note]).toEqual(["edit", [], null]);
  });

  it("shows why the file could not be read", async () => {
    const g = fakeGateway(ADA, "admin");
    g.api.file = async () => {
      throw new ApiError(404, "not_found", "file f does not exist or you have no access to it");
    };
    const store = createShareStore(g.api, "f");
    await store.getState().load();
    expect([store.getState().status, store.getState().error]).toEqual(["failed", "file f does not exist or you have no access to it"]);
  });
});
