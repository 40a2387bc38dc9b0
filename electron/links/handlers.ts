import type { Handlers } from "../ipc/router";
import type { LinkService } from "./service";
import type { LinkTemplatesService } from "./templates";

export function linkHandlers(
  links: LinkService,
  templates: LinkTemplatesService,
): Pick<Handlers, "links.make" | "links.templates" | "links.setTemplates"> {
  return {
    "links.make": (request) => links.make(request),
    "links.templates": async ({ connectionId }) => ({ templates: templates.for(connectionId) }),
    "links.setTemplates": async ({ connectionId, templates: list }) => ({
      templates: await templates.set(connectionId, list),
    }),
  };
}
