import { createStore, type StoreApi } from "zustand/vanilla";
import { codeSet } from "../../../shared/error-codes";
import type { AppError } from "../../../shared/errors";
import type { PreviewAnswer, PreviewProducer, PreviewSample } from "../../../shared/ipc/channels/preview";
import type { RuleSlot } from "../../../shared/uploads/options";
import { type ApiClient, ApiError, failureOf } from "../../api";

export type { PreviewSample };
export type ComparisonMode = "slider" | "side-by-side" | "toggle";
/** Fit the window, or the original's pixels drawn at 100, 200 or 400 %. */
export type Zoom = "fit" | "100" | "200" | "400";

/** A rule the preview runs: the Rules tab's draft, or one slot of an upload or of processing in the bucket. */
export interface PreviewRule {
  rule: string;
  /** The output name the slot writes; absent for the draft. */
  fileid?: string;
  /** The slot's place (0-based) among the job's rules; absent for the draft. */
  slot?: number;
  /** No rule at all (a job without rules): the original is shown alone, as it will be stored. */
  none?: true;
}

const NO_RULE: PreviewRule = { rule: "", none: true };

/** The rules of a job (an upload, processing in the bucket), as the form that owns them holds them. */
interface Job {
  rules: RuleSlot[];
  /** Only this slot, when its own Preview button was pressed. */
  only?: number;
  /** Who chose the job (a form's id): only it keeps the rules current as they are edited. */
  owner: string;
}

/** One rule's output on the sample. */
export interface PreviewOutput {
  rule: PreviewRule;
  /** The answer on screen: never replaced by an answer to an older request. */
  answer: PreviewAnswer | undefined;
  /** Set when the sample itself could not be loaded. */
  error: AppError | undefined;
  /** A newer request than the one shown is on its way. */
  updating: boolean;
  /** The working-copy answer is shown and the full-size run is on its way. */
  measuring: boolean;
}

/** Where the eye is: the point of the original (0–1 of its width and height) at the middle of the view. */
export interface Focus {
  x: number;
  y: number;
}

export interface PreviewState {
  sample: PreviewSample | undefined;
  job: Job | undefined;
  /** The Rules tab's draft while that tab is shown: it is previewed instead of the job. */
  draft: string | undefined;
  /** One per rule shown, in the job's order. */
  outputs: PreviewOutput[];
  /** The output compared with the original. */
  selected: number;
  producer: PreviewProducer;
  mode: ComparisonMode;
  zoom: Zoom;
  /** Nearest-neighbour drawing when zoomed in, for pixel peeping. */
  pixelated: boolean;
  /** In toggle mode: which side is shown. */
  showBefore: boolean;
  /** Slider mode: where the divider stands, 0–100 % from the left of the view (before on its left). */
  divider: number;
  /** Shared by every pane, so both sides always show the same part of the scene. */
  focus: Focus;

  /**
   * A sample with the rules of the job it belongs to: a file with its upload's, an object
   * picked in the bucket with processing in the bucket's.
   */
  previewJob(sample: PreviewSample, rules: RuleSlot[], owner: string): void;
  /** One slot of a job's rules, on the sample already picked. */
  previewSlot(rules: RuleSlot[], index: number, owner: string): void;
  /** The job's form changed its rules: the preview follows while that form owns it. */
  followRules(rules: RuleSlot[], owner: string): void;
  /** The Rules tab shows (a rule) or hides (undefined) its draft. */
  showDraft(rule: string | undefined): void;
  select(index: number): void;
  set(
    patch: Partial<
      Pick<PreviewState, "producer" | "mode" | "zoom" | "pixelated" | "showBefore" | "divider" | "focus">
    >,
  ): void;
}

export type PreviewStore = StoreApi<PreviewState>;

/** Answers that only say "a newer request took over": nothing to show. */
const STALE = codeSet("superseded", "aborted");

/**
 * The rules the preview shows for a state: the draft on the Rules tab, else one slot when
 * its Preview was pressed, else the job's written rules; with none, the original is shown alone.
 */
export function shownRules(state: Pick<PreviewState, "draft" | "job">): PreviewRule[] {
  if (state.draft !== undefined) return [{ rule: state.draft }];
  const { job } = state;
  if (!job) return [NO_RULE];
  const all = job.rules.map((slot, index) => ({ rule: slot.rule, fileid: slot.fileid, slot: index }));
  const only = job.only === undefined ? undefined : all[job.only];
  if (only) return [only];
  // A slot still blank is not a rule that will run: the job's form says so, not the preview.
  const written = all.filter((slot) => slot.rule.trim() !== "");
  return written.length > 0 ? written : [NO_RULE];
}

/**
 * The before/after preview: which sample, which rules, every output's answer, and how they
 * are compared. It owns the preview calls: each rule's requests supersede only each other.
 */
