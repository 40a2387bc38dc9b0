import { type LinkTemplate, type LinkTemplates, LinkTemplatesSchema } from "../../shared/links/link-formats";
import { SettingsFile } from "../settings-file";

/** Each connection's own link templates, kept in `link-templates.json` in the data folder. */
export class LinkTemplatesService {
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly file: SettingsFile<LinkTemplates>) {}

  static async open(file: string): Promise<LinkTemplatesService> {
    return new LinkTemplatesService(await SettingsFile.open(file, LinkTemplatesSchema, {}));
  }

  for(connectionId: string): LinkTemplate[] {
    return this.file.get()[connectionId] ?? [];
  }

  /** Replaces the connection's templates; written before it is answered, one change at a time. */
  async set(connectionId: string, templates: LinkTemplate[]): Promise<LinkTemplate[]> {
    const run = this.#queue.then(() => this.file.save({ ...this.file.get(), [connectionId]: templates }));
    this.#queue = run.catch(() => undefined);
    return (await run)[connectionId] ?? [];
  }
}
