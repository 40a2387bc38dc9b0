import type { Handlers } from "../ipc/router";
import type { ConnectionsService } from "./service";

export function connectionHandlers(
  service: ConnectionsService,
): Pick<
  Handlers,
  | "connections.list"
  | "connections.saveCos"
  | "connections.delete"
  | "connections.select"
  | "connections.test"
> {
  return {
    "connections.list": async () => service.list(),
    "connections.saveCos": async (input) => service.saveCos(input),
    "connections.delete": async ({ id }) => {
      await service.delete(id);
      return {};
    },
    "connections.select": async ({ id }) => {
      await service.select(id);
      return {};
    },
    "connections.test": async (input) => service.test(input),
  };
}
