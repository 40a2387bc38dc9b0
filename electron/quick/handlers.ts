import type { Handlers } from "../ipc/router";
import type { QuickUploads } from "./service";

export function quickHandlers(quick: QuickUploads): Pick<Handlers, "uploads.quick"> {
  return {
    "uploads.quick": async ({ sources, prefix }) => quick.start(sources, prefix),
  };
}
