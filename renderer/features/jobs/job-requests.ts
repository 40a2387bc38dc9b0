import type { CloudJobRequest, OUTPUT_VARIABLES } from "../../../shared/cos/ci-jobs";
import type { RuleSlot } from "../../../shared/uploads/options";
import { outputFormatOf } from "../../../shared/uploads/plan";

/** A CI output variable as a job's key template writes it: `${InputName}`. */
const variable = (name: (typeof OUTPUT_VARIABLES)[number]) => `\${${name}}`;

/**
 * A rule slot's output name (`{name}_1.{format}`, `/thumbs/{name}.png`) as a job's output key
 * template (`${InputPath}${InputName}_1.png`): the same keys the local loop would write. A
 * relative name sits beside its input, as COS resolves a relative fileid.
 */
export function jobOutputTemplate(fileid: string, rule: string): string {
  const absolute = fileid.startsWith("/");
  const format = outputFormatOf(rule);
  const filled = (absolute ? fileid.slice(1) : fileid)
    .replaceAll("{dir}/", variable("InputPath"))
    .replaceAll("{dir}", variable("InputPath"))
    .replaceAll("{key}", variable("InputPath") + variable("InputNameAndExt"))
    .replaceAll("{name}", variable("InputName"))
    .replaceAll("{ext}", variable("ext"))
    .replaceAll("{format}", format ?? variable("ext"));
  return absolute ? filled : variable("InputPath") + filled;
}

export interface CloudJobScope {
  /** A folder (`prefix`), one object, or the selected `keys`. */
  input: CloudJobRequest["input"];
  bucket: string;
  region: string;
  rules: readonly RuleSlot[];
  isPicInfo: boolean;
  /** Names the jobs: they show in COS's list beside jobs started elsewhere. */
  now: Date;
}

/** One job per rule slot: a job runs one rule over every input. */
export function cloudJobRequests(scope: CloudJobScope): CloudJobRequest[] {
  const stamp = scope.now.toISOString().replace(/\D/g, "").slice(0, 14);
  return scope.rules.map((slot, index) => ({
    name: `picops-${stamp}-${index + 1}`,
    input: scope.input,
    processRule: slot.rule.trim(),
    isPicInfo: scope.isPicInfo,
    output: {
      region: scope.region,
      bucket: slot.bucket ?? scope.bucket,
      object: jobOutputTemplate(slot.fileid.trim(), slot.rule.trim()),
    },
  }));
}
