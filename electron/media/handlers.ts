import type { Handlers } from "../ipc/router";
import type { Thumbnails } from "./thumbnails";

export function mediaHandlers(
  thumbnails: Thumbnails,
  activeConnectionId: () => string,
): Pick<Handlers, "media.thumbnail"> {
  return {
    "media.thumbnail": async (input) => ({
      url: await thumbnails.get({ ...input, connectionId: activeConnectionId() }),
    }),
  };
}
