// When the gateway closes a file to this user (their access was revoked, or
// the file went to the trash, while it was open), the editor cannot go on:
// the sync client's connection is "closed" with the gateway's reason. A
// "closed" the page asked for itself (Editor.close) says just "closed".
import type { ConnectionState } from "../sync/sync-client";

export interface Removal {
  title: string;
  detail: string;
}

/** Why the file was closed to the user, or null while it is theirs to use. */
export function removalOf(state: ConnectionState): Removal | null {
  if (state.status !== "closed" || state.reason === "closed") return null;
  const unsaved = state.unsent ? ` ${state.unsent === 1 ? "1 change" : `${state.unsent} changes`} made here could not be saved.` : "";
  if (/trash/i.test(state.reason))
    return { title: "This file was moved to the trash", detail: `Its admins can restore it from the trash.${unsaved}` };
  if (/revoked/i.test(state.reason))
    return { title: "Your access to this file was removed", detail: `An admin of the file took it away. Ask its owner to share it again if you need it.${unsaved}` };
  // Any other reason the gateway gives, as it gives it.
  return { title: "Your access to this file was removed", detail: `${state.reason.charAt(0).toUpperCase()}${state.reason.slice(1)}.${unsaved}` };
}
