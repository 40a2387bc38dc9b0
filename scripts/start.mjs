// `npm start`: Electron when its binary is installed; otherwise the web host, same app in a browser.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    const binary = require("electron");
    return typeof binary === "string" && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

function run(command, args) {
  const child = spawn(command, args, { stdio: "inherit" });
  child.on("exit", (code) => process.exit(code ?? 0));
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
}

const build = spawn("npm", ["run", "--silent", "build"], { stdio: "inherit" });
build.on("exit", (code) => {
  if (code !== 0) process.exit(code ?? 1);
  const binary = electronBinary();
  if (binary) return run(binary, ["."]);
  console.log("Electron's binary is not installed on this machine, so Picops starts its web host instead:");
  run(process.execPath, ["dist/node/web-host.mjs", ...process.argv.slice(2)]);
});
