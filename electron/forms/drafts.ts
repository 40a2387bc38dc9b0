import { type FormDrafts, FormDraftsSchema, type SaveDraft } from "../../shared/uploads/drafts";
import { SettingsFile } from "../settings-file";

/**
 * `form-drafts.json` in the data folder: what the designer typed into the upload and
 * bucket-processing forms, written atomically on every save so a crash leaves the last one.
 */
export class FormDraftsService {
  private constructor(private readonly file: SettingsFile<FormDrafts>) {}

  static async open(file: string): Promise<FormDraftsService> {
    return new FormDraftsService(await SettingsFile.open(file, FormDraftsSchema, {}));
  }

  drafts(): FormDrafts {
    return this.file.get();
  }

  async save(input: SaveDraft): Promise<void> {
    await this.file.save({ ...this.file.get(), [input.form]: input.draft });
  }
}
