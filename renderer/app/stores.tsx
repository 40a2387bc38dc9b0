import type { ReactNode } from "react";
import { type ApiClient, api as host } from "../api";
import { BatchesProvider, type BatchesStore, createBatchesStore } from "../features/batches";
import { createHistoryStore, HistoryProvider, type HistoryStore } from "../features/history";
import { createLinksStore, LinksProvider, type LinksStore } from "../features/links";
import { createQuickStore, QuickProvider, type QuickStore } from "../features/quick";

/**
 * The composition root of the renderer's stores: every store that owns API calls is made here,
 * once, from one client of the contract. Tests make their own with a fake client.
 */
export interface Stores {
  batches: BatchesStore;
  quick: QuickStore;
  links: LinksStore;
  history: HistoryStore;
}

export function createStores(api: ApiClient): Stores {
  return {
    batches: createBatchesStore(api),
    quick: createQuickStore(api, localStorage, {
      // Handing files over is the transport's own (a staged copy on the web), outside the contract.
      giveFiles: (files) => host.giveFiles(files),
      writeText: (text) => navigator.clipboard.writeText(text),
    }),
    links: createLinksStore(api, {
      writeText: (text) => navigator.clipboard.writeText(text),
      // Electron's window hands http(s) windows to the system browser (electron/shell/window/hardening.ts).
      openUrl: (url) => void window.open(url, "_blank", "noopener"),
    }),
    history: createHistoryStore(api),
  };
}

/** Hands every store to the components below it. */
export function StoresProvider(props: { stores: Stores; children: ReactNode }) {
  const { stores } = props;
  return (
    <BatchesProvider store={stores.batches}>
      <QuickProvider store={stores.quick}>
        <LinksProvider store={stores.links}>
          <HistoryProvider store={stores.history}>{props.children}</HistoryProvider>
        </LinksProvider>
      </QuickProvider>
    </BatchesProvider>
  );
}
