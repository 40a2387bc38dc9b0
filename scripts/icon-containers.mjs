// The two icon containers the installers want, written from PNGs so packaging needs no
// conversion tool (electron-builder would otherwise download one to turn icon.png into them).
// Both formats may hold PNG data as is: ICO since Windows Vista, ICNS for every size used here.

/** Windows .ico: a directory of entries, then each PNG. A width or height of 256 is written as 0. */
export function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  let offset = header.length + directory.length;
  images.forEach(({ size, png }, index) => {
    const entry = index * 16;
    directory.writeUInt8(size % 256, entry);
    directory.writeUInt8(size % 256, entry + 1);
    directory.writeUInt16LE(1, entry + 4);
    directory.writeUInt16LE(32, entry + 6);
    directory.writeUInt32LE(png.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += png.length;
  });
  return Buffer.concat([header, directory, ...images.map(({ png }) => png)]);
}

/** The ICNS type of each PNG size: the 1x types, then the Retina (2x) ones. */
export const ICNS_TYPES = [
  { type: "icp4", size: 16 },
  { type: "icp5", size: 32 },
  { type: "ic07", size: 128 },
  { type: "ic08", size: 256 },
  { type: "ic09", size: 512 },
  { type: "ic11", size: 32 },
  { type: "ic12", size: 64 },
  { type: "ic13", size: 256 },
  { type: "ic14", size: 512 },
  { type: "ic10", size: 1024 },
];

/** macOS .icns: big-endian, each element a four-letter type, its length with the 8-byte element header, the PNG. */
export function encodeIcns(pngBySize) {
  const elements = ICNS_TYPES.map(({ type, size }) => {
    const png = pngBySize.get(size);
    const header = Buffer.alloc(8);
    header.write(type, 0, "ascii");
    header.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([header, png]);
  });
  const header = Buffer.alloc(8);
  header.write("icns", 0, "ascii");
  header.writeUInt32BE(8 + elements.reduce((total, element) => total + element.length, 0), 4);
  return Buffer.concat([header, ...elements]);
}
