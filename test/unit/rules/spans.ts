import type { Pipeline } from "../../../shared/rules";

/** The tree without spans: what a hand-built tree (the builder's) looks like. */
export function withoutSpans(pipeline: Pipeline): Pipeline {
  return JSON.parse(
    JSON.stringify(pipeline, (key, value) =>
      key === "span" || key === "valueSpan" || key === "paramSpans" ? undefined : value,
    ),
  );
}
