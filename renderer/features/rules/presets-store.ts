import { create } from "zustand";
import type { PresetList } from "../../../shared/ipc/channels/presets";
import { api } from "../../api";

/** A mirror of the main process's presets; the main process owns the truth. */
export const usePresets = create<PresetList & { loaded: boolean; load(): Promise<void> }>((set) => ({
  presets: [],
  loaded: false,
  async load() {
    set({ ...(await api.call("presets.list", {})), loaded: true });
  },
}));

api.on("presets.changed", (list) => usePresets.setState({ ...list, loaded: true }));
