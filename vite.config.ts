import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The renderer is a static bundle: Electron loads it through the app:// protocol,
// the web host serves the same files over loopback HTTP.
export default defineConfig({
  root: "renderer",
  base: "./",
  plugins: [react()],
  build: {
    outDir: "../dist/renderer",
    emptyOutDir: true,
    sourcemap: true,
  },
});
