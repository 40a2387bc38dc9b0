import type { Handlers } from "../ipc/router";
import type { FormDraftsService } from "./drafts";

export function formHandlers(drafts: FormDraftsService): Pick<Handlers, "forms.drafts" | "forms.saveDraft"> {
  return {
    "forms.drafts": async () => drafts.drafts(),
    "forms.saveDraft": async (input) => {
      await drafts.save(input);
      return {};
    },
  };
}
