import { PicopsError } from "../../shared/errors";
import type { ImageView2Stage } from "../../shared/rules/ast";
import { view2Plan } from "./geometry";
import { assertResolution } from "./limits";
import type { WorkState } from "./mogr2";
import { canvasHasAlpha, openCanvas, pending, settle } from "./picture";

/** imageView2: one resize (and the centre crop of modes 1 and 5) in a single pass; none without a mode. */
export async function runView2(
  stage: ImageView2Stage,
  state: WorkState,
  signal?: AbortSignal,
): Promise<WorkState> {
  const [unknown] = stage.unknown;
  if (unknown) {
    throw new PicopsError("not-supported-locally", "view2-parameter-not-local", { name: unknown.name });
  }
  if (stage.mode === undefined && (stage.width !== undefined || stage.height !== undefined)) {
    throw new PicopsError("InvalidArgument", "view2-size-without-mode");
  }
  const plan = view2Plan({ width: state.canvas.width, height: state.canvas.height }, stage);
  assertResolution(plan.resize.width, plan.resize.height);
  const unchanged = plan.resize.width === state.canvas.width && plan.resize.height === state.canvas.height;
  if (unchanged && !plan.crop) return state;
  const canvas = await settle(state.canvas, signal);
  let pipeline = openCanvas(canvas).resize(plan.resize.width, plan.resize.height, { fit: "fill" });
  if (plan.crop) pipeline = pipeline.extract(plan.crop);
  const output = plan.crop ?? plan.resize;
  return {
    ...state,
    canvas: pending(pipeline, { width: output.width, height: output.height, alpha: canvasHasAlpha(canvas) }),
  };
}
