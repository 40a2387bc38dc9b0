import { useEffect } from "react";
import type { Preset } from "../../../shared/presets/preset";
import { usePresets } from "./context";

/** The saved presets, for other features to offer (a rule slot's picker); read once when first needed. */
export function usePresetList(): Preset[] {
  const presets = usePresets((state) => state.presets);
  const loaded = usePresets((state) => state.loaded);
  const load = usePresets((state) => state.load);
  useEffect(() => {
    if (!loaded) load().catch(() => {});
  }, [loaded, load]);
  return presets;
}
