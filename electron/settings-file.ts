import { readFile, rename } from "node:fs/promises";
import type { z } from "zod";
import { writeFileAtomic } from "./fs-atomic";

/**
 * One JSON file of settings in the data folder, read through its schema. A missing file
 * means the defaults; a damaged one is moved aside (`<file>.unreadable-<time>`), never
 * overwritten, and the defaults are used until the next save.
 */
export class SettingsFile<T> {
  private constructor(
    private readonly file: string,
    private readonly schema: z.ZodType<T>,
    private value: T,
  ) {}

  static async open<T>(file: string, schema: z.ZodType<T>, defaults: T): Promise<SettingsFile<T>> {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      return new SettingsFile(file, schema, defaults);
    }
    const parsed = schema.safeParse(parseJson(text));
    if (parsed.success) return new SettingsFile(file, schema, parsed.data);
    await rename(file, `${file}.unreadable-${Date.now()}`);
    return new SettingsFile(file, schema, defaults);
  }

  get(): T {
    return this.value;
  }

  async save(value: T): Promise<T> {
    const checked = this.schema.parse(value);
    await writeFileAtomic(this.file, `${JSON.stringify(checked, null, 2)}\n`);
    this.value = checked;
    return checked;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
