import { createStore, type StoreApi } from "zustand/vanilla";
import type { BucketStyle } from "../../../shared/ipc/channels/presets";
import type { Preset } from "../../../shared/presets/preset";
import type { ApiClient } from "../../api";

export interface RuleLibraryState {
  presets: Preset[];
  /**
   * The default bucket's styles; undefined until read, or when they could not be read (no
   * default bucket, a key without CI rights): the picker then offers presets only.
   */
  styles: BucketStyle[] | undefined;
  load(): Promise<void>;
}

export type RuleLibraryStore = StoreApi<RuleLibraryState>;

/** The presets and the bucket's styles an in-bucket rule slot can start from. */
export function createRuleLibraryStore(api: ApiClient): RuleLibraryStore {
  const store = createStore<RuleLibraryState>()((set) => ({
    presets: [],
    styles: undefined,
    async load() {
      const [presets, styles] = await Promise.allSettled([
        api.call("presets.list", {}),
        api.call("rules.styles", {}),
      ]);
      if (presets.status === "fulfilled") set({ presets: presets.value.presets });
      set({ styles: styles.status === "fulfilled" ? styles.value.styles : undefined });
    },
  }));
  api.on("presets.changed", ({ presets }) => store.setState({ presets }));
  return store;
}
