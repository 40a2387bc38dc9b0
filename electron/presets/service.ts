import { randomUUID } from "node:crypto";
import { type MessageRef, messageRef } from "../../shared/error-messages";
import { PicopsError } from "../../shared/errors";
import type { PresetList } from "../../shared/ipc/channels/presets";
import {
  type ExchangedPreset,
  exportPresets,
  PRESET_NAME_MAX,
  type Preset,
  readPresetExchange,
  type SkippedPreset,
} from "../../shared/presets/preset";
import type { EventBus } from "../ipc/event-bus";
import { loadPresetFile, savePresetFile } from "./preset-file";

/**
 * The designer's presets: named rules kept in the data folder. Every change is written
 * before it is answered, one change at a time, and announced on `presets.changed`.
 */
export class PresetService {
  #presets: Preset[];
  readonly #problem: MessageRef | undefined;
  /** Serialises changes so two quick edits cannot write over each other. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly bus: EventBus | undefined,
    loaded: { presets: Preset[]; problem: MessageRef | undefined },
  ) {
    this.#presets = loaded.presets;
    this.#problem = loaded.problem;
  }

  static async open(file: string, bus?: EventBus): Promise<PresetService> {
    return new PresetService(file, bus, await loadPresetFile(file));
  }

  list(): PresetList {
    return this.#problem === undefined
      ? { presets: [...this.#presets] }
      : { presets: [...this.#presets], problem: this.#problem };
  }

  save(name: string, rule: string): Promise<Preset> {
    return this.#change(() => {
      const preset = this.#make(name, rule);
      return { presets: [...this.#presets, preset], answer: preset };
    });
  }

  rename(id: string, name: string): Promise<Preset> {
    return this.#change(() => {
      const renamed = { ...this.#find(id), name, updatedAt: new Date().toISOString() };
      return { presets: this.#presets.map((p) => (p.id === id ? renamed : p)), answer: renamed };
    });
  }

  /** A copy placed right after its original, named so the two can be told apart. */
  duplicate(id: string): Promise<Preset> {
    return this.#change(() => {
      const original = this.#find(id);
      const copy = this.#make(`${original.name} (copy)`.slice(0, PRESET_NAME_MAX), original.rule);
      const at = this.#presets.indexOf(original) + 1;
      return { presets: this.#presets.toSpliced(at, 0, copy), answer: copy };
    });
  }

  delete(id: string): Promise<void> {
    return this.#change(() => {
      this.#find(id);
      return { presets: this.#presets.filter((p) => p.id !== id), answer: undefined };
    });
  }

  export(): { fileName: string; mimeType: string; content: string } {
    return {
      fileName: "picops-presets.json",
      mimeType: "application/json",
      content: exportPresets(this.#presets),
    };
  }

  /** Adds every valid preset of an exported file; the others are reported with the reason. */
  import(content: string): Promise<{ added: Preset[]; skipped: SkippedPreset[] }> {
    const read = readPresetExchange(content);
    if ("problem" in read)
      return Promise.reject(
        new PicopsError("invalid-presets-file", read.problem.messageId, read.problem.values),
      );
    return this.#change(() => {
      const skipped = [...read.skipped];
      const added: Preset[] = [];
      for (const { index, preset } of read.presets) {
        if (this.#has(preset, added)) {
          skipped.push({ index, name: preset.name, reason: messageRef("preset-already-saved") });
        } else {
          added.push(this.#make(preset.name, preset.rule));
        }
      }
      skipped.sort((a, b) => a.index - b.index);
      return { presets: [...this.#presets, ...added], answer: { added, skipped } };
    });
  }

  /** Saves those of `presets` not saved yet (same name and rule), such as a first run's starters. */
  addUnsaved(presets: readonly ExchangedPreset[]): Promise<Preset[]> {
    return this.#change(() => {
      const added: Preset[] = [];
      for (const preset of presets)
        if (!this.#has(preset, added)) added.push(this.#make(preset.name, preset.rule));
      return { presets: added.length === 0 ? this.#presets : [...this.#presets, ...added], answer: added };
    });
  }

  #has(preset: ExchangedPreset, added: Preset[]): boolean {
    return [...this.#presets, ...added].some((p) => p.name === preset.name && p.rule === preset.rule);
  }

  #make(name: string, rule: string): Preset {
    return { id: randomUUID(), name, rule, updatedAt: new Date().toISOString() };
  }

  #find(id: string): Preset {
    const preset = this.#presets.find((p) => p.id === id);
    if (!preset) throw new PicopsError("not-found", "preset-gone");
    return preset;
  }

  #change<T>(compute: () => { presets: Preset[]; answer: T }): Promise<T> {
    const run = this.#queue.then(async () => {
      const { presets, answer } = compute();
      if (presets !== this.#presets) {
        await savePresetFile(this.file, presets);
        this.#presets = presets;
        this.bus?.emit("presets.changed", this.list());
      }
      return answer;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
