// Bundles the Node side: Electron's main and preload (CommonJS, as Electron loads them)
// and the plain-Node entry points (web host, local bucket). npm packages stay external
// so native modules (sharp) load from node_modules, or from app.asar.unpacked when packaged.
import { build } from "esbuild";

const common = { bundle: true, platform: "node", target: "node20", sourcemap: true, logLevel: "warning" };

await Promise.all([
  build({
    ...common,
    entryPoints: { main: "electron/shell/main.ts" },
    outdir: "dist/electron",
    outExtension: { ".js": ".cjs" },
    format: "cjs",
    packages: "external",
  }),
  // The sandboxed preload may only require "electron": everything else is bundled in.
  build({
    ...common,
    entryPoints: { preload: "electron/shell/preload.ts" },
    outdir: "dist/electron",
    outExtension: { ".js": ".cjs" },
    format: "cjs",
    external: ["electron"],
  }),
  build({
    ...common,
    entryPoints: { "web-host": "electron/web-host/cli.ts", "local-bucket": "electron/local-bucket/cli.ts" },
    outdir: "dist/node",
    outExtension: { ".js": ".mjs" },
    format: "esm",
    packages: "external",
  }),
]);
