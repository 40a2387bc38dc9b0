import type { Handlers } from "../ipc/router";
import type { FirstRunState } from "./first-run-state";

export function firstRunHandlers(state: FirstRunState): Pick<Handlers, "tour.state" | "tour.markSeen"> {
  return {
    "tour.state": async () => ({ seen: state.tourSeen }),
    "tour.markSeen": async () => {
      await state.markTourSeen();
      return {};
    },
  };
}
