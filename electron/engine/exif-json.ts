/**
 * `GET /<key>?exif` (CI “Obtaining EXIF”, 1246/109207): every tag as `{"<Name>": {"val": "…"}}`,
 * values written as CI's example writes them — rationals as `num/den` ("483328/65536"),
 * undefined bytes as decimals ("48 50 51 48" for ExifVersion), ColorSpace 1 as "sRGB".
 * Read from the TIFF structure of the EXIF block: IFD0, the Exif IFD and the GPS IFD. Tags
 * without a name here, and MakerNote (a vendor's private blob), are left out.
 */

const IFD0_TAGS: Record<number, string> = {
  270: "ImageDescription",
  271: "Make",
  272: "Model",
  274: "Orientation",
  282: "XResolution",
  283: "YResolution",
  296: "ResolutionUnit",
  305: "Software",
  306: "DateTime",
  315: "Artist",
  531: "YCbCrPositioning",
  33432: "Copyright",
};

const EXIF_TAGS: Record<number, string> = {
  33434: "ExposureTime",
  33437: "FNumber",
  34850: "ExposureProgram",
  34855: "ISOSpeedRatings",
  36864: "ExifVersion",
  36867: "DateTimeOriginal",
  36868: "DateTimeDigitized",
  37121: "ComponentsConfiguration",
  37377: "ShutterSpeedValue",
  37378: "ApertureValue",
  37379: "BrightnessValue",
  37380: "ExposureBiasValue",
  37381: "MaxApertureValue",
  37383: "MeteringMode",
  37384: "LightSource",
  37385: "Flash",
  37386: "FocalLength",
  40960: "FlashpixVersion",
  40961: "ColorSpace",
  40962: "PixelXDimension",
  40963: "PixelYDimension",
  41985: "CustomRendered",
  41986: "ExposureMode",
  41987: "WhiteBalance",
  41989: "FocalLengthIn35mmFilm",
  41990: "SceneCaptureType",
  42036: "LensModel",
};

const GPS_TAGS: Record<number, string> = {
  0: "GPSVersionID",
  1: "GPSLatitudeRef",
  2: "GPSLatitude",
  3: "GPSLongitudeRef",
  4: "GPSLongitude",
  5: "GPSAltitudeRef",
  6: "GPSAltitude",
  7: "GPSTimeStamp",
  29: "GPSDateStamp",
};

const EXIF_IFD_POINTER = 0x8769;
const GPS_IFD_POINTER = 0x8825;

/** Bytes per component of each TIFF field type. */
const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8 };

/** More entries than any real IFD holds: a damaged block is not walked for ever. */
const MAX_ENTRIES = 512;

export type ExifJson = Record<string, { val: string }>;

class TiffReader {
  readonly little: boolean;

  constructor(readonly tiff: Buffer) {
    this.little = tiff.toString("latin1", 0, 2) === "II";
  }

  fits(at: number, length: number): boolean {
    return at >= 0 && at + length <= this.tiff.length;
  }

  u16(at: number): number {
    return this.little ? this.tiff.readUInt16LE(at) : this.tiff.readUInt16BE(at);
  }

  u32(at: number): number {
    return this.little ? this.tiff.readUInt32LE(at) : this.tiff.readUInt32BE(at);
  }

  i32(at: number): number {
    return this.little ? this.tiff.readInt32LE(at) : this.tiff.readInt32BE(at);
  }
}

function fieldText(reader: TiffReader, type: number, count: number, at: number): string | undefined {
  const size = TYPE_SIZES[type];
  if (size === undefined || count === 0 || !reader.fits(at, size * count)) return undefined;
  const items = (read: (offset: number) => string) =>
    Array.from({ length: Math.min(count, 64) }, (_, i) => read(at + i * size)).join(" ");
  switch (type) {
    case 2:
      return reader.tiff
        .toString("latin1", at, at + count)
        .replace(/\0+$/, "")
        .trim();
    case 1:
    case 7:
      return items((offset) => String(reader.tiff[offset]));
    case 3:
      return items((offset) => String(reader.u16(offset)));
    case 4:
      return items((offset) => String(reader.u32(offset)));
    case 9:
      return items((offset) => String(reader.i32(offset)));
    case 5:
      return items((offset) => `${reader.u32(offset)}/${reader.u32(offset + 4)}`);
    case 10:
      return items((offset) => `${reader.i32(offset)}/${reader.i32(offset + 4)}`);
    default:
      return undefined;
  }
}

/** Reads one IFD into `json` by the names given; answers the offsets of the IFDs it points to. */
function readIfd(
  reader: TiffReader,
  offset: number,
  names: Record<number, string>,
  json: ExifJson,
): { exif?: number; gps?: number } {
  const pointers: { exif?: number; gps?: number } = {};
  if (!reader.fits(offset, 2)) return pointers;
  const count = Math.min(reader.u16(offset), MAX_ENTRIES);
  for (let i = 0; i < count; i++) {
    const entry = offset + 2 + i * 12;
    if (!reader.fits(entry, 12)) break;
    const tag = reader.u16(entry);
    const type = reader.u16(entry + 2);
    const components = reader.u32(entry + 4);
    if (tag === EXIF_IFD_POINTER) pointers.exif = reader.u32(entry + 8);
    if (tag === GPS_IFD_POINTER) pointers.gps = reader.u32(entry + 8);
    const name = names[tag];
    if (!name) continue;
    const bytes = (TYPE_SIZES[type] ?? 0) * components;
    const at = bytes <= 4 ? entry + 8 : reader.u32(entry + 8);
    let value = fieldText(reader, type, components, at);
    if (name === "ColorSpace") value = value === "1" ? "sRGB" : value === "65535" ? "Uncalibrated" : value;
    if (value !== undefined) json[name] = { val: value };
  }
  return pointers;
}

/** The tags of an EXIF block (its TIFF structure, without JPEG's `Exif\0\0`), by name. */
export function exifJson(tiff: Buffer): ExifJson {
  const json: ExifJson = {};
  if (tiff.length < 8) return json;
  const reader = new TiffReader(tiff);
  const { exif, gps } = readIfd(reader, reader.u32(4), IFD0_TAGS, json);
  if (exif !== undefined) readIfd(reader, exif, EXIF_TAGS, json);
  if (gps !== undefined) readIfd(reader, gps, GPS_TAGS, json);
  return Object.fromEntries(Object.entries(json).sort(([a], [b]) => a.localeCompare(b)));
}