export function createPreviewStore(api: ApiClient): PreviewStore {
  /** This window's name for the main process; each rule shown is its own view of it. */
  const view = crypto.randomUUID();
  let lastAsked = 0;
  /** Per output: the newest request sent and the one whose answer is shown. */
  let turns: { asked: number; shown: number; key: string }[] = [];

  return createStore<PreviewState>()((set, get) => {
    const patchOutput = (index: number, seq: number, patch: Partial<PreviewOutput>) => {
      const turn = turns[index];
      if (!turn || seq < turn.shown) return false;
      turn.shown = seq;
      const outputs = get().outputs.map((output, i) =>
        i === index ? { ...output, ...patch, updating: seq !== turn.asked } : output,
      );
      set({ outputs });
      return true;
    };

    const run = async (index: number, sample: PreviewSample, rule: string, producer: PreviewProducer) => {
      lastAsked += 1;
      const seq = lastAsked;
      const turn = turns[index];
      if (turn) turn.asked = seq;
      const request = { view: `${view}:${index}`, seq, sample, rule, producer };
      try {
        const answer = await api.call("preview.render", { ...request, resolution: "working" });
        const measuring = answer.after.kind === "image" && answer.after.scope === "working-copy";
        if (!patchOutput(index, seq, { answer, error: undefined, measuring }) || !measuring) return;
        const full = await api.call("preview.render", { ...request, resolution: "full" });
        if (turns[index]?.shown !== seq) return;
        patchOutput(index, seq, { answer: full, measuring: false });
      } catch (error) {
        if (error instanceof ApiError && STALE.has(error.code)) return;
        patchOutput(index, seq, { error: failureOf(error), measuring: false });
      }
    };

    /** Asks again for every output whose sample, rule or producer changed; keeps the rest. */
    const refresh = (sampleChanged: boolean) => {
      const { sample, producer } = get();
      // COS can only process what is in a bucket; a file on this computer goes to the local engine.
      const by = sample?.kind === "object" ? producer : "local";
      const rules = shownRules(get());
      if (sampleChanged) turns = [];
      const previous = get().outputs;
      const outputs = rules.map((rule, index): PreviewOutput => {
        const kept = sampleChanged ? undefined : previous[index];
        return { answer: undefined, error: undefined, measuring: false, updating: false, ...kept, rule };
      });
      const changed: number[] = [];
      rules.forEach((rule, index) => {
        const key = JSON.stringify([rule.rule, by]);
        const turn = turns[index];
        if (turn?.key === key) return;
        turns[index] = { asked: turn?.asked ?? 0, shown: turn?.shown ?? 0, key };
        changed.push(index);
      });
      turns.length = rules.length;
      const selected = Math.min(get().selected, Math.max(0, rules.length - 1));
      set({
        outputs: outputs.map((output, index) =>
          sample && changed.includes(index) ? { ...output, updating: true } : output,
        ),
        selected,
      });
      if (!sample) return;
      for (const index of changed) {
        const rule = rules[index];
        if (rule) void run(index, sample, rule.rule, by);
      }
    };

    const sameSample = (a: PreviewSample | undefined, b: PreviewSample | undefined) =>
      JSON.stringify(a) === JSON.stringify(b);

    return {
      sample: undefined,
      job: undefined,
      draft: undefined,
      outputs: [],
      selected: 0,
      producer: "local",
      mode: "slider",
      zoom: "fit",
      pixelated: false,
      showBefore: false,
      divider: 50,
      focus: { x: 0.5, y: 0.5 },

      previewJob(sample, rules, owner) {
        const sampleChanged = !sameSample(sample, get().sample);
        const { job } = get();
        // The same pick again (a listing page re-read the object): a slot being looked at stays.
        if (!sampleChanged && job?.owner === owner && job.rules === rules) return;
        set({ sample, job: { rules, owner }, selected: 0 });
        if (sampleChanged) set({ focus: { x: 0.5, y: 0.5 } });
        refresh(sampleChanged);
      },

      previewSlot(rules, index, owner) {
        set({ job: { rules, only: index, owner }, selected: 0 });
        refresh(false);
      },

      followRules(rules, owner) {
        const { job } = get();
        if (job?.owner !== owner || job.rules === rules) return;
        const only = job.only !== undefined && job.only < rules.length ? job.only : undefined;
        set({ job: { rules, owner, only } });
        refresh(false);
      },

      showDraft(rule) {
        if (get().draft === rule) return;
        set({ draft: rule, selected: rule === undefined ? get().selected : 0 });
        refresh(false);
      },

      select(index) {
        set({ selected: index, showBefore: false });
      },

      set(patch) {
        const producerChanged = patch.producer !== undefined && patch.producer !== get().producer;
        set(patch);
        if (producerChanged) refresh(false);
      },
    };
  });
}
