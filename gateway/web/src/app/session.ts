// Who is signed in: UI state, kept in Zustand.
import { create } from "zustand";
import { api, type User } from "./api";

interface SessionState {
  status: "loading" | "signedOut" | "signedIn";
  user: User | null;
  load(): Promise<void>;
  signIn(email: string, password: string): Promise<void>;
  register(email: string, name: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

export const useSession = create<SessionState>((set) => ({
  status: "loading",
  user: null,
  async load() {
    try {
      set({ status: "signedIn", user: await api.me() });
    } catch {
      // 401 or an unreachable server: either way the sign-in form is what can help.
      set({ status: "signedOut", user: null });
    }
  },
  async signIn(email, password) {
    set({ status: "signedIn", user: await api.login(email, password) });
  },
  async register(email, name, password) {
    set({ status: "signedIn", user: await api.register(email, name, password) });
  },
  async signOut() {
    await api.logout().catch(() => undefined);
    set({ status: "signedOut", user: null });
  },
}));
