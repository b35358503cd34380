// The share dialog's state: the file as the gateway tells it (owner, team,
// your access), its grants and pending invitations (for admins), the team's
// members (when you may list them), and the actions that change who has
// access. After each action the lists are read again, so that the dialog
// shows what the server has, never a guess. Made by a factory over the REST
// client so that tests drive it with a fake one.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Access, FileInfo, Member } from "../app/api";
import type { FileInvitation, Grant, ShareApi } from "./share-api";
import { canSeeGrants, emailProblem, INVITED_TO, mayText } from "./share-rules";

export interface ShareState {
  status: "loading" | "ready" | "failed";
  file: FileInfo | null;
  grants: Grant[];
  invitations: FileInvitation[];
  members: Member[] | null;
  /** What went wrong last (the server's message, or a bad email), shown as text. */
  error: string | null;
  /** What the last action did. */
  note: string | null;
  busy: boolean;
  load(): Promise<void>;
  /** Gives the email view, edit or admin: a new invitation, or a changed grant when they have one already. */
  share(email: string, permission: Access): Promise<boolean>;
  changeGrant(userId: string, permission: Access): Promise<void>;
  revokeGrant(userId: string): Promise<void>;
  changeInvitation(email: string, permission: Access): Promise<void>;
  cancelInvitation(id: string): Promise<void>;
}

export function createShareStore(api: ShareApi, fileId: string): StoreApi<ShareState> {
  return createStore<ShareState>((set, get) => {
    async function read(): Promise<void> {
      const file = await api.file(fileId);
      const [grants, invitations, members] = await Promise.all([
        canSeeGrants(file) ? api.grants(fileId) : [],
        canSeeGrants(file) ? api.invitations(fileId) : [],
        // Only the team's own members may list it; anyone else sees just its name.
        file.team ? api.members(file.team.id).catch(() => null) : null,
      ]);
      set({ file, grants, invitations, members, status: "ready" });
    }

    // Runs a change; either way the lists are read again, and what it did (or
    // why it failed) is shown with them, so that the two always agree.
    async function act(action: () => Promise<string>): Promise<boolean> {
      set({ busy: true, error: null, note: null });
      let note: string | null = null;
      let error: string | null = null;
      try {
        note = await action();
      } catch (e) {
        error = (e as Error).message;
      }
      try {
        await read();
      } catch (e) {
        error ??= (e as Error).message;
      }
      set({ busy: false, note, error });
      return error === null;
    }

    const nameOf = (userId: string) => get().grants.find((g) => g.userId === userId)?.name ?? "That person";

    return {
      status: "loading",
      file: null,
      grants: [],
      invitations: [],
      members: null,
      error: null,
      note: null,
      busy: false,
      async load() {
        try {
          await read();
        } catch (e) {
          set({ status: "failed", error: (e as Error).message });
        }
      },
      async share(rawEmail, permission) {
        const problem = emailProblem(rawEmail);
        if (problem) {
          set({ error: problem, note: null });
          return false;
        }
        const email = rawEmail.trim();
        const granted = get().grants.find((g) => g.email.toLowerCase() === email.toLowerCase());
        // Accepting an invitation never lowers a grant: someone who has one gets the new permission directly.
        if (granted) return act(() => api.changeGrant(fileId, granted.userId, permission).then(() => `${mayText(granted.name, permission)} now.`));
        return act(() =>
          api.invite(fileId, email, permission).then(() => `Invited ${email} ${INVITED_TO[permission]}. They get access when they accept.`),
        );
      },
      async changeGrant(userId, permission) {
        await act(() => api.changeGrant(fileId, userId, permission).then(() => `${mayText(nameOf(userId), permission)} now.`));
      },
      async revokeGrant(userId) {
        const name = nameOf(userId);
        await act(() => api.revokeGrant(fileId, userId).then(() => `${name} has no access any more.`));
      },
      async changeInvitation(email, permission) {
        await act(() => api.invite(fileId, email, permission).then(() => `${email} is now invited ${INVITED_TO[permission]}.`));
      },
      async cancelInvitation(id) {
        const email = get().invitations.find((i) => i.id === id)?.email ?? "the invitee";
        await act(() => api.cancelInvitation(id).then(() => `The invitation of ${email} was cancelled.`));
      },
    };
  });
}
