import type { RuleImageFormat } from "../../../../shared/rules";
import type { MessageKey } from "../../../i18n";

/** Every output format with a word on when to use it; a Record so a new format cannot be forgotten. */
export const FORMAT_NOTES: Record<RuleImageFormat, MessageKey> = {
  jpg: "rules.format.jpg",
  png: "rules.format.png",
  webp: "rules.format.webp",
  avif: "rules.format.avif",
  heif: "rules.format.heif",
  gif: "rules.format.gif",
  bmp: "rules.format.bmp",
  yjpeg: "rules.format.yjpeg",
  tpg: "rules.format.tpg",
  svgc: "rules.format.svgc",
};

export const QUALITY_KINDS: Record<"absolute" | "relative" | "floor", MessageKey> = {
  absolute: "rules.quality.absolute",
  relative: "rules.quality.relative",
  floor: "rules.quality.floor",
};
