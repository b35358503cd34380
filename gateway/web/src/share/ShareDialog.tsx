// The share dialog: who has access to a file and how (the owner, direct
// grants, pending invitations, the team's members), and, for the file's
// admins only, sharing by email and changing or revoking access. Everyone
// else sees what they may see, read-only. All names and emails are text.
import { X } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { useStore } from "zustand";
import type { Access } from "../app/api";
import { useSession } from "../app/session";
import { shareApi } from "./share-api";
import { mayText, PERMISSION_LABEL, PERMISSIONS, shareView, type ShareView } from "./share-rules";
import { createShareStore, type ShareState } from "./share-store";

const ROW = "flex items-center justify-between gap-3 py-2 text-sm";
const SELECT = "rounded border border-neutral-300 bg-white px-1 py-0.5 text-xs disabled:opacity-50";

function PermissionSelect(props: { label: string; value: Access; disabled?: boolean; onChange(p: Access): void }) {
  return (
    <select
      aria-label={props.label}
      value={props.value}
      disabled={props.disabled}
      onChange={(e) => props.onChange(e.currentTarget.value as Access)}
      className={SELECT}
    >
      {PERMISSIONS.map((p) => (
        <option key={p} value={p}>
          {PERMISSION_LABEL[p]}
        </option>
      ))}
    </select>
  );
}

// A row's permission: a choice and a way to take it away for those who may change it, else just its name.
function Permission(props: {
  label: string;
  value: Access;
  canChange: boolean;
  busy: boolean;
  onChange(p: Access): void;
  removeLabel: string;
  onRemove(): void;
}) {
  if (!props.canChange) return <span className="shrink-0 text-xs text-neutral-500">{PERMISSION_LABEL[props.value]}</span>;
  return (
    <span className="flex shrink-0 items-center gap-2">
      <PermissionSelect label={props.label} value={props.value} disabled={props.busy} onChange={props.onChange} />
      <button type="button" disabled={props.busy} onClick={props.onRemove} className="text-xs text-red-600 hover:underline">
        {props.removeLabel}
      </button>
    </span>
  );
}

function Who({ name, email, you }: { name: string; email?: string; you?: boolean }) {
  return (
    <span className="min-w-0 truncate">
      {name}
      {you && <span className="text-neutral-500"> (you)</span>}
      {email && <span className="ml-1.5 text-xs text-neutral-500">{email}</span>}
    </span>
  );
}

function ShareForm({ state }: { state: ShareState }) {
  const [email, setEmail] = useState("");
  const [permission, setPermission] = useState<Access>("view");
  return (
    <form
      className="flex gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void state.share(email, permission).then((ok) => ok && setEmail(""));
      }}
    >
      <input
        autoFocus
        inputMode="email"
        aria-label="Email to share with"
        placeholder="Email to share with"
        value={email}
        onChange={(e) => setEmail(e.currentTarget.value)}
        className="min-w-0 flex-1 rounded border border-neutral-300 px-2 py-1 text-sm focus:border-blue-500 focus:outline-none"
      />
      <PermissionSelect label="Permission to give" value={permission} onChange={setPermission} />
      <button type="submit" disabled={state.busy} className="rounded-md bg-blue-600 px-3 py-1 text-sm font-medium text-white hover:bg-blue-700 disabled:opacity-50">
        Share
      </button>
    </form>
  );
}

