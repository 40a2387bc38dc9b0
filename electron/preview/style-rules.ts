import { checkRule, type Pipeline, type Stage } from "../../shared/rules/index";

/** A style's rule text as the bucket holds it; undefined when the bucket has no such style. */
export type StyleLookup = (name: string) => Promise<string | undefined>;

/**
 * The pipeline with every `style/<name>` replaced by the stages of the bucket's rule for it,
 * as COS runs it, so the preview can follow the output's geometry through a style. Undefined
 * when a style cannot be followed: the bucket has no such style, its rule does not parse, or
 * it reaches itself again. A lookup that fails (COS unreachable) rejects.
 */
export async function inlineStyles(pipeline: Pipeline, lookup: StyleLookup): Promise<Pipeline | undefined> {
  const stages = await inline(pipeline.stages, lookup, new Set());
  return stages && { stages };
}

async function inline(
  stages: Stage[],
  lookup: StyleLookup,
  seen: ReadonlySet<string>,
): Promise<Stage[] | undefined> {
  const inlined: Stage[] = [];
  for (const stage of stages) {
    if (stage.kind !== "style") {
      inlined.push(stage);
      continue;
    }
    if (seen.has(stage.name)) return undefined;
    const body = await lookup(stage.name);
    if (body === undefined) return undefined;
    const { pipeline, diagnostics } = checkRule(body);
    if (diagnostics.some((diagnostic) => diagnostic.severity === "error")) return undefined;
    const inner = await inline(pipeline.stages, lookup, new Set([...seen, stage.name]));
    if (!inner) return undefined;
    inlined.push(...inner);
  }
  return inlined;
}
