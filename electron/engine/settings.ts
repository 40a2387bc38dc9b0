import type { Mogr2Op, QualitySetting, RuleImageFormat, Stage } from "../../shared/rules/ast";

/** Operations that only configure the encoder; they are read once for the whole pipeline. */
export const OUTPUT_SETTINGS: ReadonlySet<Mogr2Op["op"]> = new Set<Mogr2Op["op"]>([
  "format",
  "quality",
  "strip",
  "interlace",
  "gravity",
  "ignore-error",
]);

/** What a whole pipeline asks of the encoder; a later stage's setting wins over an earlier one. */
export interface OutputSettings {
  format: RuleImageFormat | undefined;
  quality: QualitySetting | undefined;
  strip: boolean;
  progressive: boolean;
}

export function outputSettings(stages: Stage[]): OutputSettings {
  const settings: OutputSettings = {
    format: undefined,
    quality: undefined,
    strip: false,
    progressive: false,
  };
  for (const stage of stages) {
    if (stage.kind === "imageView2") {
      settings.format = stage.format ?? settings.format;
      settings.quality = stage.quality ?? settings.quality;
    }
    if (stage.kind !== "imageMogr2") continue;
    for (const op of stage.ops) {
      if (op.op === "format") settings.format = op.format;
      else if (op.op === "quality") settings.quality = op.quality;
      else if (op.op === "strip") settings.strip = true;
      else if (op.op === "interlace") settings.progressive = op.enabled;
    }
  }
  return settings;
}

/** `ignore-error/1`: a stage that fails on limits or arguments passes its input on instead. */
export function ignoresErrors(stage: Stage): boolean {
  if (stage.kind === "imageView2") return stage.ignoreError === true;
  return stage.kind === "imageMogr2" && stage.ops.some((op) => op.op === "ignore-error");
}
