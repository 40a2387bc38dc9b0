import { execFile } from "node:child_process";
import { readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { extractAll, extractFile, listPackage, statFile } from "@electron/asar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PackedApp, PROJECT_DIR, packForLinux } from "./pack";

const run = promisify(execFile);

/** The npm packages a bundle loads at run time: bare specifiers of require(), import() and import … from. */
function importedPackages(code: string): string[] {
  return [...code.matchAll(/(?:require\(|import\(|from )"((?:@[^"/]+\/)?[^"./][^"/]*)/g)]
    .map((match) => String(match[1]))
    .filter((name) => !name.startsWith("node:") && name !== "electron");
}

// The stand-in for Electron's binary only works for Linux's layout (macOS needs an Electron.app
// skeleton); the files inside resources/ are the same on every platform but for sharp's binaries.
describe.runIf(process.platform === "linux")("the packaged app's resources", () => {
  let packed: PackedApp;
  let asar: string;
  let unpacked: string;
  let entries: string[];

  beforeAll(async () => {
    packed = await packForLinux();
    asar = path.join(packed.resourcesDir, "app.asar");
    unpacked = path.join(packed.resourcesDir, "app.asar.unpacked");
    entries = listPackage(asar, { isPack: false }).map((entry) => entry.slice(1).split(path.sep).join("/"));
  }, 180_000);

  afterAll(async () => {
    if (packed) await rm(packed.workDir, { recursive: true, force: true });
  });

  function isFolder(entry: string) {
    return "files" in statFile(asar, entry);
  }

  async function packageJson(dir: string) {
    return JSON.parse(await readFile(path.join(dir, "package.json"), "utf8"));
  }

  it("starts at the bundled main process", () => {
    const manifest = JSON.parse(extractFile(asar, "package.json").toString("utf8"));
    expect(manifest.main).toBe("dist/electron/main.cjs");
    expect(entries).toContain("dist/electron/main.cjs");
  });

  it("holds exactly the app's built files: main, preload, Local bucket, renderer; no sources, tests or maps", async () => {
    const rendererDir = path.join(PROJECT_DIR, "dist", "renderer");
    const renderer = (await readdir(rendererDir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.endsWith(".map"))
      .map((entry) =>
        path.relative(PROJECT_DIR, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"),
      );
    const expected = [
      "package.json",
      "dist/electron/main.cjs",
      "dist/electron/preload.cjs",
      "dist/node/local-bucket.mjs",
      ...renderer,
    ];
    const appFiles = entries.filter((entry) => !entry.startsWith("node_modules") && !isFolder(entry));
    expect(appFiles.sort()).toEqual(expected.sort());
  });

  it("holds every asset the renderer's page loads", () => {
    const html = extractFile(asar, "dist/renderer/index.html").toString("utf8");
    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map(([, asset]) => asset);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) expect(entries).toContain(`dist/renderer/${asset}`);
  });

  it("carries React's production build, whatever NODE_ENV the build inherited (vitest's is test)", () => {
    const scripts = entries.filter((entry) => /^dist\/renderer\/assets\/.+\.js$/.test(entry));
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      // Booleans: a failure should name the script, not print a megabyte of it.
      const code = extractFile(asar, script).toString("utf8");
      expect(code.includes("jsxDEV"), `${script} holds React's development JSX runtime`).toBe(false);
    }
  });

  it("ships every package the bundles import, and only the packages they need", async () => {
    const bundles = ["dist/electron/main.cjs", "dist/node/local-bucket.mjs"];
    const imported = new Set(
      bundles.flatMap((bundle) => importedPackages(extractFile(asar, bundle).toString("utf8"))),
    );
    const { dependencies } = await packageJson(PROJECT_DIR);
    expect([...imported].sort()).toEqual(Object.keys(dependencies).sort());

    // The closure of those dependencies as installed (optional ones only where npm installed
    // them, as with sharp's per-platform binaries).
    const needed = new Set<string>();
    const queue = Object.keys(dependencies);
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      if (needed.has(name)) continue;
      const manifest = await packageJson(path.join(PROJECT_DIR, "node_modules", name)).catch(() => undefined);
      if (!manifest) continue;
      needed.add(name);
      queue.push(
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.optionalDependencies ?? {}),
      );
    }
    const shipped = entries
      .map((entry) => /^node_modules\/((?:@[^/]+\/)?[^/@]+)$/.exec(entry)?.[1])
      .filter((name): name is string => name !== undefined);
    expect(shipped.sort()).toEqual([...needed].sort());
  });

  it("keeps sharp and its native packages out of the archive, as real files", async () => {
    const native = entries.filter((entry) => /^node_modules\/(sharp|@img)\/./.test(entry));
    expect(native.length).toBeGreaterThan(0);
    for (const entry of native.filter((file) => !isFolder(file))) {
      expect({ entry, unpacked: "unpacked" in statFile(asar, entry) }).toEqual({ entry, unpacked: true });
    }
    const img = await readdir(path.join(unpacked, "node_modules", "@img"), { recursive: true });
    expect(img.filter((file) => file.endsWith(".node"))).toHaveLength(1);
    expect(img.filter((file) => /libvips-cpp\.(so|dylib)|libvips-cpp.*\.dll/.test(file))).toHaveLength(1);
  });

  it("lets plain Node load sharp from the unpacked folder and resize an image with it", async () => {
    // Electron reads app.asar as a folder: emulate that with the archive extracted beside, for
    // the packages sharp itself needs (detect-libc, semver); sharp, its addon and libvips come
    // from app.asar.unpacked, as in the packaged app.
    const asarView = path.join(packed.workDir, "asar-view");
    extractAll(asar, asarView);
    const script = `
      const sharp = require(process.argv[1]);
      (async () => {
        const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3340c4" } }).png().toBuffer();
        const { info } = await sharp(png).resize(16).jpeg().toBuffer({ resolveWithObject: true });
        const mapped = require("node:fs").readFileSync("/proc/self/maps", "utf8").split("\\n").map((line) => line.split(/\\s+/)[5]);
        console.log(JSON.stringify({
          info: { format: info.format, width: info.width, height: info.height },
          addons: Object.keys(require.cache).filter((file) => file.endsWith(".node")),
          libvips: [...new Set(mapped.filter((file) => file && file.includes("libvips-cpp")))],
        }));
      })();
    `;
    const { stdout } = await run(
      process.execPath,
      ["-e", script, path.join(unpacked, "node_modules", "sharp")],
      {
        cwd: packed.workDir,
        env: { ...process.env, NODE_PATH: path.join(asarView, "node_modules") },
      },
    );
    const loaded = JSON.parse(stdout);
    expect(loaded.info).toEqual({ format: "jpeg", width: 16, height: 12 });
    expect(loaded.addons).toHaveLength(1);
    expect(loaded.addons[0].startsWith(`${unpacked}${path.sep}`)).toBe(true);
    expect(loaded.libvips).toHaveLength(1);
    expect(loaded.libvips[0].startsWith(`${unpacked}${path.sep}`)).toBe(true);
  });
});
