import type { ExchangedPreset } from "../../shared/presets/preset";

/** Saved on a first run so "pick a preset" has something to pick; the designer may change or delete them. */
export const STARTER_PRESETS: readonly ExchangedPreset[] = [
  { name: "Web thumbnail 300 px WebP", rule: "imageMogr2/thumbnail/300x/format/webp" },
  { name: "Compress JPEG 80", rule: "imageMogr2/format/jpg/quality/80" },
  { name: "Square avatar 256", rule: "imageMogr2/thumbnail/!256x256r/gravity/center/crop/256x256" },
];
