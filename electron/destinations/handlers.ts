import type { Handlers } from "../ipc/router";
import type { DestinationDefaultsService } from "./service";

export function destinationHandlers(
  destinations: DestinationDefaultsService,
): Pick<Handlers, "destinations.defaults" | "destinations.setDefault"> {
  return {
    "destinations.defaults": async () => ({ defaults: destinations.list() }),
    "destinations.setDefault": async ({ connectionId, destination }) => ({
      defaults: await destinations.set(connectionId, destination),
    }),
  };
}
