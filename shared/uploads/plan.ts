import { z } from "zod";
import { objectKeyProblem } from "../cos/names";
import { MessageRefSchema } from "../error-messages";
import {
  howRuleRunsLocally,
  type LocalRun,
  type PicOperations,
  PicOperationsSchema,
  parseRule,
  resolveFileId,
  validatePicOperations,
} from "../rules";
import { FileKindSchema } from "./file-kinds";
import { expandFileIdTemplate } from "./fileid-template";
import { expandKeyTemplate } from "./key-template";
import type { ProcessOptions, RuleSlot, UploadOptions } from "./options";

/**
 * The plan shown before a batch runs: every original key and every result key it will
 * write, with what each would overwrite. Pure, so the renderer can redraw it as options
 * change and the main process can run exactly what was shown.
 */

export interface PlanSource {
  /** The intake's id for the file. */
  id: string;
  /** Path relative to what was dropped, with `/` separators (`shoots/cat.jpg`). */
  relativePath: string;
  /** What a key template names the file with; the main process fixes them per file so every plan agrees. */
  naming?: NamingInputs;
  /** Hex MD5 of the file's bytes, when known: identical files of a batch are flagged. */
  md5?: string;
}

export interface NamingInputs {
  /** When the file joined the list: `{yyyy}`…`{ss}` and `{timestamp}`. */
  now: Date;
  /** Hex MD5 of its bytes, when the template names `{md5}`. */
  md5?: string;
  random(length: number): string;
  uuid(): string;
}

const PixelSizeSchema = z.object({ width: z.number(), height: z.number() });

const PlannedResultSchema = z.object({ bucket: z.string(), key: z.string() });
export type PlannedResult = z.infer<typeof PlannedResultSchema>;

export const PlanWarningSchema = z.object({
  kind: z.enum([
    "overwrites-original",
    "collides-in-batch",
    "overwrites-existing",
    /** The rule holds a Tencent codec or algorithm: only COS makes this result (501 locally). */
    "runs-only-in-cos",
    /** The rule holds one of CI's own algorithms, which the Local bucket and preview approximate. */
    "approximated-locally",
    /** The object at the original's key has this file's bytes (same MD5): nothing to send. */
    "already-there",
    /** Another file of the batch has the same bytes; `sameAs` is its original's key. */
    "identical-in-batch",
    /** The rule makes the output larger than the original in width or height (`from`, `to`). */
    "enlarges",
    /** Tried on a file of this kind (`sample`), the rule's output took more bytes than its input (`bytes`, scaled). */
    "larger-than-original",
  ]),
  bucket: z.string(),
  key: z.string(),
  /** For the local-run warnings: the operations concerned, as the rule writes them (`scrop, format/tpg`). */
  operations: z.string().optional(),
  sameAs: z.string().optional(),
  /** For the checks of a rule's output: which rule, 1-based as the form numbers them. */
  ruleNumber: z.number().int().positive().optional(),
  from: PixelSizeSchema.optional(),
  to: PixelSizeSchema.optional(),
  /** The original's bytes and the output's, estimated from a trial at reduced size. */
  bytes: z.object({ original: z.number(), output: z.number() }).optional(),
  /** The file the rule was tried on, for a warning drawn from a trial (its kind is `fileKind`). */
  sample: z.string().optional(),
  fileKind: FileKindSchema.optional(),
});
export type PlanWarning = z.infer<typeof PlanWarningSchema>;

export const PlannedUploadSchema = z.object({
  sourceId: z.string(),
  bucket: z.string(),
  originalKey: z.string(),
  /** The Pic-Operations header to send; absent for a plain upload. */
  picOperations: PicOperationsSchema.optional(),
  results: z.array(PlannedResultSchema),
  warnings: z.array(PlanWarningSchema),
  /** Why this file cannot be uploaded as planned (a bad key, an invalid Pic-Operations, a rule that fails on its kind). */
  problem: MessageRefSchema.optional(),
  /** What the engine said when a rule was tried on a file of this kind: the reason behind `problem`. */
  problemCause: MessageRefSchema.optional(),
});
export type PlannedUpload = z.infer<typeof PlannedUploadSchema>;

