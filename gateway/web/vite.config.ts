import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react(), tailwindcss()],
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
