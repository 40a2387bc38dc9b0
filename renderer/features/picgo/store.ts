import { createStore, type StoreApi } from "zustand/vanilla";
import type {
  DestinationDefault,
  DestinationDefaults,
} from "../../../shared/destinations/destination-default";
import type { AppError } from "../../../shared/errors";
import type { PicGoSettings, PicGoState } from "../../../shared/picgo/endpoint";
import type { Preset } from "../../../shared/presets/preset";
import { type ApiClient, failureOf } from "../../api";

export interface EditorUploadsState {
  endpoint: PicGoState | undefined;
  defaults: DestinationDefaults;
  presets: Preset[];
  error: AppError | undefined;
  load(): Promise<void>;
  /** Saves the connection's default, then the endpoint's settings; true when both were taken. */
  save(settings: PicGoSettings, connectionId: string, destination: DestinationDefault): Promise<boolean>;
}

export type EditorUploadsStore = StoreApi<EditorUploadsState>;

/** A mirror of the endpoint's settings and state, the destinations' defaults and the presets to choose from. */
export function createEditorUploadsStore(api: ApiClient): EditorUploadsStore {
  const store = createStore<EditorUploadsState>()((set) => ({
    endpoint: undefined,
    defaults: {},
    presets: [],
    error: undefined,
    async load() {
      try {
        const [endpoint, { defaults }, { presets }] = await Promise.all([
          api.call("picgo.state", {}),
          api.call("destinations.defaults", {}),
          api.call("presets.list", {}),
        ]);
        set({ endpoint, defaults, presets, error: undefined });
      } catch (error) {
        set({ error: failureOf(error) });
      }
    },
    async save(settings, connectionId, destination) {
      try {
        const { defaults } = await api.call("destinations.setDefault", { connectionId, destination });
        const endpoint = await api.call("picgo.configure", { settings });
        set({ defaults, endpoint, error: undefined });
        return true;
      } catch (error) {
        set({ error: failureOf(error) });
        return false;
      }
    },
  }));
  api.on("picgo.changed", (endpoint) => store.setState({ endpoint }));
  api.on("presets.changed", ({ presets }) => store.setState({ presets }));
  return store;
}
