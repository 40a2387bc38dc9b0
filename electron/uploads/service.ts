import { randomBytes, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { LOCAL_CONNECTION_ID } from "../../shared/connections";
import { PicopsError } from "../../shared/errors";
import type { ObjectSelection } from "../../shared/ipc/channels/uploads";
import type { BatchDetail, BatchSummary } from "../../shared/uploads/batch";
import type { IntakeFile } from "../../shared/uploads/intake";
import { keyTemplateNeedsMd5 } from "../../shared/uploads/key-template";
import type { ProcessOptions, UploadOptions } from "../../shared/uploads/options";
import {
  buildProcessingPlan,
  buildUploadPlan,
  isAlreadyThere,
  markAlreadyThere,
  markExisting,
  type PlannedUpload,
} from "../../shared/uploads/plan";
import type { ConnectionClients } from "../connections/clients";
import type { PictureHeader } from "../engine/index";
import type { EventBus } from "../ipc/event-bus";
import { type BatchClient, BatchRunner } from "./batch-runner";
import { type ExistingObjects, existingObjects } from "./existing-keys";
import { exportBatch } from "./export";
import { FileNaming } from "./file-naming";
import { type InspectedFile, type IntakeSource, inspectSources } from "./intake";
import { BatchJournal, type BatchRecord, type ItemOutcome } from "./journal";
import { objectsToCheck } from "./object-headers";
import { PictureHeaders, readFileHeader } from "./picture-headers";
import {
  addPlanChecks,
  type CheckedFile,
  hasRulesToTry,
  type PlanCheckOptions,
  standInOf,
} from "./plan-checks";
import { checkedBatchKey, putRefusals, type Refusals, RememberedChecks } from "./remembered-checks";
import { resolveSelection } from "./selection";

export interface UploadServiceDeps {
  journalDir: string;
  bus: EventBus;
  clients: ConnectionClients;
  activeConnectionId(): string;
  /** Told whenever the files in use change: added, removed, replaced, or uploaded. */
  onFileUseChanged?(): void;
}

/**
 * Upload with processing: the files the designer added, the plan for them, and the
 * batches that carry them out. Batches outlive the process through their journals.
 */
export class UploadService {
  #files: IntakeFile[] = [];
  readonly #batches = new Map<string, BatchRunner>();
  readonly #naming = new FileNaming(() => randomBytes(32));
  readonly #headers = new PictureHeaders();
  readonly #checks = new RememberedChecks();

  private constructor(private readonly deps: UploadServiceDeps) {}

  /** Loads earlier batches; unfinished ones wait as "interrupted" until the designer resumes them. */
  static async open(deps: UploadServiceDeps): Promise<UploadService> {
    const service = new UploadService(deps);
    for (const stored of await BatchJournal.readAll(deps.journalDir)) {
      const runner = service.#runner(stored.record, stored.journal, stored.outcomes, stored);
      service.#batches.set(runner.id, runner);
    }
    return service;
  }

  files(): IntakeFile[] {
    return this.#files;
  }

  async addFiles(sources: IntakeSource[], signal?: AbortSignal): Promise<IntakeFile[]> {
    const inspected = await inspectSources(sources, signal);
    const added = inspected.map(({ file }) => file);
    // Adding a file again (the same place in what was dropped) replaces the earlier entry:
    // both would be uploaded to the same key.
    const replaced = new Set(added.map((file) => file.relativePath));
    const gone = this.#files.filter((file) => replaced.has(file.relativePath)).map((file) => file.id);
    this.#naming.forget(gone);
    this.#headers.forget(gone);
    // The checks at Start read these headers: they are known already.
    for (const { file, header } of inspected) if (!file.problem) this.#headers.know(file.id, header);
    this.#files = [...this.#files.filter((file) => !replaced.has(file.relativePath)), ...added];
    this.#naming.add(added.map((file) => file.id));
    this.deps.onFileUseChanged?.();
    return this.#files;
  }

  /** Files opened from outside the window (Open with…, the command line): added, then announced. */
  async openFiles(paths: string[]): Promise<void> {
    if (paths.length === 0) return;
    const files = await this.addFiles(paths.map((path) => ({ path })));
    this.deps.bus.emit("files.opened", { files });
  }

  removeFiles(ids: string[] | undefined): IntakeFile[] {
    const drop = ids ? new Set(ids) : undefined;
    const gone = this.#files.filter((file) => !drop || drop.has(file.id)).map((file) => file.id);
    this.#naming.forget(gone);
    this.#headers.forget(gone);
    this.#files = drop ? this.#files.filter((file) => !drop.has(file.id)) : [];
    this.deps.onFileUseChanged?.();
    return this.#files;
  }

  /** Every file the upload list or a batch may still read. */
  filesInUse(): Set<string> {
    const batchFiles = [...this.#batches.values()].flatMap((runner) => runner.filesStillNeeded());
    return new Set([...this.#files.map((file) => file.path), ...batchFiles]);
  }

  /** The plan for the files that passed intake, including what already exists in the bucket. */
  async plan(options: UploadOptions, signal?: AbortSignal): Promise<PlannedUpload[]> {
    const usable = this.#files.filter((file) => !file.problem);
    const sources = await this.#naming.sources(usable);
    const plans = buildUploadPlan(sources, options);
    const connectionId = this.deps.activeConnectionId();
    const client = await this.deps.clients.get(connectionId);
    // The headers are read from the disk while the bucket is asked what it holds.
    const [existing, headers] = await Promise.all([
      existingObjects(client, plans, signal),
      hasRulesToTry(options.rules) ? this.#fileHeaders(usable, signal) : [],
    ]);
    markAlreadyThere(plans, sources, etagOf(existing));
    markExisting(plans, (bucket, key) => existing(bucket, key) !== undefined);
    await addPlanChecks(
      checkedFiles(usable, plans, headers),
      options.rules,
      checkOptions(connectionId, signal),
    );
    this.#checks.remember(uploadChecksKey(connectionId, options, usable), plans);
    return plans;
  }

  #fileHeaders(files: IntakeFile[], signal?: AbortSignal) {
    return this.#headers.of(
      files.map((file) => ({ id: file.id, read: (abort) => readFileHeader(file.path, abort) })),
      signal,
    );
  }

  /**
   * Runs the plan's checks for a Start that sends what no plan was made for (a Start without
   * a plan, or with other files or rules), so that a rule the engine knows fails is refused
   * here too; a Start that sends what was just planned finds the plan's own findings
   * remembered. The checks run on plans of their own, with the batch's keys (see #planAtStart),
   * so they need not wait for the bucket's answer about what it holds: what they refuse is
   * remembered by file, and put on the batch's plans as a plan's findings are.
   */
  async #checkAtStart(
    usable: IntakeFile[],
    options: UploadOptions,
    connectionId: string,
  ): Promise<Refusals | undefined> {
    if (!hasRulesToTry(options.rules)) return undefined;
    const key = uploadChecksKey(connectionId, options, usable);
    const known = this.#checks.refusalsOf(key);
    if (known) return known;
    const [sources, headers] = await Promise.all([
      this.#naming.sources(usable, () => keysNeedMd5(options)),
      this.#fileHeaders(usable),
    ]);
    const plans = buildUploadPlan(sources, options);
    await addPlanChecks(checkedFiles(usable, plans, headers), options.rules, checkOptions(connectionId));
    return this.#checks.remember(key, plans);
  }

  async start(options: UploadOptions): Promise<BatchSummary> {
    const usable = this.#files.filter((file) => !file.problem);
    if (usable.length === 0) throw new PicopsError("nothing-to-upload", "nothing-to-upload");
    const connectionId = this.deps.activeConnectionId();
    // The bucket is asked what it holds while the checks read the files: neither waits on the other.
    const [{ sources, plans }, refusals] = await Promise.all([
      this.#planAtStart(usable, options, connectionId),
      this.#checkAtStart(usable, options, connectionId),
    ]);
    if (refusals) putRefusals(refusals, plans);
    const toSend = plans.filter((plan) => !isAlreadyThere(plan));
    if (toSend.length === 0) throw new PicopsError("nothing-to-upload", "all-already-there");
    const record = uploadRecord(sources, toSend, options, connectionId);
    // The files now belong to the batch, or are in the bucket already: the intake list is ready for the next drop.
    const summary = await this.#launch(record);
    const taken = new Set(usable.map((file) => file.id));
    this.#files = this.#files.filter((file) => !taken.has(file.id));
    this.#naming.forget(taken);
    return summary;
  }

  /**
   * The plan the batch runs. A file's MD5 costs a read of every byte, before the first byte is
   * sent, so it is read only where an answer depends on it: a key template naming `{md5}`; a
   * file whose size another file of the batch shares (identical files have equal sizes); a
   * file whose key holds an object of its size (its ETag may be the file's MD5: already there).
   */
  async #planAtStart(
    usable: IntakeFile[],
    options: UploadOptions,
    connectionId: string,
  ): Promise<{ sources: IntakeFile[]; plans: PlannedUpload[] }> {
    const everyMd5 = keysNeedMd5(options);
    // Without `{md5}` in the template, keys do not depend on MD5s: a plan without them has the final keys.
    const keyed = buildUploadPlan(await this.#naming.sources(usable, () => everyMd5), options);
    const held = options.uploadIdentical ? undefined : await this.#originalsAtStart(connectionId, keyed);
    const filesOfSize = new Map<number, number>();
    for (const file of usable) filesOfSize.set(file.size, (filesOfSize.get(file.size) ?? 0) + 1);
    const planOf = new Map(keyed.map((plan) => [plan.sourceId, plan]));
    const mayBeThere = (file: IntakeFile) => {
      const plan = planOf.get(file.id);
      return plan !== undefined && held?.(plan.bucket, plan.originalKey)?.size === file.size;
    };
    const sources = await this.#naming.sources(
      usable,
      (file) => everyMd5 || (filesOfSize.get(file.size) ?? 0) > 1 || mayBeThere(file),
    );
    const plans = buildUploadPlan(sources, options);
    if (held) markAlreadyThere(plans, sources, etagOf(held));
    return { sources, plans };
  }

  /**
   * What the bucket holds at the originals' keys, asked again at the start: it may have
   * changed since the plan was shown. When COS cannot be asked (keys refused, offline),
   * nothing is skipped: the batch's own requests meet the same refusal and stop with its
   * reason, journaled, so that Retry finishes it once the keys or the network are back.
   */
  async #originalsAtStart(
    connectionId: string,
    plans: PlannedUpload[],
  ): Promise<ExistingObjects | undefined> {
    try {
      const client = await this.deps.clients.get(connectionId);
      return await existingObjects(client, plans, undefined, "originals");
    } catch {
      return undefined;
    }
  }

  /**
   * Uploads files that never were in the upload list (an editor's request through the
   * PicGo endpoint) as a batch like any other, kept in the history, and waits for its end.
   * Each file's `relativePath` is its key in the bucket.
   */
  async uploadAtOnce(
    files: InspectedFile[],
    options: UploadOptions,
    connectionId: string,
  ): Promise<BatchDetail> {
    const runner = this.#find((await this.startAtOnce(files, options, connectionId)).id);
    await runner.settled();
    return runner.detail();
  }

  /**
   * Starts such a batch (Quick upload's files) without waiting for it: progress events follow it.
   * No plan was shown for these files, so the plan's checks run here, before any byte is sent.
   */
  async startAtOnce(
    inspected: InspectedFile[],
    options: UploadOptions,
    connectionId: string,
  ): Promise<BatchSummary> {
    const files = inspected.map(({ file }) => file);
    const plans = buildUploadPlan(files, options);
    if (hasRulesToTry(options.rules)) {
      // The headers intake read, kept for these checks only: these files never join the list.
      const known = new PictureHeaders();
      for (const { file, header } of inspected) if (header) known.know(file.id, header);
      const headers = await known.of(
        files.map((file) => ({ id: file.id, read: (abort) => readFileHeader(file.path, abort) })),
      );
      await addPlanChecks(checkedFiles(files, plans, headers), options.rules, checkOptions(connectionId));
    }
    const record = uploadRecord(files, plans, options, connectionId);
    const summary = await this.#launch(record);
    // The batch now holds its files (staged copies among them): they are in use until done.
    this.deps.onFileUseChanged?.();
    return summary;
  }

  async #launch(record: BatchRecord): Promise<BatchSummary> {
    const journal = await BatchJournal.create(this.deps.journalDir, record);
    const runner = this.#runner(record, journal);
    this.#batches.set(record.id, runner);
    runner.start();
    return runner.summary();
  }

  /** The plan for processing objects already in the bucket, with what each output would overwrite. */
  async planProcessing(
    selection: ObjectSelection,
    options: ProcessOptions,
    signal?: AbortSignal,
  ): Promise<{ plans: PlannedUpload[]; skipped: string[] }> {
    const connectionId = this.deps.activeConnectionId();
    const client = await this.deps.clients.get(connectionId);
    const { objects, skipped } = await resolveSelection(client, selection, signal);
    const plans = buildProcessingPlan(objects, options);
    const existing = await existingObjects(client, plans, signal);
    markExisting(plans, (bucket, key) => existing(bucket, key) !== undefined);
    // The originals are meant to exist: only outputs can overwrite something.
    for (const plan of plans) {
      plan.warnings = plan.warnings.filter(
        (w) => !(w.kind === "overwrites-existing" && w.key === plan.originalKey),
      );
    }
    if (hasRulesToTry(options.rules)) {
      const checked = await objectsToCheck(client, objects, plans, signal);
      await addPlanChecks(checked, options.rules, checkOptions(connectionId, signal));
    }
    this.#checks.remember(processingChecksKey(connectionId, options, objects), plans);
    return { plans, skipped };
  }

  async startProcessing(selection: ObjectSelection, options: ProcessOptions): Promise<BatchSummary> {
    const connectionId = this.deps.activeConnectionId();
    const client = await this.deps.clients.get(connectionId);
    const { objects } = await resolveSelection(client, selection);
    if (objects.length === 0) throw new PicopsError("nothing-to-process", "nothing-to-process");
    const plans = buildProcessingPlan(objects, options);
    // As for an upload: what the plan's checks refuse is refused here, whoever asks.
    const key = processingChecksKey(connectionId, options, objects);
    if (hasRulesToTry(options.rules) && !this.#checks.recall(key, plans)) {
      const checked = await objectsToCheck(client, objects, plans, undefined);
      await addPlanChecks(checked, options.rules, checkOptions(connectionId));
      this.#checks.remember(key, plans);
    }
    const refusal = planProblemError(plans);
    if (refusal) throw refusal;
    const record: BatchRecord = {
      id: newBatchId(),
      kind: "process",
      connectionId,
      createdAt: new Date().toISOString(),
      concurrency: options.concurrency,
      put: {},
      items: plans.map((plan) => ({
        id: randomUUID(),
        name: plan.originalKey,
        size: 0,
        bucket: plan.bucket,
        originalKey: plan.originalKey,
        picOperations: plan.picOperations,
        resultKeys: plan.results,
        overwritesOriginal: plan.warnings.some((warning) => warning.kind === "overwrites-original"),
      })),
    };
    return this.#launch(record);
  }

  batches(): BatchSummary[] {
    return [...this.#batches.values()].map((runner) => runner.summary()).reverse();
  }

  batch(batchId: string): BatchDetail {
    return this.#find(batchId).detail();
  }

  pause(batchId: string): BatchSummary {
    const runner = this.#find(batchId);
    runner.pause();
    return runner.summary();
  }

  resume(batchId: string): BatchSummary {
    const runner = this.#find(batchId);
    runner.start();
    return runner.summary();
  }

  cancel(batchId: string, itemIds?: string[]): BatchSummary {
    const runner = this.#find(batchId);
    runner.cancel(itemIds);
    return runner.summary();
  }

  retry(batchId: string, itemIds?: string[]): BatchSummary {
    const runner = this.#find(batchId);
    runner.retry(itemIds);
    return runner.summary();
  }

  /**
   * Removes a finished batch from the history. Its files are released (a failed item's staged
   * copy could otherwise never go); what it uploaded stays in the bucket.
   */
  async forget(batchId: string): Promise<BatchSummary[]> {
    const runner = this.#find(batchId);
    if (runner.state !== "finished") throw new PicopsError("batch-not-finished", "batch-not-finished");
    await runner.removeJournal();
    this.#batches.delete(batchId);
    this.deps.onFileUseChanged?.();
    return this.batches();
  }

  export(batchId: string, format: "csv" | "json") {
    return exportBatch(this.#find(batchId).detail(), format);
  }

  /** Pauses every running batch and waits until their journals say so: a restart finds them paused. */
  async close(): Promise<void> {
    for (const runner of this.#batches.values()) runner.pause();
    await Promise.all([...this.#batches.values()].map((runner) => runner.journalWritten()));
  }

  #find(batchId: string): BatchRunner {
    const runner = this.#batches.get(batchId);
    if (!runner) throw new PicopsError("not-found", "batch-gone");
    return runner;
  }

  #runner(
    record: BatchRecord,
    journal: BatchJournal,
    outcomes?: Map<string, ItemOutcome>,
    replayed?: { finished: boolean; paused: boolean },
  ): BatchRunner {
    const clients = this.deps.clients;
    // The client is looked up per call, so a batch resumed after a restart uses a fresh one.
    const client: BatchClient = {
      putObject: async (input) => (await clients.get(record.connectionId)).putObject(input),
      processObject: async (input) => (await clients.get(record.connectionId)).processObject(input),
      headObject: async (input) => (await clients.get(record.connectionId)).headObject(input),
    };
    return new BatchRunner(
      record,
      {
        client,
        journal,
        onProgress: (progress) => {
          this.deps.bus.emit("batches.progress", progress);
          if (progress.batch.state === "finished") this.deps.onFileUseChanged?.();
        },
      },
      outcomes,
      replayed,
    );
  }
}

/** Where the plan's checks are run against, and how their stand-ins are made. */
function checkOptions(connectionId: string, signal?: AbortSignal): PlanCheckOptions {
  return {
    destination: connectionId === LOCAL_CONNECTION_ID ? "local" : "cos",
    standIn: standInOf,
    signal,
  };
}

/** The files of an upload plan with what their headers say, in the plans' order (the files'). */
function checkedFiles(
  usable: IntakeFile[],
  plans: PlannedUpload[],
  headers: (PictureHeader | undefined)[],
): CheckedFile[] {
  return usable.map((file, index) => ({
    plan: plans[index] as PlannedUpload,
    name: file.relativePath,
    bytes: file.size,
    header: headers[index],
    read: (abort) => readFile(file.path, { signal: abort }),
  }));
}

/** Whether the originals' keys name `{md5}`: then every file's MD5 is read before its key is known. */
function keysNeedMd5(options: UploadOptions): boolean {
  return options.keyTemplate !== undefined && keyTemplateNeedsMd5(options.keyTemplate);
}

function uploadChecksKey(connectionId: string, options: UploadOptions, files: IntakeFile[]): string {
  return checkedBatchKey({ connectionId, rules: options.rules, contents: files.map((file) => file.id) });
}

/** An object's ETag changes with its bytes; a key named without a listing has none, and stands for itself. */
function processingChecksKey(
  connectionId: string,
  options: ProcessOptions,
  objects: { bucket: string; key: string; etag?: string }[],
): string {
  const contents = objects.map((object) => `${object.bucket}/${object.key}\u0002${object.etag ?? ""}`);
  return checkedBatchKey({ connectionId, rules: options.rules, contents });
}

/** The journal record of an upload batch, refused when its plan cannot be carried out. */
function uploadRecord(
  files: IntakeFile[],
  plans: PlannedUpload[],
  options: UploadOptions,
  connectionId: string,
): BatchRecord {
  const refusal = planProblemError(plans);
  if (refusal) throw refusal;
  const byId = new Map(files.map((file) => [file.id, file]));
  return {
    id: newBatchId(),
    kind: "upload",
    connectionId,
    createdAt: new Date().toISOString(),
    concurrency: options.concurrency,
    put: options.put,
    items: plans.map((plan) => {
      const file = byId.get(plan.sourceId) as IntakeFile;
      return {
        id: randomUUID(),
        name: file.relativePath,
        path: file.path,
        size: file.size,
        bucket: plan.bucket,
        originalKey: plan.originalKey,
        picOperations: plan.picOperations,
        resultKeys: plan.results,
        overwritesOriginal: plan.warnings.some((warning) => warning.kind === "overwrites-original"),
      };
    }),
  };
}

/** A batch is refused for the first file its plan cannot upload: the plan's own words, at the file's key. */
function planProblemError(plans: PlannedUpload[]): PicopsError | undefined {
  const broken = plans.find((plan) => plan.problem);
  if (!broken?.problem) return undefined;
  const { messageId, values } = broken.problem;
  return new PicopsError("invalid-plan", messageId, values, { path: [broken.originalKey] });
}

function etagOf(existing: ExistingObjects): (bucket: string, key: string) => string | undefined {
  return (bucket, key) => existing(bucket, key)?.etag;
}

function newBatchId(): string {
  return `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomUUID().slice(0, 8)}`;
}
