// A team's members, for the team view: everyone sees who is in it; owners and
// admins invite by email (the invitee accepts), change roles and remove.
import { useCallback, useEffect, useState } from "react";
import { api, type Member, type Team, type TeamRole } from "../api";

const roles: TeamRole[] = ["viewer", "member", "admin", "owner"];

export function TeamMembers({ team, myId }: { team: Team; myId: string | undefined }) {
  const [members, setMembers] = useState<Member[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const manages = team.role === "owner" || team.role === "admin";

  const load = useCallback(() => {
    api.members(team.id).then(setMembers, (e: Error) => setError(e.message));
  }, [team.id]);
  useEffect(load, [load]);

  async function run(action: () => Promise<unknown>, done?: string) {
    setError(null);
    setNote(null);
    try {
      await action();
      if (done) setNote(done);
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section aria-label="Members" className="mt-8 rounded-lg border border-neutral-200 bg-white p-4">
      <h2 className="text-sm font-semibold">Members of {team.name}</h2>
      {error && <p role="alert" className="mt-2 rounded bg-red-50 px-2 py-1 text-xs text-red-700">{error}</p>}
      {note && <p role="status" className="mt-2 rounded bg-green-50 px-2 py-1 text-xs text-green-700">{note}</p>}
      <ul className="mt-2 divide-y divide-neutral-100">
        {members.map((m) => (
          <li key={m.userId} data-testid="member-row" className="flex items-center justify-between py-2 text-sm">
            <span>
              {m.name} <span className="text-xs text-neutral-500">{m.email}</span>
            </span>
            <span className="flex items-center gap-2">
              {manages && m.userId !== myId ? (
                <>
                  <select
                    aria-label={`Role of ${m.name}`}
                    value={m.role}
                    onChange={(e) => void run(() => api.changeRole(team.id, m.userId, e.currentTarget.value as TeamRole))}
                    className="rounded border border-neutral-300 px-1 py-0.5 text-xs"
                  >
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="text-xs text-red-600 hover:underline" onClick={() => void run(() => api.removeMember(team.id, m.userId))}>
                    Remove
                  </button>
                </>
              ) : (
                <span className="text-xs text-neutral-500">{m.role}</span>
              )}
            </span>
          </li>
        ))}
      </ul>
      {manages && (
        <form
          className="mt-3 flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const data = new FormData(form);
            const email = String(data.get("email") ?? "").trim();
            const role = String(data.get("role") ?? "member") as TeamRole;
            if (!email) return;
            void run(() => api.inviteMember(team.id, email, role), `Invited ${email}. They join when they accept.`).then(() => form.reset());
          }}
        >
          <input name="email" type="email" required placeholder="Email to invite" aria-label="Email to invite" className="flex-1 rounded border border-neutral-300 px-2 py-1 text-sm" />
          <select name="role" aria-label="Role to invite as" defaultValue="member" className="rounded border border-neutral-300 px-1 text-sm">
            {roles.slice(0, 3).map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
          <button type="submit" className="rounded-md bg-neutral-800 px-3 py-1 text-sm text-white hover:bg-neutral-700">
            Invite
          </button>
        </form>
      )}
    </section>
  );
}
