// `npm run icons`: renders build/icon.svg into the icons electron-builder packs. The results are
// committed, so packagers never run this; run it again after editing the SVG.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { encodeIcns, encodeIco, ICNS_TYPES } from "./icon-containers.mjs";

const buildDir = path.join(import.meta.dirname, "..", "build");
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const MASTER_SIZE = 1024;

const svg = await readFile(path.join(buildDir, "icon.svg"));

/** Each size is drawn from the vector source rather than scaled down from the master, so small sizes stay sharp. */
function render(size) {
  return sharp(svg, { density: (72 * size) / MASTER_SIZE })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toBuffer();
}

const sizes = [
  ...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map(({ size }) => size), MASTER_SIZE]),
];
const pngBySize = new Map(await Promise.all(sizes.map(async (size) => [size, await render(size)])));

await mkdir(path.join(buildDir, "icons"), { recursive: true });
await Promise.all([
  writeFile(path.join(buildDir, "icon.png"), pngBySize.get(MASTER_SIZE)),
  ...LINUX_SIZES.map((size) =>
    writeFile(path.join(buildDir, "icons", `${size}x${size}.png`), pngBySize.get(size)),
  ),
  writeFile(
    path.join(buildDir, "icon.ico"),
    encodeIco(ICO_SIZES.map((size) => ({ size, png: pngBySize.get(size) }))),
  ),
  writeFile(path.join(buildDir, "icon.icns"), encodeIcns(pngBySize)),
]);
console.log(`Icons written to ${path.relative(process.cwd(), buildDir)}/`);
