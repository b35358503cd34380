// Invitations addressed to the signed-in user: join a team or get a file by
// accepting; declining removes the invitation.
import { useCallback, useEffect, useState } from "react";
import { api, type Invitation } from "../api";

export function Invitations({ onJoined }: { onJoined(): void }) {
  const [invitations, setInvitations] = useState<Invitation[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api.invitations().then(setInvitations, () => setInvitations([]));
  }, []);
  useEffect(load, [load]);

  async function answer(id: string, accept: boolean) {
    setError(null);
    try {
      await (accept ? api.acceptInvitation(id) : api.declineInvitation(id));
      load();
      if (accept) onJoined();
    } catch (e) {
      setError((e as Error).message);
    }
  }

  if (invitations.length === 0 && !error) return null;
  return (
    <section aria-label="Invitations" className="mb-4 rounded-lg border border-blue-200 bg-blue-50 p-3 text-sm">
      {error && <p role="alert" className="mb-2 text-xs text-red-700">{error}</p>}
      <ul className="space-y-1">
        {invitations.map((i) => (
          <li key={i.id} className="flex items-center justify-between">
            <span>
              {i.invitedBy?.name ?? "Someone"} invited you to {i.teamName ? `the team “${i.teamName}” as ${i.role}` : `“${i.fileName}” (${i.permission})`}
            </span>
            <span className="flex gap-2">
              <button type="button" className="rounded bg-blue-600 px-2 py-0.5 text-white" onClick={() => void answer(i.id, true)}>
                Accept
              </button>
              <button type="button" className="text-neutral-600 hover:underline" onClick={() => void answer(i.id, false)}>
                Decline
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
