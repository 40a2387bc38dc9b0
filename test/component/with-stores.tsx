import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { createStores, StoresProvider } from "../../renderer/app/stores";
import { fakeApi } from "./fake-api";

/**
 * Renders components as the app does, under every store, made here from a fake client that
 * answers only what the test names. The test drives the client (its calls, its events) and
 * may reach the stores themselves.
 */
export function renderWithStores(ui: ReactElement, answers: Parameters<typeof fakeApi>[0] = {}) {
  const api = fakeApi(answers);
  const stores = createStores(api.client);
  const rendered = render(<StoresProvider stores={stores}>{ui}</StoresProvider>);
  return { ...rendered, api, stores };
}
