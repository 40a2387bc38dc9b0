import { setTimeout as settle } from "node:timers/promises";
import { PicopsError, ThrownAppError } from "../../shared/errors";
import type {
  PreviewAfter,
  PreviewAnswer,
  PreviewBefore,
  PreviewProducer,
  PreviewRequest,
} from "../../shared/ipc/channels/preview";
import { checkRule, type Pipeline } from "../../shared/rules/index";
import { processImage } from "../engine/index";
import { uprightSize } from "../engine/plan";
import { MEDIA_BUDGET_BYTES, type MediaStore } from "../media/media-store";
import { keptRegion, scaleRegion } from "./kept-region";
import { OneRunPerView } from "./one-run";
import { readPicture } from "./picture";
import { type LoadedSample, SampleLibrary, type SampleSources } from "./samples";
import { inlineStyles } from "./style-rules";
import { PreviewTurns, untilSuperseded } from "./turns";

export interface PreviewServiceDeps extends SampleSources {
  media: MediaStore;
  /**
   * How long the designer must stop typing before the original itself is processed. A
   * full-resolution libvips pass cannot be interrupted once started, so starting one per
   * keystroke would slow down the working-copy runs the designer is waiting for.
   */
  settleMs?: number;
}

/**
 * Before/after previews of a rule on a sample: by the local engine (on a downscaled working
 * copy while the designer types, then on the original for the real sizes), or by COS
 * itself through download-time processing (nothing is stored in the bucket).
 */
export class PreviewService {
  readonly #turns = new PreviewTurns();
  readonly #typingRuns = new OneRunPerView();
  readonly #samples: SampleLibrary;
  readonly #beforeUrls = new WeakMap<LoadedSample, string>();

  constructor(private readonly deps: PreviewServiceDeps) {
    this.#samples = new SampleLibrary(deps);
  }

  async render(request: PreviewRequest): Promise<PreviewAnswer> {
    const turn = this.#turns.begin(request.view, request.seq);
    try {
      const sample = await untilSuperseded(this.#samples.get(request.sample), turn.signal);
      const after = await this.#after(request, sample, turn.signal);
      return { seq: request.seq, before: this.#before(sample), after };
    } finally {
      turn.end();
    }
  }

  #before(sample: LoadedSample): PreviewBefore {
    const { facts, working } = sample;
    let url = this.#beforeUrls.get(sample);
    if (!url || !this.deps.media.get(url)) {
      url = working
        ? this.deps.media.put(working.data, working.mimeType)
        : this.deps.media.put(sample.original, facts.mimeType);
      this.#beforeUrls.set(sample, url);
    }
    // The sizes of the pictures as they are shown (upright by their EXIF orientation): the comparison's geometry.
    const shown = uprightSize(facts, facts.orientation);
    const before: PreviewBefore = {
      url,
      format: facts.format,
      width: shown.width,
      height: shown.height,
      bytes: sample.original.length,
    };
    if (working) before.working = { ...uprightSize(working, working.orientation), bytes: working.size };
    return before;
  }

  async #after(request: PreviewRequest, sample: LoadedSample, signal: AbortSignal): Promise<PreviewAfter> {
    const { producer } = request;
    const { pipeline, diagnostics } = checkRule(request.rule);
    const invalid = diagnostics.find((diagnostic) => diagnostic.severity === "error");
    if (invalid) {
      const column = invalid.span.start + 1;
      return problem(
        producer,
        new PicopsError("invalid-rule", "rule-invalid-at", { column }, { path: [column] }),
      );
    }
    try {
      const made =
        producer === "cos" ? this.#byCos(request, signal) : this.#byEngine(request, sample, pipeline, signal);
      const followed = this.#followedThroughStyles(request, pipeline, signal);
      const { after, orientation } = await made;
      return withRegion(after, await followed, sample, orientation);
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (error instanceof ThrownAppError) return problem(producer, error);
      throw error;
    }
  }

