import type { Handlers } from "../ipc/router";
import type { BucketRuleSources } from "./bucket-sources";
import type { PresetService } from "./service";

type PresetChannels =
  | "presets.list"
  | "presets.save"
  | "presets.rename"
  | "presets.duplicate"
  | "presets.delete"
  | "presets.export"
  | "presets.import"
  | "rules.styles"
  | "rules.watermarkImages";

export function presetHandlers(
  presets: PresetService,
  sources: BucketRuleSources,
): Pick<Handlers, PresetChannels> {
  return {
    "presets.list": async () => presets.list(),
    "presets.save": async ({ name, rule }) => presets.save(name, rule),
    "presets.rename": async ({ id, name }) => presets.rename(id, name),
    "presets.duplicate": async ({ id }) => presets.duplicate(id),
    "presets.delete": async ({ id }) => {
      await presets.delete(id);
      return {};
    },
    "presets.export": async () => presets.export(),
    "presets.import": async ({ content }) => presets.import(content),
    "rules.styles": async () => sources.styles(),
    "rules.watermarkImages": async ({ prefix }) => sources.watermarkImages(prefix),
  };
}
