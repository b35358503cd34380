// The integration suite: real Editors against a running gateway
// (VELLUM_GATEWAY_URL), with PostgreSQL and Redis behind it. Not part of
// `vitest run`: `npm run test:integration` runs it.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/integration/**/*.test.ts"],
    environment: "node",
    maxWorkers: 1,
    testTimeout: 30_000,
  },
});
