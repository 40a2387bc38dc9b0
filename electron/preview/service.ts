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
import type { MediaStore } from "../media/media-store";
import { keptRegion, scaleRegion } from "./kept-region";
import { OneRunPerView } from "./one-run";
import { readPicture } from "./picture";
import { type LoadedSample, SampleLibrary, type SampleSources } from "./samples";
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
    const before: PreviewBefore = {
      url,
      format: facts.format,
      width: facts.width,
      height: facts.height,
      bytes: sample.original.length,
    };
    if (working) before.working = { width: working.width, height: working.height, bytes: working.size };
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
      const after =
        producer === "cos"
          ? await this.#byCos(request, signal)
          : await this.#byEngine(request, sample, pipeline, signal);
      return after.kind === "image" ? withRegion(after, pipeline, sample, after.scope) : after;
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
  ): Promise<PreviewAfter> {
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
    return {
      kind: "image",
      producer: "local",
      scope: onOriginal ? "original" : "working-copy",
      url: this.deps.media.put(output.data, output.mimeType),
      format: output.format,
      width: output.width,
      height: output.height,
      bytes: output.size,
    };
  }

  async #byCos(request: PreviewRequest, signal: AbortSignal): Promise<PreviewAfter> {
    const { sample, rule } = request;
    if (sample.kind !== "object") {
      throw new PicopsError("invalid-input", "preview-needs-object");
    }
    const { client } = await this.deps.connection();
    const image = await client.getProcessedImage({ bucket: sample.bucket, key: sample.key, rule, signal });
    const facts = await readPicture(image.bytes, signal);
    return {
      kind: "image",
      producer: "cos",
      scope: "original",
      url: this.deps.media.put(image.bytes, facts.mimeType),
      format: facts.format,
      width: facts.width,
      height: facts.height,
      bytes: image.bytes.length,
    };
  }
}

/** Adds the part of the original the output shows, measured on the picture the rule ran on. */
function withRegion(
  after: Extract<PreviewAfter, { kind: "image" }>,
  pipeline: Pipeline,
  sample: LoadedSample,
  scope: "working-copy" | "original",
): PreviewAfter {
  const original = sample.facts;
  const input = scope === "working-copy" && sample.working ? sample.working : original;
  const region = keptRegion(pipeline, input);
  return region ? { ...after, region: scaleRegion(region, input, original) } : after;
}

function problem(producer: PreviewProducer, error: ThrownAppError): PreviewAfter {
  return { kind: "problem", producer, error: error.toAppError() };
}