  async #byEngine(
    request: PreviewRequest,
    sample: LoadedSample,
    pipeline: Pipeline,
    signal: AbortSignal,
  ): Promise<Made> {
    const working = request.resolution === "working" ? sample.working : undefined;
    const onOriginal = working === undefined;
    if (sample.working && onOriginal) await settle(this.deps.settleMs ?? 300, undefined, { signal });
    const input = working ? working.data : sample.original;
    // The working copy is a quick look while the designer types: the original's run, after, reports COS's sizes.
    const options = { quickEncode: !onOriginal };
    // Typing's runs go one at a time, newest first; the full run waits for the designer to stop instead.
    const output =
      request.resolution === "working"
        ? await this.#typingRuns.run(request.view, signal, () => processImage(input, pipeline, options))
        : await processImage(input, pipeline, { ...options, signal });
    if (signal.aborted) throw signal.reason;
    const after: ImageAfter = {
      kind: "image",
      producer: "local",
      scope: onOriginal ? "original" : "working-copy",
      url: this.deps.media.put(output.data, output.mimeType),
      format: output.format,
      width: output.width,
      height: output.height,
      bytes: output.size,
    };
    return { after, orientation: output.orientation };
  }

  /**
   * The rule whose geometry the comparison follows: for COS's run, each `style/<name>` as the
   * bucket's rule for it (looked up beside the run). Where a style cannot be looked up, the
   * rule stays as written and its region is unknown. Never rejects: only the outline is at stake.
   */
  async #followedThroughStyles(
    request: PreviewRequest,
    pipeline: Pipeline,
    signal: AbortSignal,
  ): Promise<Pipeline> {
    const { sample } = request;
    if (request.producer !== "cos" || sample.kind !== "object") return pipeline;
    if (!pipeline.stages.some((stage) => stage.kind === "style")) return pipeline;
    try {
      const { client } = await this.deps.connection();
      const lookup = async (name: string) => {
        const styles = await client.listStyles({ bucket: sample.bucket, name, signal });
        return styles.find((style) => style.name === name)?.body;
      };
      return (await inlineStyles(pipeline, lookup)) ?? pipeline;
    } catch {
      return pipeline;
    }
  }

  async #byCos(request: PreviewRequest, signal: AbortSignal): Promise<Made> {
    const { sample, rule } = request;
    if (sample.kind !== "object") {
      throw new PicopsError("invalid-input", "preview-needs-object");
    }
    const { client } = await this.deps.connection();
    const image = await client.getProcessedImage({
      bucket: sample.bucket,
      key: sample.key,
      rule,
      signal,
      maxBytes: MEDIA_BUDGET_BYTES,
    });
    const facts = await readPicture(image.bytes, signal);
    const after: ImageAfter = {
      kind: "image",
      producer: "cos",
      scope: "original",
      url: this.deps.media.put(image.bytes, facts.mimeType),
      format: facts.format,
      width: facts.width,
      height: facts.height,
      bytes: image.bytes.length,
    };
    return { after, orientation: facts.orientation };
  }
}

/** An after image and the EXIF orientation its viewer turns it by. */
interface Made {
  after: ImageAfter;
  orientation: number;
}

type ImageAfter = Extract<PreviewAfter, { kind: "image" }>;

/**
 * Adds where the output lies on the original as both are shown (upright), measured on the
 * picture the rule ran on.
 */
function withRegion(
  after: ImageAfter,
  pipeline: Pipeline,
  sample: LoadedSample,
  orientation: number,
): PreviewAfter {
  const { facts, working } = sample;
  const ranOn = after.scope === "working-copy" && working ? working : facts;
  const kept = keptRegion(pipeline, ranOn, { input: ranOn.orientation, output: orientation });
  if (kept.kind === "unknown") return { ...after, regionUnknown: true };
  if (kept.kind === "whole") return after;
  const from = uprightSize(ranOn, ranOn.orientation);
  return { ...after, region: scaleRegion(kept.region, from, uprightSize(facts, facts.orientation)) };
}

function problem(producer: PreviewProducer, error: ThrownAppError): PreviewAfter {
  return { kind: "problem", producer, error: error.toAppError() };
}
