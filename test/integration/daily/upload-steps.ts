import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, vi } from "vitest";
import { LOCAL_BUCKET_NAME } from "../../../shared/connections";
import type { ChannelOutput } from "../../../shared/ipc/contract";
import { defaultUploadOptions, type UploadOptions } from "../../../shared/uploads/options";
import type { PicopsWithEndpoint } from "../picgo/harness";

/** The designer's daily steps through the IPC contract, as the window takes them. */

export function options(extra: Partial<UploadOptions> = {}): UploadOptions {
  return { ...defaultUploadOptions(LOCAL_BUCKET_NAME), ...extra };
}

/** Writes the files under a fresh folder of the test and adds them to the upload list. */
export async function addFiles(
  picops: PicopsWithEndpoint,
  files: Record<string, Buffer>,
): Promise<ChannelOutput<"files.add">["files"]> {
  const folder = path.join(picops.dir, "drop");
  await mkdir(folder, { recursive: true });
  const sources = [];
  for (const [relativePath, bytes] of Object.entries(files)) {
    const file = path.join(folder, relativePath.replaceAll("/", "_"));
    await writeFile(file, bytes);
    picops.services.grantFiles([file]);
    sources.push({ path: file, relativePath });
  }
  return (await picops.call("files.add", { sources })).files;
}

export async function uploadAll(
  picops: PicopsWithEndpoint,
  uploadOptions: UploadOptions,
): Promise<ChannelOutput<"batches.detail">> {
  const { id } = await picops.call("uploads.start", { options: uploadOptions });
  await vi.waitFor(
    async () => expect((await picops.call("batches.detail", { batchId: id })).state).toBe("finished"),
    { timeout: 20_000 },
  );
  return picops.call("batches.detail", { batchId: id });
}
