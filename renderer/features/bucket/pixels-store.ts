import { createStore, type StoreApi } from "zustand/vanilla";
import type { PixelSize } from "../../../shared/ipc/channels/bucket";
import type { ApiClient } from "../../api";

/** Asked at once: a list screen's worth of rows arrives quickly without crowding the connection. */
const AT_ONCE = 4;

export interface PixelSizesState {
  /** By `pixelId`: the size, or null when the object is not an image (or could not be read). */
  sizes: ReadonlyMap<string, PixelSize | null>;
  /** Asks for an object's size unless it is known or asked for already. */
  want(object: { bucket: string; key: string; etag: string }): void;
}

export type PixelSizesStore = StoreApi<PixelSizesState>;

/** An object's bytes change only with its ETag. */
export const pixelId = (object: { bucket: string; key: string; etag: string }) =>
  `${object.bucket}\u0000${object.key}\u0000${object.etag}`;

/** Pixel sizes of the rows the list view draws, read by the main process from each object's header. */
export function createPixelSizesStore(api: ApiClient): PixelSizesStore {
  const queue: { bucket: string; key: string; etag: string }[] = [];
  const asked = new Set<string>();
  let running = 0;

  const store = createStore<PixelSizesState>()(() => ({
    sizes: new Map(),
    want(object) {
      const id = pixelId(object);
      if (asked.has(id)) return;
      asked.add(id);
      queue.push(object);
      pump();
    },
  }));

  const pump = () => {
    while (running < AT_ONCE && queue.length > 0) {
      const object = queue.shift();
      if (!object) return;
      running++;
      api
        .call("bucket.pixelSize", object)
        .then(
          ({ pixels }) => pixels ?? null,
          () => null,
        )
        .then((pixels) => {
          store.setState({ sizes: new Map(store.getState().sizes).set(pixelId(object), pixels) });
        })
        .finally(() => {
          running--;
          pump();
        });
    }
  };
  return store;
}
