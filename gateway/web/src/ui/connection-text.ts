// What the connection indicator says, from editor.connection.
import type { ConnectionState } from "../sync/sync-client";

export type ConnectionTone = "ok" | "busy" | "bad";

function changes(n: number): string {
  return n === 1 ? "1 unsent change" : `${n} unsent changes`;
}

export function connectionText(state: ConnectionState, now: number): { text: string; tone: ConnectionTone } {
  switch (state.status) {
    case "connected":
      return { text: state.unsent ? `Connected, saving ${changes(state.unsent).replace("unsent ", "")}` : "Connected", tone: "ok" };
    case "connecting":
      return { text: "Reconnecting…", tone: "busy" };
    case "reconnecting": {
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      const retry = seconds > 0 ? `retrying in ${seconds} s` : "retrying now";
      return { text: `Reconnecting, ${retry}${state.unsent ? `, ${changes(state.unsent)}` : ""}`, tone: "busy" };
    }
    case "offline":
      return { text: `Offline, ${changes(state.unsent)}`, tone: "bad" };
    case "closed":
      return { text: `Offline: ${state.reason}${state.unsent ? `, ${changes(state.unsent)}` : ""}`, tone: "bad" };
  }
}
