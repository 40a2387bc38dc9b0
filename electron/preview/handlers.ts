import type { Handlers } from "../ipc/router";
import type { PreviewService } from "./service";

export function previewHandlers(service: PreviewService): Pick<Handlers, "preview.render"> {
  return {
    "preview.render": (request) => service.render(request),
  };
}
