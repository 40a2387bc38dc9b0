import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { destinationUploadOptions } from "../../shared/destinations/destination-default";
import { formatMessage } from "../../shared/error-messages";
import { PicopsError } from "../../shared/errors";
import { expandKeyTemplate, keyTemplateNeedsMd5 } from "../../shared/uploads/key-template";
import type { UploadOptions } from "../../shared/uploads/options";
import { buildUploadPlan } from "../../shared/uploads/plan";
import { type InspectedFile, inspectFile } from "../uploads/intake";
import type { UploadService } from "../uploads/service";
import type { StagingArea } from "../web-host/staging";
import { failure, type PicGoAnswer, PicGoRefusal } from "./answers";
import type { EditorDestination } from "./destination";
import type { EditorRequest } from "./requests";

export interface EditorUploadsDeps {
  uploads: Pick<UploadService, "uploadAtOnce">;
  staging: Pick<StagingArea, "stageBytes" | "discard">;
  destination(): Promise<EditorDestination>;
  returns(): "original" | "output";
  /**
   * The clipboard's image as PNG, undefined when it holds none. Electron's clipboard; the
   * web host has no desktop clipboard and passes nothing.
   */
  readClipboardImage?: () => Uint8Array | undefined;
  now?: () => Date;
}

interface PreparedUpload {
  target: EditorDestination;
  /** Checked files whose `relativePath` is their key, with the headers read on the way. */
  files: InspectedFile[];
  options: UploadOptions;
}

/** A file of the request, checked as any added file is, with the name its key is made from. */
interface CheckedFile extends InspectedFile {
  name: string;
}

/**
 * Carries out an editor's upload: every file checked as a dropped one is (by content, 32 MB,
 * not damaged), named by the connection's key template, uploaded with its default preset as
 * one batch of the history, and answered with one URL per file in the order asked. Nothing is
 * uploaded unless every file passes, so the editor never gets fewer URLs than it sent files.
 */
export class EditorUploads {
  constructor(private readonly deps: EditorUploadsDeps) {}

  async upload(request: EditorRequest): Promise<PicGoAnswer> {
    const checked = await this.#check(request);
    // Until a batch holds them, staged copies are this request's own: refused, they go.
    const discard = () =>
      request.kind === "paths" ? undefined : this.deps.staging.discard(checked.map(({ file }) => file.path));
    let prepared: PreparedUpload | PicGoAnswer;
    try {
      prepared = await this.#prepare(checked);
    } catch (error) {
      await discard();
      throw error;
    }
    if ("success" in prepared) {
      await discard();
      return prepared;
    }
    try {
      return await this.#run(prepared);
    } catch (error) {
      if (!isPlanRefusal(error)) throw error;
      // Refused before a batch was made: nothing holds the staged copies but this request.
      await discard();
      return failure(`Nothing was uploaded: ${error.message}`);
    }
  }

