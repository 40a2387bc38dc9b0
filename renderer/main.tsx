import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { api } from "./api";
import { App } from "./app/App";
import "./app/catalog";
import { BatchesProvider, createBatchesStore } from "./features/batches";
import { useLanguage } from "./i18n";
import "./styles.css";

document.documentElement.lang = useLanguage.getState().language;

// The stores that own their calls are made here, once, with the real client of the contract.
const batches = createBatchesStore(api);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <BatchesProvider store={batches}>
      <App />
    </BatchesProvider>
  </StrictMode>,
);
