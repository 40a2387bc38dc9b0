import { execFile } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
export const PROJECT_DIR = path.resolve(import.meta.dirname, "..", "..", "..");

export interface PackedApp {
  /** What the installer would carry as `resources/`: app.asar and app.asar.unpacked. */
  resourcesDir: string;
  workDir: string;
}

/**
 * Builds the app, then packs it with electron-builder's own code and the project's own
 * electron-builder.yml, as `npm run dist` would, into its unpacked form (the `dir` target).
 * Two settings differ, both outside what lands in `resources/`: Electron itself comes from an
 * empty stand-in (`electronDist`, so nothing is downloaded) and the output goes to a temp folder.
 */
export async function packForLinux(): Promise<PackedApp> {
  await run("npm", ["run", "--silent", "build"], { cwd: PROJECT_DIR });
  const workDir = await mkdtemp(path.join(os.tmpdir(), "picops-pack-"));
  // electron-builder copies an unpacked Electron folder as the app's skeleton and renames its
  // `electron` executable to the app's; an empty file is all it touches on Linux.
  const electronStandIn = path.join(workDir, "electron-dist");
  await mkdir(electronStandIn);
  await writeFile(path.join(electronStandIn, "electron"), "");
  await chmod(path.join(electronStandIn, "electron"), 0o755);
  const outputDir = path.join(workDir, "release");
  const cli = createRequire(import.meta.url).resolve("electron-builder/cli.js");
  await run(
    process.execPath,
    [
      cli,
      "--linux",
      "dir",
      `--${process.arch}`,
      "--publish",
      "never",
      `-c.electronDist=${electronStandIn}`,
      `-c.directories.output=${outputDir}`,
    ],
    { cwd: PROJECT_DIR },
  );
  const appDir = (await readdir(outputDir)).find((name) => name.endsWith("-unpacked"));
  if (!appDir) throw new Error(`electron-builder left no unpacked app in ${outputDir}`);
  return { resourcesDir: path.join(outputDir, appDir, "resources"), workDir };
}
