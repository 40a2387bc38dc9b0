import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { api } from "./api";
import { App } from "./app/App";
import "./app/catalog";
import { createStores, StoresProvider } from "./app/stores";
import { applyTheme, savedTheme } from "./app/theme";
import { useLanguage } from "./i18n";
import "./styles.css";

document.documentElement.lang = useLanguage.getState().language;
applyTheme(savedTheme());

const stores = createStores(api);

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>,
);
