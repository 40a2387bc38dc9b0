import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { _electron as electron, expect, test } from "@playwright/test";

const require = createRequire(import.meta.url);

/** Electron's binary path, or why there is none (its download is not possible everywhere). */
function electronBinary(): { path?: string; reason?: string } {
  try {
    const binary = require("electron") as unknown;
    if (typeof binary === "string" && existsSync(binary)) return { path: binary };
    return { reason: "the electron package is installed but its binary is missing" };
  } catch (error) {
    return { reason: `Electron's binary is not installed (${(error as Error).message.split("\n")[0]})` };
  }
}

const binary = electronBinary();

test("the Electron shell opens one hardened window showing the app", async () => {
  if (!binary.path) {
    const reason = `Electron smoke test skipped: ${binary.reason}. Run \`node node_modules/electron/install.js\` where downloads work.`;
    console.log(reason);
    test.skip(true, reason);
  }
  const userData = await mkdtemp(path.join(os.tmpdir(), "picops-electron-"));
  const app = await electron.launch({
    executablePath: binary.path,
    args: [".", `--user-data-dir=${userData}`],
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: "0" },
  });
  const window = await app.firstWindow();
  await expect(window.getByTestId("connection-local")).toBeVisible();
  // The page sees the narrow bridge and nothing of Node or ipcRenderer.
  const exposed = await window.evaluate(() => ({
    bridge: Object.keys((window as unknown as { picops: object }).picops).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(exposed).toEqual({
    bridge: ["call", "pathForFile", "subscribe"],
    require: "undefined",
    process: "undefined",
  });
  await app.close();
});
