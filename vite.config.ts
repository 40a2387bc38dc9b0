import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The renderer is a static bundle: Electron loads it through the app:// protocol,
// the web host serves the same files over loopback HTTP.
export default defineConfig(({ command }) => {
  // A build is what ships, whoever runs it: an inherited NODE_ENV (vitest sets `test` for the
  // packaging test's build) would otherwise keep React's development runtime in the bundle,
  // which took about twice the renderer's CPU in a 10,000-object folder's first open.
  if (command === "build") process.env.NODE_ENV = "production";
  return {
    root: "renderer",
    base: "./",
    plugins: [react()],
    build: {
      outDir: "../dist/renderer",
      emptyOutDir: true,
      sourcemap: true,
      // One bundle read from disk (or loopback), never over a network: splitting it would only
      // add round trips. Vite's 500 kB warning is about download time, which does not apply.
      chunkSizeWarningLimit: 1024,
    },
  };
});
