import { readFile, rename } from "node:fs/promises";
import { z } from "zod";
import { type MessageRef, messageRef } from "../../shared/error-messages";
import { type Preset, PresetSchema } from "../../shared/presets/preset";
import { writeFileAtomic } from "../fs-atomic";

const PresetFileSchema = z.object({ version: z.literal(1), presets: z.array(z.unknown()) });

export interface LoadedPresets {
  presets: Preset[];
  /** Set when the file was damaged: what was kept and where the original went. */
  problem: MessageRef | undefined;
}

/**
 * `presets.json` in the data folder. A damaged file is never overwritten: it is moved aside
 * (`presets.json.unreadable-<time>`) and the presets that could still be read are kept.
 */
export async function loadPresetFile(file: string): Promise<LoadedPresets> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { presets: [], problem: undefined };
    throw error;
  }
  const parsed = PresetFileSchema.safeParse(parseJson(text));
  const entries = parsed.success ? parsed.data.presets.map((raw) => PresetSchema.safeParse(raw)) : [];
  const presets = entries.flatMap((entry) => (entry.success ? [entry.data] : []));
  if (parsed.success && presets.length === entries.length) return { presets, problem: undefined };

  const aside = `${file}.unreadable-${Date.now()}`;
  await rename(file, aside);
  const problem = parsed.success
    ? messageRef("presets-file-damaged", { lost: entries.length - presets.length, aside })
    : messageRef("presets-file-unreadable", { aside });
  if (presets.length > 0) await savePresetFile(file, presets);
  return { presets, problem };
}

export function savePresetFile(file: string, presets: readonly Preset[]): Promise<void> {
  return writeFileAtomic(file, `${JSON.stringify({ version: 1, presets }, null, 2)}\n`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