export function slugifyPath(relativePath: string): string {
  return relativePath
    .split("/")
    .map((segment) =>
      segment
        .normalize("NFKD")
        .replace(/[\u0300-\u036f]/g, "")
        .toLowerCase()
        .replace(/[^a-z0-9.\u4e00-\u9fff_-]+/g, "-")
        .replace(/^-+|-+$/g, ""),
    )
    .filter((segment) => segment.length > 0)
    .join("/");
}

export function originalKeyFor(
  source: PlanSource,
  options: Pick<UploadOptions, "prefix" | "naming" | "keyTemplate">,
): string {
  const path = options.naming === "slug" ? slugifyPath(source.relativePath) : source.relativePath;
  if (!options.keyTemplate) return `${options.prefix}${path}`;
  const slash = path.lastIndexOf("/");
  const named = expandKeyTemplate(options.keyTemplate, {
    fileName: path.slice(slash + 1),
    dir: slash >= 0 ? path.slice(0, slash) : undefined,
    now: source.naming?.now,
    md5: source.naming?.md5,
    random: source.naming?.random,
    uuid: source.naming?.uuid,
  });
  return `${options.prefix}${named}`;
}

/** The output format a rule asks for (the last `format` wins), for `{format}` in templates. */
export function outputFormatOf(rule: string): string | undefined {
  let format: string | undefined;
  for (const stage of parseRule(rule).pipeline.stages) {
    if (stage.kind === "imageView2" && stage.format) format = stage.format;
    if (stage.kind === "imageMogr2") {
      for (const op of stage.ops) if (op.op === "format") format = op.format;
    }
  }
  return format;
}

/** What the plan knows of each rule before planning any file: its output format and how it runs here. */
interface RuleFacts {
  format: string | undefined;
  run: LocalRun;
}

function factsOf(rules: RuleSlot[]): RuleFacts[] {
  return rules.map((slot) => ({
    format: outputFormatOf(slot.rule),
    run: howRuleRunsLocally(parseRule(slot.rule).pipeline),
  }));
}

/** Marks each result whose rule does not run exactly on this machine, before anything is sent. */
function markLocalRuns(plan: PlannedUpload, facts: RuleFacts[]): void {
  plan.results.forEach((result, index) => {
    const run = facts[index]?.run;
    if (!run || run.support === "exact") return;
    const kind = run.support === "cos-only" ? "runs-only-in-cos" : "approximated-locally";
    const operations = [
      ...new Set(run.notes.filter((note) => note.support === run.support).map((note) => note.operation)),
    ].join(", ");
    plan.warnings.push({ kind, ...result, operations });
  });
}

/** Plans one original: the Pic-Operations its rules make, and where their outputs land. */
function planOne(
  sourceId: string,
  bucket: string,
  originalKey: string,
  rules: RuleSlot[],
  facts: RuleFacts[],
  isPicInfo: boolean,
): PlannedUpload {
  const plan: PlannedUpload = { sourceId, bucket, originalKey, results: [], warnings: [] };
  const keyProblem = objectKeyProblem(originalKey);
  if (keyProblem) return { ...plan, problem: keyProblem };
  if (rules.length === 0) return plan;
  const picOperations: PicOperations = {
    isPicInfo,
    rules: rules.map((slot, index) => {
      const rule: PicOperations["rules"][number] = {
        rule: slot.rule,
        fileid: expandFileIdTemplate(slot.fileid, { key: originalKey, format: facts[index]?.format }),
      };
      if (slot.bucket && slot.bucket !== bucket) rule.bucket = slot.bucket;
      return rule;
    }),
  };
  plan.picOperations = picOperations;
  plan.results = picOperations.rules.map((rule) => ({
    bucket: rule.bucket ?? bucket,
    key: resolveFileId(originalKey, rule.fileid),
  }));
  const problem = validatePicOperations(picOperations)[0];
  if (problem) plan.problem = problem.text;
  markLocalRuns(plan, facts);
  return plan;
}

