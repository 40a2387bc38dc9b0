import { FormDraftsSchema, SaveDraftSchema } from "../../uploads/drafts";
import { Empty } from "./common";

export const formChannels = {
  /** The drafts of the upload and bucket-processing forms, as last saved. */
  "forms.drafts": { input: Empty, output: FormDraftsSchema },
  /** Keeps one form's draft; the renderer saves a moment after the designer stops typing. */
  "forms.saveDraft": { input: SaveDraftSchema, output: Empty },
} as const;
