import { defineConfig } from "vitest/config";

/** The resilience suite: one app under faults and bad inputs; slower than the unit run, so on its own. */
export default defineConfig({
  test: {
    include: ["test/resilience/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
