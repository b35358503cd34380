import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

// The entry point (src/main.tsx) loads the app with import(), which the
// browser would only discover once the entry has run: index.html names the
// app's script and stylesheet at once, so they load beside the entry. The
// stylesheet is linked, not preloaded: Vite's import() waits for a stylesheet
// link of each of the chunk's CSS files, and adds one (a second request, 40 ms
// or more on a busy page) unless index.html already has it.
const preloadApp: Plugin = {
  name: "vellum-preload-app",
  transformIndexHtml(_html, context) {
    const chunk = Object.values(context.bundle ?? {}).find(
      (c) => c.type === "chunk" && c.facadeModuleId?.endsWith("/src/app/start.tsx"),
    );
    if (!chunk || chunk.type !== "chunk") return [];
    const css = [...(chunk.viteMetadata?.importedCss ?? [])];
    return [
      { tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/${chunk.fileName}` }, injectTo: "head" },
      ...css.map((file) => ({ tag: "link", attrs: { rel: "stylesheet", href: `/${file}` }, injectTo: "head" as const })),
    ];
  },
};

export default defineConfig({
  plugins: [react(), tailwindcss(), preloadApp],
  build: {
    outDir: "dist",
    emptyOutDir: true,
  },
  test: {
    include: ["src/**/*.test.ts"], // tests/integration needs a running gateway: npm run test:integration
    environment: "node",
    // The machine is shared with C++ builds: two workers at most.
    maxWorkers: 2,
  },
});
