import type { Gravity, ImageMogr2Stage, Mogr2Op, Pipeline, Stage } from "../../../shared/rules";
import { watermarkImageUrl } from "./watermark-image";

/**
 * The builder's view of a rule: one step per thing the designer does, in order. Each
 * imageMogr2 operation is a step of its own (a crop carries the gravity written right
 * after it); every other stage is one step.
 */
export type Step =
  | { kind: "op"; op: Mogr2Op; gravity?: Gravity }
  | { kind: "stage"; stage: Exclude<Stage, ImageMogr2Stage> };

/** What a step is, as the palette and the step titles name it. */
export type StepKind =
  | Exclude<Mogr2Op["op"], "quality">
  | "quality"
  | "imageView2"
  | "watermark/1"
  | "watermark/2"
  | "blindWatermark"
  | "imageSlim"
  | "style"
  | "opaque";

export function stepKind(step: Step): StepKind {
  if (step.kind === "op") return step.op.op;
  const { stage } = step;
  if (stage.kind === "watermark") return stage.type === 1 ? "watermark/1" : "watermark/2";
  return stage.kind;
}

export function stepsFromPipeline(pipeline: Pipeline): Step[] {
  const steps: Step[] = [];
  for (const stage of pipeline.stages) {
    if (stage.kind !== "imageMogr2") {
      steps.push({ kind: "stage", stage });
      continue;
    }
    let crop: Step | undefined;
    for (const op of stage.ops) {
      if (op.op === "gravity" && crop?.kind === "op" && crop.gravity === undefined) {
        crop.gravity = op.gravity;
        crop = undefined;
        continue;
      }
      const step: Step = { kind: "op", op };
      crop = op.op === "crop" ? step : undefined;
      steps.push(step);
    }
  }
  return steps;
}

/**
 * Neighbouring operation steps share one imageMogr2 stage: that is what the designer
 * expects from `thumbnail` then `format`, and it keeps the pipeline under its stage limit.
 */
export function pipelineFromSteps(steps: readonly Step[]): Pipeline {
  const stages: Stage[] = [];
  let mogr2: ImageMogr2Stage | undefined;
  for (const step of steps) {
    if (step.kind === "stage") {
      stages.push(step.stage);
      mogr2 = undefined;
      continue;
    }
    if (!mogr2) {
      mogr2 = { kind: "imageMogr2", ops: [] };
      stages.push(mogr2);
    }
    mogr2.ops.push(step.op);
    if (step.gravity !== undefined) mogr2.ops.push({ op: "gravity", gravity: step.gravity });
  }
  return { stages };
}

export function moveStep<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length || from === to) return [...items];
  const moved = [...items];
  const [item] = moved.splice(from, 1);
  if (item !== undefined) moved.splice(to, 0, item);
  return moved;
}

/** Where new steps point at by default: the active connection's bucket. */
export interface BucketPlace {
  bucket: string;
  region: string;
}

/** The palette: what a new step starts as, a sensible everyday value for each. */
export const PALETTE: readonly { kind: StepKind; make(place: BucketPlace): Step }[] = [
  { kind: "thumbnail", make: () => op({ op: "thumbnail", geometry: { mode: "fit", width: 800 } }) },
  { kind: "crop", make: () => ({ ...op({ op: "crop", width: 600, height: 600 }), gravity: "center" }) },
  { kind: "cut", make: () => op({ op: "cut", width: 600, height: 400, dx: 0, dy: 0 }) },
  { kind: "rotate", make: () => op({ op: "rotate", degrees: 90 }) },
  { kind: "auto-orient", make: () => op({ op: "auto-orient" }) },
  { kind: "format", make: () => op({ op: "format", format: "webp" }) },
  {
    kind: "quality",
    make: () => op({ op: "quality", quality: { kind: "absolute", value: 80, force: false } }),
  },
  { kind: "blur", make: () => op({ op: "blur", radius: 3, sigma: 2 }) },
  { kind: "sharpen", make: () => op({ op: "sharpen", amount: 70 }) },
  { kind: "bright", make: () => op({ op: "bright", amount: 10 }) },
  { kind: "contrast", make: () => op({ op: "contrast", amount: 10 }) },
  { kind: "grayscale", make: () => op({ op: "grayscale", enabled: true }) },
  { kind: "strip", make: () => op({ op: "strip" }) },
  { kind: "interlace", make: () => op({ op: "interlace", enabled: true }) },
  {
    kind: "imageView2",
    make: () => ({ kind: "stage", stage: { kind: "imageView2", mode: 2, width: 800, unknown: [] } }),
  },
  {
    kind: "watermark/2",
    make: () => ({
      kind: "stage",
      stage: { kind: "watermark", type: 2, text: "Picops", fontsize: 24, fill: "#FFFFFF", unknown: [] },
    }),
  },
  {
    kind: "watermark/1",
    make: ({ bucket, region }) => ({
      kind: "stage",
      stage: {
        kind: "watermark",
        type: 1,
        imageUrl: watermarkImageUrl(bucket, region, "watermark.png"),
        gravity: "southeast",
        unknown: [],
      },
    }),
  },
];

function op(value: Mogr2Op): Step {
  return { kind: "op", op: value };
}
