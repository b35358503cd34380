// Placeholder until the routes (sign-in, file list, editor) are built on the
// Editor object in src/editor.
export function App() {
  return (
    <main className="flex min-h-screen items-center justify-center bg-neutral-50 text-neutral-800">
      <div className="text-center">
        <h1 className="text-2xl font-semibold">Vellum</h1>
        <p className="mt-2 text-sm text-neutral-500">The editor is on its way.</p>
      </div>
    </main>
  );
}
