import {
  type DestinationDefault,
  type DestinationDefaults,
  DestinationDefaultsSchema,
  destinationDefaultFor,
} from "../../shared/destinations/destination-default";
import { SettingsFile } from "../settings-file";

/**
 * Each connection's default (preset and naming), kept in `destination-defaults.json` in the
 * data folder. Changes are written before they are answered, one at a time.
 */
export class DestinationDefaultsService {
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly file: SettingsFile<DestinationDefaults>) {}

  static async open(file: string): Promise<DestinationDefaultsService> {
    return new DestinationDefaultsService(await SettingsFile.open(file, DestinationDefaultsSchema, {}));
  }

  list(): DestinationDefaults {
    return this.file.get();
  }

  /** The connection's saved default, or the standard one. */
  for(connectionId: string): DestinationDefault {
    return destinationDefaultFor(this.file.get(), connectionId);
  }

  set(connectionId: string, destination: DestinationDefault): Promise<DestinationDefaults> {
    const run = this.#queue.then(() => this.file.save({ ...this.file.get(), [connectionId]: destination }));
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
