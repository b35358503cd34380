// Sign in or create an account; the gateway's error message is shown as it came.
import { useState, type FormEvent } from "react";
import { useSession } from "./session";

export function SignIn({ note }: { note?: string }) {
  const [mode, setMode] = useState<"signIn" | "register">("signIn");
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { signIn, register } = useSession();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      if (mode === "signIn") await signIn(email, password);
      else await register(email, name, password);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  }

  const field = "mt-1 w-full rounded-md border border-neutral-300 bg-white px-3 py-2 text-sm outline-none focus:border-blue-500 focus:ring-2 focus:ring-blue-100";
  return (
    <main className="flex min-h-screen items-center justify-center bg-neutral-100 text-neutral-800">
      <form onSubmit={submit} className="w-80 rounded-xl border border-neutral-200 bg-white p-6 shadow-sm">
        <h1 className="text-lg font-semibold">Vellum</h1>
        <p className="mt-1 text-sm text-neutral-500">{note ?? (mode === "signIn" ? "Sign in to your files" : "Create your account")}</p>
        <label className="mt-5 block text-xs font-medium text-neutral-600">
          Email
          <input className={field} type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        {mode === "register" && (
          <label className="mt-3 block text-xs font-medium text-neutral-600">
            Name
            <input className={field} autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
        )}
        <label className="mt-3 block text-xs font-medium text-neutral-600">
          Password
          <input
            className={field}
            type="password"
            autoComplete={mode === "signIn" ? "current-password" : "new-password"}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {error && (
          <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="mt-5 w-full rounded-md bg-blue-600 py-2 text-sm font-medium text-white hover:bg-blue-700 disabled:opacity-60"
        >
          {mode === "signIn" ? "Sign in" : "Create account"}
        </button>
        <p className="mt-4 text-center text-xs text-neutral-500">
          {mode === "signIn" ? "No account yet? " : "Already have an account? "}
          <button
            type="button"
            className="font-medium text-blue-600 hover:underline"
            onClick={() => {
              setMode(mode === "signIn" ? "register" : "signIn");
              setError(null);
            }}
          >
            {mode === "signIn" ? "Create account" : "Sign in"}
          </button>
        </p>
      </form>
    </main>
  );
}
