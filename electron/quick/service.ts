import { createHash, randomInt, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ConnectionSummary } from "../../shared/connections";
import {
  type DestinationDefault,
  destinationUploadOptions,
} from "../../shared/destinations/destination-default";
import { PicopsError } from "../../shared/errors";
import type { ConnectionList } from "../../shared/ipc/contract";
import type { Preset } from "../../shared/presets/preset";
import type { BatchSummary } from "../../shared/uploads/batch";
import { expandKeyTemplate, keyTemplateNeedsMd5 } from "../../shared/uploads/key-template";
import type { FileGrants } from "../uploads/file-grants";
import { type InspectedFile, inspectFile } from "../uploads/intake";
import type { UploadService } from "../uploads/service";

export interface QuickUploadDeps {
  grants: Pick<FileGrants, "check">;
  uploads: Pick<UploadService, "startAtOnce">;
  connections(): ConnectionList;
  /** The connection's default for files sent under `prefix` (longest matching prefix, else the connection's). */
  defaultFor(connectionId: string, prefix: string): DestinationDefault;
  presets(): Preset[];
  now?(): Date;
}

/** A given file or folder entry to send, as `files.add` takes it. */
export interface QuickSource {
  path: string;
  relativePath?: string | undefined;
}

/**
 * Quick upload (issue 16, point 6): dropped or pasted files go straight to the active
 * connection's default bucket, named and processed by its default for the prefix, as one
 * batch of their own. Files intake refuses stay out; the upload list is not touched.
 */
export class QuickUploads {
  constructor(private readonly deps: QuickUploadDeps) {}

  async start(sources: QuickSource[], prefix: string): Promise<BatchSummary> {
    this.deps.grants.check(sources.map((source) => source.path));
    const { activeId, connections } = this.deps.connections();
    const connection = connections.find((candidate) => candidate.id === activeId) as ConnectionSummary;
    if (!connection.defaultBucket) throw new PicopsError("invalid-input", "no-default-bucket");
    const destination = this.deps.defaultFor(connection.id, prefix);
    const preset =
      destination.presetId === undefined
        ? undefined
        : this.deps.presets().find((candidate) => candidate.id === destination.presetId);
    if (destination.presetId !== undefined && !preset) throw new PicopsError("not-found", "preset-gone");

    const checked = await Promise.all(
      sources.map((source) => inspectFile(source.path, source.relativePath ?? path.basename(source.path))),
    );
    const usable = checked.filter(({ file }) => !file.problem);
    if (usable.length === 0) throw new PicopsError("nothing-to-upload", "nothing-to-upload");
    const now = (this.deps.now ?? (() => new Date()))();
    const files: InspectedFile[] = [];
    for (const { file, header } of usable) {
      const md5 = keyTemplateNeedsMd5(destination.keyTemplate) ? await md5Hex(file.path) : undefined;
      const named = expandKeyTemplate(destination.keyTemplate, {
        fileName: path.posix.basename(file.relativePath),
        now,
        md5,
        random: randomText,
        uuid: randomUUID,
      });
      files.push({ file: { ...file, relativePath: `${prefix}${named}` }, header });
    }
    const options = destinationUploadOptions(connection.defaultBucket, destination, preset?.rule);
    return this.deps.uploads.startAtOnce(files, options, connection.id);
  }
}

function randomText(length: number): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join("");
}

async function md5Hex(file: string): Promise<string> {
  return createHash("md5")
    .update(await readFile(file))
    .digest("hex");
}
