import type { MessageKey } from "../../i18n";
import type { StepKind } from "./steps";

/** What each kind of step is called on screen; a Record so no kind goes unnamed. */
export const STEP_NAMES: Record<StepKind, MessageKey> = {
  thumbnail: "rules.step.thumbnail",
  crop: "rules.step.crop",
  cut: "rules.step.cut",
  scrop: "rules.step.scrop",
  iradius: "rules.step.iradius",
  rradius: "rules.step.rradius",
  rotate: "rules.step.rotate",
  "auto-orient": "rules.step.autoOrient",
  gravity: "rules.step.gravity",
  format: "rules.step.format",
  quality: "rules.step.quality",
  blur: "rules.step.blur",
  sharpen: "rules.step.sharpen",
  bright: "rules.step.bright",
  contrast: "rules.step.contrast",
  grayscale: "rules.step.grayscale",
  strip: "rules.step.strip",
  interlace: "rules.step.interlace",
  "ignore-error": "rules.step.ignoreError",
  unknown: "rules.step.unknown",
  imageView2: "rules.step.imageView2",
  "watermark/1": "rules.step.imageWatermark",
  "watermark/2": "rules.step.textWatermark",
  style: "rules.step.style",
  opaque: "rules.step.opaque",
};
