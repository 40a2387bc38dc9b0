import type { Handlers } from "../ipc/router";
import type { PrefixDefaultsService } from "./prefixes";
import type { DestinationDefaultsService } from "./service";

export function destinationHandlers(
  destinations: DestinationDefaultsService,
  prefixes: PrefixDefaultsService,
): Pick<
  Handlers,
  | "destinations.defaults"
  | "destinations.setDefault"
  | "destinations.prefixDefaults"
  | "destinations.setPrefixDefault"
> {
  return {
    "destinations.defaults": async () => ({ defaults: destinations.list() }),
    "destinations.setDefault": async ({ connectionId, destination }) => ({
      defaults: await destinations.set(connectionId, destination),
    }),
    "destinations.prefixDefaults": async () => ({ prefixes: prefixes.list() }),
    "destinations.setPrefixDefault": async ({ connectionId, prefix, destination }) => ({
      prefixes: await prefixes.set(connectionId, prefix, destination),
    }),
  };
}
