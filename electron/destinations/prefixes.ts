import {
  type DestinationDefault,
  type PrefixDefaults,
  PrefixDefaultsSchema,
} from "../../shared/destinations/destination-default";
import { SettingsFile } from "../settings-file";

/**
 * Each connection's defaults by key prefix, kept in `destination-prefixes.json` beside the
 * connection defaults. Changes are written before they are answered, one at a time.
 */
export class PrefixDefaultsService {
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly file: SettingsFile<PrefixDefaults>) {}

  static async open(file: string): Promise<PrefixDefaultsService> {
    return new PrefixDefaultsService(await SettingsFile.open(file, PrefixDefaultsSchema, {}));
  }

  list(): PrefixDefaults {
    return this.file.get();
  }

  /** Sets the prefix's default, or removes it when `destination` is null. */
  set(connectionId: string, prefix: string, destination: DestinationDefault | null): Promise<PrefixDefaults> {
    const run = this.#queue.then(() => {
      const all = this.file.get();
      const { [prefix]: _replaced, ...others } = all[connectionId] ?? {};
      const mine = destination ? { ...others, [prefix]: destination } : others;
      return this.file.save({ ...all, [connectionId]: mine });
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