  /** Names every file by the destination's template; refused unless every file passed its checks. */
  async #prepare(checked: CheckedFile[]): Promise<PreparedUpload | PicGoAnswer> {
    const refused = checked.filter(({ file }) => file.problem);
    if (refused.length > 0) {
      const reasons = refused.map(({ name, file }) => `${name}: ${file.problem?.message}`).join(" ");
      return failure(`Nothing was uploaded. ${reasons}`);
    }
    const target = await this.deps.destination();
    const now = (this.deps.now ?? (() => new Date()))();
    const template = target.destination.keyTemplate;
    const files: InspectedFile[] = [];
    for (const { file, header, name } of checked) {
      const md5 = keyTemplateNeedsMd5(template) ? await md5Hex(file.path) : undefined;
      const key = expandKeyTemplate(template, { fileName: name, now, md5, random: randomText });
      files.push({ file: { ...file, relativePath: key }, header });
    }
    const keys = files.map(({ file }) => file.relativePath);
    const twice = keys.find((key, index) => keys.indexOf(key) < index);
    if (twice !== undefined) {
      return failure(
        `Nothing was uploaded: two files would be stored as ${twice}. Add {md5:8} or {random:6} to the key template in Picops.`,
      );
    }
    const options = destinationUploadOptions(target.bucket, target.destination, target.presetRule);
    const unplannable = buildUploadPlan(
      files.map(({ file }) => file),
      options,
    ).find((plan) => plan.problem);
    if (unplannable?.problem) {
      const { messageId, values } = unplannable.problem;
      return failure(`Nothing was uploaded: ${unplannable.originalKey}: ${formatMessage(messageId, values)}`);
    }
    return { target, files, options };
  }

  /** One batch of the history; its failed items stay there to be retried, with their files. */
  async #run({ target, files, options }: PreparedUpload): Promise<PicGoAnswer> {
    const batch = await this.deps.uploads.uploadAtOnce(files, options, target.connectionId);
    const failed = batch.items.filter((item) => item.state !== "done");
    if (failed.length > 0) {
      const reasons = failed.map((item) => `${item.originalKey}: ${item.error?.message ?? item.state}`);
      return failure(`Picops could not upload ${reasons.join(" ")}`);
    }
    const wantsOutput = this.deps.returns() === "output";
    return {
      success: true,
      result: batch.items.map((item) => {
        const output = wantsOutput ? item.resultKeys[0] : undefined;
        return output ? target.url(output.bucket, output.key) : target.url(item.bucket, item.originalKey);
      }),
    };
  }

  async #check(request: EditorRequest): Promise<CheckedFile[]> {
    if (request.kind === "paths") return Promise.all(request.paths.map((given) => checkPath(given)));
    if (request.kind === "files") {
      return Promise.all(
        request.files.map(async ({ name, bytes }) => {
          const staged = await this.deps.staging.stageBytes(name, bytes);
          return { ...(await inspectFile(staged, name)), name };
        }),
      );
    }
    const read = this.deps.readClipboardImage;
    if (!read) {
      throw new PicGoRefusal(
        "This Picops runs without a desktop clipboard (web host): send the image's path or the file itself.",
      );
    }
    const png = read();
    if (!png) throw new PicGoRefusal("The clipboard holds no image.");
    const name = pastedName((this.deps.now ?? (() => new Date()))());
    const staged = await this.deps.staging.stageBytes(name, png);
    return [{ ...(await inspectFile(staged, name)), name }];
  }
}

/** What the plan's checks refuse (a rule the engine knows fails on a kind of file): the editor's to fix. */
function isPlanRefusal(error: unknown): error is PicopsError {
  return error instanceof PicopsError && error.code === "invalid-plan";
}

/** A path from an editor: absolute, and a file, before the checks every added file goes through. */
async function checkPath(given: string): Promise<CheckedFile> {
  const name = given.split(/[\\/]/).pop() || given;
  if (!path.isAbsolute(given)) return refusedPath(given, name, "it is not an absolute path.");
  const info = await stat(given).catch(() => undefined);
  if (info?.isDirectory()) return refusedPath(given, name, "it is a folder, not an image file.");
  return { ...(await inspectFile(given, name)), name };
}

function refusedPath(given: string, name: string, reason: string): CheckedFile {
  return {
    name: given,
    file: {
      id: given,
      path: given,
      relativePath: name,
      size: 0,
      problem: { code: "unreadable", message: `Picops cannot upload this: ${reason}` },
    },
  };
}

/** `paste-20261202-143005.png`: a clipboard image's name, from the moment it was pasted. */
function pastedName(now: Date): string {
  const two = (value: number) => String(value).padStart(2, "0");
  const day = `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}`;
  return `paste-${day}-${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}.png`;
}

function randomText(length: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  let text = "";
  for (const byte of crypto.getRandomValues(new Uint8Array(length))) text += alphabet[byte % alphabet.length];
  return text;
}

async function md5Hex(file: string): Promise<string> {
  return createHash("md5")
    .update(await readFile(file))
    .digest("hex");
}
