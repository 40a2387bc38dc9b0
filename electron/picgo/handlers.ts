import type { Handlers } from "../ipc/router";
import type { PicGoEndpoint } from "./endpoint";

export function picgoHandlers(endpoint: PicGoEndpoint): Pick<Handlers, "picgo.state" | "picgo.configure"> {
  return {
    "picgo.state": async () => endpoint.state(),
    "picgo.configure": async ({ settings }) => endpoint.configure(settings),
  };
}