function AccessList({ view, state }: { view: ShareView; state: ShareState }) {
  return (
    <ul className="divide-y divide-neutral-100" aria-label="Who has access">
      {view.owner && (
        <li className={ROW} data-testid="share-owner">
          <Who name={view.owner.name} you={view.owner.you} />
          <span className="text-xs text-neutral-500">Owner</span>
        </li>
      )}
      {view.people.map((p) => (
        <li key={p.userId} className={ROW} data-testid="share-person" data-user-id={p.userId}>
          <Who name={p.name} email={p.email} you={p.you} />
          <Permission
            label={`Permission of ${p.name}`}
            value={p.permission}
            canChange={p.canChange}
            busy={state.busy}
            onChange={(v) => void state.changeGrant(p.userId, v)}
            removeLabel="Remove"
            onRemove={() => void state.revokeGrant(p.userId)}
          />
        </li>
      ))}
      {view.invited.map((i) => (
        <li key={i.id} className={ROW} data-testid="share-invited">
          <span className="min-w-0 truncate">
            {i.email}
            <span className="ml-1.5 text-xs text-neutral-500">invited{i.invitedBy ? ` by ${i.invitedBy}` : ""}, not accepted yet</span>
          </span>
          <Permission
            label={`Permission of the invitation of ${i.email}`}
            value={i.permission}
            canChange={i.canChange}
            busy={state.busy}
            onChange={(v) => void state.changeInvitation(i.email, v)}
            removeLabel="Cancel"
            onRemove={() => void state.cancelInvitation(i.id)}
          />
        </li>
      ))}
    </ul>
  );
}

function TeamSection({ team }: { team: NonNullable<ShareView["team"]> }) {
  return (
    <section aria-label="Team access" className="mt-4">
      <h3 className="text-xs font-semibold text-neutral-600">Everyone in the team {team.name}</h3>
      <p className="mt-0.5 text-xs text-neutral-500">Team viewers can view, members can edit, admins and owners are admins of the file. Roles are changed in the team.</p>
      {team.members && (
        <ul className="divide-y divide-neutral-100">
          {team.members.map((m) => (
            <li key={m.userId} className={ROW} data-testid="share-member">
              <Who name={m.name} email={m.email} you={m.you} />
              <span className="shrink-0 text-xs text-neutral-500">
                {PERMISSION_LABEL[m.access]} ({m.role})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ShareDialog({ fileId, onClose }: { fileId: string; onClose(): void }) {
  const store = useMemo(() => createShareStore(shareApi, fileId), [fileId]);
  const state = useStore(store);
  const myId = useSession((s) => s.user?.id);

  useEffect(() => {
    void store.getState().load();
  }, [store]);

  useEffect(() => {
    // Caught before the canvas's own listener (capture) and kept from it:
    // Escape closes the dialog and nothing else (not the canvas's selection).
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      e.stopImmediatePropagation();
      onClose();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onClose]);

  const { file } = state;
  const view = file ? shareView({ file, myId, grants: state.grants, invitations: state.invitations, members: state.members }) : null;
  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-black/30 pt-24" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-label="Share" data-testid="share-dialog" className="w-[28rem] max-w-[calc(100vw-2rem)] rounded-xl border border-neutral-200 bg-white p-4 text-neutral-800 shadow-xl">
        <div className="mb-3 flex items-center justify-between gap-2">
          <h2 className="truncate text-sm font-semibold">Share {file ? `“${file.name}”` : "file"}</h2>
          <button type="button" aria-label="Close" onClick={onClose} className="rounded p-1 text-neutral-500 hover:bg-neutral-100">
            <X size={16} />
          </button>
        </div>
        {state.status === "loading" && <p className="text-sm text-neutral-500">Loading who has access…</p>}
        {view?.manage && <ShareForm state={state} />}
        {state.error && (
          <p role="alert" data-testid="share-error" className="mt-2 rounded bg-red-50 px-2 py-1 text-xs text-red-700">
            {state.error}
          </p>
        )}
        {state.note && (
          <p role="status" data-testid="share-note" className="mt-2 rounded bg-green-50 px-2 py-1 text-xs text-green-700">
            {state.note}
          </p>
        )}
        {view && (
          <div className="mt-3">
            <AccessList view={view} state={state} />
            {!view.listed && view.yourAccess && (
              <p data-testid="share-yours" className="mt-2 text-xs text-neutral-500">
                {mayText("You", view.yourAccess)} this file. Only its admins see and change who else has access.
              </p>
            )}
            {view.listed && !view.manage && file?.deletedAt && (
              <p className="mt-2 text-xs text-neutral-500">The file is in the trash: restore it to change who has access.</p>
            )}
            {view.team && <TeamSection team={view.team} />}
          </div>
        )}
      </div>
    </div>
  );
}
