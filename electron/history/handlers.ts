import type { Handlers } from "../ipc/router";
import type { HistoryService } from "./service";

export function historyHandlers(
  history: HistoryService,
): Pick<Handlers, "history.search" | "history.objectsToDelete" | "history.remove"> {
  return {
    "history.search": async ({ query }) => ({ entries: await history.search(query) }),
    "history.objectsToDelete": async ({ entryIds }) => ({ objects: history.objectsToDelete(entryIds) }),
    "history.remove": ({ entryIds, deleteObjects }) => history.remove(entryIds, deleteObjects),
  };
}
