import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        // Renderer components in a DOM (happy-dom), driven as a designer would with Testing Library.
        extends: true,
        plugins: [react()],
        test: {
          name: "component",
          include: ["test/component/**/*.test.tsx"],
          environment: "happy-dom",
          setupFiles: ["test/component/setup.ts"],
        },
      },
    ],
  },
});