export function buildUploadPlan(sources: PlanSource[], options: UploadOptions): PlannedUpload[] {
  const facts = factsOf(options.rules);
  const plans = sources.map((source) =>
    planOne(
      source.id,
      options.bucket,
      originalKeyFor(source, options),
      options.rules,
      facts,
      options.isPicInfo,
    ),
  );
  markCollisions(plans);
  markIdentical(plans, sources);
  return plans;
}

/** Flags every file whose bytes another, earlier file of the batch already has. */
function markIdentical(plans: PlannedUpload[], sources: PlanSource[]): void {
  const firstWithBytes = new Map<string, PlannedUpload>();
  sources.forEach((source, index) => {
    const plan = plans[index];
    if (!plan || source.md5 === undefined) return;
    const first = firstWithBytes.get(source.md5);
    if (!first) {
      firstWithBytes.set(source.md5, plan);
      return;
    }
    plan.warnings.push({
      kind: "identical-in-batch",
      bucket: plan.bucket,
      key: plan.originalKey,
      sameAs: first.originalKey,
    });
  });
}

/**
 * Marks a file "already there" when the object at its original's key has its bytes: a
 * simple upload's ETag is the MD5 of its bytes (a multipart ETag is not, and never matches).
 */
export function markAlreadyThere(
  plans: PlannedUpload[],
  sources: PlanSource[],
  etagOf: (bucket: string, key: string) => string | undefined,
): void {
  const md5Of = new Map(sources.map((source) => [source.id, source.md5]));
  for (const plan of plans) {
    const md5 = md5Of.get(plan.sourceId);
    const etag = etagOf(plan.bucket, plan.originalKey);
    if (md5 !== undefined && etag !== undefined && etag.replace(/"/g, "").toLowerCase() === md5) {
      plan.warnings.push({ kind: "already-there", bucket: plan.bucket, key: plan.originalKey });
    }
  }
}

export function isAlreadyThere(plan: PlannedUpload): boolean {
  return plan.warnings.some((warning) => warning.kind === "already-there");
}

/** Plans processing of objects already in the bucket (`POST ?image_process`); sourceId is `bucket/key`. */
export function buildProcessingPlan(
  objects: { bucket: string; key: string }[],
  options: ProcessOptions,
): PlannedUpload[] {
  const facts = factsOf(options.rules);
  const plans = objects.map((object) =>
    planOne(
      `${object.bucket}/${object.key}`,
      object.bucket,
      object.key,
      options.rules,
      facts,
      options.isPicInfo,
    ),
  );
  markCollisions(plans);
  return plans;
}

/** Adds the warnings a plan can know without asking the bucket. */
function markCollisions(plans: PlannedUpload[]): void {
  const writers = new Map<string, number>();
  const id = (bucket: string, key: string) => `${bucket}\u0000${key}`;
  for (const plan of plans) {
    for (const target of [{ bucket: plan.bucket, key: plan.originalKey }, ...plan.results]) {
      const name = id(target.bucket, target.key);
      writers.set(name, (writers.get(name) ?? 0) + 1);
    }
  }
  for (const plan of plans) {
    const original = id(plan.bucket, plan.originalKey);
    for (const result of plan.results) {
      const name = id(result.bucket, result.key);
      if (name === original) {
        plan.warnings.push({ kind: "overwrites-original", ...result });
      } else if ((writers.get(name) ?? 0) > 1) {
        plan.warnings.push({ kind: "collides-in-batch", ...result });
      }
    }
    if ((writers.get(original) ?? 0) > 1 && !plan.results.some((r) => id(r.bucket, r.key) === original)) {
      plan.warnings.push({ kind: "collides-in-batch", bucket: plan.bucket, key: plan.originalKey });
    }
  }
}

/**
 * Adds `overwrites-existing` for every planned write whose key is already in the bucket;
 * a file already there with the same bytes writes nothing: it is skipped.
 */
export function markExisting(plans: PlannedUpload[], exists: (bucket: string, key: string) => boolean): void {
  for (const plan of plans) {
    if (isAlreadyThere(plan)) continue;
    for (const target of [{ bucket: plan.bucket, key: plan.originalKey }, ...plan.results]) {
      if (exists(target.bucket, target.key)) plan.warnings.push({ kind: "overwrites-existing", ...target });
    }
  }
}
