import { readFile } from "node:fs/promises";
import { z } from "zod";
import { writeFileAtomic } from "../fs-atomic";

const FirstRunFileSchema = z.object({ version: z.literal(1), tourSeen: z.boolean() });

/**
 * `first-run.json` in the data folder. Its absence is what makes a run the first: the
 * welcome work (starter presets) is done, then the file is written, so it happens once
 * per data folder even if the designer never finishes the tour.
 */
export class FirstRunState {
  #tourSeen: boolean;

  private constructor(
    private readonly file: string,
    tourSeen: boolean,
  ) {
    this.#tourSeen = tourSeen;
  }

  /** Reads the file; when there is none, runs `welcome` and then records the first run. */
  static async open(file: string, welcome: () => Promise<void>): Promise<FirstRunState> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      await welcome();
      const state = new FirstRunState(file, false);
      await state.#save();
      return state;
    }
    const parsed = FirstRunFileSchema.safeParse(parseJson(text));
    // A damaged file still means Picops ran here before: better no tour than a tour every start.
    return new FirstRunState(file, parsed.success ? parsed.data.tourSeen : true);
  }

  get tourSeen(): boolean {
    return this.#tourSeen;
  }

  async markTourSeen(): Promise<void> {
    if (this.#tourSeen) return;
    this.#tourSeen = true;
    await this.#save();
  }

  #save(): Promise<void> {
    return writeFileAtomic(this.file, `${JSON.stringify({ version: 1, tourSeen: this.#tourSeen })}\n`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
