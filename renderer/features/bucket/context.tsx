import type { ReactNode } from "react";
import type { ApiClient } from "../../api";
import { storeContext } from "../../ui/store-context";
import { createObjectDetailsStore, type ObjectDetailsState, type ObjectDetailsStore } from "./details-store";
import { createRuleLibraryStore, type RuleLibraryState, type RuleLibraryStore } from "./library-store";
import { createManageStore, type ManageState, type ManageStore } from "./manage-store";
import { createPixelSizesStore, type PixelSizesState, type PixelSizesStore } from "./pixels-store";
import { createProcessStore, type ProcessState, type ProcessStore } from "./process-store";
import { type BrowseState, type BrowseStore, createBrowseStore } from "./store";

const browseContext = storeContext<BrowseState>("BrowseStore");
const detailsContext = storeContext<ObjectDetailsState>("ObjectDetailsStore");
const processContext = storeContext<ProcessState>("ProcessStore");
const manageContext = storeContext<ManageState>("ManageStore");
const pixelsContext = storeContext<PixelSizesState>("PixelSizesStore");
const libraryContext = storeContext<RuleLibraryState>("RuleLibraryStore");

/** The bucket browser's stores: the folder shown, the focused object, processing, and managing objects. */
export interface BucketStores {
  browse: BrowseStore;
  details: ObjectDetailsStore;
  process: ProcessStore;
  manage: ManageStore;
  pixels: PixelSizesStore;
  library: RuleLibraryStore;
}

export function createBucketStores(api: ApiClient): BucketStores {
  const browse = createBrowseStore(api);
  return {
    browse,
    details: createObjectDetailsStore(api),
    process: createProcessStore(api),
    manage: createManageStore(api, browse),
    pixels: createPixelSizesStore(api),
    library: createRuleLibraryStore(api),
  };
}

/** Gives the components below the bucket browser's stores: the app's, or a test's with a fake client. */
export function BucketProvider(props: { stores: BucketStores; children: ReactNode }) {
  const { stores } = props;
  return (
    <browseContext.Provider store={stores.browse}>
      <detailsContext.Provider store={stores.details}>
        <processContext.Provider store={stores.process}>
          <manageContext.Provider store={stores.manage}>
            <pixelsContext.Provider store={stores.pixels}>
              <libraryContext.Provider store={stores.library}>{props.children}</libraryContext.Provider>
            </pixelsContext.Provider>
          </manageContext.Provider>
        </processContext.Provider>
      </detailsContext.Provider>
    </browseContext.Provider>
  );
}

export const useBrowseStore = browseContext.useStoreApi;
/** What a component shows of the folder: it re-renders only when that changes. */
export const useBrowse = browseContext.useSelected;
export const useObjectDetailsStore = detailsContext.useStoreApi;
export const useObjectDetails = detailsContext.useSelected;
export const useProcessStore = processContext.useStoreApi;
export const useProcess = processContext.useSelected;
export const useManageStore = manageContext.useStoreApi;
export const useManage = manageContext.useSelected;
export const usePixelSizes = pixelsContext.useSelected;
export const useRuleLibrary = libraryContext.useSelected;
