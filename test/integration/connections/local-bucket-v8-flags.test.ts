import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { childProcessLauncher } from "../../../electron/connections/local-bucket-launchers";
import { LOCAL_BUCKET_V8_FLAGS } from "../../../electron/local-bucket/heap-flags";
import packageJson from "../../../package.json";

const STAND_IN = path.resolve("test/fixtures/processes/bucket-stand-in.mjs");

let folder: string | undefined;
afterEach(async () => {
  delete process.env.PICOPS_STAND_IN_REPORT;
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe("the Local bucket's V8 flags", () => {
  it("reach the process the web host forks for it", async () => {
    folder = await mkdtemp(path.join(tmpdir(), "picops-v8-flags-"));
    const report = path.join(folder, "exec-argv.json");
    // The launcher hands the child this process's environment.
    process.env.PICOPS_STAND_IN_REPORT = report;
    const bucket = await childProcessLauncher(STAND_IN)({
      root: folder,
      region: "ap-guangzhou",
      buckets: ["flags-1250000000"],
      credentials: { secretId: "AKIDflags", secretKey: "flags-secret" },
    });
    await bucket.close();
    const execArgv = JSON.parse(await readFile(report, "utf8")) as string[];
    expect(execArgv).toEqual(expect.arrayContaining([...LOCAL_BUCKET_V8_FLAGS]));
  });

  it("are given by `npm run local-bucket`, the command line other tools start it with", () => {
    const command = packageJson.scripts["local-bucket"].split(" ");
    expect(command.slice(0, 1 + LOCAL_BUCKET_V8_FLAGS.length)).toEqual(["tsx", ...LOCAL_BUCKET_V8_FLAGS]);
  });
});
