// `npm run dist`: packages Picops with electron-builder (electron-builder.yml) for the OS it runs on,
// into release/. It says first what that needs: without network the downloads fail late and obscurely.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const TARGETS = {
  linux: { produces: "an AppImage and a deb", downloads: "Electron, the AppImage tools, fpm (for the deb)" },
  darwin: { produces: "a dmg (hdiutil: macOS only)", downloads: "Electron" },
  win32: { produces: "an NSIS installer", downloads: "Electron, NSIS, winCodeSign (rcedit)" },
};
const target = TARGETS[process.platform];
if (!target) {
  console.error(`Picops packages on Linux, macOS and Windows, not on ${process.platform}.`);
  process.exit(1);
}

console.log(`Packaging Picops ${process.platform}-${process.arch}: ${target.produces}, into release/.
  Needs network access to GitHub to download ${target.downloads}.
  electron-builder caches them; ELECTRON_MIRROR and ELECTRON_BUILDER_BINARIES_MIRROR point them at a mirror.
  sharp's native binaries are taken from node_modules as installed: package on the OS and CPU you ship for.
  Code signing is not configured: macOS Gatekeeper and Windows SmartScreen warn on first launch.
`);

const cli = createRequire(import.meta.url).resolve("electron-builder/cli.js");
const builder = spawn(process.execPath, [cli, "--publish", "never", ...process.argv.slice(2)], {
  stdio: "inherit",
});
builder.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
